"""Worst-case articles for the extractor: each generator writes an article of one
pathological shape at growing sizes; each article is extracted in a fresh
process, which reports its seconds and peak memory. The script fails (exit 1)
when an article over its budget: extraction must stay about linear in the
article's size (n log n at most) and its memory bounded.

    .venv/bin/python bench/hostile.py                    # all generators, up to 200,000 characters
    .venv/bin/python bench/hostile.py --sizes 50000 --only events
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable

NAMES = ["Ali Er", "Ayşe Su", "Can Ay", "Elif Kaya", "Mert Aksu", "Zeynep Ak", "Deniz Tan", "Emre Öz"]


def _until(chars: int, units: Callable[[int], str], sep: str = " ") -> str:
    """Units joined until the article reaches `chars` characters."""
    out, size = [], 0
    for i in itertools.count(1):
        unit = units(i)
        out.append(unit)
        size += len(unit) + len(sep)
        if size >= chars:
            return sep.join(out)
    raise AssertionError("unreachable")


SYLLABLES = [
    "ka",
    "ra",
    "de",
    "mir",
    "ya",
    "lı",
    "su",
    "ba",
    "te",
    "pe",
    "ça",
    "may",
    "ak",
    "ta",
    "şı",
    "ören",
]


def _word(i: int) -> str:
    """A distinct made-up place or family name for every i ("Karadeli", …): thousands
    of different names, as a real corpus has, not one name repeated."""
    out = []
    for _ in range(3):
        i, digit = divmod(i, len(SYLLABLES))
        out.append(SYLLABLES[digit])
    return ("".join(out) + ("lı" if i % 2 else "")).capitalize()


def _acronym(i: int) -> str:
    letters = []
    for _ in range(3):
        i, digit = divmod(i, 26)
        letters.append(chr(ord("A") + digit))
    return "".join(letters)


# one shape of article each, in sentences of our own, naming thousands of
# different institutions and people (as a real corpus does, not one name repeated)
GENERATORS: dict[str, Callable[[int], str]] = {
    # names chained in one sentence ("X Sanayi Odası (XSO)’nın, Y Sanayi Odası (YSO)’nın, …")
    "chained_names": lambda n: (
        _until(n, lambda i: f"{_word(i)} Sanayi Odası ({_acronym(i)}SO)’nın,") + " temsilcileri toplandı."
    ),
    # role phrases on one line ("X Belediye Başkanı Ali Y, Z Belediye Başkanı …")
    "role_phrases": lambda n: (
        _until(n, lambda i: f"{_word(i)} Belediye Başkanı {NAMES[i % len(NAMES)].split()[0]} {_word(i + 5)},")
        + " katıldı."
    ),
    # short quoted sentences
    "quoted_sentences": lambda n: _until(n, lambda i: f"“Bu {_word(i)} adımdır.” dedi."),
    # visits, one sentence each, each delegation another
    "events": lambda n: _until(
        n, lambda i: f"{_word(i)} Ticaret Odası heyeti {_word(i + 1)} Teknopark’ı ziyaret etti."
    ),
    # signings, one sentence each
    "signings": lambda n: _until(
        n,
        lambda i: (
            f"{_word(i)} Sanayi Odası ile {_word(i + 1)} Üniversitesi arasında işbirliği protokolü imzalandı."
        ),
    ),
    # one sentence with no end: every fact read from it would copy it as evidence
    "endless_sentence": lambda n: _until(n, lambda i: f"{_word(i)} Ticaret Borsası ve {_word(i + 2)} OSB"),
}

# a 200,000-character article (HABERDAR_MAX_ARTICLE_CHARS) must extract in this many
# seconds and megabytes above the process's start, and its time per character be at
# most this many times the smallest article's (1 is linear; n log n stays near 1.2;
# on a shared machine, timings of the same run differ by up to 1.5×)
BUDGET_SECONDS, BUDGET_MIB, BUDGET_GROWTH = 10.0, 512.0, 2.0


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def extract_one(generator: str, chars: int, repeat: int) -> dict:
    """Extract one generated article in this process: seconds, memory, facts."""
    from haberdar.extract.document import extract_facts
    from haberdar.extract.rows import facts_to_rows

    text = GENERATORS[generator](chars)
    extract_facts("Konya Sanayi Odası heyeti Bursa Teknopark’ı ziyaret etti.", None)  # lexicons loaded
    base = _peak_mib()
    seconds, peak, rows = [], 0.0, 0
    for _ in range(repeat):  # the best of a few: CPU time still varies on a shared machine
        gc.collect()
        started = time.process_time()
        facts = facts_to_rows("0" * 64, extract_facts(text, None))
        seconds.append(time.process_time() - started)
        peak = peak or _peak_mib() - base  # the first extraction's: later ones reuse its memory
        rows = sum(len(r) for r in facts.values())
        del facts
    return {"generator": generator, "chars": len(text), "seconds": round(min(seconds), 3),
            "peak_mib": round(peak, 1), "rows": rows}  # fmt: skip


def _run(generator: str, chars: int, timeout: float, repeat: int) -> dict:
    cmd = [sys.executable, __file__, "--one", generator, str(chars), "--repeat", str(repeat)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"generator": generator, "chars": chars, "seconds": None, "peak_mib": None, "rows": None}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _per_char(run: dict) -> float:
    return run["seconds"] / run["chars"]


def _verdicts(results: list[dict]) -> list[str]:
    over = []
    for generator, group in itertools.groupby(results, key=lambda r: r["generator"]):
        runs = list(group)
        if unfinished := [r for r in runs if r["seconds"] is None]:
            over.append(f"{generator}: {unfinished[0]['chars']} characters did not finish")
            continue
        # time per character, smallest article (timed long enough to mean something) to largest:
        # flat when linear, ×8 when quadratic over 25,000→200,000 characters
        first = next((r for r in runs if r["seconds"] >= 0.1), runs[0])
        last = runs[-1]
        if last is not first and first["seconds"] and _per_char(last) > BUDGET_GROWTH * _per_char(first):
            over.append(f"{generator}: time per character grew {_per_char(last) / _per_char(first):.1f}× from "
                        f"{first['chars']} to {last['chars']} characters (superlinear)")  # fmt: skip
        if last["seconds"] > BUDGET_SECONDS * last["chars"] / 200_000:
            over.append(f"{generator}: {last['seconds']}s for {last['chars']} characters")
        if last["peak_mib"] > BUDGET_MIB:
            over.append(f"{generator}: {last['peak_mib']} MiB for {last['chars']} characters")
    return over


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    parser.add_argument("--only", nargs="+", choices=sorted(GENERATORS), default=sorted(GENERATORS))
    parser.add_argument("--timeout", type=float, default=300, help="seconds before one article is given up")
    parser.add_argument("--repeat", type=int, default=3, help="extractions per article; the fastest counts")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--one", nargs=2, metavar=("GENERATOR", "CHARS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(extract_one(args.one[0], int(args.one[1]), args.repeat)))
        return 0
    results = []
    print(f"{'generator':<18}{'characters':>11}{'seconds':>9}{'µs/char':>9}{'peak MiB':>10}{'rows':>8}")
    for generator in args.only:
        for chars in args.sizes:
            r = _run(generator, chars, args.timeout, args.repeat)
            results.append(r)
            per_char = f"{r['seconds'] / r['chars'] * 1e6:.1f}" if r["seconds"] is not None else "—"
            seconds = r["seconds"] if r["seconds"] is not None else f">{args.timeout:g}"
            print(f"{generator:<18}{r['chars']:>11}{seconds:>9}{per_char:>9}{r['peak_mib'] or '—':>10}"
                  f"{r['rows'] or '—':>8}", flush=True)  # fmt: skip
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)
    over = _verdicts(results)
    for line in over:
        print(f"OVER BUDGET: {line}")
    print("all within budget" if not over else f"{len(over)} over budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
