"""The static HTML report of a published warehouse (haberdar report, and the
warehouse DAG's report task). See build.build_report."""
