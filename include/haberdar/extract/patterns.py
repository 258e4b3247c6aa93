"""Lexicon regexes with a cheap test before the search: the literal strings
every match must contain (read from the pattern itself: "toplantı" and one of
"yapıldı", "düzenlendi" …), so a sentence that lacks them is not searched. Most
sentences name no event, and Python's regex engine tries every alternative at
every position; `in` on a few literals is a fraction of that. The result of a
search is unchanged."""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]  # the parser's node types (CPython 3.11+)
from re import _parser  # type: ignore[attr-defined]
from typing import Final

MIN_NEEDLE: Final = 2  # a literal shorter than this is in nearly every sentence


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


def _required(items: list) -> list[list[str]]:
    """Groups of literals of a sequence of parsed items: every match contains one
    literal of each group (a run of literal characters, a group's beginnings)."""
    groups, run = [], ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            groups.append([run])
            run = ""
        if op is sre.SUBPATTERN and not arg[1] & re.IGNORECASE:  # a group: its items are in the sequence
            groups += _required(list(arg[3]))
        elif op is sre.BRANCH and (found := _literals([(op, arg)])) and all(found):
            groups.append(found)
        # anything else (a class, a repeat, a look-around) requires no literal: go on
    if run:
        groups.append([run])
    return groups


def needles(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """The literals of `pattern` for the test before a search, as groups one
    literal of each of which every match contains; None: search always."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    # the rarest first (longer literals are rarer); a group with a one-letter literal tells nothing
    groups = [tuple(sorted(set(g))) for g in _required(list(parsed)) if min(map(len, g)) >= MIN_NEEDLE]
    return tuple(sorted(groups, key=lambda g: -min(map(len, g)))) or None


class Pattern:
    """re.compile(pattern), searched only in a text that holds a literal of each of its groups."""

    __slots__ = ("needles", "regex")

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern)
        self.needles = needles(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        if self.needles is not None:
            for group in self.needles:
                if not any(n in text for n in group):
                    return None
        return self.regex.search(text)
