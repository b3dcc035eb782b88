"""Load a scenario: strict YAML, model validation, then cross-reference checks, all reported at once.

Pydantic's own messages ("Input should be a valid string") name neither the line nor what the author
actually wrote, and say nothing about YAML 1.1's surprises. Here every validation error is mapped back to
the node it came from and rewritten as "expected X, found Y", with a fix when the cause is a YAML quirk.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import os
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from negotiator.scenario import textrules
from negotiator.scenario.errors import Problem, ScenarioError
from negotiator.scenario.models import Scenario
from negotiator.scenario.references import Finding, check_references
from negotiator.scenario.yaml_source import (
    MAX_BYTES,
    SourceMap,
    decode,
    format_path,
    parse_yaml,
    unquoted_comparison,
    unquoted_hash,
)

_ID_PATTERN = r"^[a-z][a-z0-9_]{0,47}$"
_EXPECTED = {
    "string_type": "a string",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}


def load_scenario(path: str | os.PathLike[str], warnings: list[Problem] | None = None) -> Scenario:
    """Read and validate a scenario file. Raises `ScenarioError` (never anything else) with every problem.

    Only a regular file of at most `MAX_BYTES` is read (`negotiator.files.read_regular`): a FIFO, a device
    or a folder is refused at once instead of hanging or reading forever."""
    from negotiator.files import FileReadError, read_regular, shown_path

    name = shown_path(path)
    try:
        data = read_regular(path, MAX_BYTES, "scenario file")
    except FileReadError as exc:
        message = _READ_MESSAGES.get(exc.message, exc.message)
        message = message.replace("the scenario file is", "file is").replace("at most", "scenarios are limited to")
        raise ScenarioError(name, [Problem(name, 1, 1, "", message)]) from None
    return load_scenario_text(data, name, warnings, translations_from=path)


_READ_MESSAGES = {
    "no such scenario file": "no such file",
    "this is a folder, not a scenario file": "is a directory, not a scenario file",
}


def load_scenario_text(
    text: str | bytes,
    path: str = "<text>",
    warnings: list[Problem] | None = None,
    translations_from: str | os.PathLike[str] | None = None,
) -> Scenario:
    """Validate scenario text (or the bytes of a file). `path` is only used to name the source in problems;
    `translations_from`, the file's real path, is where the translations it declares are read from."""
    if isinstance(text, bytes):
        text = decode(text, path)
    data, smap = parse_yaml(text, path)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = [_problem_from_error(err, smap, path) for err in exc.errors()]
        repaired = _repair(data, exc.errors())
        if repaired is not None:
            # Check cross-references too, so one run reports a misspelt key *and* an unknown id.
            problems += [
                p
                for p in (_problem_from_finding(f, smap, path) for f in check_references(repaired))
                if p.severity == "error"
            ]
        raise ScenarioError(path, _sorted(problems)) from None
    problems = [_problem_from_finding(f, smap, path) for f in check_references(scenario)]
    if scenario.metadata.translations:
        found, more = _translations(scenario, data, smap, translations_from, path)
        problems += more
        scenario._translations.update(found)
    problems = _sorted(problems)
    if any(p.severity == "error" for p in problems):
        raise ScenarioError(path, problems)
    if warnings is not None:
        warnings.extend(problems)
    return scenario


def _translations(
    scenario: Scenario, data: dict[str, Any], smap: SourceMap, real: str | os.PathLike[str] | None, path: str
) -> tuple[dict[str, Scenario], list[Problem]]:
    from negotiator.scenario.translations import translations

    if real is None:  # text with no file beside it: the scenario plays in its own language only
        return {}, []
    return translations(scenario, data, smap, real, path)


def _repair(data: Any, errors: list[Any]) -> Scenario | None:
    """The scenario with unknown keys set aside (a misspelt key's value moved to the key it resembles), if
    that alone makes it valid; None otherwise. Only used to look for more problems, never to load."""
    fixed = copy.deepcopy(data)
    for err in errors:
        loc = err["loc"]
        parent = _at(fixed, loc[:-1])
        if not isinstance(parent, dict):
            return None
        if err["type"] == "extra_forbidden":
            parent.pop(loc[-1], None)
        elif err["type"] == "missing":
            # A missing key is usually a misspelt one: take its value from the closest unknown sibling.
            unknown = [k for k in parent if isinstance(k, str) and k not in _model_fields(loc)]
            close = difflib.get_close_matches(str(loc[-1]), unknown, n=1)
            if not close:
                return None
            parent[loc[-1]] = parent.pop(close[0])
        else:
            return None
    try:
        return Scenario.model_validate(fixed)
    except ValidationError:
        return None


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line, p.column, p.severity))


