"""The turn summary every team sees: no other side's no-deal value or deal value in numbers, nothing AI-internal
(issue 14). Scans every public line of many AI games, as the table and the turn-summary screen show them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from negotiator.engine.players import play_ai_game
from negotiator.engine.public_text import shown_change, shown_log
from negotiator.engine.view import view
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
DECIMAL = re.compile(r"\d\.\d")  # every private scale is 0..1; meters and points are shown as whole numbers
INTERNAL = re.compile(
    r"pressure to concede|concession|aspiration|utility|estimate|belief|boulware|look-ahead|optimism|\bAI\b",
    re.IGNORECASE,
)


def lines(entry_changes: object, text: str, reason: str, quote: str) -> list[str]:
    return [text, reason, quote, *(entry_changes or ())]  # type: ignore[misc]


def public_lines(scenario: Scenario, entries: object, keep: set[str]) -> list[str]:
    out: list[str] = []
    for e in shown_log(scenario, entries, keep):  # type: ignore[arg-type]
        q = e.data.get("quote") or {}
        out += lines(e.data.get("changes"), e.text, str(e.data.get("reason") or ""), str(q.get("text", "")))
    return out


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_no_public_line_shows_private_or_internal_numbers(path: Path) -> None:
    scenario = load_scenario(path)
    names = {a.id: a.short_name for a in scenario.actors}
    checked = 0
    for seed in range(10):
        state = play_ai_game(scenario, seed=seed)
        shared = [e for r in state.records for e in r.entries if e.visibility == "public"]
        for line in public_lines(scenario, shared, set()):  # the shared screen: everyone looks at it
            assert not DECIMAL.search(line), line
            assert not INTERNAL.search(line), line
            checked += 1
        for seat in (a.id for a in scenario.negotiators):
            for line in public_lines(scenario, view(state, seat).log, {seat}):
                assert not INTERNAL.search(line), line
                if DECIMAL.search(line):  # only the seat's own numbers
                    assert line.startswith(names[seat] + " "), (seat, line)
                    assert not any(line.startswith(n + " ") for a, n in names.items() if a != seat), (seat, line)
    assert checked > 100  # the games did produce public lines


def test_own_numbers_stay_and_others_become_words(istanbul: Scenario) -> None:
    assert shown_change(istanbul, "Moscow no-deal value -0.03", {"moscow"}) == "Moscow no-deal value -0.03"
    assert shown_change(istanbul, "Moscow no-deal value -0.03", {"kyiv"}) == "walking away is worth less to Moscow"
    assert shown_change(istanbul, "Moscow no-deal value +0.02") == "walking away is worth more to Moscow"
    assert shown_change(istanbul, "Moscow value of a deal +0.06") == "a deal is worth more to Moscow"
    assert shown_change(istanbul, "Escalation 40 -> 46") == "Escalation 40 -> 46"


@pytest.fixture(scope="module")
def istanbul() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "istanbul_talks.yaml")
