"""Lever choice: what each usable lever would do to the AI's position, valued three ways by difficulty.

Parts by job, imported one way: `position` (what a position is made of, `Terms`) -> `rollouts` (the hard AI's
look-ahead kernel and its reference) -> this module (the direct and one-turn valuations, `lever_values`, the plan).

The **position** of an actor (what its final score depends on) is described in `position`.

Changes to the table (a red line that binds someone, an option taken off) move none of the position's numbers; every
method values them alike, by what they do to the deal I expect (`table_value`).

`greedy` (easy, normal) adds up a lever's direct effects on those numbers. `linear` (a part) also looks one turn
ahead: the upkeep, early endings the lever would bring about this turn, and events its effects would set off
next turn, all from the position's slope at the current state. `rollout` (hard) plays a few short rollouts of
the game's own rules (`negotiator.engine.ai.world`) over several turns, with and without the lever on the same
random numbers, and compares positions, so chains of consequences count (a bill pushed over a threshold that
makes a Senate vote fire two turns later). The lever being valued is played both ways, working and failing,
weighted by its exact success chance (three sampled draws could only say 0, 1/3, 2/3 or 1). An early ending
the look-ahead reaches counts in full only at the end of this very turn; k turns later it is a risk weighted
(1 - k/RISK_TURNS). A deal's own ending points (over the deadline's) count with the chance of a deal.

Choice: every AI draws among its options in proportion to how good they look (a softmax, with the AI's own
random numbers), so games differ and no lever is left unused because it is a close second. An AI that looks
ahead (`linear`, `rollout`) draws only among levers worth its appetite and always uses one if there is one;
the others draw among levers that gain anything at all, or "no lever" (a scripted player that spammed every
lever beat them by 5-7 points). No AI pays for a lever that gains it nothing or only costs it.
A move's levers are planned from where the move began; a look-ahead values each further lever together with
those already planned (two levers each safe alone can together cross an ending's threshold).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np

from negotiator.engine.ai.bidding import _estimated_rows
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.position import (  # noqa: F401 (the position's parts, read here by tests and callers)
    NO_DEAL_LOSS,
    P_DEAL,
    PRIOR_SURPLUS,
    RISK_TURNS,
    SURPLUS_SCALE,
    Queued,
    Terms,
    _chance,
    _points,
    _risk,
    _room,
    ending_weight,
    joint_surplus,
    my_queued,
    my_queued_reference,
    position,
    start_world,
    terms,
)
from negotiator.engine.ai.rollouts import _Rollouts, rollout_values, rollout_values_reference  # noqa: F401
from negotiator.engine.ai.space import bundle
from negotiator.engine.ai.world import NUMBERS, STALL, World, apply_ops, expected, resolve_lever
from negotiator.engine.compiled import BONUS, METER, RED_LINE, REMOVE, Op
from negotiator.engine.view import LeverStatus
from negotiator.scenario.models import Lever

TEMPERATURE = 0.01  # how sharply a normal or easy AI prefers its best-looking lever
GAIN = 1e-9  # the least a lever must promise to be worth anything (above the rounding of a sum that cancels)

Option = tuple[LeverStatus, str | None]


# --- valuations ------------------------------------------------------------------------------------------


def _weighted_ops(ctx: Context, lever: Lever, target_id: str | None) -> list[tuple[Op, float]]:
    """Every change of the lever with its chance: its costs surely, its effects if it works, else its failure's."""
    c = ctx.c
    p = lever.success_chance
    weighted = [(op, 1.0) for e in lever.costs for op in c.ops(e, ctx.me, target_id)]
    weighted += [(op, p) for e in lever.effects for op in c.ops(e, ctx.me, target_id)]
    weighted += [(op, 1.0 - p) for e in lever.failure_effects for op in c.ops(e, ctx.me, target_id)]
    return weighted


def _lever_ops(ctx: Context, lever: Lever, target_id: str | None) -> list[tuple[Op, float]]:
    """The lever's changes to numbers with the weight each has in expectation (its costs surely; effects by its
    chance)."""
    weighted = _weighted_ops(ctx, lever, target_id)
    if any(op.scale is not None for op, _ in weighted):  # a change scaled by a meter: at its value now
        meters = ctx.view.meter_values
        weighted = [(op, w * op.amount(meters) / op.change if op.change else 0.0) for op, w in weighted]
    return [(op, w) for op, w in weighted if op.kind in (METER, *NUMBERS)]


