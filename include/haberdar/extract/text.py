"""Sentences and tokens with character offsets. A token keeps its apostrophe
suffix apart ("ASO’nun" -> base "ASO", suffix "’nun"), because a suffix ends a
name in Turkish."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from haberdar import turkish
from haberdar.extract.lexicon import function_words
from haberdar.extract.morphology import APOSTROPHE_CLASS, SPACED_APOSTROPHE

# Abbreviations whose full stop ends no sentence ("Prof.", "Ltd."): function_words.csv.
ABBREVIATIONS: Final = frozenset(function_words()["abbreviation"])
_TOKEN: Final = re.compile(
    r"""
    (?P<company>A\.\s?Ş\.|Ltd\.\s?Şti\.)                         # company forms
   |(?P<initial>\b[A-ZÇĞİÖŞÜ]\.(?=\s+[A-ZÇĞİÖŞÜ][a-zçğıöşü]))     # "M. Emin Aksoy"
   |(?P<ordinal>\d{1,3}\.(?=\s+\w|[A-ZÇĞİÖŞÜ]))                   # "2. OSB", "93. İzmir", "1.OSB"
   |(?P<word>[^\W_]+(?:[-&][^\W_]+)*\.?(?:{spaced}|[’'´`][^\W\d_]+)?)  # words, with an optional suffix
   |(?P<punct>[^\w\s])
    """.replace("{spaced}", SPACED_APOSTROPHE),
    re.VERBOSE,
)
_APOSTROPHE: Final = re.compile(APOSTROPHE_CLASS)
_APOSTROPHES: Final = tuple(turkish.APOSTROPHES)
# marks that are a token of their own next to letters ("-", "&" and apostrophes join them;
# a full stop may be part of the word before it: see _plain)
_LEADING: Final = '(“«["'
_TRAILING: Final = ',;:)”»]!?."'
_SUFFIX_MARKS: Final = "’'´`"  # the apostrophes the regex reads a suffix after ("ASO’nun")
_LETTER_APOSTROPHE: Final = "ʼ"  # a letter to str.isalpha(), an apostrophe to the regex
_QUOTES: Final = {"“": "”", "«": "»", '"': '"'}
_QUOTE_MARKS: Final = re.compile("[" + re.escape("".join(_QUOTES) + "".join(_QUOTES.values())) + "]")


class Token:
    """A word or punctuation mark. What the rules ask of a token is computed once,
    here, not at every question: tokens are read many times per article. (A plain
    slotted class: tokens are made by the hundred per article, and a frozen
    dataclass costs several times more to build.)"""

    __slots__ = ("base", "end", "is_acronym", "is_cap", "is_word", "key", "lower", "start", "suffix", "text")

    def __init__(self, text: str, start: int, end: int, base: str, suffix: str) -> None:
        self.text, self.start, self.end, self.base, self.suffix = text, start, end, base, suffix
        self.is_word, self.is_cap, self.is_acronym, self.lower, self.key = _word_facts(base)

    @property
    def base_end(self) -> int:
        """Where the word ends without its suffix ("Şarbak 'ın" -> after "Şarbak")."""
        return self.start + len(self.base)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end) == (
            other.text,
            other.start,
            other.end,
        )

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))


WordFacts = tuple[bool, bool, bool, str, str]  # is a word, capitalised, an acronym; lower case; key
_WORDS: Final[dict[str, WordFacts]] = {}


def _word_facts(base: str) -> WordFacts:
    """What a word is, once per distinct word: articles repeat their words."""
    facts = _WORDS.get(base)
    if facts is None:
        letters = [c for c in base if c.isalpha()]
        acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
        facts = (base[:1].isalnum(), base[:1].isupper(), acronym, turkish.lower(base), turkish.key(base))
        turkish.remember(_WORDS, base, facts)
    return facts


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[Token]
    is_heading: bool = False
    in_quote: bool = False


@lru_cache(maxsize=turkish.MAX_REMEMBERED)
def _split_word(raw: str) -> tuple[str, str, str, bool]:
    """(word, base, suffix, a full stop split off) for a word as the tokenizer
    matched it, once per distinct word."""
    stop = raw.endswith(".") and raw[:-1] not in ABBREVIATIONS
    word = raw[:-1] if stop else raw  # a full stop, not part of the word
    split = _APOSTROPHE.search(word)
    if split:  # "Şarbak 'ın": the base without the space, the suffix without spaces
        return word, word[: split.start()].rstrip(), "".join(word[split.start() :].split()), stop
    return word, word, "", stop


def _regex_tokens(text: str, start: int, end: int, offset: int, tokens: list[Token]) -> None:
    """The tokens of the matches that begin in text[start:end] (lookaheads see the
    whole text, so "M." before "Emin" is an initial wherever the region ends)."""
    for m in _TOKEN.finditer(text, start):
        if m.start() >= end:
            break
        kind, raw, at = m.lastgroup, m.group(), offset + m.start()
        if kind == "word":
            word, base, suffix, stop = _split_word(raw)
            tokens.append(Token(word, at, at + len(word), base, suffix))
            if stop:
                tokens.append(Token(".", at + len(word), at + len(word) + 1, ".", ""))
        else:
            tokens.append(
                Token(raw, at, at + len(raw), raw.replace(" ", "") if kind == "company" else raw, "")
            )


def _plain(chunks: list[str], i: int, spaced: bool) -> tuple[int, int, int] | None:
    """Where the word of chunk i (of a line split at spaces) begins, where its
    suffix begins ("ASO’nun"; its end if none) and where it ends, when the chunk
    is letters, with at most one apostrophe suffix, and punctuation that stands
    alone before and after them ("(BTB)", "Odası,", "etti.") and no apostrophe
    joins it to a neighbour ("Şarbak ’ın", "Şarbak’ ın"): the tokens the regex
    would give. Else None (the regex reads it). `spaced`: does the line hold an
    apostrophe next to a space at all (most lines do not)?"""
    chunk = chunks[i]
    if chunk.isalpha() and _LETTER_APOSTROPHE not in chunk:
        start, end = 0, len(chunk)
        suffix = end
    else:
        core = chunk.lstrip(_LEADING)
        start = len(chunk) - len(core)
        core = core.rstrip(_TRAILING)
        end = start + len(core)
        suffix = _suffix_start(core)
        if suffix < 0:
            return None
        suffix += start
        # "Prof.", "M. Emin", "Ltd. Şti.": the full stop may belong to the word
        if suffix == end < len(chunk) and chunk[end] == "." and (end - start == 1 or core in ABBREVIATIONS):
            return None
    if spaced:
        if chunk[end:] in ("", ".") and i + 1 < len(chunks) and chunks[i + 1].startswith(_APOSTROPHES):
            return None
        if start == 0 and i > 0 and chunks[i - 1].endswith(_APOSTROPHES):
            return None
    return start, suffix, end


def _suffix_start(core: str) -> int:
    """Where the apostrophe of a word of letters with one suffix begins ("ASO’nun":
    3), len(core) for letters alone, -1 for anything else."""
    if _LETTER_APOSTROPHE in core:
        return -1
    if core.isalpha():
        return len(core)
    for mark in _SUFFIX_MARKS:
        k = core.find(mark)
        if k > 0:
            return k if core[:k].isalpha() and core[k + 1 :].isalpha() else -1
    return -1


def _spaced_apostrophe(text: str) -> bool:
    """Is there an apostrophe next to a space ("Şarbak ’ın")? (Each apostrophe is
    looked for alone: finding one character is many times faster than two.)"""
    for mark in _APOSTROPHES:
        k = text.find(mark)
        while k >= 0:
            if (k > 0 and text[k - 1] == " ") or text[k + 1 : k + 2] == " ":
                return True
            k = text.find(mark, k + 1)
    return False


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (with their suffix apart) and punctuation marks. Most words are
    letters between spaces and are cut at the spaces; the regex reads the rest
    (numbers, abbreviations, apostrophes, full stops) and gives the same tokens."""
    tokens: list[Token] = []
    chunks = text.split(" ")
    spaced = _spaced_apostrophe(text)
    slow_from = -1  # where the run of chunks left to the regex began
    position = 0
    for i, chunk in enumerate(chunks):
        word = _plain(chunks, i, spaced) if chunk else None
        if word is not None:
            if slow_from >= 0:
                _regex_tokens(text, slow_from, position, offset, tokens)
                slow_from = -1
            _chunk_tokens(chunk, word, offset + position, tokens)
        elif chunk and slow_from < 0:
            slow_from = position
        position += len(chunk) + 1
    if slow_from >= 0:
        _regex_tokens(text, slow_from, len(text), offset, tokens)
    return tokens


def _chunk_tokens(chunk: str, word: tuple[int, int, int], at: int, tokens: list[Token]) -> None:
    """The marks before the word, the word, the marks after it: a token each."""
    start, suffix, end = word
    for k in range(start):
        tokens.append(Token(chunk[k], at + k, at + k + 1, chunk[k], ""))
    tokens.append(Token(chunk[start:end], at + start, at + end, chunk[start:suffix], chunk[suffix:end]))
    for k in range(end, len(chunk)):
        tokens.append(Token(chunk[k], at + k, at + k + 1, chunk[k], ""))


def _is_heading(line: str, tokens: list[Token], first: bool) -> bool:
    """A line without a final full stop that is the article's first (its title,
    however it is cased) or is title-cased (a cross-head)."""
    words = [t for t in tokens if t.is_word and not t.base.isdigit()]
    if not words or len(words) > 20 or line.rstrip().endswith((".", ":", ";", "!", "?", "”", '"')):
        return False
    capitalised = sum(1 for t in words if t.is_cap)
    return first or (len(words) <= 16 and capitalised / len(words) >= 0.6)


def _sentence_ends(line: str, tokens: list[Token]) -> list[int]:
    """Token indices after which a sentence ends inside one line."""
    ends = []
    for i, tok in enumerate(tokens[:-1]):
        if tok.text in {".", "!", "?"}:
            nxt = tokens[i + 1]
            if nxt.is_cap or nxt.text in _QUOTES or nxt.text in "“\"'(":
                ends.append(i)
    return ends


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    stack: tuple[int, str] | None = None  # the open quote: where, and the mark that closes it
    for m in _QUOTE_MARKS.finditer(text):
        i, ch = m.start(), m.group()
        # a quote left open ends with its paragraph: "… OSB' kategorisinde"
        if stack is not None and (line_end := text.find("\n", stack[0], i)) >= 0:
            spans.append((stack[0], line_end))
            stack = None
        if stack is None and ch in _QUOTES:
            stack = (i, _QUOTES[ch])
        elif stack is not None and ch == stack[1]:
            spans.append((stack[0], i))
            stack = None
    if stack is not None:  # an unclosed quote runs to the end of its paragraph
        end = text.find("\n", stack[0])
        spans.append((stack[0], end if end >= 0 else len(text)))
    return spans


def _quoted_share(start: int, end: int, quotes: list[tuple[int, int]]) -> float:
    """How much of text[start:end] lies inside quotation marks. A sentence quoting
    a programme's title ("… “Sanayinin Geleceği” konulu program …") is no quote.
    The spans are sorted and disjoint: only those between two bisections overlap."""
    first = bisect.bisect_left(quotes, (start, -1)) - 1
    inside = 0
    for a, b in quotes[max(first, 0) : bisect.bisect_right(quotes, (end, end))]:
        inside += max(0, min(b, end) - max(a, start))
    return inside / max(end - start, 1)


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    quotes = _quote_spans(text)
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        tokens = tokenize(line, line_start)
        if not tokens:
            continue
        heading = _is_heading(line, tokens, first=not sentences)
        bounds, first = [*_sentence_ends(line, tokens), len(tokens) - 1], 0
        for last in bounds:
            toks = tokens[first : last + 1]
            first = last + 1
            if not toks:
                continue
            start, end = toks[0].start, toks[-1].end
            in_quote = bool(quotes) and _quoted_share(start, end, quotes) > 0.5
            sentences.append(Sentence(len(sentences), start, end, text[start:end], toks, heading, in_quote))
    return sentences
