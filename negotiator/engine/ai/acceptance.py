"""Acceptance: which offers an AI takes.

Never anything worth less than its current no-deal value (individual rationality), nor, when the game heads
for a deadline where an arbitrator imposes terms, less than those terms would give it (`Context.fallback_of`);
never anything crossing its own red lines or the lines it announced (it keeps its word). Otherwise:
- AC_next (easy and normal): accept what is at least as good as what it would ask for next; `combi` and
  `risk`, the turn before their last, also at least what holding out for the last turn is likely to bring;
- at its last chance to act, `next` accepts anything above its no-deal value (a last-turn squeeze works on
  it), while `combi` (AC_combi) is the ultimatum game's mixed responder (`final_chance`): it takes for sure
  what is at least as good as the best comparable offer it received in the last few turns and its floor, and
  below that takes an offer with a chance that falls steeply with the shortfall. Refusing everything below a
  threshold walked it into deadlines against players who were not squeezing it (`closer` in the exploit
  tournament); taking everything above no deal invites the squeeze; the steep chance makes each point squeezed
  off cost the squeezer more in lost deals than it gains. At the last moment, partial offers awaiting it on
  other issues that it would also take count together (`_together`);
- `risk` (hard) is `combi` that also weighs holding out against the chance that the game ends before a deal
  (`continuation`): near a real end it takes a good offer rather than gamble the deal away. And it does not
  take an offer when proposing its own best bid instead is worth more in expectation: the bid's estimated
  chance of acceptance against the chance that the others the offer still needs accept it (a mediator that
  accepted a poor counter and proposed a better package in the same move gave the deal away), unless that bid
  has already been refused once and it is not yet the last turn (a refusal before the deadline does not bind
  the deadline: a Boulware player's "no" until the last turn and "yes" on it is what the AI plays too).
A promise of value on signature (`deal_bonus`) counts when the offer would complete the deal.

Reasons are in words, never numbers: a negotiator does not announce its no-deal value.
"""

from __future__ import annotations

from collections.abc import Callable

from negotiator.engine.ai.bidding import choose_bid, next_target, target
from negotiator.engine.ai.context import EPSILON, Context
from negotiator.engine.offers import Offer

LIKELY = 0.5  # the estimated chance of acceptance above which terms refused before are worth tabling again at the end
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


def _issues_of(ctx: Context, offer: Offer) -> list[int]:
    return [ctx.model.issue_ids.index(i) for i, _ in offer.terms]


def sorest_issue(ctx: Context, offer: Offer) -> str:
    """The issue on which the offer costs this actor most; naming it is what a negotiator would say."""
    weights = ctx.model.weights[ctx.me]
    values = ctx.model.values[ctx.me]
    terms = ctx.model.terms_from_ids(offer.terms_dict())
    worst = min(terms, key=lambda k: (weights[k] * (values[k][terms[k]] - 1.0), k))
    return ctx.view.scenario.issue(ctx.model.issue_ids[worst]).name


def best_received(ctx: Context, offer: Offer) -> float:
    """My best open value among the other offers addressed to me in the last WINDOW turns that settle the same
    issues as `offer` and that nobody else has refused: an offer another party turned down, or one on other
    issues, was never a deal I could have had instead."""
    view = ctx.view
    issues = {i for i, _ in offer.terms}
    values = [
        offer_value(ctx, o)
        for o in view.offers
        if ctx.me in o.to
        and o.id != offer.id
        and o.turn > view.turn - WINDOW
        and o.rejected_by in (None, ctx.me)
        and {i for i, _ in o.terms} == issues
    ]
    return max(values, default=-1.0)


STEEPNESS = 3.0  # how fast the chance of taking a below-threshold offer at the very end falls with the shortfall


def final_chance(value: float, floor: float, threshold: float) -> float:
    """The chance of taking, at the last moment, an offer between my no-deal value (`floor`) and what I hold out
    for (`threshold`). This is the ultimatum game's mixed responder: refusing every offer below the threshold
    throws away deals better than nothing, taking them all invites the last-moment squeeze. Accepting with a
    chance that falls steeply with the shortfall does neither: each point squeezed off the offer costs the
    squeezer more in lost deals than it gains (with STEEPNESS 3 the squeezer's expected gain from going below
    about three quarters of the way up is negative), while an offer just short of the threshold usually stands."""
    if threshold <= floor + EPSILON:
        return 1.0
    share = min(1.0, max(0.0, (value - floor) / (threshold - floor)))
    return share**STEEPNESS


def _together(ctx: Context, offer: Offer, value: float) -> float:
    """The offer's value with the other offers awaiting me on other issues that I would also take (each above
    my no-deal value): at the last moment, two partial offers that complement each other make one deal."""
    issues = {i for i, _ in offer.terms}
    terms = list(offer.terms)
    for other in ctx.view.awaiting_me:
        other_issues = {i for i, _ in other.terms}
        if other.id == offer.id or other_issues & issues:
            continue
        if offer_value(ctx, other) > ctx.reservation + EPSILON and not _crosses(ctx, other):
            terms += other.terms
            issues |= other_issues
    return value if len(terms) == len(offer.terms) else ctx.terms_value(tuple(terms))


def _crosses(ctx: Context, offer: Offer) -> bool:
    lines = ctx.my_lines
    for issue_id, option_id in offer.terms:
        k = ctx.model.issue_ids.index(issue_id)
        if (k, ctx.model.option_ids[k].index(option_id)) in lines:
            return True
    return False