def _slopes(
    ctx: Context, world: World, base: list[float], with_risk: bool
) -> tuple[dict[int, float], dict[str, float]]:
    """How my position changes per unit of each meter slot and of each actor's no-deal value, at `world`."""
    t = terms(ctx)
    meters = world.meters
    _, surplus = _room(t, world, base)
    chance = _chance(surplus)
    n = max(1, len(t.parties))
    slope = chance * (1.0 - chance) / SURPLUS_SCALE  # d chance / d surplus
    d_surplus = slope * (max(0.0, surplus) / n + NO_DEAL_LOSS + t.deal_gain) + (chance / n if surplus > 0 else 0.0)
    per_actor = {a: (1.0 if a == t.me else 0.0) - d_surplus for a in t.parties}
    per_slot: dict[int, float] = {}
    for actor, weight in per_actor.items():
        for s, pp in t.drivers[actor]:
            per_slot[s] = per_slot.get(s, 0.0) + pp * weight
    for s, pp in t.points:
        per_slot[s] = per_slot.get(s, 0.0) + pp
    if with_risk:
        reference = _risk(t, meters)
        for s in {s for _, conditions in t.risks for slots, *_ in conditions for s in slots}:
            bumped = meters.copy()
            bumped[s] += 1.0
            per_slot[s] = per_slot.get(s, 0.0) - (_risk(t, bumped) - reference)
    return per_slot, per_actor


def _linear(
    ctx: Context, ops: list[tuple[Op, float]], per_slot: dict[int, float], per_actor: dict[str, float]
) -> float:
    value = 0.0
    for op, weight in ops:
        if op.kind == METER:
            value += per_slot.get(op.slot, 0.0) * op.change * weight
        elif op.kind == BONUS:  # mine: a gain if a deal comes; another's: as a fall in its no-deal value
            mine = op.actor == ctx.me
            value += (P_DEAL if mine else -per_actor.get(op.actor, 0.0)) * op.change * weight
        else:
            value += per_actor.get(op.actor, 0.0) * op.change * weight
    return value


def _set_off(ctx: Context, lever: Lever, world: World) -> list[tuple[Op, float]]:
    """The changes of the events this lever sets off next turn when it works (`after_lever`), weighted by its
    chance and theirs at the current meters: part of what the lever directly does (without them, a lever that
    works only through such an event looked worth nothing to an AI that judges direct effects, and one that
    never pays for nothing would never use it)."""
    c = ctx.c
    turn = world.turn + 1
    if turn > world.turns:
        return []
    meters = world.meters
    weighted: list[tuple[Op, float]] = []
    for rule in c.event_rules:
        if rule.after_lever != lever.id or not rule.due(turn, meters, world.fired):
            continue
        if rule.after_settled and not all(i in world.settled for i in rule.after_settled):
            continue
        p = lever.success_chance * rule.probability(meters)
        weighted += [(op, p * op.amount(meters) / op.change if op.change else 0.0) for op in rule.ops]
    return [(op, w) for op, w in weighted if op.kind in (METER, *NUMBERS)]


def table_value(ctx: Context, lever: Lever, target_id: str | None) -> float:
    """What the lever's changes to the table (`red_line`, `remove_option`) are worth to me, in expectation: the
    change in my value of the deal I expect, times the chance of a deal. The deal I expect is the
    Kalai-Smorodinsky point of the packages still possible (no known line crossed, nothing removed): each party
    gets the same share of the way from its no-deal value to the best it could hope for, the others' values
    from my opponent model. So taking the other side's favourite option off the table lowers what it can hope
    for and moves the expected deal my way, and ruling out my own moves it against me (0 with no such
    effect; before, every AI valued these effects at nothing, so such a lever was used only by accident)."""
    if not _changes_table(ctx, lever, target_id):
        return 0.0
    weighted = [(op, w) for op, w in _weighted_ops(ctx, lever, target_id) if op.kind in (RED_LINE, REMOVE) and w > 0]
    if not weighted:
        return 0.0
    before = _expected_deal(ctx, frozenset())
    value = 0.0
    for w in sorted({w for _, w in weighted}):  # the ops that come together (its effects, or its failure's)
        ops = frozenset((op.kind, op.actor, op.issue, op.option) for op, x in weighted if x == w)
        value += w * (_expected_deal(ctx, ops) - before)
    weight_open = sum(ctx.model.weights[ctx.me][k] for k in ctx.open_issues)
    return value * weight_open * _chance(terms(ctx).surplus)


