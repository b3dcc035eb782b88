"""Which characters text from a file (or typed by a player) may hold, in one place.

Scenario files, saves, settings and text fields are written by people and by other programs. Some
characters in them do harm where the text ends up rather than where it was written: NUL ends a C string
(file names, SDL), an escape sequence (ESC, or the one-byte CSI U+009B) rewrites a terminal, bidirectional
overrides make text read differently from what it holds, and invisible characters make two names look the
same or an empty field look filled. So they are refused at the door with a located message, and whatever
still reaches a terminal is shown escaped (`visible`).

Two classes of text:

- **text** (briefs, descriptions, news): tab and line breaks are fine; C0/C1 control characters, DEL,
  bidirectional overrides and isolates, zero-width spaces, word joiners, byte-order marks, line and
  paragraph separators and interlinear annotation marks are not. Zero-width (non-)joiners and
  left-to-right/right-to-left marks stay allowed: scripts such as Persian and Hindi need them.
- **line** (names, labels, ids typed by a player, file names): one line, so no tab or line break either,
  and no invisible character at all.

The patterns are written with regex escapes so the JSON Schema that carries them stays readable; pydantic
(Rust regex), the JSON Schema (ECMA-262) and Python's `re` read them alike.
"""

from __future__ import annotations

import re
import unicodedata

# Character class bodies (without brackets), as regex source.
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and line feed, DEL, C1 (CSI is U+009B)
_INVISIBLE = r"\u200b\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb"
_HIDDEN = r"\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200c-\u200f\u3164\uffa0"
_LINE_ONLY = r"\t\n" + _HIDDEN  # names and labels: one line, nothing invisible at all
_SURROGATES = r"\ud800-\udfff"  # from a JSON \ud800 escape; Rust regex cannot name them, pydantic refuses them

TEXT_PATTERN = f"^[^{_CONTROLS}{_INVISIBLE}]*$"
LINE_PATTERN = f"^[^{_CONTROLS}{_INVISIBLE}{_LINE_ONLY}]*$"

_TEXT_BAD = re.compile(f"[{_CONTROLS}{_INVISIBLE}{_SURROGATES}]")
_LINE_BAD = re.compile(f"[{_CONTROLS}{_INVISIBLE}{_LINE_ONLY}{_SURROGATES}]")
_SHOW = re.compile(f"[{_CONTROLS}{_INVISIBLE}{_SURROGATES}]")  # what text may not hold: tab and line feed pass

_NAMES = {
    "\x00": "NUL",
    "\x07": "bell",
    "\x08": "backspace",
    "\t": "tab",
    "\n": "line break",
    "\r": "carriage return",
    "\x1b": "escape, which starts terminal escape sequences",
    "\x7f": "delete",
    "\x9b": "control sequence introducer, a terminal escape",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark (zero-width no-break space)",
    "\u00ad": "soft hyphen",
}


def first_forbidden(text: str, *, line: bool = False) -> tuple[int, str] | None:
    """The index and character of the first character `text` may not hold, or None."""
    match = (_LINE_BAD if line else _TEXT_BAD).search(text)
    return None if match is None else (match.start(), match.group())


def describe_char(char: str) -> str:
    """`U+001B (escape, which starts terminal escape sequences)`: a character that cannot be shown as it is."""
    code = ord(char)
    name = _NAMES.get(char)
    if name is None:
        name = unicodedata.name(char, "").lower() or (
            "a control character" if unicodedata.category(char) == "Cc" else "an invisible character"
        )
    return f"U+{code:04X} ({name})"


def problem(text: str, *, line: bool = False) -> str | None:
    """A sentence saying which character is not allowed where, or None when `text` is clean."""
    found = first_forbidden(text, line=line)
    if found is None:
        return None
    index, char = found
    what = "one line of visible text" if line else "text without control or invisible characters"
    return f"expected {what}; found {describe_char(char)} at character {index + 1}; remove it"


def visible(text: str) -> str:
    """`text` safe for a terminal: every control or invisible character but line breaks and tabs is shown
    as an escape (`\\x1b`, `\\u200b`), so an escape sequence in a name never reaches the terminal raw."""
    return _SHOW.sub(lambda m: _escape(m.group()), text)


def one_line(text: str) -> str:
    """`visible(text)` on one line: tabs and line breaks shown as `\\t` and `\\n` too (for a message that
    must stay one line, such as `PATH:LINE:COLUMN: error: ...`)."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean_typed(text: str, *, line: bool = True) -> str:
    """What a text field keeps of typed or pasted text: the forbidden characters are dropped."""
    return (_LINE_BAD if line else _TEXT_BAD).sub("", text)
