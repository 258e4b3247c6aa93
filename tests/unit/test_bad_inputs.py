"""Every kind of bad input the pipeline meets unattended: each lands correctly or
is quarantined with a reason, and the rest of the batch lands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from haberdar import lake
from haberdar.landing.deep_html import too_deep_text
from haberdar.landing.land import land
from haberdar.landing.readers import read_file
from haberdar.landing.records import Rejected
from haberdar.landing.sources import discover

RUN = datetime(2025, 6, 1, 9, tzinfo=UTC)
TEXT = (
    "Hatay Ticaret Odası heyeti İskenderun'daki fabrikaları ziyaret etti ve üreticilerle görüştü. "
    "Görüşmede ihracat, lojistik ve enerji maliyetleri ele alındı. Başkan, yatırımların sürdüğünü söyledi."
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Haberler</title>
<item><title>Fuar açıldı</title><link>https://ornek.org/h/1</link><pubDate>Mon, 02 Jun 2025 09:00:00 +0300</pubDate>
<description><![CDATA[<p>Ordu Ticaret Borsası tarafından düzenlenen fındık fuarı bugün açıldı ve ziyaretçileri ağırladı.
Fuara bölgeden çok sayıda firma katıldı.</p>]]></description></item>
<item><title>İhracat</title><link>https://ornek.org/h/2</link>
<description>Giresun Ticaret ve Sanayi Odası ihracat rakamlarını açıkladı, rakamlar geçen yıla göre arttı ve odanın üyeleri memnun.</description></item>
</channel></rss>"""


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, dict]:
    """A source folder holding one file of each kind, and where each should end up."""
    src, outside = tmp_path / "src", tmp_path / "outside"
    src.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(TEXT + " Gizli.", encoding="utf-8")
    files = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b"  \n\t \r\n ", "empty"),
        "photo.png": (PNG, "unsupported file type"),
        "photo-named-as-text.txt": (PNG, "binary content"),
        "windows-1254.txt": ((TEXT + " Işık, ğüşöç.").encode("cp1254"), "landed"),
        "iso-8859-9.txt": ((TEXT + " Işık, ğüşöç!").encode("iso-8859-9"), "landed"),
        "bom.txt": (b"\xef\xbb\xbf" + (TEXT + " BOM").encode(), "landed"),
        "utf-16.txt": ((TEXT + " UTF-16").encode("utf-16"), "landed"),
        "crlf.txt": ((TEXT + "\r\nİkinci satır.\r\n").encode(), "landed"),
        "page.html": (
            f"<html><head><script>var ad=1;</script></head><body><nav>Anasayfa Spor</nav><article><h1>Başlık burada</h1>"
            f"<p>{TEXT}</p></article><div class='ad'>Reklam burada</div></body></html>".encode(),
            "landed",
        ),
        "no-article.html": (
            b"<html><body><nav><a href='/'>Anasayfa</a></nav></body></html>",
            "no article text",
        ),
        "mixed.jsonl": (
            f'{{"text": "{TEXT} Bir."}}\n{{bozuk satir\n{{"text": "{TEXT} İki."}}\n'.encode(),
            "landed",
        ),
        "no-text.jsonl": (b'{"title": "Metni olmayan kayit"}\n', "no text field"),
        "huge.txt": ((TEXT + " ") * 200).encode(),
        "english.txt": (
            b"The chamber of commerce welcomed the delegation and discussed exports, energy prices and the new "
            b"logistics centre with the governor before visiting two factories in the industrial zone.",
            "not Turkish",
        ),
        "copy-1.txt": ((TEXT + " Kopya.").encode(), "landed"),
        "copy-2.txt": ((TEXT + " Kopya.").encode(), "duplicate of"),
        "broken.rss": (b"<rss><channel><item><title>yarim", "broken RSS/Atom feed"),
        "feed.rss": (RSS.encode(), "landed"),
    }
    expected = {}
    for name, content in files.items():
        data, outcome = content if isinstance(content, tuple) else (content, "over the")
        (src / name).write_bytes(data)
        expected[name] = outcome
    (src / "escape.txt").symlink_to(outside / "secret.txt")
    expected["escape.txt"] = "outside the source folder"
    (src / "escape-folder").symlink_to(outside)
    expected["escape-folder"] = "outside the source folder"
    (src / "dangling.txt").symlink_to(src / "gone.txt")
    expected["dangling.txt"] = "not a regular file"
    os.mkfifo(src / "pipe.txt")  # reading it would block forever
    expected["pipe.txt"] = "not a regular file"
    return src, expected


