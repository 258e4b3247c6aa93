"""Text with the extracted words marked: the report's article pages and evidence
sentences. Everything that is not a mark is escaped, so an article's text can
never become markup."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int  # offsets into the text, end excluded
    end: int
    href: str | None = None
    label: str | None = None  # shown on hover: what the words were read as


def highlight(text: str, spans: list[Span]) -> Markup:
    """text with each span in <mark> (a link when it has an href). Spans that
    overlap one already marked, or fall outside the text, are left unmarked."""
    # plain str pieces joined once: Markup.format runs string.Formatter in Python,
    # the largest cost of a report of 100,000 pages
    out, at = [], 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < at or span.end > len(text) or span.start >= span.end:
            continue
        title = f' title="{escape(span.label)}"' if span.label else ""
        mark = f"<mark{title}>{escape(text[span.start : span.end])}</mark>"
        out += (
            escape(text[at : span.start]),
            f'<a href="{escape(span.href)}">{mark}</a>' if span.href else mark,
        )
        at = span.end
    out.append(escape(text[at:]))
    return Markup("".join(out))


def shift(spans: list[Span], offset: int, length: int) -> list[Span]:
    """The spans inside [offset, offset + length), counted from offset: marks of an
    article's text, moved into one of its sentences."""
    return [
        Span(s.start - offset, s.end - offset, s.href, s.label)
        for s in spans
        if s.start >= offset and s.end <= offset + length
    ]


def name_spans(text: str, names: dict[str, str]) -> list[Span]:
    """A span for every place text gives one of names (name -> label), as written:
    persons, whose places the extraction does not keep."""
    spans = []
    for name, label in names.items():
        at = text.find(name)
        while at >= 0:
            spans.append(Span(at, at + len(name), None, label))
            at = text.find(name, at + len(name))
    return spans
