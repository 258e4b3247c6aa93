# The official Airflow 3 image plus Haberdar's pinned dependencies and package.
ARG AIRFLOW_IMAGE=apache/airflow:3.3.2-python3.11
FROM ${AIRFLOW_IMAGE}

COPY --chown=airflow:root requirements-deploy.lock pyproject.toml setup.py README.md /opt/haberdar/
COPY --chown=airflow:root include /opt/haberdar/include
# A C compiler, for setup.py to compile the extractor with mypyc (without one it
# installs plain Python, about half as fast).
USER root
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
USER airflow
# The deployment's lock (no test tools) pins the same apache-airflow as the image,
# so pip keeps it as is; it adds the Celery and FAB providers and the Postgres driver.
RUN pip install --no-cache-dir -r /opt/haberdar/requirements-deploy.lock \
 && pip install --no-cache-dir --no-deps -e /opt/haberdar
