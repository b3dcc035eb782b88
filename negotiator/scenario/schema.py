"""The JSON Schema of the scenario format, generated from the models so it can never drift from them.

Editors (via `# yaml-language-server: $schema=...`) use it for completion and inline checks; the
committed copy in docs/ is regenerated with `python main.py schema --out docs/scenario.schema.json`.
"""

from __future__ import annotations

import json
from typing import Any

from negotiator.scenario.models import FORMAT_VERSION, Scenario

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:negotiator:scenario-format:{FORMAT_VERSION}"


def scenario_json_schema() -> dict[str, Any]:
    """The scenario format as a JSON Schema (draft 2020-12), with every field's description."""
    body = Scenario.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "Negotiator scenario",
    }
    schema.update({k: v for k, v in body.items() if k != "title"})
    _close_id_keyed_maps(schema)
    return schema


def _close_id_keyed_maps(node: Any) -> None:
    """Pydantic describes `dict[Id, X]` with patternProperties only, which lets any other key through;
    give `propertyNames` the id pattern too so editors flag a malformed key, as the loader does."""
    if isinstance(node, dict):
        patterns = node.get("patternProperties")
        names = node.get("propertyNames")
        if isinstance(patterns, dict) and len(patterns) == 1 and isinstance(names, dict) and "pattern" not in names:
            names["pattern"] = next(iter(patterns))
        for value in node.values():
            _close_id_keyed_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_id_keyed_maps(value)


def scenario_json_schema_text() -> str:
    """The schema as stable, diff-friendly text: this is exactly what docs/scenario.schema.json holds."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"


def translation_json_schema_text() -> str:
    """The translation files' schema as text: exactly what docs/scenario-translation.schema.json holds."""
    from negotiator.scenario.translations import translation_json_schema

    return json.dumps(translation_json_schema(), indent=2, ensure_ascii=False) + "\n"
