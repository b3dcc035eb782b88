"""The `validate`, `schema` and `new-scenario` commands: one test per rejection, through the real CLI.

Each bad file is a small fixed scenario (tests/fixtures/harbour_small.yaml, the template as it once was) with
one edit; the expected line is where the edit's `needle` lands. `new-scenario` is tested on the template itself.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from negotiator.cli import main
from negotiator.scenario.template import template_text

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = (ROOT / "tests" / "fixtures" / "harbour_small.yaml").read_text(encoding="utf-8")


def edit(old: str, new: str, text: str = TEMPLATE) -> str:
    assert text.count(old) >= 1, f"template no longer contains {old!r}"
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


def run_validate(tmp_path: Path, text: str | bytes, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    path = tmp_path / "bad.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    code = main(["validate", str(path)])
    out = capsys.readouterr()
    return code, out.out + out.err, path


def error_lines(output: str, path: Path) -> list[tuple[int, int, str]]:
    found = []
    for line in output.splitlines():
        match = re.match(rf"^{re.escape(str(path))}:(\d+):(\d+): error: (.*)$", line)
        if match:
            found.append((int(match[1]), int(match[2]), match[3]))
    return found


# (case id, old text, new text, needle whose line the error must name, field in the message, words in it)
# (old and new may be tuples, for cases that need several edits)
CASES: list[tuple[str, str | tuple[str, ...], str | tuple[str, ...], str, str, str]] = [
    ("syntax_error", 'title: "A Harbour Dispute"', 'title: "A Harbour Dispute', "", "", "YAML syntax error"),
    ("custom_tag", 'period: "Spring"', "period: !season Spring", "!season", "metadata.period", "tags"),
    (
        "python_tag",
        'period: "Spring"',
        "period: !!python/object/apply:os.system [ls]",
        "!!python",
        "metadata.period",
        "tags",
    ),
    ("binary_tag", 'period: "Spring"', "period: !!binary aGVsbG8=", "!!binary", "metadata.period", "tags"),
    ("explicit_str_tag", 'period: "Spring"', "period: !!str Spring", "!!str", "metadata.period", "tags"),
    ("anchor", 'period: "Spring"', "period: &p Spring", "&p", "metadata.period", "anchors"),
    (
        "alias",
        'content_note: "Fictional; no real places or people."',
        "content_note: *p",
        "*p",
        "metadata.content_note",
        "aliases",
    ),
    ("merge_key", '  period: "Spring"\n', '  period: "Spring"\n  <<: {x: 1}\n', "<<", "metadata", "merge keys"),
    (
        "duplicate_key",
        '  period: "Spring"\n',
        '  period: "Spring"\n  period: "Summer"\n',
        'period: "Summer"',
        "metadata.period",
        "duplicate key 'period'",
    ),
    (
        "unknown_key",
        'colour: "#3366cc"',
        'colour: "#3366cc"\n    colur: "#3366cc"',
        "colur",
        "actors[0].colur",
        "did you mean 'colour'",
    ),
    (
        "yaml11_boolean",
        'short_name: "Northport"',
        "short_name: NO",
        "short_name: NO",
        "actors[0].short_name",
        'quote it: "NO"',
    ),
    ("yaml11_float", 'version: "0.1"', "version: 1.10", "version: 1.10", "metadata.version", 'quote it: "1.10"'),
    ("yaml11_sexagesimal", 'period: "Spring"', "period: 12:30", "period: 12:30", "metadata.period", "base-60"),
    ("unquoted_date", 'date: "2025-01-01"', "date: 2025-01-01", "2025-01-01", "metadata.sources[0].date", "quote it"),
    ("wrong_type_int", "  turns: 6", "  turns: six", "six", "rules.turns", "expected a whole number"),
    ("bad_colour", 'colour: "#cc6633"', 'colour: "orange"', "orange", "actors[1].colour", "#RRGGBB"),
    ("bad_id", "  - id: dredging", "  - id: Dredging", "Dredging", "issues[1].id", "expected an id"),
    (
        "out_of_range_probability",
        "success_chance: 0.7",
        "success_chance: 1.5",
        "1.5",
        "levers[0].success_chance",
        "<= 1",
    ),
    ("negative_cost", "    cost: 1\n", "    cost: -1\n", "cost: -1", "levers[0].cost", ">= 0"),
    ("missing_key", '    name: "Harbour fees"\n', "", "  - id: fees", "issues[0].name", "missing required key"),
    ("format_version", "format_version: 1", "format_version: 2", "format_version", "format_version", "expected one of"),
    (
        "one_option",
        '      - {id: north_pays, label: "Northport pays"}\n      - {id: split, label: "Split the cost"}\n',
        "",
        "    options:\n      - {id: south_pays",
        "issues[1].options",
        "at least 2 options",
    ),
    (
        "unknown_signatory",
        "signatories: [northport, southbay]",
        "signatories: [northport, soutbay]",
        "soutbay",
        "issues[0].signatories[1]",
        "did you mean 'southbay'",
    ),
    (
        "unknown_preference_actor",
        "  southbay:\n    reservation:",
        "  soutbay:\n    reservation:",
        "soutbay:",
        "preferences.soutbay",
        "unknown actor 'soutbay'",
    ),
    (
        "unknown_preference_issue",
        "      dredging:\n        weight: 1",
        "      dreging:\n        weight: 1",
        "dreging",
        "preferences.northport.issues.dreging",
        "did you mean 'dredging'",
    ),
    (
        "unknown_option_value",
        "values: {low: 1.0, medium: 0.6, high: 0.0}",
        "values: {low: 1.0, meduim: 0.6, high: 0.0}",
        "meduim",
        "preferences.northport.issues.fees.values.meduim",
        "did you mean 'medium'",
    ),
    (
        "unknown_red_line",
        "red_lines: [high]",
        "red_lines: [hihg]",
        "hihg",
        "preferences.northport.issues.fees.red_lines[0]",
        "did you mean 'high'",
    ),
    (
        "unknown_actor_meter",
        "meters: {support: 55}",
        "meters: {suport: 55}",
        "suport",
        "actors[0].meters.suport",
        "did you mean 'support'",
    ),
    (
        "unknown_lever_owner",
        "owner: northport",
        "owner: nothport",
        "nothport",
        "levers[0].owner",
        "did you mean 'northport'",
    ),
    (
        "unknown_lever_target",
        "targets: [southbay]",
        "targets: [southbey]",
        "southbey",
        "levers[0].targets[0]",
        "did you mean 'southbay'",
    ),
    (
        "unknown_effect_meter",
        "{kind: meter, meter: tension, change: 3}",
        "{kind: meter, meter: tenshun, change: 3}",
        "tenshun",
        "rules.each_turn_without_progress[0].meter",
        "did you mean 'tension'",
    ),
    (
        "unknown_effect_who",
        "{kind: reservation, who: all, change: -0.05}",
        "{kind: reservation, who: southbey, change: -0.05}",
        "southbey",
        "events[0].effects[1].who",
        "did you mean 'southbay'",
    ),
    (
        "unknown_condition_meter",
        '{meter: tension, op: ">", value: 50}',
        '{meter: tensoin, op: ">", value: 50}',
        "tensoin",
        "events[1].trigger.when[0].meter",
        "did you mean 'tension'",
    ),
    (
        "unknown_condition_actor",
        '{meter: support, actor: self, op: ">=", value: 40}',
        '{meter: support, actor: nortport, op: ">=", value: 40}',
        "nortport",
        "levers[1].conditions[0].actor",
        "did you mean 'northport'",
    ),
    (
        "unknown_ending_actor",
        "    - kind: collapse\n",
        "    - kind: collapse\n      actor: soutbay\n",
        "soutbay",
        "rules.endings[0].actor",
        "did you mean 'southbay'",
    ),
    (
        "unknown_deal_issue",
        "  offers_per_turn: 1\n",
        "  offers_per_turn: 1\n  deal_issues: [fess]\n",
        "fess",
        "rules.deal_issues[0]",
        "did you mean 'fees'",
    ),
    (
        "unknown_ending_kind",
        "ending_points: {collapse: -30}",
        "ending_points: {colapse: -30}",
        "colapse",
        "rules.scoring.ending_points.colapse",
        "did you mean 'collapse'",
    ),
    (
        "duplicate_actor_id",
        "  - id: southbay\n",
        "  - id: northport\n",
        '  - id: northport\n    name: "Town of S',
        "actors[1].id",
        "duplicate actor id",
    ),
    (
        "duplicate_issue_id",
        "  - id: dredging",
        "  - id: fees",
        '  - id: fees\n    name: "Dredging',
        "issues[1].id",
        "duplicate issue id",
    ),
    (
        "duplicate_option_id",
        "{id: medium, label",
        "{id: low, label",
        '{id: low, label: "Medium',
        "issues[0].options[1].id",
        "duplicate option id",
    ),
    (
        "duplicate_meter_id",
        "  - id: tension",
        "  - id: support",
        '  - id: support\n    name: "Tension',
        "meters[1].id",
        "duplicate meter id",
    ),
    (
        "duplicate_lever_id",
        "  - id: close_quay",
        "  - id: press_campaign",
        "  - id: press_campaign\n    owner: s",
        "levers[1].id",
        "duplicate lever id",
    ),
    (
        "duplicate_event_id",
        "  - id: council_meeting",
        "  - id: storm",
        '  - id: storm\n    name: "Council',
        "events[1].id",
        "duplicate event id",
    ),
    (
        "missing_issue_preference",
        "      dredging:\n        weight: 2\n        values: {north_pays: 1.0, split: 0.7, south_pays: 0.0}\n"
        "        red_lines: [south_pays]\n",
        "",
        "    issues:\n      fees:\n        weight: 1",
        "preferences.southbay.issues",
        "no preference for issue 'dredging'",
    ),
    (
        "missing_option_value",
        "values: {low: 0.0, medium: 0.6, high: 1.0}",
        "values: {low: 0.0, high: 1.0}",
        "values: {low: 0.0, high",
        "preferences.southbay.issues.fees.values",
        "no value for option 'medium'",
    ),
    (
        "missing_actor_preferences",
        "  southbay:\n    reservation:\n      value: 0.3\n",
        "  southbay_gone:\n    reservation:\n      value: 0.3\n",
        "preferences:",
        "preferences",
        "'southbay' has no preferences",
    ),
    (
        "preferences_of_non_negotiator",
        ("    ai: {personality: reciprocator}\n", "preferences:\n"),
        (
            '    ai: {personality: reciprocator}\n  - id: press\n    name: "The press"\n    short_name: "Press"\n'
            '    colour: "#999999"\n    negotiates: false\n    playable: false\n    public_brief: "x"\n'
            '    confidential_brief: "y"\n',
            "preferences:\n  press:\n    reservation: {value: 0.5}\n    issues: {}\n",
        ),
        "  press:\n    reservation",
        "preferences.press",
        "does not negotiate",
    ),
    (
        "non_negotiating_signatory",
        "  - id: southbay\n",
        "  - id: southbay\n    negotiates: false\n",
        "southbay]\n    options:\n      - {id: low",
        "issues[0].signatories[1]",
        "does not negotiate",
    ),
    (
        "meter_min_not_below_max",
        "    min: 0\n    max: 100\n    initial: 60",
        "    min: 0\n    max: 0\n    initial: 0",
        "max: 0",
        "meters[0].max",
        "greater than min",
    ),
    (
        "meter_initial_out_of_range",
        "    initial: 20",
        "    initial: 120",
        "initial: 120",
        "meters[1].initial",
        "outside the range",
    ),
    (
        "meter_override_out_of_range",
        "meters: {support: 55}",
        "meters: {support: 155}",
        "155",
        "actors[0].meters.support",
        "outside meter 'support'",
    ),
    (
        "shared_meter_override",
        "meters: {support: 55}",
        "meters: {tension: 5}",
        "tension: 5}",
        "actors[0].meters.tension",
        "is shared",
    ),
    (
        "effect_meter_without_meter",
        "{kind: meter, meter: tension, change: 3}",
        "{kind: meter, change: 3}",
        "{kind: meter, change: 3}",
        "rules.each_turn_without_progress[0]",
        "needs 'meter",
    ),
    (
        "reservation_effect_with_meter",
        "{kind: reservation, who: all, change: -0.05}",
        "{kind: reservation, meter: support, who: all, change: -0.05}",
        "meter: support, who: all, change: -0.05",
        "events[0].effects[1].meter",
        "takes no 'meter'",
    ),
    (
        "event_effect_without_who",
        "{kind: meter, meter: support, who: all, change: -10}",
        "{kind: meter, meter: support, change: -10}",
        "{kind: meter, meter: support, change: -10}",
        "events[1].effects[0]",
        "needs 'who'",
    ),
    (
        "event_effect_with_self",
        "{kind: meter, meter: support, who: all, change: -10}",
        "{kind: meter, meter: support, who: self, change: -10}",
        'who: self, change: -10}\n    news: "Both',
        "events[1].effects[0].who",
        "'self' cannot be used here",
    ),
    (
        "shared_meter_effect_with_who",
        "{kind: meter, meter: tension, change: 3}",
        "{kind: meter, meter: tension, who: all, change: 3}",
        "who: all, change: 3",
        "rules.each_turn_without_progress[0].who",
        "is shared",
    ),
    (
        "shared_meter_condition_with_actor",
        '{meter: tension, op: ">", value: 50}',
        '{meter: tension, actor: all, op: ">", value: 50}',
        "all, op",
        "events[1].trigger.when[0].actor",
        "is shared",
    ),
    (
        "lever_targets_owner",
        "targets: [southbay]",
        "targets: [southbay, northport]",
        "northport]",
        "levers[0].targets[1]",
        "own owner",
    ),
    (
        "every_option_red_line",
        "red_lines: [high]",
        "red_lines: [low, medium, high]",
        "[low, medium, high]",
        "preferences.northport.issues.fees.red_lines",
        "every option",
    ),
    (
        "all_weights_zero",
        ("        weight: 2\n        values: {low: 1.0", "        weight: 1\n        values: {north_"),
        ("        weight: 0\n        values: {low: 1.0", "        weight: 0\n        values: {north_"),
        "    issues:\n      fees:\n        weight: 0",
        "preferences.northport.issues",
        "every weight",
    ),
    ("one_actor", "actors:\n", "actors: []\nunused_actors:\n", "actors: []", "actors", "at least 2 actors"),
    (
        "no_playable_actor",
        ("    playable: true\n", "    ai: {personality: reciprocator}\n"),
        ("    playable: false\n", "    ai: {personality: reciprocator}\n    playable: false\n"),
        "actors:\n",
        "actors",
        "no playable",
    ),
]


@pytest.mark.parametrize(("old", "new", "needle", "field", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rejection(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    old: str | tuple[str, ...],
    new: str | tuple[str, ...],
    needle: str,
    field: str,
    words: str,
) -> None:
    text = TEMPLATE
    for before, after in zip(*((old, new) if isinstance(old, tuple) else ((old,), (new,))), strict=True):
        text = edit(before, after, text)
    code, out, path = run_validate(tmp_path, text, capsys)
    assert code == 2, out
    assert "Traceback" not in out
    errors = error_lines(out, path)
    matching = [e for e in errors if words in e[2] and (not field or e[2].endswith(f"({field})"))]
    assert matching, out
    if needle:
        expected_line = line_of(text, needle)
        assert any(line == expected_line for line, _, _ in matching), (expected_line, out)


def test_syntax_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = edit('  period: "Spring"\n', "  period: [unclosed\n")
    code, out, path = run_validate(tmp_path, text, capsys)
    assert code == 2
    [(line, _, message)] = error_lines(out, path)
    assert "YAML syntax error" in message
    assert line in (line_of(text, "[unclosed"), line_of(text, "[unclosed") + 1)


def test_every_problem_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = edit('colour: "#cc6633"', "colour: no")
    text = edit("  turns: 6", "  turns: 6.5", text)
    text = edit('version: "0.1"', "version: 1.10", text)
    code, out, path = run_validate(tmp_path, text, capsys)
    assert code == 2
    assert len(error_lines(out, path)) == 3, out


def test_billion_laughs_is_refused_instantly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    start = time.perf_counter()
    code, out, path = run_validate(tmp_path, "\n".join(lines) + "\n", capsys)
    assert time.perf_counter() - start < 2.0
    assert code == 2
    assert error_lines(out, path)[0][0] == 1
    assert "anchors" in out and "aliases" in out


def test_non_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = edit('period: "Spring"', 'period: "Fr\u00fchling"').encode("latin-1", "replace")
    code, out, path = run_validate(tmp_path, data, capsys)
    assert code == 2
    [(line, _, message)] = error_lines(out, path)
    assert line == line_of(TEMPLATE, 'period: "Spring"') and "UTF-8" in message


def test_too_large(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, path = run_validate(tmp_path, TEMPLATE + "#" * 1_100_000 + "\n", capsys)
    assert code == 2
    assert error_lines(out, path)[0][0] == 1 and "limited to" in out


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    code, out, path = run_validate(tmp_path, text, capsys)
    assert code == 2
    assert error_lines(out, path)[0][0] == 1 and "empty" in out


@pytest.mark.parametrize(("text", "line"), [("- a\n- b\n", 1), ("# c\n\njust text\n", 3), ("42\n", 1)])
def test_top_level_not_a_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int) -> None:
    code, out, path = run_validate(tmp_path, text, capsys)
    assert code == 2
    assert error_lines(out, path)[0][0] == line and "mapping" in out


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    code = main(["validate", str(missing), str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 2
    assert f"{missing}:1:1: error: no such file" in out
    assert f"{tmp_path}:1:1: error: is a directory" in out


def test_valid_file_summary_and_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = edit("    cost: 2\n", "    cost: 3\n")
    text = edit("trigger: {turn: 3}", "trigger: {turn: 30}", text)
    path = tmp_path / "warn.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["validate", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"{path}: ok (2 actors, 2 issues, 2 levers, 2 events)" in out
    assert f"{path}:{line_of(text, 'cost: 3')}:" in out and "warning: lever 'close_quay' costs 3" in out
    assert f"{path}:{line_of(text, 'turn: 30')}:" in out and "can never fire" in out


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("trigger: {turn: 3}", "trigger: {from_turn: 4, until_turn: 2}", "until_turn 2 is before"),
        ("      chance: 0.5\n", "      chance: 0\n", "chance is 0"),
        ('{meter: tension, op: ">", value: 50}', '{meter: tension, op: ">", value: 100}', "can never hold"),
        ("available_from_turn: 2", "available_from_turn: 20", "after the last turn"),
    ],
)
def test_warnings_do_not_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, words: str
) -> None:
    code, out, _ = run_validate(tmp_path, edit(old, new), capsys)
    assert code == 0, out
    assert ": warning: " in out and words in out


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(TEMPLATE, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(edit("  turns: 6", "  turns: NO"), encoding="utf-8")
    code = main(["validate", "--json", str(good), str(bad)])
    doc = json.loads(capsys.readouterr().out)
    assert code == 2
    first, second = doc["files"]
    assert first["ok"] and first["summary"] == {"actors": 2, "issues": 2, "levers": 2, "events": 2}
    assert not second["ok"] and second["summary"] is None
    [problem] = second["problems"]
    assert problem["field"] == "rules.turns" and problem["line"] == line_of(TEMPLATE, "  turns: 6")
    assert problem["severity"] == "error" and "boolean false" in problem["message"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02",
        b"a: \x07\n",
        b"\xef\xbb\xbf",
        b"? [a, b]\n: c\n",
        b"a: [" * 200,
        b"{a: 1, a: 2}",
        b"%TAG ! tag:x,2000:\n---\na: !b c\n",
        b"--- 1\n--- 2\n",
        "x: \ud800".encode("utf-8", "surrogatepass"),
    ],
)
def test_garbage_never_tracebacks(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    code, out, _ = run_validate(tmp_path, data, capsys)
    assert code == 2
    assert "Traceback" not in out and "internal error" not in out, out


def test_main_py_subprocess(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(edit("owner: northport", "owner: nothport"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2
    assert "did you mean 'northport'?" in proc.stdout and "Traceback" not in proc.stderr


def test_shipped_scenarios_validate_through_cli(capsys: pytest.CaptureFixture[str]) -> None:
    paths = sorted((ROOT / "scenarios").glob("*.yaml"))
    if not paths:
        pytest.skip("no shipped scenarios yet")
    code = main(["validate", *map(str, paths)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count(": ok (") == len(paths)


# -- new-scenario and schema ---------------------------------------------------------------------------------
def test_new_scenario_writes_a_valid_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.yaml"
    assert main(["new-scenario", str(path)]) == 0
    capsys.readouterr()
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "ok (3 actors, 3 issues, 3 levers, 3 events)" in out and "warning" not in out
    assert path.read_text(encoding="utf-8").split("\n", 1)[1] == template_text().split("\n", 1)[1]


def test_new_scenario_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("keep me", encoding="utf-8")
    assert main(["new-scenario", str(path)]) == 2
    assert "exists" in capsys.readouterr().err and path.read_text(encoding="utf-8") == "keep me"
    assert main(["new-scenario", "--force", str(path)]) == 0
    assert path.read_text(encoding="utf-8") != "keep me"


def test_new_scenario_in_scenarios_folder_points_at_docs_schema(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    from negotiator.commands import new_scenario

    ref = new_scenario._schema_ref(folder / "x.yaml")
    assert ref.endswith("docs/scenario.schema.json")


def test_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["title"] == "Negotiator scenario"
    out = tmp_path / "schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == printed


def test_a_meter_named_for_an_actor_that_does_not_hold_it_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = edit("    scope: actor\n", "    scope: actor\n    holders: [southbay]\n")
    code, output, path = run_validate(tmp_path, text, capsys)
    assert code == 2
    errors = error_lines(output, path)
    needle = "meters: {support: 55}"
    hits = [e for e in errors if "does not hold meter 'support'" in e[2]]
    assert hits and hits[0][0] == line_of(text, needle)
    assert "actors[0].meters.support" in hits[0][2]


def test_a_misspelt_key_and_an_unknown_id_are_reported_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = edit('    colour: "#3366cc"', '    colur: "#3366cc"')
    text = edit("signatories: [northport, southbay]", "signatories: [northport, soutbay]", text)
    code, output, path = run_validate(tmp_path, text, capsys)
    assert code == 2
    messages = [m for _, _, m in error_lines(output, path)]
    assert any("did you mean 'colour'" in m for m in messages)
    assert any("unknown actor 'soutbay'" in m and "did you mean 'southbay'" in m for m in messages)
