"""Bidding and acceptance: how much an AI asks for at each moment, which package it proposes, and which
offers it takes.

Utilities here are on the *open* issues only, as a weighted mean, so that they compare directly with the
no-deal value (an unsettled issue is worth the no-deal value per unit of weight).
"""

from __future__ import annotations

import random

from negotiator.engine import rng
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.personality import Difficulty, Personality
from negotiator.engine.offers import Offer

EPSILON = 1e-9


def perceived_trend(ctx: Context) -> float:
    """How the AI believes its no-deal value is moving per turn: observed trend plus its optimism."""
    history = ctx.view.reservation_history
    trend = (history[-1] - history[0]) / (len(history) - 1) if len(history) > 1 else 0.0
    optimism = ctx.view.preferences.reservation.optimism if ctx.view.preferences else 0.0
    return trend + optimism


def received_concession(ctx: Context) -> float:
    """How far the others' offers have moved towards me, in my utility: latest minus first, averaged."""
    moves: list[float] = []
    for actor in ctx.view.estimates:
        mine = [o for o in ctx.view.offers if o.proposer == actor]
        if len(mine) >= 2:
            first = ctx.open_value(ctx.model.terms_from_ids(mine[0].terms_dict()))
            last = ctx.open_value(ctx.model.terms_from_ids(mine[-1].terms_dict()))
            moves.append(max(0.0, last - first))
    return sum(moves) / len(moves) if moves else 0.0


def target(ctx: Context, personality: Personality, difficulty: Difficulty, lookahead: float = 0.0) -> float:
    """The least the AI will settle for now (GENIUS time-dependent tactic, bent by beliefs and pressure)."""
    view = ctx.view
    r = view.reservation
    top = max(ctx.own) if ctx.own else r
    floor = r + difficulty.keep_surplus * max(0.0, top - r)
    trend = perceived_trend(ctx)
    turns_left = max(0, view.turns - view.turn)
    exponent = personality.concession
    if trend > 0.001:
        # Time seems to be on its side: hold out for the no-deal value it expects to have later.
        floor = max(floor, min(top, r + trend * turns_left * 0.5))
        exponent *= 0.6
    elif trend < -0.001:
        exponent *= 1.5  # The trend has turned against it: concede faster.
    t = min(1.0, max(0.0, ctx.time + lookahead + view.pressure))
    timed = top - (top - floor) * t ** (1.0 / exponent)
    if personality.reciprocity > 0:
        matched = top - received_concession(ctx)
        weight = personality.reciprocity * (1.0 - t * t)  # reciprocity gives way to the deadline
        timed = weight * matched + (1 - weight) * timed
    return max(floor, min(top, timed))


def estimate_tables(ctx: Context, others: tuple[str, ...]) -> list[tuple[list[tuple[float, ...]], float]]:
    """Each other party's estimated option values on the open issues, pre-weighted and indexed like
    packages, with its estimated no-deal value: scoring thousands of packages then needs no lookups."""
    tables = []
    for actor in others:
        est = ctx.view.estimates[actor]
        weight = sum(est.weights[ctx.model.issue_ids[k]] for k in ctx.open_issues) or 1.0
        rows = []
        for k in range(len(ctx.model.issue_ids)):
            issue_id = ctx.model.issue_ids[k]
            if k in ctx.open_issues:
                w = est.weights[issue_id] / weight
                rows.append(tuple(w * est.values[issue_id][o] for o in ctx.model.option_ids[k]))
            else:
                rows.append(tuple(0.0 for _ in ctx.model.option_ids[k]))
        tables.append((rows, est.reservation))
    return tables


def estimated_gains(package: tuple[int, ...], tables: list[tuple[list[tuple[float, ...]], float]]) -> list[float]:
    """Each other party's estimated gain over its estimated no-deal value, on the open issues."""
    return [sum(row[o] for row, o in zip(rows, package, strict=True)) - r for rows, r in tables]


def choose_bid(
    ctx: Context, personality: Personality, difficulty: Difficulty, others: tuple[str, ...], seed: int
) -> tuple[tuple[int, ...], float] | None:
    """The package to propose: among those worth the target to me, the one the others like most."""
    if not ctx.candidates:
        return None
    level = target(ctx, personality, difficulty)
    eligible = [i for i, u in enumerate(ctx.own) if u >= level - EPSILON]
    if not eligible:
        best = max(range(len(ctx.own)), key=lambda i: (ctx.own[i], -i))
        return ctx.candidates[best], ctx.own[best]

    tables = estimate_tables(ctx, others) if difficulty.opponent_model and others else []
    # One seeded draw per decision feeds a local generator: as reproducible as a draw per package, and cheaper.
    jitter = random.Random(int(rng.draw(seed, ctx.me, ctx.view.turn, len(ctx.view.offers), "bid") * 2**53))
    noise_of = {i: difficulty.noise * (jitter.random() - 0.5) for i in eligible} if difficulty.noise else {}

    def score(i: int) -> tuple[float, float]:
        noise = noise_of.get(i, 0.0)
        if tables:
            gains = estimated_gains(ctx.candidates[i], tables)
            return (min(gains) + 0.25 * sum(gains) / len(gains) + noise, ctx.own[i])
        return (-(ctx.own[i] - level) + noise, ctx.own[i])  # no model: ask for just the target

    best = max(eligible, key=score)
    return ctx.candidates[best], ctx.own[best]


def offer_value(ctx: Context, offer: Offer) -> float:
    return ctx.open_value(ctx.model.terms_from_ids(offer.terms_dict()))


def sorest_issue(ctx: Context, offer: Offer) -> str:
    """The issue on which the offer costs this actor most; naming it is what a negotiator would say."""
    weights = ctx.model.weights[ctx.me]
    values = ctx.model.values[ctx.me]
    terms = ctx.model.terms_from_ids(offer.terms_dict())
    worst = min(terms, key=lambda k: (weights[k] * (values[k][terms[k]] - 1.0), k))
    return ctx.view.scenario.issue(ctx.model.issue_ids[worst]).name


def acceptable(ctx: Context, offer: Offer, personality: Personality, difficulty: Difficulty) -> tuple[bool, str]:
    """Accept when the offer beats the no-deal value and what the AI would ask for next (AC_next).

    The reason is in words, never numbers: a negotiator does not announce its no-deal value.
    """
    value = offer_value(ctx, offer)
    r = ctx.view.reservation
    if value <= r + EPSILON:
        return False, f"it leaves us no better off than no deal at all, above all on {sorest_issue(ctx, offer)}"
    step = 1.0 / max(1, ctx.view.turns - 1)
    next_target = target(ctx, personality, difficulty, lookahead=step)
    if value >= next_target - EPSILON:
        return True, "it is better than no deal and as good as anything we could ask for now"
    if ctx.time >= 0.999 and value > r + difficulty.keep_surplus * 0.5:
        return True, "time is up, and this is better than no deal"
    return False, f"we still expect better terms, above all on {sorest_issue(ctx, offer)}"
