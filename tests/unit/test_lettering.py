"""Large letters: every accented Latin name draws large; scripts the fonts lack do not."""

from __future__ import annotations

import io
from array import array

import pytest

from altui import lettering

ACCENTED = ["Chloé", "Zoë", "Łukasz", "Ngũgĩ", "Søren Ødegård", "Dvořák"]
FOREIGN = ["李雷", "محمد", "Ana 李"]


def ink_rows(lines: list[str]) -> int:
    return sum(1 for line in lines if line.strip())


@pytest.mark.parametrize("name", ACCENTED)
def test_accented_names_draw_large(name):
    scale = lettering.fit([name], 200, 12)
    assert scale is not None
    lines = lettering.letters(name, scale)
    assert len(lines) == scale.rows <= 12
    assert max(len(line) for line in lines) <= 200
    assert ink_rows(lines) >= 7


@pytest.mark.parametrize("name", FOREIGN)
def test_scripts_the_fonts_lack_are_not_drawn(name):
    assert not lettering.drawable(name)
    assert lettering.fit([name], 200, 12) is None


def test_accents_are_drawn_not_dropped():
    """Ł, ũ and ĩ have their own shapes (outside Latin-1), not the bare letter's."""
    scale = lettering.fit(["L"], 100, 12)
    assert scale is not None
    for plain, accented in [("L", "Ł"), ("u", "ũ"), ("i", "ĩ"), ("e", "é")]:
        assert lettering.letters(plain, scale) != lettering.letters(accented, scale)


def test_a_name_is_as_tall_as_any_other_in_the_same_space():
    """Names are cropped to the font's accents and descenders, not their own letters."""
    sizes = {lettering.fit([name], 200, 12) for name in ["Ana", "Chloé", "Yogi"]}
    assert len(sizes) == 1


@pytest.mark.parametrize(
    ("width", "height", "rows"),
    [(80, 7, 7), (58, 17, 15), (96, 40, 30)],
)
def test_clock_digits_fill_their_space(width, height, rows):
    scale = lettering.fit(["12:34"], width, height, reference=lettering.DIGITS)
    assert scale is not None
    lines = lettering.letters("12:34", scale, lettering.DIGITS)
    assert len(lines) == rows
    assert max(len(line) for line in lines) <= width


def test_too_small_a_space_draws_nothing():
    assert lettering.fit(["12:34"], 20, 7, reference=lettering.DIGITS) is None
    assert lettering.fit(["Chloé Martin"], 200, 2) is None


def test_stretch_keeps_bars_even():
    """The rows added go to the middle of stems, not to the bars of a 2 (so its foot stays
    as thick as its top)."""
    rows = ("####", "   #", "   #", "  # ", " #  ", "####")
    stretched = lettering.stretch(rows, 8)
    assert stretched.count("####") == 2
    assert len(stretched) == 8


@pytest.mark.parametrize("name", list(lettering.FONTS))
def test_the_fonts_are_read_as_pyfiglet_reads_them(name):
    """altui reads pyfiglet's font files itself, a character at a time: every character must
    come out as pyfiglet's own reader makes it, and none may be missing or extra."""
    from pyfiglet import FigletFont

    theirs = FigletFont(name).chars
    ours = lettering.Font(name)
    for code in set(theirs) | set(range(0x3000)):
        assert ours.rows(code) == theirs.get(code), hex(code)


def test_font_lines_break_where_the_decoded_text_breaks():
    """The index splits the font's bytes where pyfiglet splits its decoded text: at every line
    break str.splitlines knows, but not at U+0085, U+2028 or U+2029 (spaces to pyfiglet)."""
    data = (
        "a\r\nb\rc\x0bd\x0ce\x1cf\x1dg\x1eh\x85i\u2028j\u2029k\n▀\n".encode() + b"\xffl\xe2\x80\n"
    )
    lines = lettering._lines(data)
    assert b"".join(lines) == data
    assert [lettering._decoded(line) for line in lines] == lettering._decoded(data).splitlines(
        keepends=True
    )
    assert len(lines) == 10


