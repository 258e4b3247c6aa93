"""Lexicon regexes with a cheap test before the search: the literal strings one
of which every match must contain (read from the pattern itself), so a sentence
that has none of them is not searched. Most sentences name no event, and
Python's regex engine tries every alternative at every position; `in` on a few
literals is a fraction of that. The result of a search is unchanged."""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]  # the parser's node types (CPython 3.11+)
from re import _parser  # type: ignore[attr-defined]


def _literals(items: list) -> list[str] | None:
    """Strings one of which begins every match of the parsed `items`; None when
    the pattern gives no such literal (a class, a repeat, a look-around first)."""
    if not items:
        return None
    op, arg = items[0]
    if op is sre.AT:  # \b, ^: matches nothing, what follows still begins the match
        return _literals(items[1:])
    if op is sre.LITERAL:
        prefix = ""
        for item_op, item_arg in items:
            if item_op is not sre.LITERAL:
                break
            prefix += chr(item_arg)
        return [prefix]
    if op is sre.SUBPATTERN:  # a group: what begins it begins the match, unless it ignores case
        return None if arg[1] & re.IGNORECASE else _literals(list(arg[3]))
    if op is sre.BRANCH:
        found = [_literals(list(branch)) for branch in arg[1]]
        return None if any(f is None for f in found) else [s for f in found for s in f]  # type: ignore[union-attr]
    return None


def needles(pattern: str) -> tuple[str, ...] | None:
    """The literals of `pattern` for the test before a search, or None (search always)."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    found = _literals(list(parsed))
    return tuple(sorted(set(found))) if found and all(found) else None


class Pattern:
    """re.compile(pattern) that is searched only where one of its literals occurs."""

    __slots__ = ("needles", "regex")

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern)
        self.needles = needles(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        if self.needles is not None and not any(n in text for n in self.needles):
            return None
        return self.regex.search(text)
