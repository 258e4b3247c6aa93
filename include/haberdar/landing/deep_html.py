"""The text of a page nested deeper than lxml can parse. libxml2 stops at 256
levels of elements, so trafilatura finds no text in a page of, say, 100,000
nested divs; Python's event parser keeps no tree and has no such limit."""

from __future__ import annotations

from html.parser import HTMLParser

LXML_MAX_DEPTH = 255  # libxml2's limit without XML_PARSE_HUGE
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HIDDEN = {"script", "style", "noscript", "template", "head"}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.max_depth = self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _VOID:
            self.parts.append("\n" if tag == "br" else "")
            return
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        self.hidden += tag in _HIDDEN
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        self.hidden = max(0, self.hidden - (tag in _HIDDEN))
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def too_deep_text(html: str) -> str | None:
    """The page's visible text when it is nested too deeply for lxml, else None
    (a page lxml can parse and trafilatura found no article in has none)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    if parser.max_depth <= LXML_MAX_DEPTH:
        return None
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
