"""Build the warehouse with dbt (through Cosmos), gate the marts, publish, and
write the HTML report of what was published.

Runs when `haberdar.extracted_facts` is updated. dbt writes the private build
database (DuckDB has one writer): one `dbt build` task, or one task per model
with HABERDAR_DBT_TASKS=model. Only a build whose marts
pass the gate replaces the published warehouse that analysts and BI tools read.
Trigger it with `{"full_refresh": true}` to rebuild dbt's incremental models anew."""

from airflow.sdk import Param, dag, task

from haberdar.airflow_defaults import DEFAULT_ARGS, START_DATE, gate_outcome
from haberdar.assets import EXTRACTED_FACTS, PUBLISHED_WAREHOUSE, REPORT
from haberdar.config import Settings
from haberdar.transform import dbt_tasks


@dag(
    dag_id="haberdar_warehouse",
    schedule=[EXTRACTED_FACTS],
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    max_active_tasks=1,  # one writer on the build database
    default_args=DEFAULT_ARGS,
    tags=["haberdar", "dbt", "warehouse"],
    params={"full_refresh": Param(False, type="boolean", description="dbt build --full-refresh")},
    doc_md=__doc__,
)
def haberdar_warehouse():
    @task
    def check_marts() -> dict:
        from haberdar import pipeline

        return gate_outcome(pipeline.check_marts)

    @task(outlets=[PUBLISHED_WAREHOUSE])
    def publish() -> dict:
        from haberdar import pipeline

        return pipeline.publish(Settings.from_env())

    @task(outlets=[REPORT])
    def report() -> dict:
        from haberdar import pipeline

        return pipeline.report(Settings.from_env())

    dbt_tasks(Settings.from_env()) >> check_marts() >> publish() >> report()


haberdar_warehouse()
