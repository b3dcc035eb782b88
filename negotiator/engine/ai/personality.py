"""AI personalities and difficulty levels as plain parameter tables.

A **personality** is a negotiating style, the same at every difficulty: how it paces concessions (the exponent
e of the GENIUS time-dependent tactic target(t) = top - (top - floor) * t^(1/e): below 1 concedes late
(Boulware, the hawk), 1 steadily, above 1 early (Conceder, the dealmaker)), how far it mirrors the others'
concessions, how readily it uses levers, how many of its true red lines it announces, and the share of the
surplus over its no-deal value it never gives up (its floor).

A **difficulty** is how well it plays that style, never how greedy it is (BOA: bidding, opponent model and
acceptance are separate parts, and so is lever choice):
- `beliefs`: the opponent model's quality (`none`, `basic` or `frequency`; see `negotiator.engine.beliefs`);
- `acceptance`: `next` (AC_next: accept what beats its next own bid, and anything above its no-deal value at
  the very end), `combi` (AC_combi: near the end, only what is at least as good as the best offer received
  recently and its floor, so a last-turn squeeze does not pay) or `risk` (AC_combi that also weighs the chance
  of losing the deal by holding out, and its own bid against the offer; see `negotiator.engine.ai.acceptance`);
- `echoes`: whether it tables back the best package another party has proposed when that beats its own bid
  (`bidding.best_proposed`);
- `levers`: `greedy` (a lever's direct effects on its position), `linear` (also one turn ahead: the upkeep,
  endings a lever would bring about, events it would set off) or `rollout` (short rollouts of the game's own
  rules over a few turns; see `negotiator.engine.ai.levers`);
- `pacing`: `nominal` (the deadline in the rules) or `real` (the turn the game is expected to end: a mediator
  running out of patience, a meter near an ending);
- `commits`: whether it makes strategic commitments (rules out, on issues it signs, options it can do without
  when its opponent model says a deal without them is still likely; see `negotiator.engine.ai.commitments`);
- `noise`: randomness in its bids, so an easy opponent is less predictable but less precise.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Personality:
    name: str
    concession: float
    reciprocity: float  # 0: ignore the others' concessions; 1: concede exactly as they do
    lever_appetite: float  # expected gain (utility) a lever must promise before this AI considers it
    declares_red_lines: int  # how many of its true red lines it announces publicly on its first move
    floor: float  # share of the gap between its no-deal value and its best package it never gives up
    room: float  # share of its range it concedes unasked; beyond that, only as the others concede (see bidding.earned)
    description: str


@dataclass(frozen=True)
class Difficulty:
    name: str
    beliefs: str
    acceptance: str
    levers: str
    pacing: str
    noise: float
    rollouts: int = 0  # rollouts per lever option (levers = rollout)
    horizon: int = 0  # turns per rollout
    commits: bool = False  # rules out options it can do without on issues it signs (see ai.commitments)
    final_offer: bool = False  # makes its final offer in time: expected gain at its last word (ai.endgame)
    echoes: bool = False  # proposes back the best package another party proposed when it beats its own bid
    description: str = ""  # for players choosing an opponent: what playing against it is like


PERSONALITIES: dict[str, Personality] = {
    p.name: p
    for p in (
        Personality("hawk", 0.4, 0.0, 0.002, 3, 0.12, 0.2, "concedes late and little, leans on pressure"),
        Personality("pragmatist", 1.0, 0.3, 0.004, 3, 0.08, 0.3, "concedes steadily as the deadline nears"),
        Personality("dealmaker", 2.2, 0.2, 0.008, 1, 0.04, 0.45, "concedes early to close a deal"),
        Personality("reciprocator", 1.0, 1.0, 0.005, 2, 0.08, 0.25, "matches the concessions the others make"),
    )
}

DIFFICULTIES: dict[str, Difficulty] = {
    d.name: d
    for d in (
        Difficulty(
            "easy",
            beliefs="none",
            acceptance="next",
            levers="greedy",
            pacing="nominal",
            noise=0.06,
            description="reads nothing into your moves and takes almost anything at the deadline",
        ),
        Difficulty(
            "normal",
            beliefs="basic",
            acceptance="next",
            levers="greedy",
            pacing="real",
            noise=0.01,
            commits=True,
            description="learns what you want from your offers, but can be squeezed at the deadline",
        ),
        Difficulty(
            "hard",
            beliefs="frequency",
            acceptance="risk",
            levers="rollout",
            pacing="real",
            noise=0.01,
            rollouts=3,
            horizon=2,
            commits=True,
            echoes=True,
            final_offer=True,
            description="also learns from your refusals, cannot be squeezed and plays its levers ahead",
        ),
    )
}
