"""Stage 1: find raw articles, read and normalise them, land them as Parquet."""
