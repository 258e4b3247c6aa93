"""Stage 4: Great Expectations gates on what is landed, extracted and published."""