def test_each_bad_input_is_quarantined_with_a_reason_and_the_rest_lands(batch, tmp_path):
    src, expected = batch
    articles, quarantine = tmp_path / "articles", tmp_path / "quarantine"
    result = land([src], articles, quarantine, RUN, max_file_bytes=10_000)

    landed = pq.read_table(lake.partition_file(articles, RUN, 0)).to_pylist()
    rejected = pq.read_table(lake.partition_file(quarantine, RUN)).to_pylist()
    landed_files = {
        Path(r["source_uri"].split("#")[0]).name for r in landed if not r["source_uri"].startswith("http")
    }
    reasons: dict[str, list[str]] = {}
    for r in rejected:
        reasons.setdefault(Path(r["source_uri"].split("#")[0]).name, []).append(r["reason"])

    for name, outcome in expected.items():
        if outcome == "landed":
            assert name in landed_files or name == "feed.rss", (
                f"{name} should have landed; got {reasons.get(name)}"
            )
        else:
            assert any(outcome in reason for reason in reasons.get(name, [])), f"{name}: {reasons.get(name)}"
    assert [r for r in reasons.get("mixed.jsonl", []) if "malformed JSON" in r]  # the bad line, not the file
    assert sum(1 for r in landed if r["source_uri"].startswith("https://ornek.org/h/")) == 2
    assert result.landed == len(landed) and result.quarantined == len(rejected)
    for r in rejected:
        assert r["reason"] and r["quarantined_at"] and r["stage"] == "land"


def test_decoded_texts_are_clean(batch, tmp_path):
    src, _ = batch
    land([src], tmp_path / "a", tmp_path / "q", RUN, max_file_bytes=10_000)
    texts = {
        Path(r["source_uri"]).name: r["text"]
        for r in pq.read_table(lake.partition_file(tmp_path / "a", RUN, 0)).to_pylist()
    }
    assert texts["windows-1254.txt"].endswith("Işık, ğüşöç.") and texts["iso-8859-9.txt"].endswith(
        "Işık, ğüşöç!"
    )
    assert not texts["bom.txt"].startswith("\ufeff") and texts["utf-16.txt"].endswith("UTF-16")
    assert "\r" not in texts["crlf.txt"]
    assert "var ad" not in texts["page.html"] and "Reklam" not in texts["page.html"]


def test_a_rescan_reports_each_bad_file_once(batch, tmp_path):
    src, _ = batch
    land([src], tmp_path / "a", tmp_path / "q", RUN, max_file_bytes=10_000)
    later = land(
        [src], tmp_path / "a", tmp_path / "q", datetime(2025, 6, 1, 10, tzinfo=UTC), max_file_bytes=10_000
    )
    assert (later.landed, later.quarantined) == (0, 0)


def test_a_corrected_article_lands_as_a_new_version(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "haber.txt").write_text(TEXT, encoding="utf-8")
    land([src], tmp_path / "a", tmp_path / "q", RUN, 10_000)
    (src / "haber.txt").write_text(TEXT + " (Düzeltme: rakamlar güncellendi.)", encoding="utf-8")
    later = datetime(2025, 6, 1, 10, tzinfo=UTC)
    assert land([src], tmp_path / "a", tmp_path / "q", later, 10_000).landed == 1
    versions = [
        pq.read_table(lake.partition_file(tmp_path / "a", t, 0))["text"][0].as_py() for t in (RUN, later)
    ]
    assert versions[0] != versions[1] and versions[1].endswith("güncellendi.)")


def test_implausible_header_dates_are_dropped(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "eski.txt").write_text("01.01.1899\n\n" + TEXT, encoding="utf-8")
    land([src], tmp_path / "a", tmp_path / "q", RUN, 10_000)
    assert pq.read_table(lake.partition_file(tmp_path / "a", RUN, 0))["published_date"][0].as_py() is None


@pytest.mark.parametrize("content", ["", "\n\n  \n", "[]"])
def test_a_file_with_no_article_is_quarantined_not_ignored(tmp_path, content):
    path = tmp_path / "bos.json"
    path.write_text(content)
    [item] = read_file(path, 10_000_000)
    assert isinstance(item, Rejected) and "no article in this file" in item.reason


