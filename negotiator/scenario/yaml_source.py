"""Strict YAML reading: plain data plus the line and column of every value.

PyYAML alone is too forgiving for hand-written scenarios: duplicate keys silently keep the last value,
aliases make a 500-byte file exponential to walk, and tags can construct arbitrary objects. So we read the
*event stream* (libyaml when available, for speed) once, refuse anything beyond plain YAML as we go, and
build dicts, lists and scalars ourselves while recording where each value came from. Every refusal is a
located `Problem`; all of them are reported together.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode

from negotiator.scenario.errors import Problem, ScenarioError
from negotiator.scenario.textrules import one_line

MAX_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 32  # a whole number longer than this is never meant (and Python refuses 4,300 digits)

_Loader: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

Path = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Loc:
    """Where a value was written (1-based), and its source text when it was a scalar."""

    line: int
    column: int
    raw: str | None = None
    quoted: bool = False


@dataclass
class SourceMap:
    """Locations of every value (by data path) and of every mapping key (by the path of its value)."""

    values: dict[Path, Loc] = field(default_factory=dict)
    keys: dict[Path, Loc] = field(default_factory=dict)
    text: str = field(default="", repr=False)

    def line(self, number: int) -> str:
        """The source text of line `number` (1-based), or "" beyond the text."""
        return source_line(self.text, number)

    def locate(self, path: Path, *, key: bool = False) -> Loc:
        """The location of `path`, or of its nearest written ancestor (a missing key points at its parent)."""
        if key and path in self.keys:
            return self.keys[path]
        value = self.values.get(path)
        if value is not None and value.raw is None and path in self.keys:
            return self.keys[path]  # a block mapping or list: its key's line reads better than its first item
        for end in range(len(path), -1, -1):
            loc = self.values.get(path[:end])
            if loc is not None:
                return loc
        return Loc(1, 1)

    def raw(self, path: Path) -> Loc | None:
        return self.values.get(path)


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a scenario file, refusing oversized, non-UTF-8 or empty input with a located problem."""
    if len(data) > MAX_BYTES:
        raise ScenarioError(
            path,
            [
                Problem(
                    path,
                    1,
                    1,
                    "",
                    f"file is {len(data):,} bytes; scenarios are limited to {MAX_BYTES:,} bytes",
                )
            ],
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ScenarioError(
            path,
            [
                Problem(
                    path,
                    line,
                    column,
                    "",
                    f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                    "save it as UTF-8",
                )
            ],
        ) from None
    return text.removeprefix("\ufeff")


def parse_yaml(text: str, path: str = "<text>") -> tuple[dict[str, Any], SourceMap]:
    """Parse scenario text into plain data and a `SourceMap`; raise `ScenarioError` listing every problem."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ScenarioError(path, [Problem(path, 1, 1, "", f"text is over {MAX_BYTES:,} bytes; too large")])
    builder = _Builder(path)
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python reader already checks characters here
        data = builder.document(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        builder.problems.append(
            syntax_pitfall(text, line, path) or Problem(path, line, column, "", f"YAML syntax error: {message}")
        )
        data = None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        builder.problems.append(
            Problem(
                path,
                line,
                column,
                "",
                f"character U+{_codepoint(exc.character):04X} is not allowed in a YAML file",
            )
        )
        data = None
    except yaml.YAMLError as exc:  # anything else PyYAML can raise, e.g. from libyaml without a mark
        builder.problems.append(Problem(path, 1, 1, "", f"YAML error: {exc}"))
        data = None
    except UnicodeError as exc:  # a str holding lone surrogates cannot be handed to libyaml
        line, column = _position(text, getattr(exc, "start", 0))
        builder.problems.append(Problem(path, line, column, "", "the text holds characters that are not valid Unicode"))
        data = None
    finally:
        if loader is not None:
            loader.dispose()
    builder.smap.text = text
    if builder.problems:
        raise ScenarioError(path, sorted(builder.problems, key=lambda p: (p.line, p.column)))
    if data is None:
        raise ScenarioError(path, [Problem(path, 1, 1, "", "the file is empty; a scenario is a YAML mapping")])
    if not isinstance(data, dict):
        loc = builder.smap.values[()]
        found = "a list" if isinstance(data, list) else f"the value {loc.raw!r}"
        raise ScenarioError(
            path,
            [Problem(path, loc.line, loc.column, "", f"the top level must be a mapping of keys, found {found}")],
        )
    return data, builder.smap


def source_line(text: str, number: int) -> str:
    """Line `number` (1-based) of `text`, without its line break; "" when there is no such line."""
    if number < 1:
        return ""
    start = 0
    for _ in range(number - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


# `op: >=` or `{op: >=, ...}`: an unquoted > starts a folded block scalar, and in a flow mapping it cannot
# start a value at all. (`<`, `<=` and `==` are plain text to YAML and load as written.)
_UNQUOTED_COMPARISON = re.compile(r"(?:^|[\s{,])(?:-\s+)?([A-Za-z_][\w-]*):[ \t]+(>=?)(?=[\s,}\]]|$)")


# `{id: x, colour: #123456}`: the comment swallows the rest of a flow mapping, whose end is then missing.
# (`# ` with a space is taken for a comment the author meant.)
_UNQUOTED_HASH = re.compile(r"(?:^|[\s{,])(?:-\s+)?([A-Za-z_][\w-]*):[ \t]+(#[^\s,}\]][^,}\]]*)")


def syntax_pitfall(text: str, line: int, path: str) -> Problem | None:
    """A syntax error caused by one of YAML's known pitfalls, said with its fix instead of the parser's
    words: a tab in the indentation, an unquoted `>`/`>=` comparison, or an unquoted `#` that turned the
    rest of a line into a comment. None when the error is something else."""
    for number in (line - 1, line):
        indent = re.match(r"[ \t]*", source_line(text, number))
        if indent is not None and "\t" in indent.group():
            column = indent.group().index("\t") + 1
            return Problem(
                path,
                number,
                column,
                "",
                f"line {number} is indented with a tab; YAML indents with spaces only: replace the tab with spaces",
            )
    for number in (line, line - 1):
        match = _UNQUOTED_COMPARISON.search(source_line(text, number))
        if match is not None:
            key, op = match.group(1), match.group(2)
            return Problem(path, number, match.start(2) + 1, "", unquoted_comparison(key, op))
    for number in (line, line - 1):
        match = _UNQUOTED_HASH.search(source_line(text, number))
        if match is not None:
            key, written = match.group(1), match.group(2).rstrip()
            return Problem(path, number, match.start(2) + 1, "", unquoted_hash(key, written, number))
    return None


def unquoted_hash(key: str, written: str, line: int | None = None) -> str:
    rest = f"the rest of line {line}" if line else "the value"
    return (
        f'YAML reads an unquoted # as the start of a comment, so {rest} is ignored; write {key}: "{written}" (quoted)'
    )


def unquoted_comparison(key: str, op: str) -> str:
    return f'an unquoted {op} is YAML syntax (> starts a block of text), not a comparison; write {key}: "{op}" (quoted)'


def _codepoint(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


def _position(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


class _Builder:
    """Turns a YAML event stream into plain data, recording locations and refusing non-plain YAML."""

    def __init__(self, path: str):
        self.path = path
        self.smap = SourceMap()
        self.problems: list[Problem] = []

    def problem(self, event: Event, message: str, data_path: Path) -> None:
        mark = event.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, format_path(data_path), message))

    def document(self, loader: Any) -> Any:
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # DocumentStart
        data = self.node(loader, (), 0)
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            self.problem(event, "a scenario file holds one YAML document; remove the second '---'", ())
            return data
        return data

    def node(self, loader: Any, data_path: Path, depth: int) -> Any:
        event = loader.get_event()
        mark = event.start_mark
        if isinstance(event, AliasEvent):
            self.problem(event, f"aliases (*{event.anchor}) are not allowed; write the value out in full", data_path)
            self.smap.values[data_path] = Loc(mark.line + 1, mark.column + 1)
            return None
        if event.anchor is not None:
            self.problem(event, f"anchors (&{event.anchor}) are not allowed; write values out in full", data_path)
        if getattr(event, "tag", None) is not None:
            shown = event.tag.replace(_TAG, "!!")
            self.problem(event, f"tags such as '{shown}' are not allowed; write plain values (quote text)", data_path)
        if depth > MAX_DEPTH:
            self.problem(event, f"nesting deeper than {MAX_DEPTH} levels", data_path)
            self._skip(loader, event)
            return None
        if isinstance(event, ScalarEvent):
            quoted = bool(event.style) and event.style in "'\"|>"
            self.smap.values[data_path] = Loc(mark.line + 1, mark.column + 1, event.value, quoted)
            return self.scalar(event, data_path)
        self.smap.values[data_path] = Loc(mark.line + 1, mark.column + 1)
        if isinstance(event, SequenceStartEvent):
            items: list[Any] = []
            while not loader.check_event(SequenceEndEvent):
                items.append(self.node(loader, (*data_path, len(items)), depth + 1))
            loader.get_event()
            return items
        if isinstance(event, MappingStartEvent):
            return self.mapping(loader, data_path, depth)
        raise yaml.YAMLError(f"unexpected YAML event {type(event).__name__}")  # pragma: no cover

    def mapping(self, loader: Any, data_path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not loader.check_event(MappingEndEvent):
            key_event = loader.peek_event()
            if not isinstance(key_event, ScalarEvent) or key_event.anchor or key_event.tag:
                self.problem(key_event, "mapping keys must be plain text", data_path)
                self.node(loader, (*data_path, "?"), depth + 1)
                self.node(loader, (*data_path, "?"), depth + 1)
                continue
            loader.get_event()
            key = key_event.value  # keys are always text, exactly as written: `no:` is the key "no"
            mark = key_event.start_mark
            loc = Loc(mark.line + 1, mark.column + 1, key)
            if key == "<<" and key_event.implicit[0]:
                self.problem(key_event, "merge keys (<<) are not allowed; write the keys out in full", data_path)
            if key in result:
                first = self.smap.keys[(*data_path, key)]
                shown = one_line(key[:60])
                self.problem(
                    key_event,
                    f"duplicate key '{shown}' (first written at line {first.line}); remove one",
                    (*data_path, key),
                )
                self.node(loader, (*data_path, key, "<duplicate>"), depth + 1)
                continue
            self.smap.keys[(*data_path, key)] = loc
            result[key] = self.node(loader, (*data_path, key), depth + 1)
        loader.get_event()
        return result

    def scalar(self, event: ScalarEvent, data_path: Path) -> Any:
        tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)
        if tag in (_TAG + "str", _TAG + "value", _TAG + "merge"):
            return event.value
        node = ScalarNode(tag, event.value)
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == _TAG + "int":
            if len(event.value) > MAX_NUMBER_CHARS:
                shown = event.value[:12] + "..."
                self.problem(
                    event,
                    f"the number {shown} has {len(event.value):,} characters; numbers in a scenario have at most "
                    f"{MAX_NUMBER_CHARS} (see the limits in the scenario format guide)",
                    data_path,
                )
                return None
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == _TAG + "float":
            number = _CONSTRUCTOR.construct_yaml_float(node)
            if not math.isfinite(number):
                self.problem(event, f"expected a finite number, found {event.value}", data_path)
            return number
        if tag == _TAG + "timestamp":
            try:
                return _CONSTRUCTOR.construct_yaml_timestamp(node)
            except ValueError:
                return event.value
        return event.value  # pragma: no cover - the resolver knows no other implicit tags

    def _skip(self, loader: Any, event: Event) -> None:
        """Consume the rest of a collection without building it."""
        if not isinstance(event, SequenceStartEvent | MappingStartEvent):
            return
        level = 1
        while level:
            nxt = loader.get_event()
            if isinstance(nxt, SequenceStartEvent | MappingStartEvent):
                level += 1
            elif isinstance(nxt, SequenceEndEvent | MappingEndEvent):
                level -= 1


def format_path(path: Path) -> str:
    """`("actors", 2, "colour")` -> `actors[2].colour`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
