"""Scenario translations: sidecar files that give every text of a scenario in another language.

A scenario names the language it is written in and the languages it is translated into
(`metadata.language`, `metadata.translations`). Each translation is a file beside it,
`translations/<file stem>.<lang>.yaml`, shaped like the scenario itself but holding only texts:

    translation_of: istanbul_talks      # the scenario's metadata.id
    language: uk
    metadata: {title: "...", summary: "..."}
    actors:
      - id: ukraine                     # items with an id are matched by id
        name: "Україна"
        goals: ["...", "..."]           # lists of texts, and items without an id, by position

Only texts are translated: ids, numbers, colours and switches come from the scenario, so a translation can
never change how the game plays. The sources' titles and their quotes (`source:`) stay as written; an event's
`quote.text` translated here is shown *beside* the original (`Quote.translation`), never instead of it.
The translated scenario is the scenario's data with the texts replaced, validated by the same models; every
text the scenario has and a translation lacks is reported at the scenario's line, naming the translation file.
"""

from __future__ import annotations

import copy
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from negotiator.scenario.errors import Problem, ScenarioError
from negotiator.scenario.models import Metadata, Quote, Scenario, Source
from negotiator.scenario.references import check_templates
from negotiator.scenario.textrules import LINE_PATTERN, TEXT_PATTERN
from negotiator.scenario.yaml_source import SourceMap, format_path, parse_yaml

# Languages a scenario may be written in or translated into, with their names for messages.
LANGUAGE_NAMES = {"en": "English", "uk": "Ukrainian", "ru": "Russian"}
FOLDER = "translations"
HEADER = ("translation_of", "language")
# Texts kept as written in every language: where the material comes from, and the scenario's own version and
# authors. (`source:` quotes are typed SourceQuote, which is not a translatable text.)
KEPT: set[tuple[type[BaseModel], str]] = {
    (Metadata, "version"),
    (Metadata, "authors"),
    (Source, "title"),
    (Source, "outlet"),
    (Source, "date"),
    (Quote, "translation"),
}
_TEXT_PATTERNS = {TEXT_PATTERN, LINE_PATTERN}

Path_ = tuple[str | int, ...]


def sidecar_path(scenario_path: str | Path, lang: str) -> Path:
    """Where the `lang` translation of a scenario file lives."""
    path = Path(scenario_path)
    return path.parent / FOLDER / f"{path.stem}.{lang}.yaml"


# --- which fields are texts -------------------------------------------------------------------------------


def _is_text(info: FieldInfo | None, annotation: Any) -> bool:
    metadata = list(info.metadata) if info is not None else []
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *extra = typing.get_args(annotation)
        metadata += extra
    if annotation is not str:
        return False
    return any(getattr(m, "pattern", None) in _TEXT_PATTERNS for m in metadata) and not any(
        getattr(m, "description", "") and "quote from the source" in str(getattr(m, "description", ""))
        for m in metadata
    )


