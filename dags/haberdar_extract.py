"""Extract institutions, persons, events and agreements from newly landed articles.

Runs when `haberdar.landed_articles` is updated. Each landed partition file is
extracted by its own mapped task, so partitions run in parallel on workers.
The asset `haberdar.extracted_facts` is emitted once the output passes its gate."""

from airflow.sdk import dag, task

from haberdar.airflow_defaults import DEFAULT_ARGS, START_DATE, gate_outcome
from haberdar.assets import EXTRACTED_FACTS, LANDED_ARTICLES
from haberdar.config import Settings


@dag(
    dag_id="haberdar_extract",
    schedule=[LANDED_ARTICLES],
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["haberdar", "extraction"],
    doc_md=__doc__,
)
def haberdar_extract():
    @task
    def pending_parts() -> list[str]:
        from haberdar import pipeline

        return pipeline.list_pending(Settings.from_env())

    @task
    def extract_part(part: str) -> dict:
        from haberdar import pipeline

        return pipeline.extract(Settings.from_env(), part)

    # none_failed: with nothing to extract, what a failed gate left is still checked
    @task(outlets=[EXTRACTED_FACTS], trigger_rule="none_failed")
    def check_extracted() -> dict:
        from haberdar import pipeline

        # every part's output not yet passed: this run's, and any a failed run left
        return gate_outcome(pipeline.check_extracted)

    extract_part.expand(part=pending_parts()) >> check_extracted()


haberdar_extract()
