"""Word wrap on drawn cards: a word wider than the line is broken with a hyphen, not cut."""

from __future__ import annotations

from negotiator.ui.app import App
from negotiator.ui.table import paint


def test_a_word_wider_than_the_line_is_broken_with_hyphens_and_reads_whole(ui_app: App) -> None:
    font = paint.Fonts.from_app(ui_app).small
    word = "урегулированы:"
    width = font.size(word)[0] * 2 // 3
    lines = paint.wrap(font, f"Все вопросы {word} сделка", width)
    assert all(font.size(line)[0] <= width for line in lines)
    assert not any("…" in line for line in lines)
    joined = "".join(line[:-1] if line.endswith("-") else line + " " for line in lines)
    assert joined.split() == ["Все", "вопросы", word, "сделка"]  # every letter kept, in order


def test_an_absurdly_long_word_stops_after_a_few_pieces(ui_app: App) -> None:
    font = paint.Fonts.from_app(ui_app).small
    pieces = paint.broken_word(font, "x" * 4000, 60)
    assert len(pieces) == 3 and pieces[-1].endswith("…")
    assert all(font.size(piece)[0] <= 60 for piece in pieces)