def _problem_from_finding(finding: Finding, smap: SourceMap, path: str) -> Problem:
    loc = smap.locate(finding.path, key=finding.at_key)
    return Problem(path, loc.line, loc.column, format_path(finding.path), finding.message, finding.severity)


def _problem_from_error(err: Any, smap: SourceMap, path: str) -> Problem:
    """Rewrite one pydantic error as a located Problem with "expected ..., found ..."."""
    loc_path: tuple[str | int, ...] = tuple(err["loc"])
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    at_key = False
    if loc_path and loc_path[-1] == "[key]":  # an invalid key of a dict[Id, ...]
        loc_path = loc_path[:-1]
        at_key = True
    if kind == "extra_forbidden":
        at_key = True
        message = _unknown_key(loc_path)
    elif kind == "missing":
        message = f"missing required key '{loc_path[-1]}'"
        where = smap.locate(loc_path[:-1])
        return Problem(path, where.line, where.column, format_path(loc_path), message)
    else:
        want_text = kind in ("string_type", "literal_error")
        found = _describe(err["input"], smap, loc_path, at_key, want_text)
        message = _mismatch(kind, ctx, loc_path, err["input"], found, at_key) or f"{err['msg']}; found {found}"
    where = smap.locate(loc_path, key=at_key)
    return Problem(path, where.line, where.column, format_path(loc_path), message)


def _mismatch(
    kind: str, ctx: dict[str, Any], loc_path: tuple[str | int, ...], value: Any, found: str, at_key: bool
) -> str | None:
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, found {found}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, found {found}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in (textrules.TEXT_PATTERN, textrules.LINE_PATTERN):
        line = ctx.get("pattern") == textrules.LINE_PATTERN
        return textrules.problem(str(value), line=line) or f"expected plain text, found {found}"
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern", "")).startswith("^[hH][tT][tT][pP]"):
        return f"expected an http:// or https:// address without spaces, found {found}"
    if kind == "string_pattern_mismatch":
        what = "an id" if ctx.get("pattern") == _ID_PATTERN else "a colour as #RRGGBB"
        if ctx.get("pattern") == _ID_PATTERN:
            what += " (lower-case letters, digits and underscores, starting with a letter, at most 48 characters)"
            if at_key:
                what = "a key that is " + what
        elif ctx.get("pattern") != r"^#[0-9a-fA-F]{6}$":
            what = f"text matching {ctx.get('pattern')}"
        return f"expected {what}, found {found}"
    if kind == "string_too_short":
        return f"expected text, found an empty string ({_last(loc_path)} cannot be empty)"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters, found {len(value):,}"
    if kind == "too_long":
        count = len(value) if isinstance(value, list | dict) else 0
        return f"expected at most {ctx.get('max_length')} item(s) in {_last(loc_path)}, found {count:,}"
    if kind == "string_unicode":
        return "expected text, found characters that are not valid Unicode (a lone surrogate)"
    if kind == "finite_number":
        return f"expected a finite number, found {found}"
    if kind == "too_short":
        return _too_short(loc_path, ctx, value)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        op = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=", "less_than": "<"}[kind]
        bound = next(iter(ctx.values()), "?")
        if isinstance(bound, int | float) and float(bound).is_integer():
            bound = f"{int(bound):,}"
        return f"expected a number {op} {bound}, found {found}"
    return None


def _too_short(loc_path: tuple[str | int, ...], ctx: dict[str, Any], value: Any) -> str:
    count = len(value) if isinstance(value, list | dict) else 0
    minimum = ctx.get("min_length", 1)
    field = _last(loc_path)
    if loc_path == ("actors",):
        return f"a scenario needs at least {minimum} actors; found {count}"
    if field == "options":
        return f"an issue needs at least {minimum} options; found {count}"
    return f"expected at least {minimum} item(s) in {field}, found {count}"


