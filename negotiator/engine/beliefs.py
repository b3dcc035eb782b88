"""The opponent model: what an actor can infer about another's preferences from public behaviour only.

A frequency model in the tradition of the ANAC agents (HardHeaded, Hindriks & Tykhonov), learning from every
public act of the other party:
- **proposals and acceptances**: options it proposes or accepts are probably valuable to it, and so are their
  neighbours (options are ordered); its opening position says most, later proposals are partly concessions and
  count less. An option it ever proposed or accepted is certainly not one of its private red lines (the rules
  forbid proposing or accepting those);
- **issues it never moves on** across its successive proposals are probably the ones it weights most;
- **refusals** (rejections, counters, offers left to lapse) are evidence of a red line in the refused offer only as
  far as the offer was otherwise worth taking (Bayes: a refusal of terms it was estimated to like is hard to
  explain without a red line; a refusal of a poor offer is explained by its value alone and teaches nothing about
  red lines), so a red line it never announced is learnt from its refusals, and options that merely sat in the
  others' opening demands are not taken for red lines;
- **public red lines** are evidence, not law, weighted by what they cost the announcer: the rules make backing
  down cost it a known amount (`rules.commitments`), and the dearer that is, the more an announcement is
  believed; ruling out all but one option of an issue is a claim, not a fact, so the belief is shared among the
  options ruled out. The listener never drops an option from what it may propose because of an announcement;
- **no-deal value**: never seen, only bounded: whatever it proposes or accepts is worth at least its no-deal
  value to it at the time. What *moves* each no-deal value is public (`ActorView.reservation_changes`), so the
  estimate follows known pressure.

Qualities, used by the difficulty levels (a human player's view gets the best one): `none` (a flat prior: every
option worth 0.5), `basic` (proposals, acceptances and announcements) and `frequency` (also the red lines
refusals reveal). In the exploit tournament refusal learning is worth several points in every seat.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from negotiator.engine.offers import Offer
    from negotiator.engine.state import GameState
    from negotiator.scenario.models import Scenario

QUALITIES = ("none", "basic", "frequency")

PRIOR_VALUE = 0.5
PRIOR_RESERVATION = 0.5
FLOOR = 0.1  # the least an option next to nothing it proposed is guessed to be worth
RED_PRIOR = 0.04  # chance that an option nobody has seen it accept is one of its private red lines
CREDIBLE_COST = 0.1  # a commitment that costs its announcer this much (utility) to break is believed half-way
OTHER_RED = 0.1  # chance that some other option of a refused offer explains the refusal
SURE_REFUSAL = 0.1  # the least chance of a refusal without a red line: the model's values are only a guess
OPENING_DECAY = 0.6  # weight of each later proposal on an issue relative to the one before


@dataclass(frozen=True)
class Estimate:
    """An estimate of `actor`'s preferences. `uncertainty` runs from 1 (a guess) towards 0 (well observed).

    `values[issue][option]` is the estimated value (0-1), `weights[issue]` the estimated weight (summing to 1),
    `reservation` the estimated current no-deal value, and `red[issue][option]` the chance that the option is
    unacceptable to the actor.
    """

    actor: str
    weights: dict[str, float]
    values: dict[str, dict[str, float]]
    reservation: float
    uncertainty: float
    red: dict[str, dict[str, float]] = field(default_factory=dict)
    spread: float = 0.1
    quality: str = "frequency"
    base: float = PRIOR_RESERVATION  # the estimated no-deal value before the public changes since the start
    tables: dict[object, object] = field(default_factory=dict, compare=False, repr=False)  # for the AI's scoring

    def moved(self, change: float) -> Estimate:
        """The same estimate, with the no-deal value moved by `change` from `base` (public pressure)."""
        reservation = round(min(1.0, max(0.0, self.base + change)), 4)
        if reservation == self.reservation:
            return self
        moved = object.__new__(Estimate)  # a shallow copy (dataclasses.replace re-runs the whole __init__)
        moved.__dict__.update(self.__dict__)
        object.__setattr__(moved, "reservation", reservation)
        return moved

    def utility(self, terms: Mapping[str, str]) -> float:
        """Estimated utility of terms; issues left out count at the estimated no-deal value."""
        total = 0.0
        for issue, weight in self.weights.items():
            option = terms.get(issue)
            total += weight * (self.reservation if option is None else self.values[issue][option])
        return total

    def open_value(self, terms: Mapping[str, str]) -> float:
        """Estimated weighted mean value of the named issues (compare with `reservation`)."""
        total = value = 0.0
        for issue, option in terms.items():
            w = self.weights[issue]
            total += w
            value += w * self.values[issue][option]
        return value / total if total > 0 else self.reservation

    def accept_chance(self, terms: Mapping[str, str]) -> float:
        """Estimated chance that the actor accepts `terms` (on top of what is settled) now."""
        if not terms:
            return 0.0
        keep = 1.0
        for issue, option in terms.items():
            keep *= 1.0 - self.red.get(issue, {}).get(option, 0.0)
        margin = self.open_value(terms) - self.reservation
        return keep * _logistic(margin / self.spread)


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


@dataclass(frozen=True)
class Evidence:
    """The public record about one actor, in the order it happened."""

    proposals: tuple[tuple[int, tuple[tuple[str, str], ...]], ...]  # (turn, terms)
    accepted: tuple[tuple[int, tuple[tuple[str, str], ...]], ...]
    refused: tuple[tuple[int, tuple[tuple[str, str], ...]], ...]
    declared: frozenset[tuple[str, str]]


def evidence(actor: str, offers: Sequence[Offer], declared: Sequence[tuple[str, str]]) -> Evidence:
    proposals, accepted, refused = [], [], []
    for offer in offers:
        if offer.proposer == actor:
            proposals.append((offer.turn, offer.terms))
        elif actor in offer.accepted_by:
            accepted.append((offer.turn, offer.terms))
        elif offer.rejected_by == actor and offer.status in ("rejected", "lapsed"):
            refused.append((offer.turn, offer.terms))
    return Evidence(tuple(proposals), tuple(accepted), tuple(refused), frozenset(declared))


def commitment_cost(scenario: Scenario, actor: str) -> float:
    """What going back on one public red line costs `actor`, in utility units (score points / deal points)."""
    rules = scenario.rules
    scale = rules.scoring.deal_points or 100.0
    points = rules.commitments.score_penalty
    meters = {m.id: m for m in scenario.meters}
    for effect in rules.commitments.effects:
        meter = meters.get(effect.meter or "")
        if effect.kind == "meter" and meter is not None:
            span = (meter.max - meter.min) or 1.0
            moved = effect.change / span * meter.score_weight
            points += -moved if meter.higher_is_better else moved
        elif effect.kind == "reservation":
            points += -effect.change * scale
    return max(0.0, points / scale)


@functools.cache
def _nearness(n: int) -> tuple[tuple[float, ...], ...]:
    """`[idx][j]`: how near option j is to option idx of an issue of n ordered options (1 at idx, falling
    linearly to 0 at the far end): the same numbers for every estimate, so computed once per n."""
    span = max(1, n - 1)
    return tuple(tuple(1 - abs(idx - j) / span for j in range(n)) for idx in range(n))


def learn(
    scenario: Scenario,
    actor: str,
    record: Evidence,
    quality: str,
    turn: int,
    turns: int,
    reservation_change: float = 0.0,
    change_at: Mapping[int, float] | None = None,
) -> Estimate:
    """Estimate `actor`'s preferences from its public record. `reservation_change` is how far its no-deal value
    has moved since the start (public), `change_at[turn]` the same at the end of each earlier turn."""
    issues = scenario.issues
    if quality == "none":
        values = {i.id: {o.id: PRIOR_VALUE for o in i.options} for i in issues}
        weights = {i.id: 1.0 / len(issues) for i in issues}
        return Estimate(
            actor, weights, values, PRIOR_RESERVATION + reservation_change, 1.0, spread=0.15, quality=quality
        )
    learns_refusals = quality == "frequency"
    support: dict[str, dict[str, float]] = {i.id: {o.id: 0.0 for o in i.options} for i in issues}
    proven: set[tuple[str, str]] = set()
    # An opening position says most about what an actor wants; later proposals are partly concessions, so
    # each counts less than the one before (per issue: an issue's first appearance is its opening).
    seen: dict[str, int] = {}
    for _, terms in record.proposals:
        for term in terms:
            n = seen.get(term[0], 0)
            seen[term[0]] = n + 1
            support[term[0]][term[1]] += OPENING_DECAY**n
            proven.add(term)
    for _, terms in record.accepted:
        for term in terms:
            support[term[0]][term[1]] += 0.25
            proven.add(term)
    refused_terms = [terms for _, terms in record.refused] if learns_refusals else []

    cost = commitment_cost(scenario, actor)
    believed = cost / (cost + CREDIBLE_COST)  # how far an announcement is believed, by what breaking it costs
    values: dict[str, dict[str, float]] = {}
    red: dict[str, dict[str, float]] = {}
    for issue in issues:
        counts = support[issue.id]
        top = max(counts.values())
        row: dict[str, float] = {}
        reds: dict[str, float] = {}
        declared_here = max(1, sum(1 for i, _ in record.declared if i == issue.id))
        shares = [counts[f.id] / top for f in issue.options] if top else []  # each option's support, once
        nearness = _nearness(len(issue.options))
        for idx, option in enumerate(issue.options):
            term = (issue.id, option.id)
            if top == 0:
                row[option.id] = PRIOR_VALUE
            else:
                closeness = max(map(operator.mul, shares, nearness[idx]))  # share_j x how near j is to idx
                row[option.id] = FLOOR + (1 - FLOOR) * closeness
            if term in proven:
                reds[option.id] = 0.0
            else:
                prior = max(RED_PRIOR, believed / declared_here) if term in record.declared else RED_PRIOR
                reds[option.id] = min(prior, 0.95)
        values[issue.id] = row
        red[issue.id] = reds

    raw = {i.id: 1.0 for i in issues}
    own = [dict(terms) for _, terms in record.proposals]
    for earlier, later in itertools.pairwise(own):
        for issue_id in raw:
            if issue_id in earlier and issue_id in later and earlier[issue_id] == later[issue_id]:
                raw[issue_id] += 0.5
    total = sum(raw.values())
    weights = {k: v / total for k, v in raw.items()}

    partial = Estimate(actor, weights, values, PRIOR_RESERVATION, 1.0, quality=quality)
    change_at = change_at or {}
    base = PRIOR_RESERVATION
    upper = [
        partial.open_value(dict(t)) - change_at.get(when, 0.0) for when, t in (*record.proposals, *record.accepted)
    ]
    if upper:
        base = min(base, min(upper) - 0.03)
    if refused_terms:
        _learn_from_refusals(partial, base, red, record.refused, change_at)
    observations = len(record.proposals) + len(record.accepted) + (len(record.refused) if learns_refusals else 0)
    uncertainty = round(1.0 / (1.0 + 0.5 * observations + 0.25 * len(record.declared)), 4)
    return Estimate(
        actor,
        weights,
        values,
        round(min(1.0, max(0.0, base + reservation_change)), 4),
        uncertainty,
        red=red,
        spread=0.03 + 0.12 * uncertainty,
        quality=quality,
        base=base,
    )


def _learn_from_refusals(
    partial: Estimate,
    base: float,
    red: dict[str, dict[str, float]],
    refused: Sequence[tuple[int, tuple[tuple[str, str], ...]]],
    change_at: Mapping[int, float],
) -> None:
    """Update the red-line beliefs in `red` by each refusal, as far as the refused offer was otherwise worth
    taking: the likelihood ratio of "this option is a red line" is 1 / P(refusal without one), where a refusal
    without one comes from the offer's estimated value falling short of the no-deal value then, or from another
    option of it being a red line."""
    for when, terms in refused:
        reservation = base + change_at.get(when - 1, 0.0)
        short = 1.0 - _logistic((partial.open_value(dict(terms)) - reservation) / 0.1)
        without = max(SURE_REFUSAL, 1.0 - (1.0 - short) * (1.0 - OTHER_RED))
        for issue_id, option_id in terms:
            p = red[issue_id][option_id]
            if p <= 0.0:  # proven acceptable: it proposed or accepted it
                continue
            odds = p / (1.0 - p) / without
            red[issue_id][option_id] = min(0.99, odds / (1.0 + odds))


def estimate(state: GameState, actor: str, quality: str = "frequency") -> Estimate:
    """The estimate any other actor can make of `actor` from the public record of `state`.

    Memoised on the scenario's utility model under everything it reads (the evidence, the public change of the
    actor's no-deal value now and at each earlier turn's end, the clock): the same offers at another moment,
    or in another game, are another estimate."""
    from negotiator.engine.memo import memo
    from negotiator.engine.utility import utility_model

    record = evidence(actor, state.offers, state.public_red_lines.get(actor, ()))
    change = public_reservation_changes(state).get(actor, 0.0)
    history = {r.turn: r.reservations.get(actor, 0.0) - _start(state, actor) for r in state.records}
    key = ("estimate", actor, quality, record, change, tuple(history.items()), state.turn, state.turns)
    return memo(  # type: ignore[no-any-return]
        utility_model(state.scenario),
        key,
        lambda: learn(state.scenario, actor, record, quality, state.turn, state.turns, change, history),
    )


def _start(state: GameState, actor: str) -> float:
    rule = state.core.c.reservations.get(actor)
    return 0.0 if rule is None else rule.value(list(state.core.c.initial), 0.0)


def public_reservation_changes(state: GameState) -> dict[str, float]:
    """How far each actor's no-deal value has moved since the start: public, because what moves it is."""
    core = state.core
    c = core.c
    start = list(c.initial)
    return {
        a: rule.value(core.meters, core.reservation_shift.get(a, 0.0)) - rule.value(start, 0.0)
        for a, rule in c.reservations.items()
    }
