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
from negotiator.engine.ai.endgame import decisive
from negotiator.engine.ai.space import Bundle, bundle, candidate_bundles
from negotiator.engine.beliefs import Estimate

LOG_FLOOR = -30.0
GREED = 0.5  # weight of its own gain against the chance of acceptance when it picks a package
RECIPROCATION = 1.0  # how much of its range an AI gives back per unit of open value conceded to it
FINAL_GREED = 1.0  # at its last word (`endgame.decisive`) gain and chance weigh alike: the expected gain
LATE_ROOM = 0.3  # share of its range an AI concedes unasked by the end, on top of its personality's room


@dataclass(frozen=True)
class Bid:
    terms: tuple[tuple[str, str], ...]
    value: float  # my open value of the terms
    chance: float  # estimated chance that every addressee accepts
    addressees: tuple[str, ...]


def perceived_trend(ctx: Context) -> float:
    """How the AI believes time is treating it, per turn: its own no-deal value's trend plus its optimism, less
    the others' trend (public: what moves each no-deal value is). The side whose alternative erodes faster has
    more to lose from waiting (Rubinstein: the more patient side gets more)."""
    return ctx.once("trend", lambda: _perceived_trend(ctx))


def _perceived_trend(ctx: Context) -> float:
    view = ctx.view
    elapsed = max(1, view.turn - 1)
    history = view.reservation_history
    trend = (history[-1] - history[0]) / (len(history) - 1) if len(history) > 1 else 0.0
    changes = view.reservation_changes
    others = [changes[a] / elapsed for a in ctx.beliefs if a in changes]
    prefs = view.preferences
    relative = trend - (sum(others) / len(others) if others else 0.0)
    return relative + (prefs.reservation.optimism if prefs else 0.0)


def received_concession(ctx: Context, best: bool = False) -> float:
    """How far the others' offers have moved towards me, in my open value, averaged over the others: latest
    minus first, or (`best`) their best so far minus their first."""
    return ctx.once(("received", best), lambda: _received_concession(ctx, best))


def _received_concession(ctx: Context, best: bool) -> float:
    moves: list[float] = []
    for actor in ctx.c.negotiators:
        if actor == ctx.me:
            continue
        mine = [ctx.terms_value(o.terms) for o in ctx.view.offers if o.proposer == actor and ctx.me in o.to]
        if len(mine) >= 2:
            moves.append(max(0.0, (max(mine) if best else mine[-1]) - mine[0]))
    if best:  # any party meeting me half-way is a reason to move
        return max(moves, default=0.0)
    return sum(moves) / len(moves) if moves else 0.0


def floor(ctx: Context) -> float:
    """The least the AI ever settles for: its no-deal value (or an arbitrator's better terms, `fallback`) plus a
    share of the surplus it never gives up."""
    r = ctx.fallback
    return r + ctx.personality.floor * max(0.0, ctx.top - r)


def earned(ctx: Context) -> float:
    """How far the others' own concessions let the AI come down: a share of its range it gives unasked
    (`Personality.room`), and more in proportion to what the others have conceded to it.

    Concessions are earned, never only timed: a player who stonewalls and then squeezes at the deadline, or
    holds out Boulware-fashion for the AI to reach its floor, finds the AI still waiting for a concession.
    Between AIs the concessions answer each other, so they still meet; trading across issues (logrolling)
    makes a concession worth more to the receiver than it costs the giver, which is what lets them meet fast.
    """
    return ctx.once("earned", lambda: _earned(ctx))


def _earned(ctx: Context) -> float:
    span = max(0.0, ctx.top - ctx.fallback)
    late = LATE_ROOM * ctx.time**2  # the deadline buys some concession, never all of it
    room = ctx.personality.room + late + RECIPROCATION * conceded_to_me(ctx)
    return ctx.top - min(1.0, room) * span


