"""Writes the static HTML report of a published warehouse: an overview page
(charts, search, every institution), a page per institution and a page per
article. It is written beside the old report and swapped in whole, so a reader
never sees half of one; it needs no server and nothing from the network. A page
whose content is what it was in the old report is linked from it, not rendered
again: a run that adds 1% of articles renders about 1% of the article pages."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import vl_convert
from jinja2 import Environment, FileSystemLoader, select_autoescape

from haberdar.config import REPORT_ARTICLE_PAGES, ConfigError
from haberdar.failpoints import failpoint
from haberdar.report import charts, data, pages

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
VEGA_BUNDLE = "vega-embed.js"
TOP_NODES = 80  # institutions in the network: more is a hairball
# what the overview's search box covers: the newest articles' titles and the start of
# their texts (the page carries them); marts.search_articles covers everything
FINDER_ARTICLES = 2_000
PROGRESS_SECONDS = 10
MARKER = ".haberdar-report"
MANIFEST = ".haberdar-pages.json"  # each page's fingerprint: what it was rendered from


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    env.filters["date"] = lambda d: "" if pd.isna(d) else pd.Timestamp(d).strftime("%Y-%m-%d")
    env.filters["label"] = lambda s: "" if not isinstance(s, str) else s.replace("_", " ")
    return env


def _overview_specs(reader: data.Reader, institutions: pd.DataFrame) -> dict:
    top = institutions[institutions["activity"] > 0].head(TOP_NODES)
    nodes = pd.DataFrame({"institution_key": top["institution_key"], "name": top["canonical_name"],
                          "type": top["institution_type"], "href": top["institution_key"].map(pages.institution_href)})  # fmt: skip
    in_network = {"nodes": nodes[["institution_key"]]}
    provinces = reader.frame("province_activity")
    named = top.head(15).assign(href=lambda t: t["institution_key"].map(pages.institution_href))
    return {
        "network": charts.network(nodes, reader.frame("network_months", in_network),
                                  reader.frame("network_pairs", in_network)),
        "monthly": charts.monthly_activity(reader.frame("monthly_activity")),
        "map": charts.province_map(provinces),
        "institutions": charts.top_bars(named, "canonical_name", "Most active institutions", href="href"),
        "cities": charts.top_bars(provinces.head(15), "province", "Most active provinces"),
    }  # fmt: skip


def _code_version() -> str:
    """The templates and the code that renders them, with the bundle's version: when
    any of them changes, no page of an old report is reused."""
    digest = hashlib.blake2b(vl_convert.__version__.encode(), digest_size=16)
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.suffix in (".py", ".html", ".css", ".js"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


class _Writer:
    """Renders templates into the new report folder, or links a page of the old
    report whose context is the same, and counts the pages."""

    def __init__(self, root: Path, old: Path) -> None:
        self.root, self.old, self.env = root, old, _environment()
        self.version = _code_version()
        self.pages = self.reused = 0
        self.started = self.said = time.monotonic()
        self.folders: set[Path] = set()  # made already: 100,000 pages share two folders
        self.fingerprints: dict[str, str] = {}
        self.old_fingerprints = _old_fingerprints(old, self.version)

    def page(self, relative: str, template: str, **context) -> None:
        path = self.root / relative
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        fingerprint = hashlib.blake2b(repr((template, context)).encode(), digest_size=16).hexdigest()
        self.fingerprints[relative] = fingerprint
        if self.old_fingerprints.get(relative) == fingerprint and self._link(relative):
            self.reused += 1
        else:
            path.write_text(self.env.get_template(template).render(**context), encoding="utf-8")
        self.pages += 1
        if time.monotonic() - self.said >= PROGRESS_SECONDS:
            self.said = time.monotonic()
            log.info("report: %d pages written, %d of them unchanged (%.0f s)", self.pages, self.reused,
                     self.said - self.started)  # fmt: skip

    def _link(self, relative: str) -> bool:
        try:
            os.link(self.old / relative, self.root / relative)
        except OSError:  # gone, or another file system: rendered instead
            return False
        return True

    def asset(self, relative: str, content: Callable[[], str]) -> None:
        """A file that is not a page (the charts' JavaScript): the old report's when
        the code is unchanged, else content()."""
        (self.root / relative).parent.mkdir(parents=True, exist_ok=True)
        if not (self.old_fingerprints and self._link(relative)):
            (self.root / relative).write_text(content(), encoding="utf-8")

    def finish(self) -> None:
        (self.root / MANIFEST).write_text(json.dumps({"version": self.version, "pages": self.fingerprints}))


def _old_fingerprints(old: Path, version: str) -> dict[str, str]:
    try:
        manifest = json.loads((old / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}
    return manifest["pages"] if manifest.get("version") == version else {}


def build_report(warehouse: Path, out: Path, article_pages: int = REPORT_ARTICLE_PAGES) -> dict:
    """Write the report of `warehouse` to the folder `out` and return what it holds:
    a page for each institution and for the `article_pages` newest articles."""
    _check_replaceable(out)
    started = time.monotonic()
    _remove_abandoned(out)
    writer = _Writer(out.with_name(f".{out.name}.new-{os.getpid()}"), out)
    writer.asset(f"assets/{VEGA_BUNDLE}", vl_convert.javascript_bundle)
    with data.reader(warehouse) as reader:
        institutions = reader.records("institutions")
        newest = [r["article_key"] for r in reader.records("newest_articles", limit=article_pages)]
        lookups = pages.Lookups(reader, institutions, set(newest))
        finder = pd.DataFrame(pages.write_pages(writer.page, lookups, institutions, set(newest[:FINDER_ARTICLES])),
                              columns=["title", "date", "href", "search"])  # fmt: skip
        finder["date"] = finder["date"].map(writer.env.filters["date"])
        specs = _overview_specs(reader, reader.frame("institutions")) | {
            "finder": charts.article_finder(finder)
        }
        totals = reader.records("totals")[0]
    listed = [i | {"href": pages.institution_href(i["institution_key"])} for i in institutions]
    writer.page("index.html", "index.html", up="", totals=totals, specs=specs, finder_limit=len(finder),
                top_nodes=TOP_NODES, institutions=listed)  # fmt: skip
    writer.finish()
    _swap(writer.root, out)
    seconds = round(time.monotonic() - started, 1)
    log.info(
        "report: %d pages in %s, %d of them unchanged (%.1f s)", writer.pages, out, writer.reused, seconds
    )
    return {
        "report": str(out / "index.html"),
        "pages": writer.pages,
        "unchanged": writer.reused,
        "seconds": seconds,
    }


def _check_replaceable(out: Path) -> None:
    """Only a report (or nothing) is ever replaced: --out naming a folder of other
    things is refused before anything is written."""
    if out.exists() and not (out / MARKER).exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"{out} exists and is not a Haberdar report: pass an empty or new folder as --out")


def _remove_abandoned(out: Path) -> None:
    """Half-written reports (.NAME.new-PID) and replaced ones (.NAME.old-PID) of
    writers that are gone: killed before they finished or cleaned up."""
    for kind in ("new", "old"):
        for stray in out.parent.glob(f".{out.name}.{kind}-*"):
            pid = stray.name.rsplit("-", 1)[1]
            if not pid.isdigit() or int(pid) == os.getpid() or not _alive(int(pid)):
                shutil.rmtree(stray, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _swap(new: Path, out: Path) -> None:
    """Put the new report where the old one was: two renames, the old one deleted after."""
    (new / MARKER).write_text("a Haberdar report: `haberdar report` replaces this folder whole\n")
    failpoint("report.before_swap")
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
