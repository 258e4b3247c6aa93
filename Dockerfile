# The official Airflow 3 image plus Haberdar's pinned dependencies and package.
ARG AIRFLOW_IMAGE=apache/airflow:3.3.2-python3.11
FROM ${AIRFLOW_IMAGE}

COPY --chown=airflow:root requirements-deploy.lock pyproject.toml README.md /opt/haberdar/
COPY --chown=airflow:root include /opt/haberdar/include
# The deployment's lock (no test tools) pins the same apache-airflow as the image,
# so pip keeps it as is; it adds the Celery and FAB providers and the Postgres driver.
RUN pip install --no-cache-dir -r /opt/haberdar/requirements-deploy.lock \
 && pip install --no-cache-dir --no-deps -e /opt/haberdar