def conceded_to_me(ctx: Context) -> float:
    """The largest share of its own range any other party has given up in its latest offer to me since its
    first, judged by what the concession costs *it* (under my opponent model), not by what it is worth to me:
    a concession on an issue it cares little about is cheap for it even when it means a lot to me, and is
    repaid as such."""
    best = 0.0
    for actor, est in ctx.beliefs.items():
        values = [
            est.open_value(o.terms_dict())
            for o in ctx.view.offers
            if o.proposer == actor and ctx.me in o.to and o.turn < ctx.view.turn
        ]
        if len(values) >= 2:  # its latest standing offer against its opening (a concession taken back, or one
            # made only this turn, at the last moment, does not count)
            span = max(0.05, max(values[0], est.reservation) - est.reservation)
            best = max(best, (values[0] - values[-1]) / span)
    return min(1.0, max(0.0, best))


def target(ctx: Context, at_time: float | None = None, earned_only: bool = True) -> float:
    """The least the AI will settle for at `at_time` (default: now), never below its no-deal value;
    `earned_only=False` leaves out the bound that concessions must be earned (see `earned`)."""
    return ctx.once(("target", at_time, earned_only), lambda: _target(ctx, at_time, earned_only))


def _target(ctx: Context, at_time: float | None, earned_only: bool) -> float:
    personality = ctx.personality
    r = ctx.fallback
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
    if earned_only and ctx.difficulty.beliefs != "none":
        timed = max(timed, earned(ctx))  # ...but concessions must still be earned (see `earned`)
    return max(low, min(top, timed))


def next_target(ctx: Context, earned_only: bool = True) -> float:
    """What the AI would ask for at its next chance to propose (the next turn)."""
    span = max(1, ctx.end_turn - 1)
    return target(ctx, ctx.time + 1.0 / span, earned_only)


def _estimated_rows(est: Estimate, b: Bundle) -> tuple[np.ndarray, np.ndarray]:
    """Per row of the bundle: `est`'s estimated open value and the log of the chance that no option in it is
    one the actor will not accept. Cached on the estimate."""
    key = b.issues
    found = est.tables.get(key)
    if found is None:
        weight, value, keep = _issue_arrays(est, b)
        total = sum(weight[k] for k in b.issues) or 1.0
        value_tables = [value[k] * (weight[k] / total) for k in b.issues]
        found = est.tables[key] = (b.column_sum(value_tables), b.column_sum([keep[k] for k in b.issues]))
    return found  # type: ignore[return-value]


def _issue_arrays(est: Estimate, b: Bundle) -> tuple[list[float], list[np.ndarray], list[np.ndarray]]:
    """Per issue (model order): the estimate's weight, option values and log chance of acceptance."""
    found = est.tables.get("arrays")
    if found is None:
        issue_ids, option_ids = b.model.issue_ids, b.model.option_ids
        weight = [est.weights[i] for i in issue_ids]
        value = [np.array([est.values[i][o] for o in opts]) for i, opts in zip(issue_ids, option_ids, strict=True)]
        keep = [
            np.log(np.maximum(1e-12, 1.0 - np.array([est.red.get(i, {}).get(o, 0.0) for o in opts])))
            for i, opts in zip(issue_ids, option_ids, strict=True)
        ]
        found = est.tables["arrays"] = (weight, value, keep)
    return found  # type: ignore[return-value]


def acceptance_log(est: Estimate, b: Bundle, rows: np.ndarray | None = None) -> np.ndarray:
    """Per row of the bundle (or of `rows` only): log of the estimated chance that `est`'s actor accepts it.

    Worked out for the whole bundle once per estimate and no-deal value (cached on the estimate: most bids ask
    again before the estimate changes), then taken at `rows`: every step is elementwise on contiguous arrays, so
    each row's number is the one `acceptance_log_reference` computes on the rows alone."""
    key = ("acceptance", b.issues, est.reservation, est.spread)
    found = est.tables.get(key)
    if found is None:
        if len(est.tables) > 64:  # the tables are shared by the estimate's moved copies: bound them
            for old in [k for k in est.tables if isinstance(k, tuple) and k[0] == "acceptance"]:
                del est.tables[old]
        found = est.tables[key] = acceptance_log_reference(est, b)
        found.setflags(write=False)  # shared: a caller adding into it in place would change later bids
    return found if rows is None else found[rows]  # type: ignore[index,return-value]


