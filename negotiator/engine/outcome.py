"""The result of a finished game: ending, terms, each actor's score with its breakdown, and a summary.

Score = deal points x (utility of the outcome - starting no-deal value)
      + deal points x promises (`deal_bonus` effects; paid only when the game ends in a deal)
      + meter points (each meter's `score_weight` x its movement in the holder's favour, as a share of range)
      - commitment penalties (public red lines crossed)
      + ending points (per ending or ending kind, and per actor if the scenario says so: `engine.endings`).
Unsettled issues are valued at the actor's final no-deal value (see docs/architecture.md, "Utility").

A score says how a role did against its own starting position; roles are never ranked against each other (their
positions differ by design). `negotiator.engine.par` compares a score with the same role's results in games the
computer played.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from negotiator.engine.endings import ending_points
from negotiator.engine.meters import initial_meters, meter_key
from negotiator.engine.utility import utility_model
from negotiator.words import count

if TYPE_CHECKING:
    from negotiator.engine.state import GameState
    from negotiator.scenario.models import Scenario


@dataclass(frozen=True)
class Score:
    total: float
    breakdown: dict[str, float] = field(default_factory=dict)
    utility: float = 0.0
    start_reservation: float = 0.0


@dataclass(frozen=True)
class Outcome:
    ending: str
    ending_text: str
    turn: int
    terms: dict[str, str]
    complete: bool
    scores: dict[str, Score]
    summary: str
    actor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ending": self.ending,
            "ending_text": self.ending_text,
            "turn": self.turn,
            "terms": self.terms,
            "complete": self.complete,
            "actor": self.actor,
            "scores": {
                a: {
                    "total": s.total,
                    "breakdown": s.breakdown,
                    "utility": s.utility,
                    "start_reservation": s.start_reservation,
                }
                for a, s in self.scores.items()
            },
            "summary": self.summary,
        }


def final_utility(state: GameState, actor: str) -> float:
    """The actor's utility of what was settled, unsettled issues at its current no-deal value."""
    model = utility_model(state.scenario)
    terms = model.terms_from_ids(state.settled)
    return model.partial_utility(actor, terms, state.reservation(actor))


def _meter_points(state: GameState, actor: str) -> float:
    start = initial_meters(state.scenario)
    points = 0.0
    for meter in state.scenario.meters:
        if meter.score_weight <= 0:
            continue
        key = meter.id if meter.scope == "shared" else meter_key(meter.id, actor)
        if key not in state.meters:
            continue  # a meter this actor does not hold
        moved = (state.meters[key] - start[key]) / ((meter.max - meter.min) or 1.0)
        points += meter.score_weight * (moved if meter.higher_is_better else -moved)
    return points


def opening_reservations(state: GameState) -> dict[str, float]:
    """Every actor's no-deal value at the start of this game (turn 1, after its events), replayed from the seed
    once per scenario, seed and settings."""
    from negotiator.engine.state import new_game

    core = state.core
    key = ("opening reservations", core.seed, repr(state.settings))  # settings hold a dict: not hashable
    return core.c.memo(  # type: ignore[no-any-return]
        key, lambda: {a: new_game(state.scenario, core.seed, state.settings).reservation(a) for a in core.c.negotiators}
    )


def score_actor(state: GameState, actor: str) -> Score:
    scenario = state.scenario
    scoring = scenario.rules.scoring
    # The no-deal value the seat saw at its first move (the base moved by the starting meters and turn 1's
    # events), not the bare base: a brief and the screen say 0.49 for Washington, so its score counts from there.
    start_r = opening_reservations(state).get(actor, scenario.preferences[actor].reservation.value)
    utility = final_utility(state, actor)
    kind = state.ending.kind if state.ending else ""
    promised = state.deal_bonus.get(actor, 0.0) if kind == "deal" else 0.0
    breakdown = {
        "outcome": round(scoring.deal_points * (utility - start_r), 2),
        "promises": round(scoring.deal_points * promised, 2),
        "meters": round(_meter_points(state, actor), 2),
        "commitments": round(-scenario.rules.commitments.score_penalty * state.broken_commitments.get(actor, 0), 2),
        "ending": round(ending_points(scenario.rules, state.ending, actor), 2),
    }
    return Score(round(sum(breakdown.values()), 2), breakdown, round(utility, 4), start_r)


def compute_outcome(state: GameState) -> Outcome:
    assert state.ending is not None
    scenario = state.scenario
    scores = {a.id: score_actor(state, a.id) for a in scenario.negotiators}
    complete = all(i.id in state.settled for i in scenario.issues)
    summary = _summary(state, scores, complete)
    return Outcome(
        ending=state.ending.kind,
        ending_text=state.ending.text,
        turn=state.ending.turn,
        terms=dict(state.settled),
        complete=complete,
        scores=scores,
        summary=summary,
        actor=state.ending.actor,
    )


def _summary(state: GameState, scores: dict[str, Score], complete: bool) -> str:
    scenario = state.scenario
    name = {a.id: a.short_name for a in scenario.actors}
    turns = state.ending.turn  # type: ignore[union-attr]
    # The record is English whatever the window shows (negotiator.i18n.news.outcome_summary translates it).
    parts = [f"After {count(turns, 'turn', lang='en')}: {state.ending.text}"]  # type: ignore[union-attr]
    imposed = dict(state.ending.imposed)  # type: ignore[union-attr]
    agreed_terms = {i: o for i, o in state.settled.items() if i not in imposed}
    if agreed_terms:
        parts.append(
            f"{'Agreed' if complete and not imposed else 'Partly agreed'}: {_terms_text(scenario, agreed_terms)}."
        )
    else:
        parts.append("Nothing was agreed.")
    if imposed:
        parts.append(f"Imposed by arbitration: {_terms_text(scenario, imposed)}.")
    # Scenario order, never ranked: each role's score is measured against its own starting position.
    parts.append("Scores: " + ", ".join(f"{name[a]} {s.total:+.1f}" for a, s in scores.items()) + ".")
    broken = [name[a] for a, n in state.broken_commitments.items() if n]
    if broken:
        parts.append(f"Crossed their own public red lines: {', '.join(broken)}.")
    return " ".join(parts)


def _terms_text(scenario: Scenario, terms: dict[str, str]) -> str:
    return "; ".join(f"{scenario.issue(i).name}: {scenario.option_label(i, o)}" for i, o in terms.items())
