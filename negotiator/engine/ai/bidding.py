"""Bidding: how much an AI asks for at each moment, and which package (over which issues) it proposes.

**Target** (GENIUS time-dependent tactic): `top - (top - floor) * t^(1/e)`, on the *real* clock for
difficulties that pace by it (`Context.time`), where `floor` keeps a share of the surplus over the current
no-deal value (never below it: an AI is individually rational at every difficulty) and `e` comes from the
personality. A no-deal value the AI believes is rising (its observed trend plus its optimism: "time is on our
side") raises the floor and slows concession; a falling one speeds it. The reciprocator blends in the
concessions it has received.

**Package**: for each candidate bundle (everything open, or only the issues some parties sign; see
`negotiator.engine.ai.space`), the packages worth at least the target to the AI, scored by how likely every
addressee is to accept them under the AI's opponent model; the AI proposes the bundle and package with the best
expected gain (chance of acceptance times its gain over no deal, times the weight at stake). Without an
opponent model (easy) it asks for just its target, with noise. Utilities are open values (weighted means over
the named issues) so they compare directly with the no-deal value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from negotiator.engine.ai.context import EPSILON, Context
from negotiator.engine.ai.space import Bundle, bundle, candidate_bundles
from negotiator.engine.beliefs import Estimate

LOG_FLOOR = -30.0


@dataclass(frozen=True)
class Bid:
    terms: tuple[tuple[str, str], ...]
    value: float  # my open value of the terms
    chance: float  # estimated chance that every addressee accepts
    addressees: tuple[str, ...]


def perceived_trend(ctx: Context) -> float:
    """How the AI believes its no-deal value is moving per turn: observed trend plus its optimism."""
    history = ctx.view.reservation_history
    trend = (history[-1] - history[0]) / (len(history) - 1) if len(history) > 1 else 0.0
    prefs = ctx.view.preferences
    return trend + (prefs.reservation.optimism if prefs else 0.0)


def received_concession(ctx: Context) -> float:
    """How far the others' offers have moved towards me, in my open value: latest minus first, averaged."""
    found = ctx._cache.get("received")
    if found is None:
        found = ctx._cache["received"] = _received_concession(ctx)
    return found  # type: ignore[return-value]


def _received_concession(ctx: Context) -> float:
    moves: list[float] = []
    for actor in ctx.c.negotiators:
        if actor == ctx.me:
            continue
        mine = [o for o in ctx.view.offers if o.proposer == actor and ctx.me in o.to]
        if len(mine) >= 2:
            moves.append(max(0.0, ctx.terms_value(mine[-1].terms) - ctx.terms_value(mine[0].terms)))
    return sum(moves) / len(moves) if moves else 0.0


def floor(ctx: Context) -> float:
    r = ctx.reservation
    return r + ctx.personality.floor * max(0.0, ctx.top - r)


def target(ctx: Context, at_time: float | None = None) -> float:
    """The least the AI will settle for at `at_time` (default: now), never below its no-deal value."""
    key = ("target", at_time)
    found = ctx._cache.get(key)  # type: ignore[call-overload]
    if found is None:
        found = ctx._cache[key] = _target(ctx, at_time)  # type: ignore[index]
    return found  # type: ignore[return-value]


def _target(ctx: Context, at_time: float | None) -> float:
    personality = ctx.personality
    r = ctx.reservation
    top = ctx.top
    low = floor(ctx)
    exponent = personality.concession
    trend = perceived_trend(ctx)
    turns_left = max(0, ctx.end_turn - ctx.view.turn)
    if trend > 0.001:
        # Time seems to be on its side: hold out for the no-deal value it expects to have later.
        low = max(low, min(top, r + trend * turns_left * 0.5))
        exponent *= 0.6
    elif trend < -0.001:
        exponent *= 1.5  # The trend has turned against it: concede faster.
    t = ctx.time if at_time is None else min(1.0, max(0.0, at_time))
    timed = top - (top - low) * t ** (1.0 / exponent)
    if personality.reciprocity > 0:
        matched = top - received_concession(ctx)
        weight = personality.reciprocity * (1.0 - t * t)  # reciprocity gives way to the deadline
        timed = weight * matched + (1 - weight) * timed
    return max(low, min(top, timed))


