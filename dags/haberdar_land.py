"""Fetch what is new from the web sources (feeds, sitemaps, pages), land new
articles from every source as Parquet, then gate them.

Runs hourly. A file already landed is skipped; a bad one is quarantined with a
reason (marts.fct_quarantine) and never stops the others. The asset
`haberdar.landed_articles` is emitted only when new articles passed the gate."""

from airflow.sdk import dag, get_current_context, task

from haberdar.airflow_defaults import DEFAULT_ARGS, START_DATE, gate_outcome, run_time
from haberdar.assets import LANDED_ARTICLES
from haberdar.config import Settings


@dag(
    dag_id="haberdar_land",
    schedule="@hourly",
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["haberdar", "landing"],
    doc_md=__doc__,
)
def haberdar_land():
    @task
    def web_hosts() -> list[str]:
        from haberdar import pipeline

        return pipeline.web_hosts(Settings.from_env())

    # hosts in parallel, each at its own polite pace; a host that is down is tried
    # again after a doubling wait; the UI names each mapped task by its host
    @task(
        max_active_tis_per_dag=4,
        retry_exponential_backoff=2,
        map_index_template="{{ task.op_kwargs['host'] }}",
    )
    def fetch(host: str) -> dict:
        from haberdar import pipeline

        return pipeline.fetch(Settings.from_env(), run_time(get_current_context()), host)

    @task(
        trigger_rule="all_done"
    )  # a host that is down (its fetch fails, to be retried) stops no other source
    def land() -> dict:
        from haberdar import pipeline

        return pipeline.land_articles(Settings.from_env(), run_time(get_current_context()))

    @task(outlets=[LANDED_ARTICLES])
    def check_landed() -> dict:
        from haberdar import pipeline

        # every landed part not yet passed: this run's, and any a failed run left
        return gate_outcome(pipeline.check_landed)

    fetch.expand(host=web_hosts()) >> land() >> check_landed()


haberdar_land()
