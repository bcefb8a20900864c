FROM python:3.11-alpine
MAINTAINER Platform Team <platform@example.com>
ONBUILD ARG REQUIREMENTS=requirements.txt
ONBUILD COPY ${REQUIREMENTS} /tmp/requirements.txt
ONBUILD RUN pip install -r /tmp/requirements.txt
ONBUILD COPY . /app
WORKDIR /app
CMD python -m app