def _unwrap(annotation: Any) -> list[Any]:
    """The alternatives of an Optional / Union annotation."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _shape(model: type[BaseModel], name: str) -> tuple[str, Any]:
    """How a field holds texts: ('text', None), ('texts', None) for a list of texts, ('model', M),
    ('models', M) for a list of models, ('map', M) for a dict of models, or ('none', None)."""
    info = model.model_fields[name]
    if (model, name) in KEPT:
        return "none", None
    if info.description and "quote from the source" in info.description:
        return "none", None
    for annotation in _unwrap(info.annotation):
        if _is_text(info, annotation):
            return "text", None
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return "model", annotation
        if origin is list and args:
            item = args[0]
            if isinstance(item, type) and issubclass(item, BaseModel):
                return "models", item
            if _is_text(None, item):
                return "texts", None
        if origin is dict and len(args) == 2 and isinstance(args[1], type) and issubclass(args[1], BaseModel):
            return "map", args[1]
    return "none", None


def texts(data: dict[str, Any], model: type[BaseModel] = Scenario, at: Path_ = ()) -> dict[Path_, str]:
    """Every translatable text in scenario data, by its data path (list items by index)."""
    found: dict[Path_, str] = {}
    for name, value in data.items():
        if name not in model.model_fields:
            continue
        kind, inner = _shape(model, name)
        here = (*at, name)
        if kind == "text" and isinstance(value, str) and value:
            found[here] = value
        elif kind == "texts" and isinstance(value, list):
            found.update({(*here, i): v for i, v in enumerate(value) if isinstance(v, str) and v})
        elif kind == "model" and isinstance(value, dict):
            found.update(texts(value, inner, here))
        elif kind == "models" and isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    found.update(texts(item, inner, (*here, i)))
        elif kind == "map" and isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, dict):
                    found.update(texts(item, inner, (*here, key)))
    return found


# --- reading a translation --------------------------------------------------------------------------------


class _Reader:
    """Walks a translation file beside the scenario's data, collecting texts by the scenario's data paths and
    the translation's own paths (for line numbers), and a problem for anything that is not a text there."""

    def __init__(self, name: str, smap: SourceMap):
        self.name = name
        self.smap = smap
        self.found: dict[Path_, tuple[str, Path_]] = {}  # scenario path -> (text, translation path)
        self.problems: list[Problem] = []

    def problem(self, at: Path_, message: str, key: bool = False) -> None:
        loc = self.smap.locate(at, key=key)
        self.problems.append(Problem(self.name, loc.line, loc.column, format_path(at), message))

    def mapping(self, base: dict[str, Any], data: dict[str, Any], model: type[BaseModel], at: Path_, mine: Path_):
        for name, value in data.items():
            here = (*mine, name)
            if name == "id" and "id" in model.model_fields:
                continue
            if name not in model.model_fields or name not in base:
                what = "the scenario has no such text here" if name in model.model_fields else "unknown key"
                self.problem(here, f"{what}: {name!r}", key=True)
                continue
            kind, inner = _shape(model, name)
            self.value(kind, inner, base[name], value, (*at, name), here)

    def value(self, kind: str, inner: Any, base: Any, value: Any, at: Path_, mine: Path_) -> None:
        if kind == "none":
            self.problem(mine, "only texts are translated; this comes from the scenario", key=True)
        elif kind == "text":
            if not isinstance(value, str):
                self.problem(mine, "expected the translated text")
            else:
                self.found[at] = (value, mine)
        elif kind == "model":
            if isinstance(value, dict) and isinstance(base, dict):
                self.mapping(base, value, inner, at, mine)
            else:
                self.problem(mine, "expected a mapping of translated texts")
        elif kind == "map":
            if not isinstance(value, dict):
                self.problem(mine, "expected a mapping of translated texts by id")
                return
            for key, item in value.items():
                if key not in base:
                    self.problem((*mine, key), f"the scenario has no {key!r} here", key=True)
                elif isinstance(item, dict):
                    self.mapping(base[key], item, inner, (*at, key), (*mine, key))
        elif kind in ("texts", "models"):
            if not isinstance(value, list):
                self.problem(mine, "expected a list, as in the scenario")
                return
            ids = {item.get("id"): i for i, item in enumerate(base) if isinstance(item, dict) and "id" in item}
            for position, item in enumerate(value):
                index = position
                if kind == "models" and isinstance(item, dict) and "id" in item:
                    if item["id"] not in ids:
                        self.problem((*mine, position, "id"), f"the scenario has no item with id {item['id']!r}")
                        continue
                    index = ids[item["id"]]
                if index >= len(base):
                    self.problem((*mine, position), f"the scenario's list has only {len(base)} items here")
                elif kind == "texts":
                    self.value("text", None, base[index], item, (*at, index), (*mine, position))
                else:
                    self.value("model", inner, base[index], item, (*at, index), (*mine, position))


