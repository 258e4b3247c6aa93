import json
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from haberdar import lake
from haberdar.landing import normalise
from haberdar.landing.decode import NotText, decode_bytes
from haberdar.landing.land import land
from haberdar.landing.readers import read_file
from haberdar.landing.records import RawArticle, Rejected
from haberdar.landing.sources import SourceError, discover

TURKISH = (
    "12 Mart 2025 Çarşamba\n\nSakarya heyeti fabrikaları gezdi\n\n"
    "Sakarya Ticaret Odası heyeti, bugün ilçedeki fabrikaları ziyaret etti ve üreticilerle bir araya geldi. "
    "Ziyarette ihracat, enerji ve istihdam konuları ele alındı. Başkan, yeni yatırımlar için çalıştıklarını söyledi."
)


def test_decode_turkish_code_pages_and_boms():
    word = "Işık Güçlü Şirketi"
    assert decode_bytes(word.encode("cp1254"))[0] == word
    assert decode_bytes(word.encode("iso-8859-9"))[0] == word
    assert decode_bytes(b"\xef\xbb\xbf" + word.encode())[0] == word
    assert decode_bytes(word.encode("utf-16"))[0] == word
    assert decode_bytes(("x" * 50 + word).encode("utf-16-le"))[0].endswith(word)


def test_decode_refuses_binary():
    with pytest.raises(NotText):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_normalise_text_folds_line_endings_and_spaces():
    assert normalise.normalise_text("a\u00a0 b\r\n\r\n\r\n\r\nc\u200b ") == "a b\n\nc"


def test_header_gives_title_and_published_date_body_does_not():
    text = normalise.normalise_text(TURKISH)
    assert normalise.published_date(text) == date(2025, 3, 12)
    assert normalise.title(text) == "Sakarya heyeti fabrikaları gezdi"
    body_only = "Heyet 5 Nisan 2024 tarihinde bir araya geldi ve görüştü."
    assert normalise.published_date(body_only) is None


def test_language_check():
    assert normalise.looks_turkish(TURKISH)
    english = "The chamber of industry met the governor today to discuss exports and new plants " * 3
    assert not normalise.looks_turkish(english)


def test_jsonl_keeps_good_lines_and_quarantines_bad_ones(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"title": "Bir", "text": "Birinci haber metni.", "published": "2024-05-01"}\n'
        "{not json\n"
        '{"title": "Metinsiz"}\n'
        '{"text": "İkinci haber metni.", "url": "https://example.org/h/2"}\n',
        encoding="utf-8",
    )
    items = read_file(path, max_bytes=10_000)
    articles = [i for i in items if isinstance(i, RawArticle)]
    rejects = [i for i in items if isinstance(i, Rejected)]
    assert [a.text for a in articles] == ["Birinci haber metni.", "İkinci haber metni."]
    assert articles[0].published_date == date(2024, 5, 1)
    assert articles[1].source_uri == "https://example.org/h/2"
    assert [r.source_uri.rsplit("#", 1)[1] for r in rejects] == ["L2", "L3"]
    assert "malformed JSON" in rejects[0].reason and "no text field" in rejects[1].reason


def test_html_main_text_without_furniture(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Site</title></head><body><nav>Anasayfa Spor Magazin</nav>"
        "<script>var reklam = 1;</script><article><h1>Tekirdağ'da fuar açıldı</h1>"
        "<p>Tekirdağ Ticaret Borsası tarafından düzenlenen tarım fuarı, bugün kapılarını açtı. "
        "Fuara yüzlerce firma katıldı ve ziyaretçiler yeni makineleri inceledi.</p></article>"
        "<div class='ads'>Hemen tıkla kazan</div></body></html>",
        encoding="utf-8",
    )
    [article] = read_file(path, max_bytes=100_000)
    assert isinstance(article, RawArticle)
    assert "Tekirdağ Ticaret Borsası" in article.text
    assert "var reklam" not in article.text and "Hemen tıkla" not in article.text