def _changes_table(ctx: Context, lever: Lever, target_id: str | None) -> bool:
    """Whether this use of the lever has a change to the table at all (kept per scenario: most levers have none,
    and `table_value` is asked for every option of every lever decision)."""
    key = ("changes table", lever.id, ctx.me, target_id)
    return ctx.c.memo(key, lambda: any(op.kind in (RED_LINE, REMOVE) for op, _ in _weighted_ops(ctx, lever, target_id)))  # type: ignore[return-value]


def _expected_deal(ctx: Context, changes: frozenset[tuple[str, str, str, str]]) -> float:
    """My open value of the Kalai-Smorodinsky point of the packages possible after `changes` (see
    `table_value`); my no-deal value when none is worth a deal to every party."""
    return ctx.once(("expected deal", changes), lambda: _kalai_smorodinsky(ctx, changes))


def _kalai_smorodinsky(ctx: Context, changes: frozenset[tuple[str, str, str, str]]) -> float:
    b = bundle(ctx.model, ctx.open_issues)
    if b.size == 0:
        return ctx.reservation
    model = ctx.model
    index = {issue: k for k, issue in enumerate(model.issue_ids)}

    def lines(pairs: Iterable[tuple[str, str]]) -> frozenset[tuple[int, int]]:
        return frozenset((index[i], model.option_ids[index[i]].index(o)) for i, o in pairs if i in index)

    def bound(actor: str) -> frozenset[tuple[int, int]]:  # the lines the changes add for this actor
        return lines((i, o) for kind, a, i, o in changes if kind == REMOVE or a == actor)

    public = ctx.view.public_red_lines
    parties = [(b.own(ctx.me), ctx.reservation, ctx.my_lines | bound(ctx.me))]
    for actor, est in ctx.beliefs.items():
        parties.append((_estimated_rows(est, b)[0], est.reservation, lines(public.get(actor, ())) | bound(actor)))
    possible = np.ones(b.size, dtype=bool)
    for value, reservation, crossed in parties:
        if crossed:
            possible &= ~b.crossing(crossed)
        possible &= value >= reservation
    if not possible.any():
        return ctx.reservation
    least = np.full(b.size, np.inf)
    total = np.zeros(b.size)
    for value, reservation, _ in parties:
        share = (value - reservation) / max(float(value[possible].max()) - reservation, 1e-9)
        least = np.minimum(least, share)
        total += share
    least = np.where(possible, least, -np.inf)
    # Of the packages with the same least share, the one with the most in all (an opponent I know nothing
    # about yet is indifferent everywhere, and must not make the scenario's option order decide).
    tied = least >= least.max() - 1e-9
    point = float(parties[0][0][int(np.where(tied, total, -np.inf).argmax())])
    # Trusted only as far as the others are known (as `joint_surplus`); otherwise an even share of my range.
    mine, reservation, _ = parties[0]
    even = reservation + (float(mine[possible].max()) - reservation) / len(parties)
    unknown = max((e.uncertainty for e in ctx.beliefs.values()), default=1.0)
    return (1.0 - unknown) * point + unknown * even


def greedy_values(ctx: Context, choices: list[Option]) -> list[float]:
    """Each lever's direct effects on my position, in expectation, at the current state (with the events it
    sets off, `_set_off`)."""
    world = start_world(ctx)
    base = world.meters.copy()
    per_slot, per_actor = _slopes(ctx, world, base, with_risk=False)
    return [
        _linear(ctx, [*_lever_ops(ctx, s.lever, t), *_set_off(ctx, s.lever, world)], per_slot, per_actor)
        for s, t in choices
    ]


def linear_values(ctx: Context, choices: list[Option], queued: Queued) -> list[float]:
    """One turn ahead, from the position's slope after this turn's upkeep: each lever's effects, plus the early
    endings it would bring about at the end of this turn and the events its effects would set off next turn."""
    c = ctx.c
    world = start_world(ctx)
    base = world.meters.copy()
    for lever, owner, target_id in queued:
        resolve_lever(c, world, lever, owner, target_id, expected)
    every, without = c.upkeep_ops
    apply_ops(c, world, every)
    apply_ops(c, world, without, STALL)
    per_slot, per_actor = _slopes(ctx, world, base, with_risk=True)
    t = terms(ctx)
    after = world.meters
    next_turn = world.turn + 1
    values = []
    for status, target_id in choices:
        ops = _lever_ops(ctx, status.lever, target_id)
        value = _linear(ctx, ops, per_slot, per_actor)
        moved = after.copy()
        for op, weight in ops:
            if op.kind == METER:
                change = op.amount(after) * weight
                moved[op.slot] = min(c.slot_max[op.slot], max(c.slot_min[op.slot], moved[op.slot] + change))
        for ending in c.ending_tests:
            if ending.holds(moved) and not ending.holds(after):  # this lever alone brings it about
                value -= t.certain.get(ending.index, 0.0)
        if next_turn <= world.turns:
            for rule in c.event_rules:
                if not rule.tests or not rule.open_at(next_turn, world.fired):
                    continue
                if rule.after_settled and not all(i in ctx.view.settled for i in rule.after_settled):
                    continue  # the look-ahead assumes no new settlement
                if rule.after_lever is not None and rule.after_lever != status.lever.id:
                    continue  # waits for another lever (whether it works is not this choice's doing)
                now = all(x.holds(after) for x in rule.tests)
                then = all(x.holds(moved) for x in rule.tests)
                if now != then:
                    p = (rule.probability(moved) if then else rule.probability(after)) * (
                        status.lever.success_chance if rule.after_lever is not None else 1.0
                    )
                    effect = p * _linear(ctx, [(op, 1.0) for op in rule.ops], per_slot, per_actor)
                    value += effect if then else -effect
        values.append(value)
    return values