def test_one_pathological_json_line_costs_only_that_line(tmp_path):
    good = json.dumps(
        {"text": "Bolu Valisi Ali Er, Bolu Ticaret ve Sanayi Odası’nı ziyaret etti ve görüştü."}
    )
    deep = "[" * 50_000 + "]" * 50_000
    huge = '{"text": "x", "n": ' + "9" * 5_000 + "}"
    path = tmp_path / "haberler.jsonl"
    path.write_text("\n".join([good, deep, huge, good.replace("Ali", "Can")]))
    items = read_file(path, 10_000_000)
    assert [type(i).__name__ for i in items] == ["RawArticle", "Rejected", "Rejected", "RawArticle"]
    assert "nested too deeply" in items[1].reason and items[1].source_uri.endswith("#L2")


def test_a_file_swapped_after_discovery_is_refused_not_followed(tmp_path):
    src, outside = tmp_path / "src", tmp_path / "outside"
    src.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Gizli metin: Bolu Valisi Ali Er, Düzce TSO’yu ziyaret etti.")
    for name in ("link.txt", "fifo.txt"):
        (src / name).write_text("Bolu Valisi Ali Er, Düzce Ticaret ve Sanayi Odası’nı ziyaret etti.")
    discovered = {Path(p).name: Path(p) for p, problem in discover([src]) if problem is None}
    # between discovery and read: one file becomes a symlink out of the source, one a FIFO
    (src / "link.txt").unlink()
    (src / "link.txt").symlink_to(outside / "secret.txt")
    (src / "fifo.txt").unlink()
    os.mkfifo(src / "fifo.txt")
    [linked] = read_file(discovered["link.txt"], 10_000_000, (src,))
    [fifo] = read_file(discovered["fifo.txt"], 10_000_000, (src,))  # returns at once: no blocking open
    assert isinstance(linked, Rejected) and "outside the source folders" in linked.reason
    assert isinstance(fifo, Rejected) and "not a regular file" in fifo.reason


def test_a_symlink_loop_and_a_lone_surrogate_cost_only_themselves(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").symlink_to(src / "b.txt")
    (src / "b.txt").symlink_to(src / "a.txt")
    text = "Bolu Valisi Ali Er, Düzce Ticaret ve Sanayi Odası’nı ziyaret etti ve oda üyeleriyle uzun uzun görüştü."
    records = [
        json.dumps({"text": text + " \\ud800"})[:-1].replace("\\\\", "\\") + "}",
        json.dumps({"text": text + " Kars"}),
    ]
    (src / "haber.jsonl").write_text("\n".join(records))
    result = land([src], tmp_path / "articles", tmp_path / "q", datetime(2025, 1, 1, tzinfo=UTC), 10_000_000)
    assert (result.landed, result.quarantined) == (2, 2)  # both records; the two links, with the reason
    reasons = [
        r for part in (tmp_path / "q").rglob("*.parquet") for r in pq.read_table(part)["reason"].to_pylist()
    ]
    assert len(reasons) == 2 and all("Too many levels of symbolic links" in r for r in reasons)


def test_a_file_name_that_is_not_utf8_is_quarantined_and_the_rest_lands(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    text = "Bolu Valisi Ali Er, Düzce Ticaret ve Sanayi Odası’nı ziyaret etti ve oda üyeleriyle uzun uzun görüştü."
    (src / "iyi.txt").write_text(text)
    with open(os.path.join(os.fsencode(src), b"k\xf6t\xfc.txt"), "wb") as legacy_name:  # cp1254 bytes
        legacy_name.write(text.replace("Düzce", "Kars").encode())
    result = land([src], tmp_path / "articles", tmp_path / "q", datetime(2025, 1, 1, tzinfo=UTC), 10_000_000)
    assert (result.landed, result.quarantined) == (1, 1)
    reasons = [
        r for part in (tmp_path / "q").rglob("*.parquet") for r in pq.read_table(part)["reason"].to_pylist()
    ]
    assert reasons == ["file name is not valid UTF-8; rename the file (e.g. convmv -f cp1254 -t utf8)"]


SYSTEM_PYTHON = (
    "/usr/bin/python3"  # the venv's interpreter may live in root's home, out of another user's reach
)


@pytest.mark.skipif(
    os.geteuid() != 0 or not os.path.exists(SYSTEM_PYTHON), reason="needs root and a system Python"
)
def test_an_unreadable_sub_folder_costs_its_files_not_the_scan():
    # as root every folder is readable: scan as an ordinary user, as an operator's cron job would
    root = Path(tempfile.mkdtemp(prefix="haberdar-perm-"))
    try:
        root.chmod(0o755)
        (root / "iyi.txt").write_text("Bolu Valisi Ali Er, Düzce TSO’yu ziyaret etti.")
        (root / "kapali").mkdir(mode=0o000)
        script = (
            "import sys; from haberdar.landing.sources import discover; print(list(discover([sys.argv[1]])))"
        )
        found = subprocess.run(
            [SYSTEM_PYTHON, "-c", script, str(root)], user="nobody", capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "include")},
        ).stdout  # fmt: skip
        assert "iyi.txt', None" in found and "kapali', 'unreadable folder: Permission denied" in found
    finally:
        (root / "kapali").chmod(0o755)
        shutil.rmtree(root)