def acceptance_log_reference(est: Estimate, b: Bundle, rows: np.ndarray | None = None) -> np.ndarray:
    """`acceptance_log` without its cache, on the rows asked for only (the reference it is tested against)."""
    value, keep = _estimated_rows(est, b)
    if rows is not None:
        value, keep = value[rows], keep[rows]
    margin = (value - est.reservation) * (1.0 / est.spread)
    np.maximum(margin, -50.0, out=margin)  # np.clip(margin, -50, 50), without its several microseconds of
    np.minimum(margin, 50.0, out=margin)  # Python-level argument handling (this runs for every addressee)
    return keep - np.log1p(np.exp(-margin))


_NOISE: list[np.ndarray] = []


def noise_table() -> np.ndarray:
    """A fixed table of standard normal numbers: a decision's noise is a window of it at an offset drawn from
    the AI's seed, which is as reproducible as a fresh generator and much cheaper to get."""
    if not _NOISE:
        _NOISE.append(np.random.default_rng(20260501).standard_normal(1 << 16))
    return _NOISE[0]


def _consent_log(ctx: Context, b: Bundle, rows: np.ndarray, who: tuple[str, ...]) -> np.ndarray:
    """The log-chance that the actors whose consent some rows' options need (Option.consent), beyond the
    bundle's signatories, accept those rows as well."""
    total = np.zeros(rows.size)
    model = ctx.model
    for term, actors in ctx.c.consent.items():
        k, option = model.term_index[term]
        if k not in b.issues:
            continue
        hit = b.rows[rows, b.issues.index(k)] == option
        if not hit.any():
            continue
        for actor in sorted(actors - {ctx.me, *who}):
            est = ctx.beliefs.get(actor)
            if est is not None:
                total += np.where(hit, acceptance_log(est, b, rows), 0.0)
    return total


@dataclass(frozen=True)
class _Part:
    """One candidate bundle's packages worth the target, scored before the decision's noise: what every bid of
    a move at this target shares (`_bid_parts`)."""

    b: Bundle
    who: tuple[str, ...]
    rows: np.ndarray
    own: np.ndarray
    log_chance: np.ndarray
    score: np.ndarray
    share: float


def _bid_parts(ctx: Context, level: float) -> list[_Part]:
    """Per candidate bundle with a package worth `level`, its packages' scores without noise: a function of the
    move (the beliefs, lines and no-deal value are the move's) and the target, so a move's bids at one target
    share it (an answer weighs its own bid, then counters with it, at one target)."""
    r = ctx.reservation
    model = ctx.model
    lines = ctx.my_lines
    use_model = ctx.difficulty.beliefs != "none"
    parts = []
    for issues, who in candidate_bundles(model, ctx.c.signatories, ctx.open_issues, ctx.me, ctx.c.actor_ids):
        b = bundle(model, issues)
        own_all = b.own(ctx.me)
        least = r if ctx.arbitrated is None else ctx.fallback_of(issues)
        last_word = use_model and ctx.difficulty.final_offer and decisive(ctx, who)
        # At its last word the AI makes its final offer in time (see `endgame`): anything down to its floor.
        ok = own_all >= (max(least + EPSILON, floor(ctx)) if last_word else max(level, least) - EPSILON)
        if lines:
            ok &= b.allowed(lines)
        rows = ok.nonzero()[0]  # only the packages worth the target are scored (np.flatnonzero, for 1-D)
        if rows.size == 0:
            continue
        own = own_all[rows]
        if use_model:
            # The sum over the addressees from the first one's array (0.0 + x is x: no log-chance is a zero,
            # the margin being clipped), as `np.zeros(...) += each` adds them.
            log_chance = None
            for actor in who:
                est = ctx.beliefs.get(actor)
                if est is not None:
                    if log_chance is None:
                        log_chance = acceptance_log(est, b, rows)
                    else:
                        log_chance += acceptance_log(est, b, rows)
            if log_chance is None:
                log_chance = np.zeros(rows.size)
            if ctx.c.consent:
                log_chance += _consent_log(ctx, b, rows, who)
            greed = FINAL_GREED if last_word else GREED
            score = log_chance + greed * np.log(np.maximum(1e-6, own - r))
        else:
            log_chance = np.zeros(rows.size)
            score = -np.abs(own - level)
        parts.append(_Part(b, who, rows, own, log_chance, score, b.weight_share.get(ctx.me, 0.0)))
    return parts


