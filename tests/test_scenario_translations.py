"""Scenario translations (translations/<stem>.<lang>.yaml): complete for the shipped scenarios, validated by the
same models, located problems, and never a change to how the game plays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from negotiator.engine import new_game, view
from negotiator.engine.ai import make_ai
from negotiator.scenario import ScenarioError, load_scenario
from negotiator.scenario.models import Scenario
from negotiator.scenario.translations import sidecar_path, skeleton, texts
from negotiator.scenario.yaml_source import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def final_play(scenario: Scenario, seed: int) -> tuple[object, ...]:
    """What a game did: every action and the final meters (the records' news lines are texts, so they differ)."""
    ais = {a.id: make_ai(scenario, a.id, seed=seed) for a in scenario.negotiators}
    state = new_game(scenario, seed=seed)
    while not state.is_over():
        state = state.apply(ais[state.current_actor].decide(view(state, state.current_actor)))  # type: ignore[index,arg-type]
    return (state.actions, state.meters, state.turn)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenarios_are_complete_in_every_language(path: Path) -> None:
    warnings: list = []
    scenario = load_scenario(path, warnings=warnings)
    assert scenario.languages == ["en", "uk", "ru"]
    assert not [w for w in warnings if "text in" in w.message], warnings
    data, _ = parse_yaml(path.read_text(encoding="utf-8"))
    english = texts(data)
    for lang in ("uk", "ru"):
        translated = scenario.translated(lang)
        assert translated is not scenario and translated.metadata.language == lang
        other = texts(translated.model_dump(mode="json", exclude_defaults=False))
        quotes = {p for p in english if p[-2:] == ("quote", "text")}
        same = [p for p, text in english.items() if other.get(p) == text and any(c.isalpha() for c in text)]
        assert set(same) == quotes, (lang, sorted(set(same) - quotes)[:5])  # only the quoted words stay
        for event in translated.events:  # ... with their translation beside them
            if event.quote is not None:
                assert event.quote.translation and event.quote.translation != event.quote.text, event.id


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_translation_never_changes_the_game(path: Path) -> None:
    scenario = load_scenario(path)
    for lang in ("uk", "ru"):
        translated = scenario.translated(lang)
        assert translated.model_dump(
            include={"preferences", "rules"},
            exclude={"rules": {"endings", "deal_text", "deadline_text", "arbitration"}},
        ) == scenario.model_dump(
            include={"preferences", "rules"},
            exclude={"rules": {"endings", "deal_text", "deadline_text", "arbitration"}},
        )
        assert final_play(translated, 5) == final_play(scenario, 5)


def copy_tutorial(tmp_path: Path) -> tuple[Path, Path]:
    target = tmp_path / "tutorial.yaml"
    shutil.copy(TUTORIAL, target)
    (tmp_path / "translations").mkdir()
    for lang in ("uk", "ru"):
        shutil.copy(sidecar_path(TUTORIAL, lang), sidecar_path(target, lang))
    return target, sidecar_path(target, "uk")


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return [str(p) for p in caught.value.problems]


def test_a_missing_text_is_reported_at_the_scenarios_line_naming_the_translation(tmp_path: Path) -> None:
    target, uk = copy_tutorial(tmp_path)
    uk.write_text(uk.read_text(encoding="utf-8").replace('    name: "Резерви"\n', ""), encoding="utf-8")
    warnings: list = []
    scenario = load_scenario(target, warnings=warnings)
    line = next(i for i, text in enumerate(target.read_text().splitlines(), 1) if 'name: "Reserves"' in text)
    assert [str(w) for w in warnings] == [
        f"{target}:{line}:11: warning: no Ukrainian text in {tmp_path}/translations/tutorial.uk.yaml; players "
        "reading Ukrainian see this one (meters[1].name)"
    ]
    assert scenario.translated("uk").meters[1].name == "Reserves"  # the original, until it is translated
    assert scenario.translated("uk").meters[0].name == "Підтримка городян"


def test_anything_but_a_text_in_a_translation_is_an_error_at_its_line(tmp_path: Path) -> None:
    target, uk = copy_tutorial(tmp_path)
    text = uk.read_text(encoding="utf-8")
    text = text.replace(
        '    name: "Профспілка водіїв міських автобусів"\n', '    name: "Профспілка"\n    colour: "#000000"\n'
    )
    text = text.replace("  - id: breaks_10\n", "  - id: breaks_99\n")
    text = text.replace('    news: "{owner} пояснює', '    news: "{owners} пояснює')
    uk.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    at = {
        needle: next(i for i, t in enumerate(lines, 1) if needle in t) for needle in ("colour", "breaks_99", "{owners}")
    }
    found = problems_of(target)
    shown = f"{tmp_path}/translations/tutorial.uk.yaml"
    assert any(p.startswith(f"{shown}:{at['colour']}:") and "only texts are translated" in p for p in found), found
    assert any(p.startswith(f"{shown}:{at['breaks_99']}:") and "no item with id 'breaks_99'" in p for p in found)
    assert any(p.startswith(f"{shown}:{at['{owners}']}:") and "{owners}" in p and "Ukrainian text" in p for p in found)


def test_a_declared_language_needs_its_file_and_the_right_header(tmp_path: Path) -> None:
    target, uk = copy_tutorial(tmp_path)
    sidecar_path(target, "ru").unlink()
    uk.write_text(uk.read_text(encoding="utf-8").replace("language: uk", "language: ru"), encoding="utf-8")
    found = problems_of(target)
    assert any("warning: the Russian translation" in p and "tutorial.ru.yaml does not exist" in p for p in found), found
    line = next(i for i, t in enumerate(uk.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("language:"))
    assert any(f"tutorial.uk.yaml:{line}:" in p and "expected language: uk" in p for p in found), found


def test_a_text_too_long_in_translation_is_refused_by_the_same_models(tmp_path: Path) -> None:
    target, uk = copy_tutorial(tmp_path)
    uk.write_text(uk.read_text(encoding="utf-8").replace('short_name: "Профспілка"', 'short_name: "' + "Я" * 30 + '"'))
    found = problems_of(target)
    assert any(
        "tutorial.uk.yaml" in p and "at most 24 characters" in p and "(actors[0].short_name)" in p for p in found
    )


def test_a_translated_quote_goes_beside_the_original(tmp_path: Path) -> None:
    target, _ = copy_tutorial(tmp_path)
    base = target.read_text(encoding="utf-8")
    base = base.replace(
        "  - id: editorial\n",
        '  - id: editorial\n    quote: {text: "Tired drivers are a risk.", speaker: "The editor"}\n',
        1,
    )
    target.write_text(base, encoding="utf-8")
    for lang in ("uk", "ru"):
        side = sidecar_path(target, lang)
        side.write_text(
            side.read_text(encoding="utf-8").replace(
                "  - id: editorial\n",
                '  - id: editorial\n    quote: {text: "Втомлені водії — ризик.", speaker: "Редактор"}\n',
                1,
            ),
            encoding="utf-8",
        )
    quote = load_scenario(target).translated("uk").events[0].quote
    assert quote is not None
    assert (quote.text, quote.translation, quote.speaker) == (
        "Tired drivers are a risk.",
        "Втомлені водії — ризик.",
        "Редактор",
    )


def test_the_skeleton_is_a_translation_of_the_scenario_into_itself(tmp_path: Path) -> None:
    import yaml

    target, uk = copy_tutorial(tmp_path)
    data, _ = parse_yaml(target.read_text(encoding="utf-8"))
    uk.write_text(yaml.safe_dump(skeleton(data, "uk"), allow_unicode=True, sort_keys=False), encoding="utf-8")
    warnings: list = []
    scenario = load_scenario(target, warnings=warnings)
    assert scenario.translated("uk").model_dump(exclude={"metadata"}) == scenario.model_dump(exclude={"metadata"})
    assert not warnings
