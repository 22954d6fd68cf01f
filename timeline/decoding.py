"""A document's bytes → its text, and the encoding that made it.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32), then UTF-8, then charset-normalizer's
detection. Among single-byte readings it finds equally plausible, Windows-1252 wins — the
encoding browsers assume for unlabelled Western pages — so "café" in an old Latin-1 archive
does not come out as Baltic "cafķ". Empty, binary and undecodable input raises
:class:`~timeline.errors.DocumentError` with one line naming the file.

>>> decode_bytes("Pjöngjang, 2. Oktober".encode("cp1252"), "a.txt")
('Pjöngjang, 2. Oktober', 'windows-1252')
>>> decode_bytes(codecs.BOM_UTF16_LE + "Seoul".encode("utf-16-le"), "b.txt")
('Seoul', 'UTF-16LE')
"""

from __future__ import annotations

import codecs

from .errors import DocumentError

__all__ = ["decode_bytes"]

_BOMS = (  # UTF-32's marks first: UTF-32LE's begins with UTF-16LE's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
_CHAOS_MARGIN = 0.02  # readings this close to the best are equally plausible


def decode_bytes(raw: bytes, shown: str) -> tuple[str, str]:
    """``(text, encoding)`` of a document's bytes; ``shown`` names it in errors. The encoding is
    an IANA name (``UTF-8``, ``UTF-16LE``, ``windows-1252``, ``EUC-KR``…)."""
    if not raw.strip():
        raise DocumentError(f"{shown}: empty (no text)")
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw[len(bom) :].decode(codec), shown), name
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{shown}: not {name} although it starts with its byte-order mark "
                                    f"(invalid bytes at byte offset {exc.start + len(bom)})") from None
    if b"\x00" in raw:
        raise DocumentError(f"{shown}: binary file (contains NUL bytes), expected text")
    try:
        return _checked(raw.decode("utf-8"), shown), "UTF-8"
    except UnicodeDecodeError as exc:
        invalid = f"invalid byte 0x{raw[exc.start]:02x} at byte offset {exc.start}"
    if _mostly_control(raw[:4096]):
        raise DocumentError(f"{shown}: binary file, expected text")
    codec = _detect(raw)
    if codec is None:
        raise DocumentError(f"{shown}: not UTF-8 ({invalid}) and no other encoding fits")
    return _checked(raw.decode(codec), shown), _iana(codec)


def _detect(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported only for a file that is not UTF-8

    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos <= best.chaos + _CHAOS_MARGIN and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return str(best.encoding)


def _iana(codec: str) -> str:
    name = codecs.lookup(codec).name
    if name.startswith("cp125"):
        return f"windows-{name[2:]}"
    return {"cp949": "EUC-KR", "euc_kr": "EUC-KR", "cp932": "Shift_JIS", "shift_jis": "Shift_JIS", "euc_jp": "EUC-JP",
            "gb2312": "GB2312", "gbk": "GBK", "gb18030": "GB18030", "big5": "Big5", "koi8-r": "KOI8-R",
            "iso8859-1": "ISO-8859-1", "latin-1": "ISO-8859-1", "mac-roman": "macintosh"}.get(name, name)


def _checked(text: str, shown: str) -> str:
    if not text.strip():
        raise DocumentError(f"{shown}: empty (whitespace only)")
    if _mostly_control(text[:4096]):
        raise DocumentError(f"{shown}: binary file (mostly control characters), expected text")
    return text


def _mostly_control(sample: bytes | str) -> bool:
    if not sample:
        return False
    if isinstance(sample, bytes):
        bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    else:
        bad = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\f\r\x1b")
    return bad > 0.1 * len(sample)
