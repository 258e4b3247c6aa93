"""Bytes to text for the encodings Turkish files actually come in."""

from __future__ import annotations

import codecs


class NotText(ValueError):
    """The bytes are not a text in any encoding we accept."""


def _looks_utf16(raw: bytes) -> str | None:
    # ASCII-heavy UTF-16 without a BOM has a NUL in every other byte.
    sample = raw[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(raw: bytes) -> str | None:
    """UTF-8 text with a few broken bytes (a truncated copy, one bad byte): read as
    UTF-8, each undecodable byte marked U+FFFD, rather than the whole file as a
    legacy code page (which would turn every Turkish letter into mojibake). A
    legacy-encoded file has no valid multi-byte sequence, or far fewer than errors."""
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    decoded = sum(1 for ch in text if ord(ch) > 127) - broken
    return text if decoded >= 2 * broken else None


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 (with or without BOM), UTF-16 (BOM or not),
    then Windows-1254 and ISO-8859-9, the two legacy Turkish code pages."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    utf16 = _looks_utf16(raw)
    if utf16:
        return raw.decode(utf16, errors="replace"), utf16
    if b"\x00" in raw:
        raise NotText("binary content (NUL bytes): not a text file")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(raw)
    if mostly_utf8 is not None:
        return mostly_utf8, "utf-8 (undecodable bytes marked \ufffd)"
    # cp1254 and ISO-8859-9 agree on every printable Turkish letter; cp1254 also has
    # curly quotes in 0x80-0x9F, where ISO-8859-9 only has control characters.
    for encoding in ("cp1254", "iso-8859-9"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls / max(len(text), 1) > 0.01:
            raise NotText("binary content (control bytes): not a text file")
        return text, encoding
    raise NotText("undecodable bytes: save the file as UTF-8")
