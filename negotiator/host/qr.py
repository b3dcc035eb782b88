"""The QR code for the projector: the students' join line as a code a phone can read off the wall.

`segno` makes the code (pure Python, no imaging library, well kept); this module only turns its matrix into what
the console and the teacher's window draw. The code holds the same line the console prints
(`negotiator join ADDRESS CODE`), so a student's phone shows exactly what to type or paste.
"""

from __future__ import annotations

import segno

QUIET = 4  # modules of light border every QR reader expects around the code


def join_line(address: str, code: str) -> str:
    """What a student runs to join, and what the QR code holds."""
    return f"negotiator join {address} {code}"


def matrix(text: str) -> list[list[bool]]:
    """The code's modules, True for dark, with the quiet zone around them (error correction M: a projector's
    glare and a phone held at an angle still read it). ValueError when the text is too long for a QR code."""
    try:
        qr = segno.make(text, error="m", micro=False)
    except segno.DataOverflowError as exc:
        raise ValueError(f"too long for a QR code ({len(text)} characters): {exc}") from None
    size = len(qr.matrix)
    light = [False] * (size + 2 * QUIET)
    rows = [list(light) for _ in range(QUIET)]
    rows += [[False] * QUIET + [bool(v) for v in row] + [False] * QUIET for row in qr.matrix]
    rows += [list(light) for _ in range(QUIET)]
    return rows


def terminal_lines(text: str) -> list[str]:
    """The code in half-block characters, two rows of modules per line. Light modules are drawn (a terminal's
    text is light on dark), dark ones left blank, so the code reads dark on light as a reader expects."""
    rows = matrix(text)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    blocks = {(False, False): "\u2588", (False, True): "\u2580", (True, False): "\u2584", (True, True): " "}
    pairs = zip(rows[::2], rows[1::2], strict=True)
    return ["".join(blocks[pair] for pair in zip(top, bottom, strict=True)) for top, bottom in pairs]