def test_font_lines_are_found_the_same_a_chunk_at_a_time():
    """The index finds line starts a chunk of lines at a time: no line may be cut or lost where
    one chunk ends and the next begins (\\r\\n, \\r, the other breaks, a last line unended)."""
    from itertools import accumulate

    data = b"".join(b"0x%04X\r\nab\x1ccd\re\xe2\x96\x80\n" % n for n in range(20_000)) + b"end"
    assert len(data) > 4 * lettering._CHUNK
    pieces = list(lettering._whole_lines(io.BytesIO(data).read))
    assert len(pieces) > 4
    assert b"".join(pieces) == data
    starts = array("I", [0])
    for piece in pieces:
        lettering._add_line_starts(starts, piece)
    assert list(starts) == [0, *accumulate(map(len, lettering._lines(data)))]


def test_a_clock_reads_only_the_first_characters_of_a_font():
    """The characters named by their code (É and 2,800 more) are indexed only once one of them
    is asked for: a clock's digits are found by their place alone."""
    font = lettering.Font("mono12")
    assert all(font.rows(ord(digit)) for digit in lettering.DIGITS)
    assert font._full is None
    assert font.rows(ord("É"))
    assert font._full is not None


def test_a_font_read_a_piece_at_a_time_is_read_as_pyfiglet_reads_it(monkeypatch):
    """A font not zipped, whose first 102 characters span pieces (wide ones, after a long
    comment), then characters named by their code: one defined again (the later wins), a line
    passed over, one beyond the first 256; read as pyfiglet reads the same text."""
    from pyfiglet import FigletFont

    def glyph(mark: str) -> str:
        return f" {mark * 800}@\n{mark * 800}@@\n"

    comment = [f"comment {n} " + "~" * 60 for n in range(lettering._CHUNK // 60)]
    text = "".join(
        [
            f"flf2a$ 2 2 4 0 {len(comment)}\n",
            *(line + "\n" for line in comment),
            *(glyph(chr(code)) for code in lettering.POSITIONAL),
            "0x0041  A again\n",
            glyph("a"),
            "a line passed over\n",
            "0x00C9  E acute\n",
            glyph("e"),
            "0X4E2D  middle\n",
            glyph("z"),
        ]
    )
    starts, ends = array("I", [0]), []
    for piece in lettering._whole_lines(io.BytesIO(text.encode()).read):
        lettering._add_line_starts(starts, piece)
        ends.append(len(starts) - 1)
    first = 1 + len(comment)
    assert any(first < end < first + 204 and (end - first) % 2 for end in ends)  # mid-character
    monkeypatch.setattr(lettering, "_font_bytes", lambda name: text.encode())
    theirs = FigletFont.__new__(FigletFont)
    theirs.font, theirs.comment, theirs.chars, theirs.width = "test", "", {}, {}
    theirs.data = text
    theirs.loadFont()
    ours = lettering.Font("test")
    assert ours.rows(0x41) == theirs.chars[0x41] == [" " + "a" * 800, "a" * 800]
    for code in set(theirs.chars) | set(range(0x300)) | {0x4E2D, 0x4E2E}:
        assert ours.rows(code) == theirs.chars.get(code), hex(code)


def test_a_font_is_read_a_piece_at_a_time_never_unpacked_whole(monkeypatch):
    """Indexing a zipped font, even every character of it, reads its 600 KB of text a piece at
    a time (a block that big, made and dropped, left the process that much larger), and a
    clock's digits come from the start of the text kept at hand, not unpacked again."""
    import zipfile

    reads: list[int] = []
    read = zipfile.ZipExtFile.read

    def counted(self: zipfile.ZipExtFile, n: int | None = -1) -> bytes:
        reads.append(-1 if n is None else n)
        return read(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    font = lettering.Font("mono12")
    assert reads and all(0 < n <= lettering._CHUNK for n in reads)
    reads.clear()
    assert all(font.rows(ord(digit)) for digit in lettering.DIGITS)
    assert reads == []
    assert font.rows(ord("É"))
    assert font._full is not None
    assert reads and all(0 < n <= lettering._CHUNK for n in reads)
