"""Lexicon regexes with a cheap test before the search: the literal strings
every match must contain (read from the pattern itself: "toplantı" and one of
"yapıldı", "düzenlendi" …), so a sentence that lacks them is not searched. Most
sentences name no event, and Python's regex engine tries every alternative at
every position. The literals of every pattern are found in a text at once, by
one Aho–Corasick automaton (a text is read once, not once per literal; the same
text is asked of many patterns in a row). The result of a search is unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]  # the parser's node types (CPython 3.11+)
from re import _parser  # type: ignore[attr-defined]
from typing import Any, Final

import ahocorasick

MIN_NEEDLE: Final = 2  # a literal shorter than this is in nearly every sentence
# a pattern's rarest literals are looked for by the automaton when this long; shorter
# ones ("di", "tti") are in most sentences, many times over, and cost less to ask with `in`
AUTOMATON_NEEDLE: Final = 4


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


class _Literals:
    """The rarest literals of every pattern, and where in a text each begins (the
    last text's answer is kept: a sentence is asked of one pattern after another)."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.automaton: Any = None
        self.text: str | None = None
        self.found: dict[str, list[int]] = {}

    def add(self, group: tuple[str, ...]) -> None:
        self.words.update(group)
        self.automaton, self.text = None, None  # built again at the next question

    def starts(self, text: str) -> dict[str, list[int]]:
        """literal -> where it begins in the text, in order, for those it holds."""
        if text is not self.text:
            if self.automaton is None:
                self.automaton = ahocorasick.Automaton()
                for word in self.words:
                    self.automaton.add_word(word, word)
                self.automaton.make_automaton()
            found: dict[str, list[int]] = {}
            for end, word in self.automaton.iter(text):
                found.setdefault(word, []).append(end - len(word) + 1)
            self.found, self.text = found, text
        return self.found


_LITERALS: Final = _Literals()


class Pattern:
    """re.compile(pattern), searched only in a text that holds a literal of each of its groups."""

    __slots__ = ("anchored", "key", "needles", "regex")

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern)
        groups = needles(pattern) or ()
        # the rarest group, if the automaton looks for it; the others are asked with `in`
        self.key: tuple[str, ...] = (
            groups[0] if groups and min(map(len, groups[0])) >= AUTOMATON_NEEDLE else ()
        )
        self.needles = groups[1:] if self.key else groups
        _LITERALS.add(self.key)
        # every match begins with a literal of the key ("\bziyaret (etti|…)"): a match is
        # tried where one begins, not at every character (what search does)
        lead = _literals(list(_parser.parse(pattern)))
        self.anchored = bool(self.key) and lead is not None and set(lead) == set(self.key)

    def search(self, text: str) -> re.Match[str] | None:
        if self.key and not any(word in _LITERALS.starts(text) for word in self.key):
            return None
        return self.searched(text)

    def searched(self, text: str) -> re.Match[str] | None:
        """The search once the key is known to be there: the leftmost match."""
        for group in self.needles:
            if not any(n in text for n in group):
                return None
        if not self.anchored:
            return self.regex.search(text)
        found = _LITERALS.starts(text)
        for start in sorted(at for word in self.key for at in found.get(word, ())):
            if (m := self.regex.match(text, start)) is not None:
                return m
        return None


class Patterns:
    """Named patterns asked in order ("which kinds of event does this sentence
    tell?"): only those whose key the text holds are searched, found through an
    index from key literal to pattern, not by asking each pattern."""

    def __init__(self, named: list[tuple[str, Pattern]]) -> None:
        self.named = named
        self.always = [i for i, (_, p) in enumerate(named) if not p.key]
        self.by_key: dict[str, list[int]] = {}
        for i, (_, p) in enumerate(named):
            for word in p.key:
                self.by_key.setdefault(word, []).append(i)
        self.keys = frozenset(self.by_key)

    def _candidates(self, text: str) -> list[int]:
        found = self.keys.intersection(_LITERALS.starts(text))
        if not found:
            return self.always
        positions = set(self.always)
        for word in found:
            positions.update(self.by_key[word])
        return sorted(positions)

    def found(self, text: str) -> Iterator[tuple[str, re.Match[str]]]:
        """(name, match) of each pattern found in the text, in order."""
        for i in self._candidates(text):
            name, pattern = self.named[i]
            if (m := pattern.searched(text)) is not None:
                yield name, m

    def first_name(self, text: str) -> str | None:
        return next((name for name, _ in self.found(text)), None)
