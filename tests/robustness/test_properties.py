"""Properties: whatever a file holds or a player types, a command ends with exit 0, or exit 2 and a located
message; never a traceback (an exception here fails the test).

- hostile scenario values: any node of a real scenario replaced by a hostile value (huge or non-finite
  numbers, control and invisible characters, template mistakes, long tokens, long or deep lists, wrong
  types); `validate` exits 0 or 2 with `PATH:LINE:COLUMN:` problems, and a file it accepts plays, analyses
  and prints briefs;
- damaged saves: a real save truncated, with a byte flipped, a node retyped, nested or enlarged;
  `replay` exits 0 or 2 with `replay: PATH: ...`;
- text-mode input: lines of commands, ids, numbers and hostile tokens; the game answers every line and
  nothing raw reaches the terminal.

Example counts are modest so the suite stays fast; `scripts/sweep_inputs.py` runs the same kinds of input
exhaustively.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from negotiator.scenario.yaml_source import parse_yaml
from tests.robustness.helpers import CONTROL, LOCATED, TUTORIAL_TEXT, node_paths, replaced, scripted_game

pytestmark = pytest.mark.filterwarnings("ignore")

BASE_SCENARIO, _ = parse_yaml(TUTORIAL_TEXT)
HUGE_INT = "HUGE-INTEGER-MARKER"  # replaced in the YAML text: Python cannot even print a 5,000-digit int

HOSTILE_TEXT = [
    "\x00",
    "Un\x00ion",
    "\x1b[31mred\x1b[0m",
    "\x9b2J",
    "a\u200bb",
    "\u202etxet",
    "\ufeff",
    "line\nbreak",
    "{",
    "}",
    "{owner:>999999999}",
    "{0}",
    "{target} and {onwer}",
    "{{ok}}",
    "x" * 5000,
    "",
    " ",
    "NO",
    "javascript:alert(1)",
    "Київ",
]
HOSTILE_NUMBERS: list[Any] = [0, -1, 1, 2**63, -(2**63), 10**30, 1e308, -1e308, 1e-308, math.inf, -math.inf, math.nan]


def hostile_value(base: Any) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(HOSTILE_TEXT),
        st.sampled_from(HOSTILE_NUMBERS),
        st.integers(-(10**7), 10**7),
        st.floats(allow_nan=True, allow_infinity=True),
        st.just(HUGE_INT),
        st.sampled_from([None, True, False, [], {}]),
        st.just([copy.deepcopy(base)] * 60),  # a list far longer than allowed
        st.integers(65, 120).map(lambda depth: _nested(depth)),
        st.just({"unknown_key": 1}),
    )


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


SCENARIO_PATHS = node_paths(BASE_SCENARIO)


def check_located(code: int, out: str, err: str) -> None:
    assert code in (0, 2), (code, out[-500:], err[-500:])
    if code == 2:
        rows = [r for r in (out + err).splitlines() if r.strip()]
        assert rows
        for row in rows:
            assert LOCATED.match(row) or row.endswith("are invalid") or ": " in row, row
    assert not CONTROL.search((out + err).replace("\n", "").replace("\t", "")), repr((out + err)[:300])


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_hostile_scenario_values(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    capsys = _Capture()
    path_in_file = data.draw(st.sampled_from(SCENARIO_PATHS), label="path")
    original = BASE_SCENARIO
    for part in path_in_file:
        original = original[part]
    value = data.draw(hostile_value(original), label="value")
    text = yaml.safe_dump(replaced(BASE_SCENARIO, path_in_file, value), allow_unicode=True, sort_keys=False)
    text = text.replace(HUGE_INT, "9" * 5000)
    folder = tmp_path_factory.mktemp("hostile")
    file = folder / "hostile.yaml"
    file.write_text(text, encoding="utf-8")
    code, out, err = capsys.run(["validate", str(file)])
    check_located(code, out, err)
    if code == 0:
        for argv in (
            ["simulate", "--scenario", str(file), "--games", "1"],
            ["analyze", "--scenario", str(file)],
            ["briefs", "--scenario", str(file), "--out", str(folder / "kit")],
        ):
            code, out, err = capsys.run(argv)
            assert code == 0, (argv, err[-500:])


class _Capture:
    """capsys is function-scoped and hypothesis runs many examples per function: capture by hand."""

    def run(self, argv: list[str], stdin: str | None = None) -> tuple[int, str, str]:
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        mp = pytest.MonkeyPatch()
        if stdin is not None:
            mp.setattr("sys.stdin", io.StringIO(stdin))
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                from negotiator.cli import main

                code = main(argv)
        finally:
            mp.undo()
        return code, out.getvalue(), err.getvalue()


# --- damaged saves ---------------------------------------------------------------------------------------

_GAME = scripted_game()


def _save_bytes() -> bytes:
    from negotiator.engine.saves import dumps_save, save_document
    from negotiator.scenario import scenario_content_hash
    from tests.robustness.helpers import TUTORIAL

    return dumps_save(save_document(_GAME, scenario_content_hash(TUTORIAL), str(TUTORIAL))).encode("utf-8")


SAVE_BYTES = _save_bytes()
SAVE_DATA = json.loads(SAVE_BYTES)
SAVE_PATHS = node_paths(SAVE_DATA)
RETYPES: list[Any] = [None, True, 0, -1, 1.5, "x", "", [], {}, "\x1b[31m", "a\x00b", 2**70, -(2**70)]
ENLARGED = ["9" * 5000, "1e999", '"' + "x" * 2_000_000 + '"', "[" + ",".join(["1"] * 300_000) + "]"]


@st.composite
def damaged_save(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "retype", "nest", "enlarge"]))
    if kind == "truncate":
        return SAVE_BYTES[: draw(st.integers(0, len(SAVE_BYTES) - 1))]
    if kind == "flip":
        at = draw(st.integers(0, len(SAVE_BYTES) - 1))
        bit = 1 << draw(st.integers(0, 7))
        return SAVE_BYTES[:at] + bytes([SAVE_BYTES[at] ^ bit]) + SAVE_BYTES[at + 1 :]
    path = draw(st.sampled_from(SAVE_PATHS))
    marker = "DAMAGE-MARKER"
    text = json.dumps(replaced(SAVE_DATA, path, marker if kind != "retype" else draw(st.sampled_from(RETYPES))))
    if kind == "nest":
        depth = draw(st.sampled_from([65, 1000, 100_000]))
        text = text.replace(json.dumps(marker), "[" * depth + "1" + "]" * depth)
    elif kind == "enlarge":
        text = text.replace(json.dumps(marker), draw(st.sampled_from(ENLARGED)))
    return text.encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(damaged_save())
def test_damaged_saves(tmp_path_factory: pytest.TempPathFactory, damaged: bytes) -> None:
    path = tmp_path_factory.mktemp("damaged") / "save.json"
    path.write_bytes(damaged)
    code, out, err = _Capture().run(["replay", str(path)])
    assert code in (0, 2), err[-500:]
    if code == 2:
        assert err.startswith(f"replay: {path}: "), err[:300]
    assert not CONTROL.search((out + err).replace("\n", "").replace("\t", ""))


def test_the_undamaged_save_replays(tmp_path: Path) -> None:
    path = tmp_path / "save.json"
    path.write_bytes(SAVE_BYTES)
    assert _Capture().run(["replay", str(path)])[0] == 0


# --- text-mode input lines -------------------------------------------------------------------------------

WORDS = [
    *("offer", "accept", "reject", "counter", "lever", "redline", "end", "status", "issues", "levers"),
    *("offers", "log", "help", "save", "fac", "inject", "adjust", "bulletin", "deadline", "events", "meters"),
    *("pay=pay_3", "breaks=breaks_30", "weekends=mandatory", "strike", "authority", "union", "disruption"),
    *("public_support@union", "editorial", "1", "0", "-1", "99999999999999999999999", "nan", "inf", "1e309"),
    *("=x", "{owner}", "a" * 300, "\x00", "\x1b[2J", "\u200b", "\x9b", "../../x", "~/y", "Київ"),
]
LINE = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join),
    st.text(max_size=40).map(lambda t: t.replace("\n", " ")),
)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(LINE, min_size=1, max_size=8))
@example(["#"])  # a comment sign alone: its hint looked up the first word of an empty line (IndexError)
def test_text_mode_input_lines(lines: list[str]) -> None:
    from tests.robustness.helpers import TUTORIAL

    script = "\n".join(line for line in lines if line.strip().lower() not in ("quit", "exit")) + "\nquit\n"
    code, out, err = _Capture().run(["text", "--scenario", str(TUTORIAL), "--facilitator"], stdin=script)
    assert code == 0, err[-500:]
    assert not CONTROL.search((out + err).replace("\n", "").replace("\t", "")), repr(out[-300:])