def choose_bid(ctx: Context, draw: Callable[[], float], level: float | None = None) -> Bid | None:
    """The best bundle and package to propose now, or None if nothing is worth proposing: the move's scored
    packages at this target (`_bid_parts`, computed once per move and target), then this decision's noise and
    pick."""
    if not ctx.open_issues:
        return None
    level = target(ctx) if level is None else level
    r = ctx.reservation
    use_model = ctx.difficulty.beliefs != "none"
    noise = ctx.difficulty.noise
    offset = int(draw() * (1 << 15)) if noise else 0
    best: Bid | None = None
    best_score = -np.inf
    for part in ctx.once(("bid parts", level), lambda: _bid_parts(ctx, level)):
        rows, score = part.rows, part.score
        if noise:
            table = noise_table()
            if rows.size < table.size:
                start = (offset + int(rows[0])) % (table.size - rows.size)
                draws = table[start : start + rows.size]
            else:  # more packages than draws (a space over 65,536): the table repeats
                draws = np.resize(np.roll(table, -((offset + int(rows[0])) % table.size)), rows.size)
            score = score + noise * draws
        pick = int(score.argmax())
        chance = float(np.exp(max(LOG_FLOOR, float(part.log_chance[pick])))) if use_model else 0.5
        gain = chance * (float(part.own[pick]) - r) * part.share
        if gain > best_score:
            best_score = gain
            best = Bid(part.b.terms(int(rows[pick])), float(part.own[pick]), chance, part.who)
    if ctx.difficulty.echoes and best is not None:
        echo = best_proposed(ctx, max(level, r))
        if echo is not None and echo.value > best.value + EPSILON:
            return echo
    return best


def best_proposed(ctx: Context, level: float) -> Bid | None:
    """The best package for me, over every open issue, that another party has already proposed, if it is worth
    at least `level` and crosses none of my lines: tabling the others' own terms back (ANAC agents offer the
    opponent's best bid when it beats their own next bid). Its proposer has shown it accepts it, which the opponent
    model only estimates; a mediator's package says what it believes all can accept."""
    view = ctx.view
    model = ctx.model
    open_ids = {model.issue_ids[k] for k in ctx.open_issues}
    lines = ctx.my_lines
    best: Bid | None = None
    for offer in view.offers:
        if offer.proposer == ctx.me:
            continue
        terms = tuple(t for t in offer.terms if t[0] in open_ids)
        if {i for i, _ in terms} != open_ids:
            continue
        if any(model.term_index[t] in lines for t in terms):
            continue
        value = ctx.terms_value(terms)
        if value < level - EPSILON or (best is not None and value <= best.value + EPSILON):
            continue
        who = tuple(sorted({a for i, _ in terms for a in ctx.c.signatories[i]} - {ctx.me}))
        chance = 1.0
        for actor in who:
            est = ctx.beliefs.get(actor)
            if actor != offer.proposer and actor not in offer.accepted_by and est is not None:
                chance *= est.accept_chance(dict(terms))
        best = Bid(terms, value, chance, who)
    return best
