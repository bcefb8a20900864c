FROM alpine:3.20
ARG USER=tools
ARG UID=10001
RUN set -eux; \
    apk add --no-cache bash curl jq git openssh-client; \
    adduser -D -u "$UID" "$USER"
ADD --chmod=755 https://example.com/releases/tool-linux-amd64 /usr/local/bin/tool
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/data.tar.gz /data/
COPY --link --chmod=0644 ./conf/ /etc/tools/
LABEL maintainer="tools@example.com" version="2.1"
USER ${USER}
WORKDIR /home/${USER}
ENTRYPOINT ["/bin/bash", "-lc"]
CMD ["tool --help"]
