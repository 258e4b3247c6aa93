"""Airflow assets that hand one stage over to the next (data-aware scheduling).
Names, not paths: they stay the same whatever data folder a deployment uses."""

from airflow.sdk import Asset

LANDED_ARTICLES = Asset(name="haberdar.landed_articles")
EXTRACTED_FACTS = Asset(name="haberdar.extracted_facts")
PUBLISHED_WAREHOUSE = Asset(name="haberdar.published_warehouse")
REPORT = Asset(name="haberdar.report")
