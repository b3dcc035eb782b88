"""The join line's QR code: the console's characters draw exactly segno's modules, with the quiet zone."""

from __future__ import annotations

import pytest
import segno

from negotiator.host import qr


def test_the_terminal_code_draws_every_module_of_the_join_line() -> None:
    line = qr.join_line("ws://192.168.1.20:8765", "K7MPQ3")
    assert line == "negotiator join ws://192.168.1.20:8765 K7MPQ3"
    rows = qr.matrix(line)
    code = segno.make(line, error="m", micro=False)
    size = len(code.matrix)
    assert len(rows) == size + 2 * qr.QUIET and all(len(r) == len(rows) for r in rows)
    assert not any(rows[0]) and not any(r[0] for r in rows)  # the quiet zone is light
    assert [r[qr.QUIET : qr.QUIET + size] for r in rows[qr.QUIET : qr.QUIET + size]] == [
        [bool(v) for v in row] for row in code.matrix
    ]
    lines = qr.terminal_lines(line)
    halves = {"\u2588": (False, False), "\u2580": (False, True), "\u2584": (True, False), " ": (True, True)}
    drawn: list[list[bool]] = [[], []]
    back = []
    for text in lines:
        assert len(text) == len(rows[0])
        drawn = [[halves[c][0] for c in text], [halves[c][1] for c in text]]
        back += drawn
    assert back[: len(rows)] == rows  # light as blocks, dark as blanks: dark on light on a dark terminal


def test_a_line_too_long_for_a_code_says_so() -> None:
    with pytest.raises(ValueError, match="too long for a QR code"):
        qr.matrix("x" * 5000)
