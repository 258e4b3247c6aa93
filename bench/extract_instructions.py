"""The extractor's cost in instructions per article (valgrind's callgrind), a
figure that, unlike seconds, does not move with what else the machine is doing:
compare two commits on it.

    .venv/bin/python bench/extract_instructions.py [--source FOLDER ...] [--json OUT]

It runs the extractor over the texts twice after a warm-up pass, and once with
the warm-up alone; the difference over two is one pass, whatever Python's
start-up and the lexicon's loading cost. Needs valgrind (Debian: valgrind).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from extract_speed import SEEDS, folder_texts, ours  # bench/, beside this script

PASSES = 2


def extract_all(texts_file: Path, passes: int) -> None:
    """The measured run (in the process valgrind starts): a warm-up pass, then `passes`."""
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    for _ in range(1 + passes):
        for text in texts:
            ours(text)


def instructions(texts_file: Path, passes: int) -> int:
    """Instructions callgrind counts for a warm-up pass plus `passes` passes."""
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={texts_file.parent}/callgrind.out",
         sys.executable, __file__, "--run", str(passes), str(texts_file)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(re.search(r"Collected : (\d+)", proc.stderr).group(1))


def per_article(texts: list[str]) -> dict:
    """One pass's instructions, per article and per character (as landed: normalised)."""
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        one_pass = (instructions(texts_file, PASSES) - instructions(texts_file, 0)) / PASSES
    chars = sum(map(len, texts))
    return {
        "articles": len(texts),
        "chars_mean": round(chars / len(texts)),
        "instructions_per_article": round(one_pass / len(texts)),
        "instructions_per_char": round(one_pass / chars, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", action="append", default=[], type=Path, help="a folder of real .txt articles"
    )
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--run", nargs=2, help=argparse.SUPPRESS)  # PASSES TEXTS_FILE: the process measured
    args = parser.parse_args()
    if args.run:
        extract_all(Path(args.run[1]), int(args.run[0]))
        return
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed: apt-get install valgrind")
    results = {}
    for folder in [SEEDS, *args.source]:
        texts = folder_texts(folder)
        if not texts:
            raise SystemExit(f"{folder}: no .txt articles; give a folder of articles as text files")
        name = "sample" if folder == SEEDS else folder.name
        results[name] = per_article(texts)
        print(f"{name}: {results[name]}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