def _last(loc_path: tuple[str | int, ...]) -> str:
    names = [p for p in loc_path if isinstance(p, str)]
    return names[-1] if names else "the scenario"


def _unknown_key(loc_path: tuple[str | int, ...]) -> str:
    key = textrules.one_line(str(loc_path[-1])[:60])
    fields = _model_fields(loc_path[:-1])
    hint = ""
    close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    if close:
        hint = f" — did you mean '{close[0]}'?"
    elif fields:
        hint = f" (allowed here: {', '.join(fields)})"
    return f"unknown key '{key}'{hint}"


def _model_fields(loc_path: tuple[str | int, ...]) -> list[str]:
    """Field names of the model found at `loc_path`, walking the Scenario annotations."""
    model: Any = Scenario
    for part in loc_path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        if part not in model.model_fields:
            # a dict key such as a preference's actor id: descend into the dict's value type
            continue
        model = _inner_model(model.model_fields[part].annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside `X`, `X | None`, `list[X]` or `dict[str, X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in reversed(getattr(annotation, "__args__", ()) or ()):
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


def _describe(value: Any, smap: SourceMap, loc_path: tuple[str | int, ...], at_key: bool, want_text: bool) -> str:
    """What the author wrote, in words, with the fix when YAML 1.1 read it as something else."""
    loc = None if at_key else smap.raw(loc_path)
    raw = loc.raw if loc is not None and not loc.quoted else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _describe_number(value, raw, want_text)
    if isinstance(value, bool):
        text = f"boolean {str(value).lower()}"
        if raw is not None and raw.lower() not in ("true", "false"):
            text += f' — YAML 1.1 reads NO/yes/on as booleans; quote it: "{raw}"'
        return text
    if value is None:
        return "nothing (an empty value or null)" + _pitfall(smap, loc_path, at_key)
    if isinstance(value, dt.date | dt.datetime):
        written = raw or value.isoformat()
        return f'date {written} — YAML reads it as a date; quote it: "{written}"'
    if isinstance(value, str):
        shown = textrules.one_line(value if len(value) <= 60 else value[:57] + "...")
        if not want_text and raw is not None and _EXPONENT_WITHOUT_DOT.match(raw):
            return (
                f"'{shown}' — YAML 1.1 reads an exponent without a dot as text; "
                "write it with a dot (1.0e-6) or in full (0.000001)"
            )
        return f"'{shown}'" if value else "an empty string" + _pitfall(smap, loc_path, at_key)
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return "a mapping of keys"
    return type(value).__name__


_HASH_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")
_EXPONENT_WITHOUT_DOT = re.compile(r"^[-+]?[0-9]+[eE][-+]?[0-9]+$")  # 1e-06: YAML 1.1 needs 1.0e-06


def _pitfall(smap: SourceMap, loc_path: tuple[str | int, ...], at_key: bool) -> str:
    """Why a value the author wrote came out empty, with the fix: an unquoted `#` starts a comment
    (`colour: #123456` is an empty colour), an unquoted `>` a block of text (`op: >` is an empty string)."""
    loc = None if at_key else smap.raw(loc_path)
    if loc is None or not loc_path or not isinstance(loc_path[-1], str):
        return ""
    key = loc_path[-1]
    rest = smap.line(loc.line)[loc.column - 1 :].strip()
    if rest.startswith("#") and rest[1:2].strip() and not loc.quoted:  # "# note" is a comment meant as one
        colour = _HASH_COLOUR.match(rest)
        written = colour.group() if colour else rest
        return " — " + unquoted_hash(key, written)
    if rest.startswith(">") and loc.quoted and loc.raw == "":
        return " — " + unquoted_comparison(key, ">=" if rest.startswith(">=") else ">")
    return ""


def _describe_number(value: float, raw: str | None, want_text: bool) -> str:
    text = f"whole number {value}" if isinstance(value, int) else f"number {value!r}"
    if raw is None:
        return text
    if ":" in raw:
        return text + f' — YAML 1.1 reads {raw} as a base-60 number; quote it: "{raw}"'
    if want_text and raw != str(value):
        return text + f' — YAML reads {raw} as the number {value!r}; quote it: "{raw}"'
    if want_text:
        return text + f'; quote it to make it text: "{raw}"'
    if raw != str(value):
        text += f" (written {raw})"
    return text