def test_oversized_file_names_the_limit_and_the_fix(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text("a" * 200)
    [item] = read_file(path, max_bytes=100)
    assert isinstance(item, Rejected)
    assert "over the 100-byte limit" in item.reason and "HABERDAR_MAX_FILE_BYTES" in item.reason


def test_discover_refuses_symlinks_out_of_the_root(tmp_path: Path):
    root, outside = tmp_path / "root", tmp_path / "secret.txt"
    root.mkdir()
    outside.write_text("gizli")
    (root / "a.txt").write_text("haber")
    (root / "README.md").write_text("docs")
    (root / "link.txt").symlink_to(outside)
    found = {Path(p).name: problem for p, problem in discover([root])}
    assert found["a.txt"] is None
    assert "outside the source folder" in found["link.txt"]
    assert "README.md" not in found
    with pytest.raises(SourceError, match="does not exist"):
        list(discover([tmp_path / "missing"]))


def test_land_is_incremental_and_idempotent(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(TURKISH, encoding="utf-8")
    (src / "a-copy.txt").write_text(TURKISH, encoding="utf-8")
    (src / "empty.txt").write_text("   \n")
    articles, quarantine = tmp_path / "lake/articles", tmp_path / "lake/quarantine"
    first = datetime(2025, 3, 12, 10, tzinfo=UTC)

    result = land([src], articles, quarantine, first, 1_000_000)
    assert (result.landed, result.quarantined) == (1, 2)
    again = land([src], articles, quarantine, first, 1_000_000)  # same logical date: same files
    assert (again.landed, again.quarantined) == (1, 2)
    later = land([src], articles, quarantine, datetime(2025, 3, 12, 11, tzinfo=UTC), 1_000_000)
    assert (later.landed, later.quarantined, later.files_read, later.files_unchanged) == (0, 0, 0, 3)

    row = pq.read_table(lake.partition_file(articles, first, 0)).to_pylist()[0]
    assert row["source_uri"].endswith("a-copy.txt") or row["source_uri"].endswith("a.txt")
    assert row["published_date"] == date(2025, 3, 12)
    reasons = sorted(pq.read_table(lake.partition_file(quarantine, first))["reason"].to_pylist())
    assert reasons[0].startswith("duplicate of") and reasons[1].startswith("empty")


def test_a_rescan_reads_only_new_or_changed_files(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(TURKISH, encoding="utf-8")
    articles, quarantine = tmp_path / "lake/articles", tmp_path / "lake/quarantine"
    land([src], articles, quarantine, datetime(2025, 3, 12, 10, tzinfo=UTC), 1_000_000)

    (src / "b.txt").write_text(TURKISH + " Toplantı yarın da sürecek.", encoding="utf-8")
    (src / "a.txt").touch()  # same bytes, new modification time: read again, not landed again
    later = land([src], articles, quarantine, datetime(2025, 3, 12, 11, tzinfo=UTC), 1_000_000)
    assert (later.files_read, later.files_unchanged, later.landed, later.already_landed) == (2, 0, 1, 1)

    # a change of permissions (an unreadable file made readable) has the file read again
    (src / "a.txt").chmod(0o600)
    chmodded = land([src], articles, quarantine, datetime(2025, 3, 12, 11, 30, tzinfo=UTC), 1_000_000)
    assert (chmodded.files_read, chmodded.files_unchanged, chmodded.already_landed) == (1, 1, 1)

    # an operator deletes the part the articles landed in: its files are read and landed again
    for part in lake.run_parts(articles, datetime(2025, 3, 12, 11, tzinfo=UTC)):
        part.unlink()
    again = land([src], articles, quarantine, datetime(2025, 3, 12, 12, tzinfo=UTC), 1_000_000)
    assert (again.files_read, again.files_unchanged, again.landed) == (1, 1, 1)


def test_a_file_list_written_by_an_older_version_has_its_files_read_again(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(TURKISH, encoding="utf-8")
    articles, quarantine = tmp_path / "lake/articles", tmp_path / "lake/quarantine"
    first = datetime(2025, 3, 12, 10, tzinfo=UTC)
    land([src], articles, quarantine, first, 1_000_000)
    [listing] = lake.run_parts(tmp_path / "lake/landed_files", first)
    pq.write_table(pq.read_table(listing).drop_columns("ctime_ns"), listing)  # as an older version wrote it
    later = land([src], articles, quarantine, datetime(2025, 3, 12, 11, tzinfo=UTC), 1_000_000)
    assert (later.files_read, later.already_landed, later.landed) == (1, 1, 0)


def test_large_runs_land_in_chunks_with_each_file_in_one_part(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("haberdar.landing.land.CHUNK_ARTICLES", 2)
    src = tmp_path / "src"
    src.mkdir()
    for n in range(5):
        (src / f"{n}.txt").write_text(f"{TURKISH} Haber numarası {n}.", encoding="utf-8")
    articles, quarantine = tmp_path / "lake/articles", tmp_path / "lake/quarantine"
    run = datetime(2025, 3, 12, 10, tzinfo=UTC)
    result = land([src], articles, quarantine, run, 1_000_000)
    parts = lake.run_parts(articles, run)
    assert result.written == [str(p) for p in parts] and len(parts) == 3
    assert [pq.ParquetFile(p).metadata.num_rows for p in parts] == [2, 2, 1]
    land([src], articles, quarantine, run, 1_000_000)  # the same run again: the same parts, not more
    assert lake.run_parts(articles, run) == parts


def test_json_file_with_a_list_of_articles(tmp_path: Path):
    path = tmp_path / "export.json"
    path.write_text(
        '[{"text": "Birinci haber."}, {"baslik": "metinsiz"}, {"body": "İkinci haber."}]', encoding="utf-8"
    )
    items = read_file(path, max_bytes=10_000)
    assert [i.text for i in items if isinstance(i, RawArticle)] == ["Birinci haber.", "İkinci haber."]
    [rejected] = [i for i in items if isinstance(i, Rejected)]
    assert rejected.source_uri.endswith("export.json#2") and "no text field" in rejected.reason


def test_a_labelled_date_line_is_the_published_date():
    text = "Yayın Tarihi: 14 Mart 2023, Salı - 10:45\n\nOda heyeti valiyi ziyaret etti\n\nMetin burada."
    assert normalise.published_date(text) == date(2023, 3, 14)


def test_terminal_escapes_and_direction_overrides_are_removed():
    text = "Oda \x1b[31mBaşkanı\x1b[0m ziyaret etti \u202eitte\u202c\x07.\nİkinci satır."
    assert normalise.normalise_text(text) == "Oda Başkanı ziyaret etti itte.\nİkinci satır."
    assert normalise.clean_line("  Başlık\u202e\n  devamı ") == "Başlık devamı"


def test_one_bad_byte_in_utf8_keeps_the_text_utf8_and_marks_the_byte():
    raw = (
        "Gümüşhane Ticaret Odası heyeti Çorum’u ziyaret etti.".encode()
        + b"\xff"
        + " Görüşme iyi geçti.".encode()
    )
    text, encoding = decode_bytes(raw)
    assert "Gümüşhane" in text and "Görüşme" in text and text.count("\ufffd") == 1
    assert encoding.startswith("utf-8")
    legacy = "Gümüşhane Ticaret Odası heyeti Çorum’u ziyaret etti.".encode("cp1254")
    assert decode_bytes(legacy) == ("Gümüşhane Ticaret Odası heyeti Çorum’u ziyaret etti.", "cp1254")


def _record(n: int, **extra) -> str:
    text = f"Bolu Valisi Ali Er, {n}. kez Düzce Ticaret ve Sanayi Odası’nı ziyaret etti ve görüştü."
    return json.dumps({"text": text, **extra}, ensure_ascii=False)


def test_records_without_a_url_are_keyed_by_content_not_position(tmp_path: Path):
    src, articles, quarantine = tmp_path / "src", tmp_path / "articles", tmp_path / "quarantine"
    src.mkdir()
    feed = src / "akis.jsonl"
    feed.write_text("\n".join([_record(1), _record(2)]))
    land([src], articles, quarantine, datetime(2025, 3, 12, 10, tzinfo=UTC), 1_000_000)
    feed.write_text("\n".join([_record(3), _record(1), _record(2)]))  # a new record at the top
    later = land([src], articles, quarantine, datetime(2025, 3, 12, 11, tzinfo=UTC), 1_000_000)
    assert (later.landed, later.quarantined) == (1, 0)  # only the new one; no false "duplicate of …#L1"
    uris = [u for part in lake.parts(articles) for u in pq.read_table(part)["source_uri"].to_pylist()]
    assert len(set(uris)) == 3


def test_two_records_under_one_url_are_two_articles(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.jsonl").write_text(
        "\n".join([_record(1, url="https://x.org/a"), _record(2, url="https://x.org/a")])
    )
    result = land(
        [src], tmp_path / "articles", tmp_path / "q", datetime(2025, 3, 12, 10, tzinfo=UTC), 1_000_000
    )
    assert (result.landed, result.quarantined) == (2, 0)


def test_a_truncated_lake_part_is_set_aside_and_rebuilt_from_its_sources(tmp_path: Path):
    src, lake_dir = tmp_path / "src", tmp_path / "lake"
    src.mkdir()
    for n in (1, 2):
        (src / f"{n}.txt").write_text(json.loads(_record(n))["text"])
    first = land(
        [src], lake_dir / "articles", lake_dir / "quarantine", datetime(2025, 3, 12, 10, tzinfo=UTC), 10**6
    )
    [part] = [Path(p) for p in first.written]
    part.write_bytes(part.read_bytes()[:100])  # a full disk, a bad copy
    [moved] = lake.set_aside_corrupt(lake_dir, tmp_path / "corrupt")
    assert not part.exists() and moved.name == part.name
    again = land(
        [src], lake_dir / "articles", lake_dir / "quarantine", datetime(2025, 3, 12, 11, tzinfo=UTC), 10**6
    )
    assert (again.files_read, again.landed) == (2, 2)  # read again from the sources


def test_a_garbage_build_database_is_set_aside(tmp_path: Path, monkeypatch):
    from haberdar.config import Settings
    from haberdar.pipeline import set_aside_corrupt_state

    monkeypatch.setenv("HABERDAR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("HABERDAR_SOURCES", raising=False)
    settings = Settings.from_env()
    settings.build_db.parent.mkdir(parents=True)
    settings.build_db.write_bytes(b"not a database at all" * 100)
    set_aside_corrupt_state(settings)
    assert not settings.build_db.exists()
    assert [p.name.split(".duckdb")[0] for p in (tmp_path / "data" / "corrupt").iterdir()] == ["warehouse"]


def test_the_outlet_is_landed_from_what_each_format_says_of_its_publisher(tmp_path: Path):
    sentence = "Sakarya Ticaret Odası heyeti bugün ilçedeki fabrikaları ziyaret etti ve üreticilerle görüştü."
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "a.jsonl").write_text(
        json.dumps({"url": "https://example.org/1", "outlet": "Körfez Gazetesi", "text": sentence}) + "\n"
        + json.dumps({"url": "https://example.org/2", "text": sentence + " Ziyaret iki saat sürdü."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    (sources / "b.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Ekonomi Haberleri</title>"
        f"<item><link>https://example.org/3</link><description>{sentence} Heyet yarın döner.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    (sources / "c.html").write_text(
        "<html><head><meta property='og:site_name' content='Marmara Postası'><title>Ziyaret</title></head>"
        f"<body><article><h1>Ziyaret</h1><p>{sentence} Fabrikalar üç vardiya çalışıyor.</p></article></body></html>",
        encoding="utf-8",
    )
    (sources / "d.txt").write_text(sentence + " Üreticiler memnun.", encoding="utf-8")
    when = datetime(2026, 11, 30, tzinfo=UTC)
    land((sources,), tmp_path / "articles", tmp_path / "quarantine", when, 100_000)
    rows = pq.read_table(lake.parts(tmp_path / "articles")).to_pylist()
    outlets = {Path(r["source_uri"]).name: r["outlet"] for r in rows}
    assert outlets == {"1": "Körfez Gazetesi", "2": None, "3": "Ekonomi Haberleri",
                       "c.html": "Marmara Postası", "d.txt": None}  # fmt: skip
