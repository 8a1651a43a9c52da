"""Large letters and digits for the wall, drawn from FIGlet fonts and scaled to a space.

The shapes come from pyfiglet's ``mono12`` and ``mono9`` fonts (from toilet), which draw
every letter in half blocks (▀ ▄ █) and cover about 3,000 characters: Latin with every
accent (é ë Ł ũ ĩ), Greek and Cyrillic; they have no CJK or Arabic. A glyph is read as a
bitmap of half-cell pixels and drawn again with half blocks at a whole-number scale, so
strokes stay even and curves stay curves however large the text grows. Text with a
character the fonts cannot draw is not drawn large at all (the caller shows a plain line).

The font files are pyfiglet's, read here the way pyfiglet reads them, but lazily: a font is
indexed by where each character's rows lie and only the characters drawn are read and parsed
(pyfiglet parses all 3,000 of both fonts: 130 ms and 7 MiB at every start; keeping the text
alone would hold 2.5 MiB). Pyfiglet itself is never imported.

Pure: imports neither textual nor tinydb.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import io
import re
import sys
import unicodedata
import zipfile
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain, islice
from pathlib import Path

FONTS = {"mono12": 1.0, "mono9": 0.75}
"""Fonts and how much a row of each is worth: ``mono12`` has the finer shapes (curves stay
curves when scaled), so it wins unless ``mono9`` is a third taller in the same space."""
LETTERS = "ÉÇgjpqy"
"""Letters that reach the top and bottom of a font's line: names are cropped to them, so
every name in a font is as tall as every other (the layout does not jump)."""
DIGITS = "0123456789:+"
"""What a clock shows: clocks are cropped to these, so digits fill their space."""
NARROW = ": "
"""Characters trimmed to their ink (with a pixel each side): a monospace colon or space is as
wide as a digit."""
MIN_ASPECT = 0.4
"""A pixel may be drawn at most this much narrower than it is tall, to fit a long line."""

Bitmap = tuple[str, ...]
"""Rows of ``#`` (ink) and spaces; one pixel is one column wide and half a row tall."""

_HALVES = {" ": "  ", "$": "  ", "▀": "# ", "▄": " #", "█": "##"}


