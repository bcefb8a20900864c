# syntax=docker/dockerfile:1.4
FROM debian:bookworm-slim
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl
rm -rf /var/lib/apt/lists/*
EOF
COPY <<EOF /etc/app/config.ini
[server]
port = 8080
# not a Dockerfile comment
FROM this-is-text
EOF
COPY <<-"EOT" /usr/local/bin/entry.sh
	#!/bin/sh
	echo "starting $APP_NAME"
	exec "$@"
	EOT
RUN chmod +x /usr/local/bin/entry.sh
RUN <<SETUP bash
  useradd -m app
SETUP
RUN cat <<A >/tmp/a && cat <<'B' >/tmp/b
first file
A
second $file
B
ENTRYPOINT ["/usr/local/bin/entry.sh"]
