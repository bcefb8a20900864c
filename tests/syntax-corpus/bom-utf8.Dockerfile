# syntax=docker/dockerfile:1
FROM busybox:1.36
COPY --chmod=755 run.sh /run.sh
ENV GREETING="héllo wörld 🐳"
CMD ["/run.sh", "über"]
