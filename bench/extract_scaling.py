"""Extraction stage throughput with 1, 2, … processes over the same landed
parts (Parquet in, Parquet out): how extraction scales with cores.

    .venv/bin/python bench/extract_scaling.py --lake /tmp/haberdar-bench/10000/warehouse.haberdar/lake
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from haberdar import lake
from haberdar.extract.stage import extract_part


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", required=True, help="a data folder's lake/, as a benchmark run leaves it")
    parser.add_argument("--parts", type=int, default=2, help="how many landed part files to extract")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    args = parser.parse_args()
    articles = Path(args.lake) / "articles"
    parts = [p for p in lake.parts(articles) if pq.ParquetFile(p).metadata.num_rows][: args.parts]
    count = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
    for processes in args.processes:
        os.environ["HABERDAR_PROCESSES"] = str(processes)
        out = Path(tempfile.mkdtemp())
        started = time.perf_counter()
        for part in parts:
            extract_part(part, articles, out / "extracted", out / "quarantine")
        seconds = time.perf_counter() - started
        shutil.rmtree(out)
        print(
            f"{processes} process(es): {count} articles in {seconds:.1f}s, {count / seconds:.0f} articles/s"
        )


if __name__ == "__main__":
    main()