def load_translation(
    base: dict[str, Any],
    base_texts: dict[Path_, str],
    lang: str,
    path: Path,
    shown: str,
    base_at: tuple[str, SourceMap],
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario in `lang` from its translation file, and every problem: in the file (its line), or a text
    it lacks (at the scenario's line, in `base_name`'s problems)."""
    from negotiator.files import FileReadError, read_regular

    try:
        text = read_regular(path, 1_000_000, "translation file")
    except FileReadError as exc:
        return None, [Problem(shown, 1, 1, "", f"the {LANGUAGE_NAMES.get(lang, lang)} translation: {exc.message}")]
    try:
        data, smap = parse_yaml(text.decode("utf-8", "replace") if isinstance(text, bytes) else text, shown)
    except ScenarioError as exc:
        return None, exc.problems
    reader = _Reader(shown, smap)
    if data.get("language") != lang:
        reader.problem(("language",), f"expected language: {lang} (the file name says so)")
    if data.get("translation_of") != base["metadata"]["id"]:
        reader.problem(("translation_of",), f"expected translation_of: {base['metadata']['id']}")
    body = {k: v for k, v in data.items() if k not in HEADER}
    reader.mapping(base, body, Scenario, (), ())
    return _merge(base, base_texts, lang, reader, base_at)


def _merge(
    base: dict[str, Any], base_texts: dict[Path_, str], lang: str, reader: _Reader, base_at: tuple[str, SourceMap]
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario's data with the translated texts in place, validated; a text the translation lacks is a
    warning (the original is shown), anything wrong in the translation an error at its own line."""
    merged = copy.deepcopy(base)
    merged["metadata"] = {**merged["metadata"], "language": lang, "translations": []}
    for at, (text, _) in reader.found.items():
        parent = merged
        for part in at[:-1]:
            parent = parent[part]
        if at[-1] == "text" and len(at) >= 2 and at[-2] == "quote":
            parent["translation"] = text  # the original stays; the translation goes beside it
        else:
            parent[at[-1]] = text
    name = LANGUAGE_NAMES.get(lang, lang)
    missing = []
    for at in base_texts:
        if at not in reader.found:
            loc = base_at[1].locate(at)
            message = f"no {name} text in {reader.name}; players reading {name} see this one"
            missing.append(Problem(base_at[0], loc.line, loc.column, format_path(at), message, "warning"))
    scenario = None
    try:
        scenario = Scenario.model_validate(merged)
    except ValidationError as exc:
        for err in exc.errors():
            mine = reader.found.get(tuple(err["loc"]), (None, tuple(err["loc"])))[1]
            reader.problem(mine, f"{err['msg']} ({name} text)")
    if scenario is not None:
        for finding in check_templates(scenario):  # lever news keep their placeholders
            reader.problem(reader.found.get(finding.path, (None, finding.path))[1], f"{finding.message} ({name} text)")
    return (None if reader.problems else scenario), reader.problems + missing


def translations(
    scenario: Scenario, data: dict[str, Any], smap: SourceMap, path: str | Path, shown: str
) -> tuple[dict[str, Scenario], list[Problem]]:
    """Every translation a scenario declares, read from beside its file, and every problem in them."""
    base_texts = texts(data)
    found: dict[str, Scenario] = {}
    problems: list[Problem] = []
    own = LANGUAGE_NAMES.get(scenario.metadata.language, "its own language")
    for i, lang in enumerate(scenario.metadata.translations):
        side = sidecar_path(path, lang)
        side_shown = str(Path(shown).parent / FOLDER / side.name)
        if not side.is_file():
            loc = smap.locate(("metadata", "translations", i))
            problems.append(
                Problem(
                    shown,
                    loc.line,
                    loc.column,
                    f"metadata.translations[{i}]",
                    f"the {LANGUAGE_NAMES.get(lang, lang)} translation {side_shown} does not exist; the "
                    f"scenario is shown in {own} instead",
                    "warning",
                )
            )
            continue
        translated, more = load_translation(data, base_texts, lang, side, side_shown, (shown, smap))
        problems += more
        if translated is not None:
            found[lang] = translated
    return found, problems


def skeleton(data: dict[str, Any], lang: str) -> dict[str, Any]:
    """A translation file's content with the scenario's own texts in place, for a translator to overwrite:
    the same shape, only the texts, list items keyed by id where they have one."""
    out: dict[str, Any] = {"translation_of": data["metadata"]["id"], "language": lang}
    out.update(_skeleton(data, Scenario))
    return out


def _skeleton(data: dict[str, Any], model: type[BaseModel], item: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if item and "id" in data and "id" in model.model_fields:
        out["id"] = data["id"]
    for name, value in data.items():
        if name not in model.model_fields:
            continue
        kind, inner = _shape(model, name)
        if kind == "text" and isinstance(value, str) and value:
            out[name] = value
        elif kind == "texts" and isinstance(value, list) and value:
            out[name] = list(value)
        elif kind == "model" and isinstance(value, dict):
            part = _skeleton(value, inner)
            if part:
                out[name] = part
        elif kind == "models" and isinstance(value, list):
            items = [_skeleton(one, inner, item=True) for one in value if isinstance(one, dict)]
            if any(set(one) - {"id"} for one in items):
                out[name] = items
        elif kind == "map" and isinstance(value, dict):
            parts = {key: _skeleton(item, inner) for key, item in value.items() if isinstance(item, dict)}
            parts = {key: part for key, part in parts.items() if part}
            if parts:
                out[name] = parts
    return out


def translation_json_schema() -> dict[str, Any]:
    """The JSON Schema of a translation file (docs/scenario-translation.schema.json): the scenario's shape with
    only its texts, every one optional (a missing text is the validator's warning, not a schema error)."""
    defs: dict[str, Any] = {}

    def ref(model: type[BaseModel]) -> dict[str, str]:
        if model.__name__ not in defs:
            defs[model.__name__] = {}
            defs[model.__name__] = body(model)
        return {"$ref": f"#/$defs/{model.__name__}"}

    def body(model: type[BaseModel]) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        if "id" in model.model_fields:
            properties["id"] = {"type": "string", "description": "The id of the item translated, as in the scenario."}
        for name, info in model.model_fields.items():
            kind, inner = _shape(model, name)
            about = {"description": info.description} if info.description else {}
            if kind == "text":
                properties[name] = {"type": "string", **about}
            elif kind == "texts":
                properties[name] = {"type": "array", "items": {"type": "string"}, **about}
            elif kind == "model":
                properties[name] = ref(inner)
            elif kind == "models":
                properties[name] = {"type": "array", "items": ref(inner), **about}
            elif kind == "map":
                properties[name] = {"type": "object", "additionalProperties": ref(inner), **about}
        return {"type": "object", "properties": properties, "additionalProperties": False}

    top = body(Scenario)
    top["properties"] = {
        "translation_of": {"type": "string", "description": "The metadata.id of the scenario translated."},
        "language": {"enum": sorted(LANGUAGE_NAMES), "description": "The language of this file's texts."},
        **{k: v for k, v in top["properties"].items() if k != "id"},
    }
    from negotiator.scenario.schema import SCHEMA_DIALECT, SCHEMA_ID

    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID + ":translation",
        "title": "Negotiator scenario translation",
        **top,
        "required": list(HEADER),
        "$defs": dict(sorted(defs.items())),
    }
