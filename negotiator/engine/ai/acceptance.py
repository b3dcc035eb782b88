"""Acceptance: which offers an AI takes.

Never anything worth less than its current no-deal value (individual rationality), never anything crossing
its own red lines or the lines it announced (it keeps its word). Otherwise:
- AC_next (every difficulty): accept what is at least as good as what it would ask for next;
- at its last chance to act, `next` accepts anything above its no-deal value (a last-turn squeeze works on
  it), while `combi` (AC_combi) accepts only what is at least as good as the best offer it received in the
  last few turns and its floor: a squeeze that offers less than it has already been offered, or barely more
  than no deal, is refused, so squeezing does not pay.
A promise of value on signature (`deal_bonus`) counts when the offer would complete the deal.

Reasons are in words, never numbers: a negotiator does not announce its no-deal value.
"""

from __future__ import annotations

import numpy as np

from negotiator.engine.ai.bidding import floor, next_target
from negotiator.engine.ai.context import EPSILON, Context
from negotiator.engine.offers import Offer

WINDOW = 3  # turns of received offers that AC_combi compares with


def offer_value(ctx: Context, offer: Offer) -> float:
    """My open value of the offer, with my promised deal bonus if accepting it would complete the deal."""
    value = ctx.terms_value(offer.terms)
    bonus = ctx.view.deal_bonus.get(ctx.me, 0.0)
    if bonus and _completes_deal(ctx, offer):
        weight = sum(ctx.model.weights[ctx.me][ctx.model.issue_ids.index(i)] for i, _ in offer.terms) or 1.0
        value += bonus / weight
    return value


def _completes_deal(ctx: Context, offer: Offer) -> bool:
    rules = ctx.view.scenario.rules
    if not rules.deal_ending:
        return False
    needed = set(rules.deal_issues or [i.id for i in ctx.view.scenario.issues]) - set(ctx.view.settled)
    return needed <= {i for i, _ in offer.terms}


def sorest_issue(ctx: Context, offer: Offer) -> str:
    """The issue on which the offer costs this actor most; naming it is what a negotiator would say."""
    weights = ctx.model.weights[ctx.me]
    values = ctx.model.values[ctx.me]
    terms = ctx.model.terms_from_ids(offer.terms_dict())
    worst = min(terms, key=lambda k: (weights[k] * (values[k][terms[k]] - 1.0), k))
    return ctx.view.scenario.issue(ctx.model.issue_ids[worst]).name


def best_received(ctx: Context, exclude: int) -> float:
    """My best open value among offers addressed to me in the last WINDOW turns (other than `exclude`)."""
    view = ctx.view
    values = [
        offer_value(ctx, o) for o in view.offers if ctx.me in o.to and o.id != exclude and o.turn > view.turn - WINDOW
    ]
    return max(values, default=-1.0)


IMPROVE_BY = 0.03  # open value a "yes, but" counter must add before the AI risks it instead of accepting
KEEP_CHANCE = 0.8  # ...and the share of the offer's estimated chance of acceptance it must keep
IMPROVE_UNTIL = 0.5  # share of the game after which the AI takes an acceptable offer as it stands
DELAY = 0.04  # what a turn lost to a refused counter is guessed to cost (open value), doubling towards the end


def improvement(ctx: Context, offer: Offer) -> tuple[tuple[str, str], ...] | None:
    """A "yes, but" counter: the same offer with better options for me on the issues I sign, if my opponent
    model says its addressees would still accept it about as readily. None when there is none worth asking for.

    A negotiator does not take the first acceptable package when a small change on what it controls would
    very likely be accepted too; without this, any firmer player (or a bluffer who rules those options out
    in public) gets the same deal plus that change.
    """
    if ctx.difficulty.beliefs == "none" or ctx.time > IMPROVE_UNTIL:
        return None
    from negotiator.engine.ai.bidding import acceptance_log
    from negotiator.engine.ai.space import bundle

    model = ctx.model
    terms = model.terms_from_ids(dict(offer.terms))
    issues = tuple(sorted(terms))
    mine = [k for k in issues if ctx.me in ctx.c.signatories[model.issue_ids[k]]]
    if not mine:
        return None
    b = bundle(model, issues)
    fixed = [k for k in issues if k not in mine]
    same = np.ones(b.size, dtype=bool)
    for j, k in enumerate(issues):
        if k in fixed:
            same &= b.rows[:, j] == terms[k]
    if ctx.my_lines:
        same &= ~b.crossing(ctx.my_lines)
    who = [a for a in ctx.c.actor_ids if a != ctx.me and (a in offer.to or a == offer.proposer)]
    log_chance = np.zeros(b.size)
    for actor in who:
        est = ctx.beliefs.get(actor)
        if est is not None:
            log_chance += acceptance_log(est, b)
    original = int(np.flatnonzero(np.all(b.rows == np.array([terms[k] for k in issues]), axis=1))[0])
    own = b.own(ctx.me)
    chance = np.exp(log_chance)
    # Worth asking when the expected gain beats the expected cost of a turn lost if it is refused.
    delay = DELAY + ctx.time * DELAY
    worth = chance * (own - own[original]) - (1.0 - chance) * delay
    good = (
        same
        & (own >= own[original] + IMPROVE_BY)
        & (worth > 0)
        & (log_chance >= log_chance[original] + np.log(KEEP_CHANCE))
    )
    if not good.any():
        return None
    row = int(np.argmax(np.where(good, worth, -np.inf)))
    return b.terms(row)


def acceptable(ctx: Context, offer: Offer) -> tuple[bool, str]:
    lines = ctx.my_lines
    for issue_id, option_id in offer.terms:
        k = ctx.model.issue_ids.index(issue_id)
        if (k, ctx.model.option_ids[k].index(option_id)) in lines:
            return False, "it crosses one of our red lines"
    value = offer_value(ctx, offer)
    r = ctx.reservation
    if value <= r + EPSILON:
        return False, f"it leaves us no better off than no deal at all, above all on {sorest_issue(ctx, offer)}"
    if value >= next_target(ctx) - EPSILON:
        return True, "it is better than no deal and as good as anything we could ask for now"
    if ctx.final:
        if ctx.difficulty.acceptance == "next":
            return True, "time is up, and this is better than no deal"
        if value >= max(best_received(ctx, offer.id), floor(ctx)) - EPSILON:
            return True, "time is up, and this is the best we have been offered"
        return False, f"we have been offered better than this, above all on {sorest_issue(ctx, offer)}"
    return False, f"we still expect better terms, above all on {sorest_issue(ctx, offer)}"
