"""What a failed `dbt build` child process says: the failed nodes, by name."""

from haberdar.dbt_build import failures


def test_a_failed_build_names_each_failed_test_and_model_with_its_reason():
    output = [
        "\x1b[0m10:00:01  12 of 40 FAIL 3 unique_dim_city_city_key .......... [\x1b[31mFAIL 3\x1b[0m in 0.1s]",
        "10:00:02  Completed with 2 errors, 0 partial successes, and 0 warnings:",
        "10:00:02  \x1b[31mFailure in test unique_dim_city_city_key (models/marts/_marts.yml)\x1b[0m",
        "10:00:02    Got 3 results, configured to fail if != 0",
        "10:00:02  ",
        "10:00:02  \x1b[31mRuntime Error in model fct_visit (models/marts/fct_visit.sql)\x1b[0m",
        "10:00:02    Binder Error: column x not found",
        "10:00:02  Done. PASS=38 WARN=0 ERROR=2 SKIP=0 TOTAL=40",
    ]
    assert failures(output).splitlines() == [
        "unique_dim_city_city_key: Got 3 results, configured to fail if != 0",
        "fct_visit: Binder Error: column x not found",
    ]


def test_without_a_summary_the_last_lines_say_what_happened():
    output = ["10:00:00  Running with dbt=1.11", "10:00:01  Encountered an error:", "10:00:01  Disk full"]
    assert failures(output) == "Running with dbt=1.11\nEncountered an error:\nDisk full"
