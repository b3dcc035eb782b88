"""Scenario files: news templates are data with a fixed syntax (defect 1), and every value from a file is
bounded (defects 2, 6, 7, 8): each hostile value is refused by `validate` with its line and field, and
never reaches a turn, an analysis or a brief."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.engine.players import play_ai_game
from negotiator.scenario import ScenarioError, load_scenario, load_scenario_text
from negotiator.scenario.schema import scenario_json_schema
from negotiator.scenario.text_template import check, escape, placeholders, render
from tests.robustness.helpers import LOCATED, TUTORIAL_TEXT, edited_tutorial, run, write

STRIKE_NEWS = 'news: "{owner} stops the buses for a day; {target} faces angry passengers."'
STATEMENT_NEWS = 'news: "{owner} tells the press why drivers need proper breaks."'


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "s.yaml")
    return [str(p) for p in info.value.errors]


# --- defect 1: templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("news", "expected"),
    [
        ("{owner:>999999999} strikes", "format spec"),
        ("{ owner strikes", "never closed"),
        ("{owner} strikes }", "no '{' before it"),
        ("{0} strikes", "positional"),
        ("{} strikes", "positional"),
        ("{owner.name} strikes", "reaches into a value"),
        ("{onwer} strikes {target}", "did you mean {owner}?"),
    ],
)
def test_bad_templates_are_refused_with_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], news: str, expected: str
) -> None:
    text = edited_tutorial(STRIKE_NEWS, f'news: "{news}"')
    path = write(tmp_path, text)
    code, out, _err = run(["validate", str(path)], capsys)
    assert code == 2
    line = text[: text.index(news)].count("\n") + 1
    errors = [row for row in out.splitlines() if ": error: " in row]
    assert any(row.startswith(f"{path}:{line}:") and "(levers[0].news)" in row and expected in row for row in errors)


def test_target_on_a_lever_without_targets_is_refused() -> None:
    text = edited_tutorial(STATEMENT_NEWS, 'news: "{owner} tells {target} off."')
    (message,) = problems_of(text)
    assert "{target} needs a lever with targets" in message and "levers[1].news" in message


def test_event_news_takes_no_placeholders() -> None:
    text = edited_tutorial("  - id: editorial\n", "  - id: editorial\n", 1)
    start = text.index("  - id: editorial")
    news = text.index("news:", start)
    text = text[:news] + 'news: "{owner} speaks."\n' + text[text.index("\n", news) + 1 :]
    messages = problems_of(text)
    assert any("takes no placeholders" in m and "events[0].news" in m for m in messages)


def test_a_stray_brace_no_longer_reaches_a_turn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: the file validated and `simulate` raised ValueError at the first strike."""
    path = write(tmp_path, edited_tutorial(STRIKE_NEWS, 'news: "{owner stops the buses."'))
    code, _, err = run(["simulate", "--scenario", str(path), "--games", "3"], capsys)
    assert code == 2 and all(LOCATED.match(row) for row in err.splitlines())


def test_literal_braces_and_the_default_failure_line() -> None:
    text = edited_tutorial(STRIKE_NEWS, 'news: "{{Strike}} by {owner} against {target}."')
    text = text.replace('name: "One-day strike"', 'name: "One-day {strike}"')
    scenario = load_scenario_text(text)
    assert render(scenario.levers[0].news, {"owner": "Union", "target": "Authority"}) == (
        "{Strike} by Union against Authority."
    )
    state = play_ai_game(scenario, seed=2)  # levers resolve, some fail with the default line
    lines = [e.text for r in state.records for e in r.entries if e.kind == "lever"]
    assert lines and not any("{{" in line for line in lines)


@given(st.text(alphabet=st.sampled_from(list("{}:!.[]0 ownertaghx_")), max_size=40), st.text(max_size=10))
@settings(max_examples=200, deadline=None)
def test_render_never_raises_and_check_explains_every_brace(template: str, value: str) -> None:
    out = render(template, {"owner": value, "target": value})
    assert isinstance(out, str)
    if not check(template, ("owner", "target")):
        # a clean template: every brace is a placeholder or an escape, and escaped text renders back
        assert render(escape(template), {}) == template
        for name in placeholders(template):
            assert name in ("owner", "target")


