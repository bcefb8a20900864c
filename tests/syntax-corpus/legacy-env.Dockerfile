FROM ubuntu:22.04
ENV DEBIAN_FRONTEND noninteractive
ENV LANG C.UTF-8
ENV PATH /opt/tools/bin:$PATH
RUN apt-get update && apt-get install -y \
        python3 \
        # comment lines inside a continuation are skipped
        python3-pip \

        git
VOLUME ["/var/lib/data", "/var/log/app"]
EXPOSE 8080 8443/tcp 9000/udp
HEALTHCHECK NONE
USER nobody
