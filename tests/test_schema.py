"""The exported JSON Schema: up to date, well-formed, and agreeing with the loader on shipped files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from negotiator.scenario import load_scenario, scenario_json_schema
from negotiator.scenario.schema import scenario_json_schema_text
from negotiator.scenario.template import template_text
from negotiator.scenario.yaml_source import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "docs" / "scenario.schema.json"
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = scenario_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_file_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == scenario_json_schema_text(), (
        "docs/scenario.schema.json is stale; run: python main.py schema --out docs/scenario.schema.json"
    )


def test_schema_header_and_descriptions() -> None:
    schema = scenario_json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["$id"] and schema["title"]
    assert schema["additionalProperties"] is False
    actor = schema["$defs"]["Actor"]["properties"]
    assert all("description" in prop for name, prop in actor.items() if name != "source")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_scenario_validates_with_loader_and_schema(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    warnings: list = []
    scenario = load_scenario(path, warnings=warnings)
    assert scenario.metadata.id
    data, _ = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../docs/scenario.schema.json")


def test_template_validates_against_schema(validator: jsonschema.Draft202012Validator) -> None:
    data, _ = parse_yaml(template_text())
    assert not list(validator.iter_errors(data))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('colour: "#3366cc"', 'colur: "#3366cc"'),
        ("  - id: dredging", "  - id: Dredging"),
        ("meters: {support: 55}", "meters: {Support: 55}"),
        ("success_chance: 0.7", "success_chance: 2"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(validator: jsonschema.Draft202012Validator, old: str, new: str) -> None:
    data, _ = parse_yaml(template_text().replace(old, new, 1))
    assert list(validator.iter_errors(data))


def test_schema_is_json_serialisable() -> None:
    assert json.loads(json.dumps(scenario_json_schema())) == scenario_json_schema()


TRANSLATION_SCHEMA = ROOT / "docs" / "scenario-translation.schema.json"


def test_translation_schema_is_up_to_date_and_takes_the_shipped_translations() -> None:
    from negotiator.scenario.schema import translation_json_schema_text

    assert TRANSLATION_SCHEMA.read_text(encoding="utf-8") == translation_json_schema_text(), (
        "docs/scenario-translation.schema.json is stale; run: "
        "python main.py schema --translation --out docs/scenario-translation.schema.json"
    )
    schema = json.loads(translation_json_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator(schema)
    shipped = sorted((ROOT / "scenarios" / "translations").glob("*.yaml"))
    assert shipped
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../docs/scenario-translation.schema.json"), path
        data, _ = parse_yaml(text, str(path))
        assert not [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(data)], path
    bad, _ = parse_yaml("translation_of: x\nlanguage: uk\nactors:\n  - id: a\n    colour: '#000000'\n")
    assert list(checker.iter_errors(bad))
