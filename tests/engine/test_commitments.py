"""Strategic commitments (`negotiator.engine.ai.commitments`): the AI rules out, on an issue it signs, options it
can do without, and only when its opponent model says a deal without them is still likely."""

from __future__ import annotations

from pathlib import Path

from negotiator.engine import DeclareRedLine, new_game, view
from negotiator.engine.ai import make_ai
from negotiator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def strategic_lines(path: str, seeds: range, difficulty: str | None = None) -> list[tuple[int, str, str, str, int]]:
    """(seed, actor, issue, option, proposals seen from others) for every strategic commitment in AI games."""
    scenario = load_scenario(ROOT / "scenarios" / path)
    found = []
    for seed in seeds:
        state = new_game(scenario, seed)
        ais = {a.id: make_ai(scenario, a.id, difficulty=difficulty, seed=seed) for a in scenario.negotiators}
        while not state.is_over():
            actor = state.current_actor
            assert actor is not None
            action = ais[actor].decide(view(state, actor))
            if isinstance(action, DeclareRedLine) and "do without" in action.reason:
                proposers = {o.proposer for o in state.offers if o.proposer != actor}
                found.append((seed, actor, action.issue, action.option, len(proposers)))
            state = state.apply(action)
    return found


def test_the_mediator_rules_out_what_it_can_do_without_on_its_veto_issue() -> None:
    lines = strategic_lines("istanbul_talks.yaml", range(6))
    assert lines, "Washington never used its veto on sanctions to commit"
    assert {(actor, issue) for _, actor, issue, _, _ in lines} == {("washington", "sanctions")}
    assert all(option != "phased_relief" for *_, option, _ in lines)  # its favourite stays open
    assert all(seen == 2 for *_, seen in lines), "a commitment made before both others had proposed is blind"


def test_where_agreement_is_tight_nobody_commits() -> None:
    assert strategic_lines("tutorial.yaml", range(6)) == []


def test_an_easy_ai_makes_no_strategic_commitments() -> None:
    assert strategic_lines("istanbul_talks.yaml", range(3), difficulty="easy") == []
