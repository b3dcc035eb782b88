"""News templates: text with `{name}` placeholders, as data rather than code.

A lever's news line is written by a scenario author ("{owner} strikes {target}") and filled in at the end
of a turn. `str.format` would be the obvious tool and the wrong one: a stray brace raises `ValueError`, a
positional field `IndexError`, and a width such as `{owner:>999999999}` asks for a gigabyte. So templates
have a fixed, tiny syntax instead:

- `{name}` is a placeholder: a lower-case name (letters, digits, underscores) and nothing else: no format
  spec (`{owner:>9}`), no conversion (`{owner!r}`), no attribute or index (`{owner.name}`), no position
  (`{}`, `{0}`);
- `{{` and `}}` are a literal `{` and `}`;
- anything else with a brace is a mistake.

`check(text, allowed)` lists every mistake with its character offset, for the validator (which adds the
file, line and field); `render(text, values)` fills a template in and never raises: whatever it cannot
read it leaves as written. Pure: no engine, no pygame.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

NAME = re.compile(r"[a-z][a-z0-9_]*\Z")

#: The placeholders of a lever's `news` and `failure_news`; `target` only for a lever with targets.
LEVER_PLACEHOLDERS = ("owner", "target")


@dataclass(frozen=True)
class TemplateProblem:
    """One mistake in a template: `index` is the 0-based character offset where it starts."""

    index: int
    message: str


@dataclass(frozen=True)
class _Part:
    """A piece of a template: literal text, a placeholder (`name`), or a mistake (`problem`)."""

    index: int
    text: str
    name: str | None = None
    problem: str | None = None


def _scan(text: str) -> Iterator[_Part]:
    """The template read left to right. Total: every character ends up in exactly one part."""
    i, n = 0, len(text)
    literal_start, literal = 0, []
    while i < n:
        char = text[i]
        if char not in "{}":
            literal.append(char)
            i += 1
            continue
        if i + 1 < n and text[i + 1] == char:  # {{ or }}: a literal brace
            literal.append(char)
            i += 2
            continue
        if literal:
            yield _Part(literal_start, "".join(literal))
            literal = []
        if char == "}":
            yield _Part(i, "}", problem="a '}' with no '{' before it; write '}}' for a literal brace")
            i += 1
        else:
            close = text.find("}", i + 1)
            opening = text.find("{", i + 1)
            if close < 0 or (0 <= opening < close):
                yield _Part(i, "{", problem="a '{' that is never closed; write '{{' for a literal brace")
                i += 1
            else:
                field = text[i + 1 : close]
                raw = text[i : close + 1]
                if NAME.match(field):
                    yield _Part(i, raw, name=field)
                else:
                    yield _Part(i, raw, problem=_field_problem(field, raw))
                i = close + 1
        literal_start = i
    if literal:
        yield _Part(literal_start, "".join(literal))


@functools.lru_cache(maxsize=512)
def _parts(text: str) -> tuple[_Part, ...]:
    """`_scan`, remembered: a game renders the same few news templates again and again."""
    return tuple(_scan(text))


def _field_problem(field: str, raw: str) -> str:
    shown = raw if len(raw) <= 40 else raw[:37] + "..."
    stripped = field.strip()
    if not stripped or stripped.isdigit():
        return f"'{shown}' is a positional field; name the placeholder, e.g. {{owner}}"
    base = re.split(r"[:!.\[]", stripped, maxsplit=1)[0].strip()
    if ":" in field or "!" in field:
        return (
            f"'{shown}' has a format spec or conversion; placeholders are plain names such as "
            f"{{{base or 'owner'}}} (no ':' or '!')"
        )
    if "." in field or "[" in field:
        return f"'{shown}' reaches into a value; placeholders are plain names such as {{{base or 'owner'}}}"
    if field != stripped:
        return f"'{shown}' has spaces inside the braces; write {{{stripped}}}"
    return f"'{shown}' is not a placeholder name (lower-case letters, digits and underscores)"


def check(text: str, allowed: Collection[str]) -> list[TemplateProblem]:
    """Every mistake in `text` as a template whose placeholders may be `allowed`, in order."""
    known = list(allowed)
    problems: list[TemplateProblem] = []
    for part in _scan(text):
        if part.problem is not None:
            problems.append(TemplateProblem(part.index, part.problem))
        elif part.name is not None and part.name not in known:
            problems.append(TemplateProblem(part.index, _unknown(part.name, known)))
    return problems


def _unknown(name: str, known: list[str]) -> str:
    if not known:
        return f"unknown placeholder {{{name}}}: this text takes no placeholders"
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f" — did you mean {{{close[0]}}}?" if close else ""
    listed = ", ".join(f"{{{k}}}" for k in known)
    return f"unknown placeholder {{{name}}}{hint} (this text takes {listed})"


def placeholders(text: str) -> list[str]:
    """The placeholder names a template uses, in order of first use."""
    return list(dict.fromkeys(p.name for p in _scan(text) if p.name is not None))


def render(text: str, values: Mapping[str, object]) -> str:
    """`text` with every known placeholder replaced by its value; never raises.

    Unknown placeholders and mistakes stay as written (the validator reports them before a game starts);
    `{{` and `}}` become single braces.
    """
    try:
        out = []
        for part in _parts(text):
            if part.name is not None and part.name in values:
                out.append(_as_text(values[part.name]))
            else:
                out.append(part.text)
        return "".join(out)
    except Exception:  # pragma: no cover - _scan is total; a hostile `values` mapping is the only way here
        return str(text)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    try:
        return str(value)
    except Exception:  # pragma: no cover - a value whose __str__ raises
        return ""


def escape(text: str) -> str:
    """Literal text as a template that renders back to it (braces doubled)."""
    return text.replace("{", "{{").replace("}", "}}")
