"""Briefs students use (issue 14): one shared rules handout, a short role sheet per role with the parts a team
prepares from, and no computer-player mechanics anywhere a student reads."""

from __future__ import annotations

import re

import pytest

from negotiator.classroom.briefs import role_brief, rules_handout
from negotiator.scenario import load_scenario
from tests.classroom.conftest import SCENARIOS, page_text

AI_WORDS = re.compile(
    r"\bAI\b|computer|algorithm|personality|difficulty|optimis|overestimat|boulware|look-ahead|aspiration"
    r"|fair split|did best",
    re.IGNORECASE,
)
SECTIONS = (
    "Your situation",
    "What you want and why",
    "What you could give",
    "Your red lines",
    "If there is no deal",
    "How you are scored",
    "Against the same role",
    "Preparation worksheet",
)
MAX_WORDS = 1400  # two printed pages at the sheet's type size, tables included (the old briefs ran to ~2,100)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_role_sheets_are_short_and_have_every_part(path: object) -> None:
    scenario = load_scenario(path)  # type: ignore[arg-type]
    for actor in scenario.playable:
        text = page_text(role_brief(scenario, actor.id))
        for section in SECTIONS:
            assert section in text, (actor.id, section)
        if any(lv.owner == actor.id for lv in scenario.levers):
            assert "Your levers" in text
        assert len(text.split()) <= MAX_WORDS, (actor.id, len(text.split()))
        assert "How the game runs" not in text and "Words to know" not in text, "rules belong in the handout"


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_no_computer_player_mechanics_or_verdicts_in_student_text(path: object) -> None:
    scenario = load_scenario(path)  # type: ignore[arg-type]
    pages = {"rules handout": page_text(rules_handout(scenario))}
    pages |= {a.id: page_text(role_brief(scenario, a.id)) for a in scenario.playable}
    for name, text in pages.items():
        found = AI_WORDS.findall(text)
        assert not found, (name, found)
    handout = pages["rules handout"]
    assert "How the game runs" in handout and "The parties" in handout
