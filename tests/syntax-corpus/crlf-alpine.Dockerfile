FROM alpine:3.20
RUN apk add --no-cache \
    curl \
    tini
RUN <<EOF
echo crlf heredoc
EOF
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["sh"]
