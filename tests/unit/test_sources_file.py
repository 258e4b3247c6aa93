"""The sources file: what it lists, the defaults it sets, and the errors that name
the entry and the fix."""

from __future__ import annotations

from datetime import timedelta

import pytest

from haberdar.config import PROJECT_DIR, ConfigError
from haberdar.fetch.sources import load


def _file(tmp_path, text: str):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_and_web_sources_with_crawler_defaults_and_their_own_settings(tmp_path):
    listed = load(
        _file(
            tmp_path,
            """
[crawler]
user_agent = "TestBot/1"
seconds_between_requests = 3
max_pages = 10

[[source]]
path = "haberler"

[[source]]
outlet = "Oda"
feed = "https://oda.example.org/rss"

[[source]]
sitemap = "https://haber.example.com/sitemap.xml"
seconds_between_requests = 5
allow_private = ["10.1.0.0/16"]
every = "6h"
""",
        )
    )
    assert listed.paths == ((tmp_path / "haberler").resolve(),)
    feed, sitemap = listed.web
    assert (feed.kind, feed.outlet, feed.max_pages, feed.policy.user_agent) == (
        "feed",
        "Oda",
        10,
        "TestBot/1",
    )
    assert feed.policy.seconds_between_requests == 3 and sitemap.policy.seconds_between_requests == 5
    assert sitemap.outlet == "haber.example.com" and sitemap.policy.allow_private == ("10.1.0.0/16",)
    assert feed.every is None and sitemap.every == timedelta(hours=6)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[source]]\nfeed = 'https://a.example/rss'\nsitemap = 'https://a.example/s.xml'", "exactly one of"),
        ("[[source]]\nfeed = 'file:///etc/passwd'", r"not an http\(s\) URL"),
        ("[[source]]\nfeed = 'https://a.example/rss'\nrate = 2", "unknown setting rate"),
        ("[crawler]\nuseragent = 'x'", "unknown setting useragent"),
        ("[[source]]\nfeed = 'https://a.example/rss'\nevery = 'daily'", 'every .* write e.g. "30m"'),
        ("[[source]\npath = 'x'", "cannot read the sources file"),
    ],
)
def test_a_wrong_entry_is_named_with_what_would_fix_it(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message) as error:
        load(_file(tmp_path, text))
    assert "sources.toml" in str(error.value)


def test_the_projects_sources_file_lists_the_bundled_sample():
    listed = load(PROJECT_DIR / "sources.toml")
    assert listed.paths == (PROJECT_DIR / "seeds",) and listed.web == ()
