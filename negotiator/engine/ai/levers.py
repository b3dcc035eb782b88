"""Lever choice: what each usable lever would do to the AI's position, valued three ways by difficulty.

The **position** of an actor in a (public) world is what its final score depends on, in utility units:
- the room for a deal: every no-deal value that rises narrows it, every one that falls widens it. The chance of
  a deal rises with the room, a deal shares the room among the parties, and without one the actor is left
  with its own no-deal value. So the actor's own no-deal value counts for it (its leverage, its fallback),
  the others' count against it, and a no-deal value that rises so far that no deal is left is worth nothing.
  What moves each no-deal value is public, so the changes are exact; the room itself is estimated with the
  AI's opponent model;
- its meter points (meters with a `score_weight`, its own and shared ones), and what it is promised on a deal
  (what the others are promised widens the room, as a fall in their no-deal values would);
- the risk of an early ending (a walk-away, a collapse, an escalation) before a deal: the ending's points and
  the deal it would lose. A mediator's patience is a shared resource: draining it raises everyone's risk of
  a walk-away, and buying time lowers it, whoever holds the meter.

Changes to the table (a red line that binds someone, an option taken off) move none of those numbers; every
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
from dataclasses import dataclass

import numpy as np

from negotiator.engine import rng
from negotiator.engine.ai.bidding import _estimated_rows, target
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.space import bundle
from negotiator.engine.ai.turn_end import turn_end
from negotiator.engine.ai.world import NUMBERS, STALL, World, apply_ops, end_of_turn, expected, resolve_lever
from negotiator.engine.compiled import BONUS, METER, RED_LINE, REMOVE, Op
from negotiator.engine.endings import kind_points, points_of
from negotiator.engine.view import LeverStatus
from negotiator.scenario.models import Lever

P_DEAL = 0.5  # prior chance that a game still running ends in a deal
SURPLUS_SCALE = 0.04  # how sharply the chance of a deal rises with the room for one (open value)
PRIOR_SURPLUS = 0.08  # the room for a deal assumed before the others are known
NO_DEAL_LOSS = 0.02  # what the lack of a deal costs beyond the no-deal value itself (lost time, standing)
RISK_TURNS = 4.0  # an ending this many turns away (at the current drift) counts as a risk
TEMPERATURE = 0.01  # how sharply a normal or easy AI prefers its best-looking lever
GAIN = 1e-9  # the least a lever must promise to be worth anything (above the rounding of a sum that cancels)

Option = tuple[LeverStatus, str | None]
Queued = list[tuple[Lever, str, str | None]]


# --- what the position is made of (cached per decision) -------------------------------------------------


@dataclass(frozen=True)
class Terms:
    """The constant parts of one decision's position: who is at the table, what each meter slot is worth to
    me in points, what moves each no-deal value, the room for a deal now, and what each ending would cost."""

    me: str
    parties: tuple[str, ...]
    points: tuple[tuple[int, float], ...]  # (slot, my score points per unit, in utility units)
    drivers: dict[str, tuple[tuple[int, float], ...]]  # actor -> (slot, no-deal value change per point)
    drift: dict[str, float]
    surplus: float  # estimated room for a deal now (open value)
    losses: dict[int, float]  # early ending (index in rules.endings) -> what it would cost me, as I weigh it
    certain: dict[int, float]  # the same loss in full: a risk tolerance lightens risks, not certainties
    risks: tuple[tuple[float, tuple[tuple[tuple[int, ...], bool, float, bool], ...]], ...]
    # (loss, its conditions as (slots, any_of, threshold, falling)) for each early ending
    slot_drift: dict[int, float]  # how each meter slot moves per turn by the rules' upkeep, stalling
    deal_gain: float  # my ending points for a deal over those for the deadline, in utility units


def terms(ctx: Context) -> Terms:
    return ctx.once("lever_terms", lambda: _terms(ctx))


def _terms(ctx: Context) -> Terms:
    c = ctx.c
    view = ctx.view
    lightened = 1.0 - c.actors[ctx.me].ai.risk_tolerance  # a risk tolerance lightens risks, not certainties
    points = c.memo(("lever points", ctx.me), lambda: _points(ctx))
    public = view.drivers
    parties = tuple(a for a in c.negotiators if a in public)
    certain = {e.index: _ending_loss(ctx, e.index) for e in c.ending_tests}
    losses = {index: loss * lightened for index, loss in certain.items()}
    risks = tuple(
        (losses[e.index], tuple((t.slots, t.any_of, t.value, t.compare(-1.0, 0.0)) for t in e.tests))
        for e in c.ending_tests
    )
    return Terms(
        me=ctx.me,
        parties=parties,
        points=points,  # type: ignore[arg-type]
        drivers={a: public[a].drivers for a in parties},
        drift={a: public[a].drift for a in parties},
        surplus=joint_surplus(ctx),
        losses=losses,
        certain=certain,
        risks=risks,
        slot_drift=c.drift(STALL),
        deal_gain=_deal_gain(ctx),
    )


def _points(ctx: Context) -> tuple[tuple[int, float], ...]:
    """(slot, my score points per unit, in utility units) for each scored meter slot of mine or shared, my
    tolerance lightening the danger slots: fixed by the scenario and the actor, so kept per scenario."""
    c = ctx.c
    scale = c.rules.scoring.deal_points or 100.0
    dangers = _danger_slots(ctx)
    lightened = 1.0 - c.actors[ctx.me].ai.risk_tolerance
    points = []
    for slot, key in enumerate(c.slot_keys):
        meter_id, _, holder = key.partition("@")
        meter = c.meters[meter_id]
        if meter.score_weight <= 0 or (holder and holder != ctx.me):
            continue
        span = (meter.max - meter.min) or 1.0
        weight = meter.score_weight * (lightened if slot in dangers else 1.0)
        points.append((slot, (1.0 if meter.higher_is_better else -1.0) * weight / span / scale))
    return tuple(points)


def _deal_gain(ctx: Context) -> float:
    """What a deal's own ending points add over the deadline's (a tutorial gives +10 for any deal): a lever that
    makes a deal likelier earns them in proportion, as the score does."""
    rules = ctx.c.rules
    scale = rules.scoring.deal_points or 100.0
    deadline = "arbitration" if rules.arbitration is not None and rules.arbitration.at_deadline else "deadline"
    return (kind_points(rules, "deal", ctx.me) - kind_points(rules, deadline, ctx.me)) / scale


def _feared(ctx: Context, index: int) -> bool:
    """Whether my author says I fear this early ending (`ai.fears`; every ending when it is not given)."""
    ending = ctx.c.rules.endings[index]
    fears = ctx.c.actors[ctx.me].ai.fears
    return fears is None or ending.kind in fears or (ending.id is not None and ending.id in fears)


def _danger_slots(ctx: Context) -> frozenset[int]:
    """The meter slots that measure the danger of an early ending I fear (a risk of war, a strike fund running
    dry). Their score points are the author's price on that danger, so my risk tolerance lightens them in lever
    choice as it lightens the ending itself: otherwise a scored risk meter made every step towards the ending a
    certain loss that no tolerance could touch (a crisis whose risk meter had `score_weight: 20` never saw its
    quarantine used, at any tolerance). The score itself is unchanged."""
    return frozenset(s for e in ctx.c.ending_tests if _feared(ctx, e.index) for test in e.tests for s in test.slots)


def _ending_loss(ctx: Context, index: int) -> float:
    """What an early ending costs me compared with the game going on (utility units), as my author says I
    weigh it: my own points for it (`engine.endings`), only if I fear it (`ai.fears`). (`terms` lightens it by
    my `ai.risk_tolerance` while it is only a risk, not when a move of mine would surely bring it.)"""
    rules = ctx.c.rules
    ending = rules.endings[index]
    if not _feared(ctx, index):
        return 0.0
    scale = rules.scoring.deal_points or 100.0
    weight_open = sum(ctx.model.weights[ctx.me][k] for k in ctx.open_issues)
    surplus = max(0.0, target(ctx) - ctx.reservation) * weight_open
    deadline = "arbitration" if rules.arbitration is not None and rules.arbitration.at_deadline else "deadline"
    deal_points = kind_points(rules, "deal", ctx.me) / scale
    going_on = P_DEAL * (surplus + deal_points) + (1 - P_DEAL) * kind_points(rules, deadline, ctx.me) / scale
    return going_on - points_of(rules, ending.kind, ctx.me, index) / scale


def joint_surplus(ctx: Context) -> float:
    """The estimated room for a deal now: over packages of everything open, the best smallest gain over no deal
    among the parties (my own exactly, the others' under my opponent model; negative: no zone of agreement),
    trusted only as far as the others are known, and otherwise a typical room (`PRIOR_SURPLUS`)."""
    estimated = _estimated_surplus(ctx)
    unknown = max((e.uncertainty for e in ctx.beliefs.values()), default=1.0)
    return (1.0 - unknown) * estimated + unknown * PRIOR_SURPLUS


def _estimated_surplus(ctx: Context) -> float:
    b = bundle(ctx.model, ctx.open_issues)
    if b.size == 0:
        return 0.0
    least = b.own(ctx.me) - ctx.reservation
    for est in ctx.beliefs.values():
        value, keep = _estimated_rows(est, b)
        least = np.minimum(least, value - est.reservation + 0.05 * keep)
    if ctx.my_lines:
        least = np.where(b.crossing(ctx.my_lines), -np.inf, least)
    return float(least.max())


def _chance(surplus: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, surplus / SURPLUS_SCALE))))


def _risk(t: Terms, meters: list[float]) -> float:
    """Expected loss from early endings drawing near, at the rules' own drift (0 when none is near)."""
    loss = 0.0
    drift = t.slot_drift
    for cost, conditions in t.risks:
        nearest = 1.0  # an ending needs all its conditions: it is as near as the furthest of them
        for slots, any_of, threshold, falling in conditions:
            risk = 0.0
            for slot in slots:
                gap = meters[slot] - threshold if falling else threshold - meters[slot]
                d = drift.get(slot, 0.0)
                speed = max(1e-6, -d if falling else d)
                turns = gap / speed if gap > 0 else 0.0
                risk = max(risk, min(1.0, max(0.0, 1.0 - turns / RISK_TURNS)))
                if not any_of:
                    break
            nearest = min(nearest, risk)
        loss += nearest * cost
    return loss


def _room(t: Terms, world: World, base: list[float]) -> tuple[dict[str, float], float]:
    """Each party's no-deal value change in `world` since the meters `base`, and the room for a deal then.

    A deal promised to another party (a deal bonus) makes it settle for less, so it widens the room like a fall
    in its no-deal value; my own is a gain if a deal comes (counted by the callers)."""
    meters = world.meters
    moves = {a: world.shift.get(a, 0.0) + sum(pp * (meters[s] - base[s]) for s, pp in t.drivers[a]) for a in t.parties}
    promised = sum(v for a, v in world.bonus.items() if a != t.me and a in moves)
    return moves, t.surplus - sum(moves.values()) + promised


def position(ctx: Context, world: World, base: list[float]) -> float:
    """My position in `world` relative to the meters `base` (see the module docstring)."""
    t = terms(ctx)
    meters = world.meters
    moves, surplus = _room(t, world, base)
    chance = _chance(surplus)
    value = moves.get(t.me, 0.0) + chance * max(0.0, surplus) / max(1, len(t.parties))
    value -= (1.0 - chance) * (NO_DEAL_LOSS + t.deal_gain)
    value += sum(pp * (meters[s] - base[s]) for s, pp in t.points)
    value += world.bonus.get(t.me, 0.0) * P_DEAL
    if world.ending_index is not None:
        value -= ending_weight(t, world.ending_index, world.ending_turn - ctx.view.turn)
    elif world.ending is None:
        value -= _risk(t, meters)
    return value


def ending_weight(t: Terms, index: int, later: int) -> float:
    """What an early ending reached `later` turns from now costs me in a look-ahead. Only one reached at the
    end of this very turn is certain (what I do now decides it); one further off is a risk, lightened by my
    risk tolerance and weighted (1 - later/RISK_TURNS), so a nearer ending never weighs less than a later
    one (before, any ending after this turn weighed the same, and one just past the horizon nothing)."""
    if later <= 0:
        return t.certain.get(index, 0.0)
    return t.losses.get(index, 0.0) * max(0.0, 1.0 - later / RISK_TURNS)


def start_world(ctx: Context) -> World:
    view = ctx.view
    return World(
        view.turn, view.turns, view.meter_values, fired=set(view.fired_events), settled=frozenset(view.settled)
    )


def my_queued(ctx: Context) -> Queued:
    """The levers I have already queued this turn (I know my own; the others' are hidden)."""
    levers = ctx.c.levers
    return [(levers[lever], ctx.me, target) for lever, target in ctx.view.my_queued_levers]


def my_queued_reference(ctx: Context) -> Queued:
    """`my_queued` read from my log, as it was (the reference the view's `my_queued_levers` is tested against)."""
    view = ctx.view
    c = ctx.c
    return [
        (c.levers[e.data["lever"]], ctx.me, e.data.get("target"))
        for e in view.log
        if e.kind == "lever_queued" and e.actor == ctx.me and e.turn == view.turn
    ]


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


def rollout_values(ctx: Context, choices: list[Option], seed: int, queued: Queued) -> list[float]:
    """Short sampled rollouts of the rules, with and without each lever, on common random numbers.

    A run depends on its sample only through the outcomes of the random numbers it draws: a sample whose numbers
    fall on the same side of each chance an earlier sample's run drew (in order; the path, and so each next
    draw, is the same up to the first that differs) gives that run's value without playing it. A run that
    draws nothing (every chance on its path certain, or the lever's own outcome, played both ways) is the same
    for every sample. `rollout_values_reference` plays each run; a test checks that both agree bit for bit."""
    kernel = _Rollouts(ctx, seed, queued)
    samples = max(1, ctx.difficulty.rollouts)

    def runs(extra: Queued, works: bool) -> list[float]:
        played: list[tuple[float, Draws]] = []
        values = []
        for s in range(samples):
            found = None
            for value, draws in played:
                if kernel.same_path(draws, s):
                    found = value
                    break
            if found is None:
                found, draws = kernel.run(extra, s, works)
                played.append((found, draws))
            values.append(found)
        return values

    reference = runs([], True)
    values = []
    for status, target_id in choices:
        lever = status.lever
        p = lever.success_chance
        extra = [(lever, ctx.me, target_id)]
        ops = ctx.c.lever_ops(lever.id, ctx.me, target_id)
        # A lever use whose costs and effects (or failure's) change nothing the look-ahead follows (no meter, no
        # no-deal value, no promise) leaves the reference run as it is, unless it worked and an event waits for
        # it (an event waiting for a lever that failed sees a weight of 0, as for one never used). A lever that
        # costs nothing and whose failure does nothing is common: its failed runs are the reference runs.
        inert = not _moves_numbers(ops.costs)
        waited = any(rule.after_lever == lever.id for rule in ctx.c.event_rules)
        same_if_worked = inert and not waited and not _moves_numbers(ops.effects)
        same_if_failed = inert and not _moves_numbers(ops.failures)
        worked = [0.0] * samples if p <= 0.0 else reference if same_if_worked else runs(extra, True)
        failed = [0.0] * samples if p >= 1.0 else reference if same_if_failed else runs(extra, False)
        total = 0.0
        for s in range(samples):
            total += p * worked[s] + (1.0 - p) * failed[s] - reference[s]
        values.append(total / samples)
    return values


def _moves_numbers(ops: tuple[Op, ...]) -> bool:
    """Whether `ops` change a number the look-ahead follows (`world.apply_ops` skips red lines and removals)."""
    return any(op.kind == METER or op.kind in NUMBERS for op in ops)


Draws = list[tuple[float, tuple[object, ...], bool]]  # a run's random numbers: (chance, keys, whether it happened)


class _Rollouts:
    """One valuation's rollouts: what every run shares (the terms of my position, the start, the random numbers'
    keys) computed once, and `position` unrolled over flat tuples (a run is the innermost loop of a hard AI's
    decision; `position` rebuilt a dict of no-deal value changes and looked the terms up per run)."""

    def __init__(self, ctx: Context, seed: int, queued: Queued) -> None:
        self.ctx = ctx
        self.c = ctx.c
        self.t = t = terms(ctx)
        self.seed = seed
        self.queued = queued
        self.drivers = ctx.view.drivers
        self.end_of_turn = turn_end(ctx.c, self.drivers)  # `end_of_turn(c, world, ..., drivers)`, unrolled
        self.horizon = max(1, ctx.difficulty.horizon)
        self.turn = ctx.view.turn
        self.start = start_world(ctx)
        self.base = self.start.meters.copy()
        self.parties = tuple((a, t.drivers[a]) for a in t.parties)
        self.shares = max(1, len(t.parties))
        self.mine = t.me in t.parties
        self.no_deal = NO_DEAL_LOSS + t.deal_gain
        drift = t.slot_drift  # `_risk`'s speed per slot, worked out once
        self.risks = tuple(
            (
                cost,
                tuple(
                    (
                        tuple((s, max(1e-6, -drift.get(s, 0.0) if falling else drift.get(s, 0.0))) for s in slots),
                        any_of,
                        threshold,
                        falling,
                    )
                    for slots, any_of, threshold, falling in conditions
                ),
            )
            for cost, conditions in t.risks
        )

    def run(self, extra: Queued, sample: int, works: bool = True) -> tuple[float, bool]:
        """My position after one run, and the random numbers it drew: (chance, keys, whether it happened)."""
        me, seed, turn = self.t.me, self.seed, self.turn
        forced = ("lever", extra[0][0].id, turn) if extra else None
        drew: Draws = []

        def chance(p: float, *keys: object) -> float:
            if p >= 1.0:
                return 1.0
            if p <= 0.0:
                return 0.0
            if keys == forced:  # the lever being valued: each outcome in turn, weighted by its exact chance
                return 1.0 if works else 0.0
            happened = rng.draw(seed, "ai-rollout", me, turn, sample, *keys) < p
            drew.append((p, keys, happened))
            return 1.0 if happened else 0.0

        world = self.start.copy()
        self.end_of_turn(world, [*self.queued, *extra], chance)
        # As `rollout_values_reference`: the risk is judged where this turn leaves the meters.
        risk = self.risk(world.meters) if world.ending is None else 0.0
        for _ in range(self.horizon - 1):
            if world.ending is not None:
                break
            self.end_of_turn(world, [], chance)
        if world.ending is not None and world.ending != "deadline":
            return self.position(world), drew
        ending, world.ending = world.ending, "deadline"
        value = self.position(world) - risk
        world.ending = ending
        return value, drew

    def risk(self, meters: list[float]) -> float:
        """`_risk(terms, meters)`, with each slot's speed worked out once and max/min as comparisons (which
        return the same operand the builtins would)."""
        loss = 0.0
        for cost, conditions in self.risks:
            nearest = 1.0
            for slots, any_of, threshold, falling in conditions:
                risk = 0.0
                for slot, speed in slots:
                    gap = meters[slot] - threshold if falling else threshold - meters[slot]
                    turns = gap / speed if gap > 0 else 0.0
                    x = 1.0 - turns / RISK_TURNS
                    x = x if x > 0.0 else 0.0
                    x = x if x < 1.0 else 1.0
                    risk = x if x > risk else risk
                    if not any_of:
                        break
                nearest = risk if risk < nearest else nearest
            loss += nearest * cost
        return loss

    def same_path(self, draws: Draws, sample: int) -> bool:
        """Whether `sample`'s random numbers give each of a run's draws the same outcome (then its run takes the
        same path, draw by draw, to the same value)."""
        seed, me, turn = self.seed, self.t.me, self.turn
        for p, keys, happened in draws:
            if (rng.draw(seed, "ai-rollout", me, turn, sample, *keys) < p) != happened:
                return False
        return True

    def position(self, world: World) -> float:
        """`position(ctx, world, base)`: the same arithmetic in the same order."""
        t = self.t
        meters, base, shift, bonus = world.meters, self.base, world.shift, world.bonus
        total = 0.0
        mine = 0.0
        for actor, drivers in self.parties:
            moved = 0.0
            for s, pp in drivers:
                moved += pp * (meters[s] - base[s])
            move = shift.get(actor, 0.0) + moved
            total += move
            if actor == t.me:
                mine = move
        promised = 0.0
        for actor, v in bonus.items():
            if actor != t.me and actor in t.drivers:
                promised += v
        surplus = t.surplus - total + promised
        chance = _chance(surplus)
        value = mine + chance * max(0.0, surplus) / self.shares
        value -= (1.0 - chance) * self.no_deal
        points = 0.0
        for s, pp in t.points:
            points += pp * (meters[s] - base[s])
        value += points
        value += bonus.get(t.me, 0.0) * P_DEAL
        if world.ending_index is not None:
            value -= ending_weight(t, world.ending_index, world.ending_turn - self.turn)
        elif world.ending is None:
            value -= _risk(t, meters)
        return value


def rollout_values_reference(ctx: Context, choices: list[Option], seed: int, queued: Queued) -> list[float]:
    """`rollout_values` the plain way: every run played, `position` for each (the reference its fast path is
    tested against)."""
    c = ctx.c
    drivers = ctx.view.drivers
    samples = max(1, ctx.difficulty.rollouts)
    horizon = max(1, ctx.difficulty.horizon)
    start = start_world(ctx)
    base = start.meters.copy()
    view = ctx.view

    def run(extra: Queued, sample: int, works: bool = True) -> float:
        forced = ("lever", extra[0][0].id, view.turn) if extra else None

        def chance(p: float, *keys: object) -> float:
            if p >= 1.0:
                return 1.0
            if p <= 0.0:
                return 0.0
            if keys == forced:  # the lever being valued: each outcome in turn, weighted by its exact chance
                return 1.0 if works else 0.0
            return 1.0 if rng.draw(seed, "ai-rollout", ctx.me, view.turn, sample, *keys) < p else 0.0

        world = start.copy()
        end_of_turn(c, world, [*queued, *extra], chance, drivers)
        # The risk of an ending drawing near is judged where this turn leaves the meters: further turns of
        # assumed stalling would count the same drift again. Later turns add what they make happen: events set
        # off by thresholds, changed no-deal values, endings actually reached.
        risk = _risk(terms(ctx), world.meters) if world.ending is None else 0.0
        for _ in range(horizon - 1):
            if world.ending is not None:
                break
            end_of_turn(c, world, [], chance, drivers)
        if world.ending is not None and world.ending != "deadline":
            return position(ctx, world, base)
        ending, world.ending = world.ending, "deadline"
        value = position(ctx, world, base) - risk
        world.ending = ending
        return value

    reference = [run([], s) for s in range(samples)]
    values = []
    for status, target_id in choices:
        lever = status.lever
        p = lever.success_chance
        extra = [(lever, ctx.me, target_id)]
        total = 0.0
        for s in range(samples):
            worked = run(extra, s, True) if p > 0.0 else 0.0
            failed = run(extra, s, False) if p < 1.0 else 0.0
            total += p * worked + (1.0 - p) * failed - reference[s]
        values.append(total / samples)
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