def test_a_feed_entry_is_read_as_the_article_it_is_scripts_dropped(tmp_path):
    body = "Bolu Valisi Ali Er, Düzce Ticaret ve Sanayi Odası’nı ziyaret etti ve oda üyeleriyle uzun uzun görüştü."
    entry = f"<p>{body}</p><script>alert(1)</script>"
    feed = tmp_path / "akis.xml"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item><title>Ziyaret</title>"
        f"<link>https://ornek.org/1</link><description><![CDATA[{entry}]]></description></item></channel></rss>"
    )
    [article] = read_file(feed, 10_000_000)
    assert article.text.strip() == body and article.source_uri == "https://ornek.org/1"


def test_a_page_nested_deeper_than_lxml_can_parse_still_gives_its_text(tmp_path):
    body = f"<p>{TEXT}</p><script>alert(1)</script>"
    page = tmp_path / "derin.html"
    page.write_text(
        f"<html><head><title>Derin</title></head><body>{'<div>' * 100_000}{body}{'</div>' * 100_000}"
    )
    [article] = read_file(page, 10_000_000)
    assert article.text.strip() == TEXT  # the text, without the script

    # a page lxml can parse gets no second reading: navigation it found no article in stays none
    menu = "<html><body><div><div><a href='/'>Anasayfa</a> <a href='/h'>Haberler</a></div></div>"
    assert too_deep_text(menu) is None


def test_every_input_is_landed_unchanged_or_quarantined(batch, tmp_path):
    src, expected = batch
    articles, quarantine = tmp_path / "a", tmp_path / "q"

    def outcomes() -> tuple[list[str], list[str]]:
        landed = [u for p in lake.parts(articles) for u in pq.read_table(p)["source_uri"].to_pylist()]
        rejected = [u for p in lake.parts(quarantine) for u in pq.read_table(p)["source_uri"].to_pylist()]
        return landed, rejected

    def origin(uri: str) -> str:  # the folder entry a record came from
        return "feed.rss" if uri.startswith("https://ornek.org/") else Path(uri.split("#")[0]).name

    first = land([src], articles, quarantine, RUN, max_file_bytes=10_000)
    landed, rejected = outcomes()
    assert {origin(u) for u in landed + rejected} == set(expected)  # every entry, and nothing else
    assert (first.landed, first.quarantined) == (len(landed), len(rejected))
    # each record once: 2 of the 3 lines of mixed.jsonl land and 1 is quarantined, both feed entries land
    assert sorted(origin(u) for u in landed + rejected).count("mixed.jsonl") == 3
    assert sorted(origin(u) for u in landed).count("feed.rss") == 2

    (src / "yeni.txt").write_text(TEXT + " Yeni bir haber.", encoding="utf-8")
    second = land([src], articles, quarantine, datetime(2025, 6, 1, 10, tzinfo=UTC), max_file_bytes=10_000)
    assert (second.landed, second.quarantined, second.already_landed) == (1, 0, 0)
    assert (second.files_read, second.files_unchanged) == (1, first.files_read)  # only the new file is read
    assert outcomes() == ([*landed, str(src / "yeni.txt")], rejected)
