"""What an actor can infer about another's preferences from public behaviour only.

A frequency model (Baarslag et al.): options an actor proposes or accepts are probably valuable to it, and
so are their neighbours (options are ordered); options it publicly rules out are worth nothing to it;
issues on which its successive offers never move are probably the ones it weights most. The no-deal value
is guessed below the worst package it has offered. Options in offers it rejected or let lapse lose
value each time (REJECTION_DISCOUNT), so a red line it never announced is learnt from its refusals.
Uncertainty falls as evidence accumulates.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from negotiator.engine.state import GameState

PRIOR_VALUE = 0.5
PRIOR_RESERVATION = 0.4
FLOOR = 0.15
REJECTION_DISCOUNT = 0.6


@dataclass(frozen=True)
class Estimate:
    """An estimate of `actor`'s preferences. `uncertainty` runs from 1 (a guess) towards 0 (well observed)."""

    actor: str
    weights: dict[str, float]
    values: dict[str, dict[str, float]]
    reservation: float
    uncertainty: float

    def utility(self, terms: dict[str, str]) -> float:
        """Estimated utility of terms; issues left out count at the estimated no-deal value."""
        total = 0.0
        for issue, weight in self.weights.items():
            option = terms.get(issue)
            total += weight * (self.reservation if option is None else self.values[issue][option])
        return total


def estimate(state: GameState, actor: str) -> Estimate:
    scenario = state.scenario
    issues = scenario.issues
    support: dict[str, dict[str, float]] = {i.id: {o.id: 0.0 for o in i.options} for i in issues}
    own_offers = [o for o in state.offers if o.proposer == actor]
    observations = len(own_offers)
    for offer in state.offers:
        if offer.proposer != actor and actor in offer.accepted_by:
            observations += 1
            for issue_id, option_id in offer.terms:
                support[issue_id][option_id] += 0.5
    for offer in own_offers:
        for issue_id, option_id in offer.terms:
            support[issue_id][option_id] += 1.0
    refused: dict[tuple[str, str], int] = {}
    for offer in state.offers:
        if offer.rejected_by == actor and offer.status in ("rejected", "lapsed"):
            observations += 1
            for term in offer.terms:
                refused[term] = refused.get(term, 0) + 1
    ruled_out = set(state.public_red_lines.get(actor, ()))

    values: dict[str, dict[str, float]] = {}
    for issue in issues:
        counts = support[issue.id]
        top = max(counts.values())
        span = max(1, len(issue.options) - 1)
        row: dict[str, float] = {}
        for idx, option in enumerate(issue.options):
            if (issue.id, option.id) in ruled_out:
                row[option.id] = 0.0
            elif top == 0:
                row[option.id] = PRIOR_VALUE
            else:
                closeness = max((counts[f.id] / top) * (1 - abs(idx - j) / span) for j, f in enumerate(issue.options))
                row[option.id] = FLOOR + (1 - FLOOR) * closeness
            if row[option.id] and (issue.id, option.id) in refused:
                row[option.id] *= REJECTION_DISCOUNT ** refused[(issue.id, option.id)]
        values[issue.id] = row

    raw = {i.id: 1.0 for i in issues}
    for earlier, later in itertools.pairwise(own_offers):
        a, b = earlier.terms_dict(), later.terms_dict()
        for issue_id in raw:
            if issue_id in a and issue_id in b and a[issue_id] == b[issue_id]:
                raw[issue_id] += 0.5
    total = sum(raw.values())
    weights = {k: v / total for k, v in raw.items()}

    reservation = PRIOR_RESERVATION
    if own_offers:
        partial = Estimate(actor, weights, values, PRIOR_RESERVATION, 1.0)
        worst = min(partial.utility(o.terms_dict()) for o in own_offers)
        reservation = 0.5 * PRIOR_RESERVATION + 0.5 * min(worst, 0.9) * 0.85
    uncertainty = round(1.0 / (1.0 + 0.5 * observations + 0.25 * len(ruled_out)), 4)
    return Estimate(actor, weights, values, round(reservation, 4), uncertainty)