# --- defects 2, 6, 7, 8: bounds --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("initial: 50", "initial: " + "1" * 5000, "5,000 characters"),  # defect 2
        ('short_name: "Union"', 'short_name: "Un\\0ion"', "U+0000 (NUL)"),  # defect 6
        ('short_name: "Union"', 'short_name: "\\e[31mUnion"', "U+001B (escape"),  # defect 6
        ('short_name: "Union"', 'short_name: "Un\\u200bion"', "zero-width space"),
        ('short_name: "Union"', 'short_name: "Un\\u202eion"', "right-to-left override"),
        ("initial: 50\n", "initial: 50\n    min: -1.0e+308\n    max: 1.0e+308\n", "1,000,000"),  # defect 7
        ("score_weight: 20", "score_weight: .inf", "finite"),
        ("cost: 2", "cost: 99999", "<= 20"),
    ],
)
def test_hostile_values_are_refused_with_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    path = write(tmp_path, edited_tutorial(old, new))
    code, out, _err = run(["validate", str(path)], capsys)
    assert code == 2
    rows = out.splitlines()
    assert rows and all(LOCATED.match(row) or row.endswith("invalid") for row in rows)
    assert any(expected in row for row in rows), rows
    assert "\x1b" not in out and "\x00" not in out  # what was found is shown escaped


def test_huge_integers_never_reach_analyze_or_briefs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: validate said "internal error", analyze and briefs raised the ValueError traceback."""
    path = write(tmp_path, edited_tutorial("initial: 50", "initial: " + "9" * 5000))
    for argv in (["analyze", "--scenario", str(path)], ["briefs", "--scenario", str(path), "--out", str(tmp_path)]):
        code, _, err = run(argv, capsys)
        assert code == 2 and "5,000 characters" in err


def test_long_quote_context_is_refused() -> None:
    """Defect 8: a quote context had no length limit; a long unbroken token was re-wrapped every frame."""
    text = TUTORIAL_TEXT
    start = text.index("  - id: editorial")
    news = text.index("news:", start)
    line_end = text.index("\n", news)
    quote = '\n    quote: {text: "A quote.", speaker: "Someone", context: "' + "x" * 5000 + '"}'
    messages = problems_of(text[:line_end] + quote + text[line_end:])
    assert any("at most 400 characters" in m and "quote.context" in m for m in messages)


def test_list_sizes_and_package_count_are_bounded() -> None:
    authors = "authors: [" + ", ".join(f'"a{k}"' for k in range(60)) + "]"
    messages = problems_of(edited_tutorial('authors:\n    - "Negotiator project"', authors))
    assert any("at most 50 item(s) in authors" in m for m in messages)
    data = yaml.safe_load(TUTORIAL_TEXT)
    for issue in data["issues"]:
        issue["options"] = [{"id": f"o{k}", "label": f"Option {k}"} for k in range(20)]
    for prefs in data["preferences"].values():
        for pref in prefs["issues"].values():
            pref["values"] = {f"o{k}": k / 19 for k in range(20)}
            pref["red_lines"] = []
    data["issues"].append(dict(data["issues"][0], id="extra"))
    for prefs in data["preferences"].values():
        prefs["issues"]["extra"] = dict(prefs["issues"]["pay"])
    # 160,000 packages play, slowly: a warning that names the issues that multiply them.
    warnings: list = []
    load_scenario_text(json.dumps(data), "s.yaml", warnings)  # JSON is YAML, with no aliases for shared values
    assert any("160,000 packages: pay (20) x" in w.message and "extra (20)" in w.message for w in warnings)
    for extra in ("more", "still_more", "even_more"):  # 20 ** 7: too many even to sample sensibly
        data["issues"].append(dict(data["issues"][0], id=extra))
        for prefs in data["preferences"].values():
            prefs["issues"][extra] = dict(prefs["issues"]["pay"])
    messages = problems_of(json.dumps(data))
    assert any("1,280,000,000 packages" in m and "beyond 1,000,000,000" in m and "(issues)" in m for m in messages)


def test_only_http_urls_are_accepted_as_sources() -> None:
    source = '  version: "1.0"\n  sources:\n    - {title: "T", outlet: "O", date: "D", url: "javascript:alert(1)"}'
    messages = problems_of(edited_tutorial('  version: "1.0"', source))
    assert any("http:// or https://" in m and "sources[0].url" in m for m in messages)


def test_the_schema_carries_the_same_bounds() -> None:
    schema = scenario_json_schema()
    validator = jsonschema.Draft202012Validator(schema)
    good = yaml.safe_load(TUTORIAL_TEXT)
    assert not list(validator.iter_errors(good))
    for change in (
        lambda d: d["actors"][0].__setitem__("short_name", "Un\x00ion"),
        lambda d: d["meters"][0].__setitem__("max", 1e308),
        lambda d: d["levers"][0].__setitem__("cost", 10**40),
        lambda d: d["metadata"].__setitem__("authors", ["a"] * 60),
        lambda d: d["metadata"].__setitem__("sources", [{"title": "t", "outlet": "o", "date": "d", "url": "ftp://x"}]),
    ):
        bad = json.loads(json.dumps(good))
        change(bad)
        assert list(validator.iter_errors(bad)), change


def test_shipped_scenarios_still_load() -> None:
    for path in sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml")):
        load_scenario(path)