def lever_values(ctx: Context, choices: list[Option], seed: int, queued: Queued | None = None) -> list[float]:
    """Each option's value by the difficulty's method; `queued` are levers already queued this turn."""
    kind = ctx.difficulty.levers
    queued = [] if queued is None else queued
    if kind == "rollout":
        values = rollout_values(ctx, choices, seed, queued)
    elif kind == "linear":
        values = linear_values(ctx, choices, queued)
    else:
        values = greedy_values(ctx, choices)
    # Changes to the table move no number a valuation follows: each method adds what they are worth alike.
    return [v + table_value(ctx, s.lever, t) for v, (s, t) in zip(values, choices, strict=True)]


# --- the plan for a move -----------------------------------------------------------------------------------

Plan = tuple[tuple[Lever, str | None], ...]


def lever_plan(ctx: Context, seed: int, draw: Callable[[int], float]) -> Plan:
    """The levers to use this move, in order: valued once, from where the move began (`move_start_levers`),
    then taken greedily while action points last and each is worth its appetite. `draw(n)` is the AI's own
    random number for the n-th pick."""
    choices, points = ctx.view.move_start_levers
    if not choices:
        return ()
    statuses = [(LeverStatus(lever, (target,), None), target) for lever, target in choices]
    appetite = ctx.personality.lever_appetite
    plan: list[tuple[Lever, str | None]] = []
    used: set[str] = set()
    sure = ctx.difficulty.levers != "greedy"  # look-ahead: uses a lever whenever one is worth it
    scored: dict[int, float] = {}
    while True:
        open_ = [i for i, (lever, _) in enumerate(choices) if lever.id not in used and lever.cost <= points]
        if not open_:
            break
        if not plan or sure:
            # A look-ahead values each further lever together with those already planned (two levers that are
            # each safe alone may together cross an ending's threshold); direct effects simply add up.
            queued = [(lever, ctx.me, aim) for lever, aim in plan]
            values = lever_values(ctx, [statuses[i] for i in open_], seed, queued)
            scored = {i: v / max(1, choices[i][0].cost) ** 0.5 for i, v in zip(open_, values, strict=True)}
        # A look-ahead draws only among levers worth its appetite, and takes one of them for certain; the others
        # draw among levers that gain anything at all (or none): an AI never pays action points, and the lever's
        # costs, for nothing or for a loss (before, a lever whose only effect hurt its owner had a weight of
        # exp(-0.4) or more against "no lever", and a normal AI used one in 65-87% of games).
        open_ = [i for i in open_ if scored[i] > (appetite if sure else GAIN)]
        if not open_:
            break
        weights = [math.exp(min(50.0, (scored[i] - appetite) / TEMPERATURE)) for i in open_]
        roll = draw(len(plan)) * (sum(weights) + (0.0 if sure else 1.0))  # 1.0: the weight of no (further) lever
        pick = open_[-1] if sure else None
        for i, w in zip(open_, weights, strict=True):
            roll -= w
            if roll < 0:
                pick = i
                break
        if pick is None:
            break
        lever, aim = choices[pick]
        plan.append((lever, aim))
        used.add(lever.id)
        points -= lever.cost
    return tuple(plan)


def next_lever(ctx: Context, plan: Plan) -> tuple[Lever, str | None] | None:
    """The first lever of the plan not yet queued this move."""
    queued = [(lever.id, aim) for lever, _, aim in my_queued(ctx)]
    for lever, aim in plan:
        key = (lever.id, aim)
        if key in queued:
            queued.remove(key)
            continue
        return lever, aim
    return None
