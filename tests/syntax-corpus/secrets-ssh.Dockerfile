# syntax=docker/dockerfile:1
# check=skip=JSONArgsRecommended
FROM alpine/git AS clone
RUN --mount=type=ssh \
    mkdir -p -m 0700 ~/.ssh && ssh-keyscan github.com >> ~/.ssh/known_hosts && \
    git clone git@github.com:example/private.git /src

FROM python:3.12-slim
RUN --mount=type=secret,id=pip_conf,target=/etc/pip.conf \
    --network=default \
    pip install private-package
COPY --from=clone --exclude=*.md --exclude=tests /src /src
CMD python /src/main.py