@dataclass(frozen=True)
class Scale:
    """How a bitmap is drawn: its font, cells across per pixel, and half-rows in all."""

    font: str
    across: int
    halves: int

    @property
    def rows(self) -> int:
        """Rows the drawing takes."""
        return -(-self.halves // 2)


MAGIC = re.compile(r"^[tf]lf2.")
"""The first line of a FIGlet (``flf2a``) or TOIlet (``tlf2a``) font."""
GERMAN = "ÄÖÜäöüß"
"""The characters a FIGlet font holds, in this order, after ASCII 32-126."""
POSITIONAL = (*range(32, 127), *map(ord, GERMAN))
"""The codes of the characters a font defines by their place, the first 102."""
_END_MARK = re.compile(r"(.)\s*$")


def _font_bytes(name: str) -> bytes:
    """The font file ``name`` as pyfiglet ships it, found without importing pyfiglet."""
    spec = importlib.util.find_spec("pyfiglet")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for extension in ("tlf", "flf"):
            path = Path(folder) / "fonts" / f"{name}.{extension}"
            if path.is_file():
                return path.read_bytes()
    fonts = importlib.resources.files("pyfiglet.fonts")  # installed as a zip, say
    for extension in ("tlf", "flf"):
        found = fonts.joinpath(f"{name}.{extension}")
        if found.is_file():
            return found.read_bytes()
    raise FileNotFoundError(f"no font {name!r} in pyfiglet")


class Font:
    """A FIGlet font, read as pyfiglet's ``FigletFont`` reads it, each character parsed only
    when it is first asked for.

    Only an index is kept: where each character's rows lie in the font's text. The text itself
    (as big unpacked as 3,000 glyphs) is not kept, but for its start, as far as the first 102
    characters go: any other character is read again from the file's bytes (pyfiglet ships its
    fonts zipped: unpacked up to that character, a piece at a time). The first 102 characters
    (ASCII, then German) are indexed at once, by their place; the ones named by their code
    (``0x00C9``) when one of them is first asked for, or a first one of those that may be
    defined again under its code (a clock's digits need only the first index). The font is
    read a piece at a time to be indexed, never unpacked whole.
    """

    def __init__(self, name: str) -> None:
        self._file = _font_bytes(name)
        self._packed: zipfile.ZipFile | None = None
        """The file, if it is zipped (else it is the font's text)."""
        if zipfile.is_zipfile(io.BytesIO(self._file)):
            self._packed = zipfile.ZipFile(io.BytesIO(self._file))
        pieces = self._chunks()
        first = next(pieces, b"")
        header = _decoded(next(iter(_lines(first[: first.find(b"\n") + 1 or None])), b""))
        if MAGIC.search(header) is None:
            raise ValueError(f"{name} is not a FIGlet font")
        fields = MAGIC.sub("", header).split()
        self.height = int(fields[1])
        self._first_row = 1 + int(fields[5])
        """The row of the first character's first row, after the header and the comments."""
        named: set[int] = set()
        starts = array("I", [0])
        lines = self._first_row + len(POSITIONAL) * self.height  # as far as the first 102 go
        head: list[bytes] = []
        for piece in chain([first], pieces):
            named.update(code for code in map(_code, _NAMED.findall(piece)) if code >= 0)
            if len(starts) <= lines:
                _add_line_starts(starts, piece)
                head.append(piece)
        self._head = b"".join(head)[: starts[min(lines, len(starts) - 1)]]
        """The text as far as the first 102 characters go (20 KB): a clock's digits and the
        letters of most names are read from here, not unpacked again."""
        self._named = array("I", sorted(named))
        """Every code written ``0x...`` anywhere in the font: more than the codes it defines
        after the first 102, never fewer."""
        codes, firsts = array("I"), array("I")
        self._placed(starts, self._first_row, codes, firsts)
        self._index = self._spans(starts, codes, firsts)
        """Codes and spans of the first 102 characters (see ``_spans``)."""
        self._full: tuple[array[int], array[int]] | None = None
        """Codes and spans of every character, once one named by its code is asked for."""

    def _chunks(self) -> Iterator[bytes]:
        """The font's text in pieces of whole lines (see ``_whole_lines``): a zipped font is
        never unpacked whole to be indexed."""
        if self._packed is None:
            yield from _whole_lines(io.BytesIO(self._file).read)
            return
        with self._packed.open(self._packed.namelist()[0]) as text:
            yield from _whole_lines(text.read)

    def _placed(self, starts: array[int], row: int, codes: array[int], firsts: array[int]) -> int:
        """Add to ``codes`` and ``firsts`` the characters after those ``codes`` has of the 102 a
        font defines by their place, whose rows lie within the lines that ``starts`` finds (one
        past the last line's end); the row after the last added."""
        for code in POSITIONAL[len(codes) :]:
            if row + self.height > len(starts) - 1:
                break
            codes.append(code)
            firsts.append(row)
            row += self.height
        return row

    def _every_definition(self) -> tuple[array[int], array[int]]:
        """Codes and spans (see ``_spans``) of every character: the first 102 by their place,
        then the ones named by their code, the text read a piece at a time.

        Each line after the first 102 is a code naming a character, whose rows follow, or a
        line passed over."""
        starts = array("I", [0])
        codes, firsts = array("I"), array("I")
        row = self._first_row
        held, held_at = b"", 0
        """The text from byte ``held_at`` on, read and not yet gone through."""
        for piece in chain(self._chunks(), [b""]):  # the empty piece: the text has ended
            _add_line_starts(starts, piece)
            held += piece
            row = self._placed(starts, row, codes, firsts)
            if len(codes) < len(POSITIONAL) and piece:
                continue  # the first 102 go by their place, however long the lines to come
            known = len(starts) - 1
            while row < known:
                line = held[starts[row] - held_at : starts[row + 1] - held_at]
                tag = _decoded(line).strip().split(" ", 1)[0]
                row += 1
                if tag[:2] in ("0x", "0X"):
                    codes.append(int(tag, 16))
                    firsts.append(row)
                    row += self.height
            cut = starts[min(row, known)]
            held, held_at = held[cut - held_at :], cut
        return self._spans(starts, codes, firsts)

    def _spans(
        self, starts: array[int], codes: array[int], firsts: array[int]
    ) -> tuple[array[int], array[int]]:
        """The ``codes`` defined, in order (a code defined again follows itself: the later
        wins), and where each definition's rows, from its row in ``firsts``, begin and end in
        the text whose lines ``starts`` finds."""
        lines = len(starts) - 1
        order = sorted(range(len(codes)), key=codes.__getitem__)  # stable: definitions in order
        spans = array("I")
        for row in map(firsts.__getitem__, order):
            spans.extend((starts[row], starts[min(row + self.height, lines)]))
        return array("I", map(codes.__getitem__, order)), spans

    def _text(self, start: int, end: int) -> str:
        """The font's text from byte ``start`` to ``end``."""
        if end <= len(self._head):
            return _decoded(self._head[start:end])
        if self._packed is None:
            return _decoded(self._file[start:end])
        with self._packed.open(self._packed.namelist()[0]) as text:
            skip = start
            while skip > 0 and (piece := text.read(min(skip, _CHUNK))):
                skip -= len(piece)
            return _decoded(text.read(end - start))

    def _rows(self, start: int, end: int) -> list[str]:
        """The rows of the definition from byte ``start`` to ``end``, end marks taken off."""
        lines = self._text(start, end).splitlines()
        found = _END_MARK.search(lines[0])
        end_mark = re.compile(re.escape(found.group(1) if found else "") + r"{1,2}\s*$")
        return [end_mark.sub("", line) for line in lines]

    def rows(self, code: int) -> list[str] | None:
        """The rows of character ``code``; None if the font has no shape for it (a blank
        definition counts as none, except the space's)."""
        at = bisect_left(self._named, code)
        if at < len(self._named) and self._named[at] == code:
            if self._full is None:
                self._full = self._every_definition()
            codes, spans = self._full
        else:
            codes, spans = self._index
        shape = None
        first = bisect_left(codes, code)
        for definition in range(first, bisect_right(codes, code, lo=first)):
            rows = self._rows(*spans[2 * definition : 2 * definition + 2])
            if code == 32 or "".join(rows):
                shape = rows
        return shape


_NAMED = re.compile(rb"0[xX][0-9A-Fa-f_]+")
"""A code as a line naming a character writes it (in ASCII, as the fonts do); the decoded
text has ``0x`` only where the bytes have it."""


def _code(written: bytes) -> int:
    """The code ``written``; -1 if it is not one (no character has it)."""
    try:
        code = int(written, 16)
    except ValueError:
        return -1
    return code if code <= sys.maxunicode else -1


_OTHER_BREAKS = (b"\v", b"\f", b"\x1c", b"\x1d", b"\x1e")
"""Line breaks of ``str.splitlines`` that ``bytes.splitlines`` keeps within a line."""
_AFTER_OTHER_BREAK = re.compile(rb"(?<=[\v\f\x1c-\x1e])")


def _lines(data: bytes) -> list[bytes]:
    """``data`` split where ``str.splitlines`` splits its decoded text (ends kept): these bytes
    stand for themselves in UTF-8, so each line decodes to the same text on its own."""
    lines = data.splitlines(keepends=True)
    if any(byte in data for byte in _OTHER_BREAKS):
        lines = [part for line in lines for part in _AFTER_OTHER_BREAK.split(line) if part]
    return lines


_CHUNK = 1 << 16


def _whole_lines(read: Callable[[int], bytes]) -> Iterator[bytes]:
    """What ``read`` (a file's) gives, in pieces of whole lines of about ``_CHUNK`` bytes, cut
    after a line feed (a \\r\\n stays whole).

    A font is read a piece at a time: its 30,000 lines, or its 600 KB of text, made all at once
    and dropped, would leave their memory scattered among what lives on (a megabyte and more of
    the process's size)."""
    rest = b""
    while piece := read(_CHUNK):
        piece = rest + piece
        cut = piece.rfind(b"\n") + 1
        rest = piece[cut:]
        if cut:
            yield piece[:cut]
    if rest:
        yield rest


def _add_line_starts(starts: array[int], piece: bytes) -> None:
    """Add to ``starts`` where each line of ``piece`` (whole lines, following those ``starts``
    has) ends, which is where the next begins (see ``_lines``)."""
    starts.extend(islice(accumulate(map(len, _lines(piece)), initial=starts[-1]), 1, None))


def _decoded(data: bytes) -> str:
    """Font bytes as pyfiglet reads them: bad UTF-8 replaced, and U+0085, U+2028 and U+2029
    spaces, not line breaks."""
    text = data.decode("utf-8", "replace")
    if text.isascii():
        return text
    for line_break in "\u0085\u2028\u2029":
        text = text.replace(line_break, " ")
    return text


@cache
def _font(name: str) -> Font:
    return Font(name)


@cache
def _glyph(name: str, char: str) -> Bitmap | None:
    """One character as a bitmap, or None if the font has no shape for it."""
    lines = _font(name).rows(ord(char))
    if lines is None:
        return None
    width = max((len(line) for line in lines), default=0)
    top: list[str] = []
    for line in lines:
        pairs = [_HALVES.get(ch, "##") for ch in line.ljust(width)]
        top.append("".join(p[0] for p in pairs))
        top.append("".join(p[1] for p in pairs))
    if char in NARROW:
        top = _trim_columns(top, keep=1 if char != " " else 2)
    return tuple(top)


def _trim_columns(rows: list[str], keep: int) -> list[str]:
    """``rows`` without blank columns at the sides, ``keep`` columns left each side."""
    inked = [x for x in range(len(rows[0])) if any(row[x] == "#" for row in rows)]
    if not inked:
        return [row[: 2 * keep] for row in rows]
    first, last = max(0, inked[0] - keep), min(len(rows[0]), inked[-1] + 1 + keep)
    return [row[first:last] for row in rows]


def drawable(text: str) -> bool:
    """Whether every character of ``text`` has a shape in the fonts (CJK and Arabic do not)."""
    chars = unicodedata.normalize("NFC", text)
    return bool(text.strip()) and all(_glyph(f, ch) is not None for f in FONTS for ch in chars)


@cache
def _ink_rows(font: str, reference: str) -> tuple[int, int]:
    rows = _join(font, reference)
    inked = [y for y, row in enumerate(rows) if "#" in row]
    return inked[0], inked[-1]


def _join(font: str, text: str) -> list[str]:
    glyphs = [_glyph(font, ch) for ch in text]
    if not glyphs or any(g is None for g in glyphs):
        return []
    return ["".join(g[y] for g in glyphs if g is not None) for y in range(len(glyphs[0] or ()))]


def bitmap(text: str, font: str, reference: str = LETTERS) -> Bitmap:
    """``text`` in ``font`` as pixels, cropped to the rows ``reference`` reaches (and any the
    text reaches beyond them); empty if the font cannot draw every character."""
    rows = _join(font, unicodedata.normalize("NFC", text))
    if not rows:
        return ()
    top, bottom = _ink_rows(font, reference)
    inked = [y for y, row in enumerate(rows) if "#" in row]
    if inked:
        top, bottom = min(top, inked[0]), max(bottom, inked[-1])
    return tuple(rows[top : bottom + 1])


def size(pixels: Bitmap, scale: Scale) -> tuple[int, int]:
    """Columns and rows that ``pixels`` take at ``scale``."""
    return (len(pixels[0]) * scale.across, scale.rows) if pixels else (0, 0)


def stretch(rows: Bitmap, height: int) -> Bitmap:
    """``rows`` made ``height`` rows tall (at least as tall as they are): each row repeated
    the same number of times, and the rows left over given to inked rows most like their
    neighbours (the middle of a stem), spread out, so bars keep one thickness."""
    times, extra = divmod(height, len(rows))

    def unlike(y: int) -> int:
        if "#" not in rows[y]:
            return len(rows[y]) + 1  # a blank row made taller only spaces the text out
        near = [rows[n] for n in (y - 1, y + 1) if 0 <= n < len(rows)]
        return min((sum(a != b for a, b in zip(rows[y], n, strict=True)) for n in near), default=0)

    chosen: set[int] = set()
    for slot in range(extra):
        ideal = (slot + 0.5) * len(rows) / extra
        free = [y for y in range(len(rows)) if y not in chosen]
        chosen.add(min(free, key=lambda y: (unlike(y), abs(y + 0.5 - ideal))))
    return tuple(row for y, row in enumerate(rows) for _ in range(times + (y in chosen)))


def draw(pixels: Bitmap, scale: Scale) -> list[str]:
    """``pixels`` drawn with half blocks at ``scale``."""
    halves = stretch(pixels, scale.halves)
    if len(halves) % 2:
        halves += (" " * len(halves[0]),)
    lines: list[str] = []
    for top, bottom in zip(halves[::2], halves[1::2], strict=True):
        cells = [
            "█" if t == b == "#" else "▀" if t == "#" else "▄" if b == "#" else " "
            for t, b in zip(top, bottom, strict=True)
        ]
        lines.append("".join(cell * scale.across for cell in cells))
    return lines


def fit(
    texts: list[str], width: int, height: int, gap: int = 0, reference: str = LETTERS
) -> Scale | None:
    """The largest scale at which ``texts``, side by side ``gap`` columns apart, fit in
    ``width`` x ``height`` cells; None if they do not fit even at their natural size.

    Digits (``reference`` DIGITS) may be stretched to any even-looking height; letters,
    whose bars and bowls show every uneven row, only to whole multiples.

    Taller wins (rows weighed by the font's worth); then pixels nearer square.
    """
    if not all(drawable(t) for t in texts):
        return None
    best: tuple[tuple[float, float], Scale] | None = None
    room = width - gap * (len(texts) - 1)
    for font, worth in FONTS.items():
        maps = [bitmap(t, font, reference) for t in texts]
        columns = sum(len(m[0]) for m in maps)
        tall = max(len(m) for m in maps)
        for halves in range(2 * height, tall - 1, -1):
            if halves % tall if reference != DIGITS else not _even(tall, halves):
                continue
            down = halves / tall
            across = min(max(1, round(down)), room // columns)
            if across >= 1 and across >= down * MIN_ASPECT:
                key = (halves * worth, across / down)
                if best is None or key > best[0]:
                    best = key, Scale(font, across, halves)
                break
    return best[1] if best else None


def _even(natural: int, height: int) -> bool:
    """Whether ``natural`` rows can be stretched to ``height`` keeping strokes even to the eye:
    a whole multiple; a row or two more at natural size; or any height from twice up, where a
    stroke one row thicker than another does not show."""
    times, extra = divmod(height, natural)
    return extra == 0 or times >= 2 or extra <= 2


def letters(text: str, scale: Scale, reference: str = LETTERS) -> list[str]:
    """``text`` drawn at ``scale`` (fitted with ``fit``)."""
    return draw(bitmap(text, scale.font, reference), scale)