DEAL_LATER = 0.6  # chance that holding out still ends in a deal at the AI's next target, with time left


def continuation(ctx: Context, nxt: float) -> float:
    """What refusing is worth: the next target if a deal still comes, the no-deal value if the game ends
    first. The nearer the real end (a mediator's patience, a meter near an ending), the less holding out is
    worth, so the AI takes a good offer instead of gambling the deal away."""
    turns_left = max(0, ctx.end_turn - ctx.view.turn)
    p = DEAL_LATER * min(1.0, turns_left / 2.0)
    return p * nxt + (1.0 - p) * ctx.fallback


def others_accept(ctx: Context, offer: Offer) -> float:
    """The estimated chance that everyone else the offer needs accepts it (its proposer already has)."""
    chance = 1.0
    terms = offer.terms_dict()
    for actor in offer.to:
        if actor == ctx.me or actor in offer.accepted_by:
            continue
        est = ctx.beliefs.get(actor)
        chance *= est.accept_chance(terms) if est is not None else 0.5
    return chance


def _bid_is_better(ctx: Context, offer: Offer, value: float, nxt: float) -> bool:
    """Whether proposing our own best bid now is worth more than accepting: each is worth its value if it goes
    through (the offer needs the others who have not yet accepted it) and what holding out brings if not. A
    mediator that accepted a poor counter while proposing a better package in the same move gave the deal away."""
    bid = choose_bid(ctx, lambda: 0.5)  # a fixed draw: this weighs the bid, it does not make it
    if bid is None or bid.value <= value + EPSILON:
        return False
    if _refused_before(ctx, bid.terms) and (ctx.end_turn - ctx.view.turn > 1 or bid.chance < LIKELY):
        # Refused once, refused again, as a rule; but a refusal before the last turn does not bind the last one,
        # when the opponent model still expects the terms to be taken (a red line learnt from the refusal says no).
        return False
    rest = continuation(ctx, nxt)
    p = others_accept(ctx, offer)
    return bid.chance * bid.value + (1 - bid.chance) * rest > p * value + (1 - p) * rest + EPSILON


def _refused_before(ctx: Context, terms: tuple[tuple[str, str], ...]) -> bool:
    """Whether someone has already refused these very terms (on what is still open): it will most likely refuse
    them again, whatever the opponent model estimates."""
    open_terms = {t for t in terms if t[0] not in ctx.view.settled}
    return any(
        o.rejected_by is not None and {t for t in o.terms if t[0] not in ctx.view.settled} == open_terms
        for o in ctx.view.offers
    )


def acceptable(ctx: Context, offer: Offer, draw: Callable[[], float] = lambda: 1.0) -> tuple[bool, str]:
    """Whether to take the offer, and why in words. `draw` gives the uniform number for the one mixed decision
    (`final_chance`); it is called only when that decision is reached."""
    if _crosses(ctx, offer):
        return False, "it crosses one of our red lines"
    value = offer_value(ctx, offer)
    r = ctx.reservation
    if value <= r + EPSILON:
        return False, f"it leaves us no better off than no deal at all, above all on {sorest_issue(ctx, offer)}"
    if ctx.arbitrated is not None and value <= ctx.fallback_of(_issues_of(ctx, offer)) + EPSILON:
        return False, f"arbitration at the deadline would give us more, above all on {sorest_issue(ctx, offer)}"
    # Before the last turn an offer is taken when it beats what the AI would ask next by the clock; what the
    # others have earned bounds what it asks for (its bids) and what it takes at the very end.
    nxt = next_target(ctx, earned_only=ctx.final)
    # The turn before the last one, the clock's next target is its final one, barely above the no-deal value:
    # AC_combi also weighs what holding out for that last turn is likely to bring (`continuation` of the earned
    # target), so refusing near-floor offers one turn early does not pay (echo_floor did, in Kyiv's seat).
    penultimate = not ctx.final and ctx.view.turn + 1 >= ctx.end_turn and ctx.difficulty.acceptance != "next"
    if penultimate:
        nxt = max(nxt, continuation(ctx, next_target(ctx)))
    if value >= nxt - EPSILON:
        if ctx.difficulty.acceptance == "risk" and not ctx.final and _bid_is_better(ctx, offer, value, nxt):
            return (
                False,
                f"we can propose better terms that the others should accept, above all on {sorest_issue(ctx, offer)}",
            )
        return True, "it is better than no deal and as good as anything we could ask for now"
    if ctx.difficulty.acceptance == "risk" and not ctx.final and value >= continuation(ctx, nxt) - EPSILON:
        return True, "it is better than what holding out is likely to bring before time runs out"
    if ctx.final:
        if ctx.difficulty.acceptance == "next":
            return True, "time is up, and this is better than no deal"
        best = best_received(ctx, offer)
        threshold = max(best, target(ctx, 1.0, earned_only=False))
        together = _together(ctx, offer, value)
        if together >= threshold - EPSILON:
            return True, "time is up, and this is the best we have been offered"
        if draw() < final_chance(together, r, threshold):
            return True, "time is up, and though we hoped for more, this is better than no deal"
        if best > together + EPSILON:
            return False, f"we have been offered better than this, above all on {sorest_issue(ctx, offer)}"
        return False, f"this does not give us enough for what we have conceded, above all on {sorest_issue(ctx, offer)}"
    return False, f"we still expect better terms, above all on {sorest_issue(ctx, offer)}"