def next_target(ctx: Context) -> float:
    """What the AI would ask for at its next chance to propose (the next turn)."""
    span = max(1, ctx.end_turn - 1)
    return target(ctx, ctx.time + 1.0 / span)


def _estimated_rows(est: Estimate, b: Bundle) -> tuple[np.ndarray, np.ndarray]:
    """Per row of the bundle: `est`'s estimated open value (less any penalty for going back on its word) and
    the log of the chance that no option in it is one the actor will not accept. Cached on the estimate."""
    key = b.issues
    found = est.tables.get(key)
    if found is None:
        issue_ids = b.model.issue_ids
        weights = [est.weights[issue_ids[k]] for k in b.issues]
        total = sum(weights) or 1.0
        value_tables, keep_tables = [], []
        for w, k in zip(weights, b.issues, strict=True):
            issue_id = issue_ids[k]
            options = b.model.option_ids[k]
            pen = est.penalty.get(issue_id, {})
            red = est.red.get(issue_id, {})
            value_tables.append(
                np.array([est.values[issue_id][o] * w / total - pen.get(o, 0.0) / total for o in options])
            )
            keep_tables.append(np.log(np.maximum(1e-12, 1.0 - np.array([red.get(o, 0.0) for o in options]))))
        found = est.tables[key] = (b.column_sum(value_tables), b.column_sum(keep_tables))
    return found  # type: ignore[return-value]


def acceptance_log(est: Estimate, b: Bundle) -> np.ndarray:
    """Per row of the bundle: log of the estimated chance that `est`'s actor accepts it."""
    value, keep = _estimated_rows(est, b)
    margin = (value - est.reservation) * (1.0 / est.spread)
    np.clip(margin, -50.0, 50.0, out=margin)
    return keep - np.log1p(np.exp(-margin))


def choose_bid(ctx: Context, rng: Callable[[], np.random.Generator], level: float | None = None) -> Bid | None:
    """The best bundle and package to propose now, or None if nothing is worth proposing."""
    if not ctx.open_issues:
        return None
    level = target(ctx) if level is None else level
    r = ctx.reservation
    model = ctx.model
    signatories = ctx.c.signatories
    lines = ctx.my_lines
    use_model = ctx.difficulty.beliefs != "none"
    noise = ctx.difficulty.noise
    generator = rng() if noise else None
    best: Bid | None = None
    best_score = -np.inf
    for issues, who in candidate_bundles(model, signatories, ctx.open_issues, ctx.me, ctx.c.actor_ids):
        b = bundle(model, issues)
        own = b.own(ctx.me)
        ok = own >= max(level, r) - EPSILON
        if lines:
            ok &= ~b.crossing(lines)
        if not ok.any():
            continue
        share = b.weight_share.get(ctx.me, 0.0)
        if use_model:
            log_chance = np.zeros(b.size)
            for actor in who:
                est = ctx.beliefs.get(actor)
                if est is not None:
                    log_chance += acceptance_log(est, b)
            score = log_chance + np.log(np.maximum(1e-6, own - r))
        else:
            log_chance = np.zeros(b.size)
            score = -np.abs(own - level)
        if generator is not None:
            score = score + noise * generator.standard_normal(b.size)
        score = np.where(ok, score, -np.inf)
        row = int(np.argmax(score))
        chance = float(np.exp(max(LOG_FLOOR, float(log_chance[row])))) if use_model else 0.5
        gain = chance * (float(own[row]) - r) * share
        if gain > best_score:
            best_score = gain
            best = Bid(b.terms(row), float(own[row]), chance, who)
    return best
