"""The report's pages: marks in the right places, text that never becomes markup,
the search box folding words as the SQL search does."""

from __future__ import annotations

import re

from haberdar.report.build import _environment
from haberdar.report.charts import FOLD_STEPS
from haberdar.report.highlight import Span, highlight, name_spans, shift

TEXT = "Kayseri Sanayi Odası Başkanı Ayşe Demir, KAYSO’nun yeni binasında konuştu."


def test_a_span_is_marked_and_linked_and_the_rest_escaped():
    html = highlight("<b>" + TEXT, [Span(3, 23, "../institutions/k.html", "Kayseri Sanayi Odası")])
    assert html.startswith("&lt;b&gt;")
    assert (
        '<a href="../institutions/k.html"><mark title="Kayseri Sanayi Odası">Kayseri Sanayi Odası</mark></a>'
        in html
    )


def test_overlapping_and_out_of_range_spans_are_left_unmarked():
    spans = [Span(0, 20), Span(8, 14), Span(70, 500), Span(5, 5)]
    html = highlight(TEXT, spans)
    assert html.count("<mark>") == 1
    assert re.sub(r"<[^>]+>", "", html) == TEXT


def test_a_label_with_quotes_cannot_leave_its_attribute():
    html = highlight(TEXT, [Span(0, 7, None, 'x" onmouseover="alert(1)')])
    assert 'onmouseover="' not in html and "&#34;" in html


def test_marks_of_an_article_move_into_its_sentence():
    sentence_start = TEXT.index("Ayşe")
    moved = shift([Span(0, 20), Span(sentence_start, sentence_start + 10)], sentence_start, 20)
    assert moved == [Span(0, 10)]


def test_every_place_a_person_is_named_is_found():
    text = "Ayşe Demir konuştu. Ayşe Demir’e teşekkür edildi."
    assert [(s.start, s.end) for s in name_spans(text, {"Ayşe Demir": "Ayşe Demir, Başkan"})] == [
        (0, 10),
        (20, 30),
    ]


def test_an_article_page_shows_a_hostile_title_as_text():
    page = _environment().get_template("article.html").render(
        up="../", key="k", article={"title": "<img src=x onerror=alert(1)>", "published_date": None,
                                    "source_uri": "javascript:alert(1)"},
        text_html=highlight("metin", []), events=[], agreements=[],
    )  # fmt: skip
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page  # only http(s) sources become links


def _fold_like_the_page(query: str) -> str:
    """The search box's folding (FOLD_STEPS), as the browser runs it."""
    text = query.lower()  # JavaScript's toLowerCase, like Python's, leaves İ as i + U+0307
    for pattern, replacement in FOLD_STEPS:
        text = re.sub(pattern, replacement, text)
    return text.strip()


def test_the_search_box_folds_turkish_letters_and_drops_case_endings():
    assert _fold_like_the_page("İSTANBUL’da") == "istanbul"
    assert _fold_like_the_page("Işık Üniversitesi'nin") == "isik universitesi"
    assert _fold_like_the_page("Çağrı Şahin-Öztürk") == "cagri sahin ozturk"
