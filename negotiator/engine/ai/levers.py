"""Lever choice: what each usable lever would do to the AI's position, valued three ways by difficulty.

The **position** of an actor in a (public) world is what its final score depends on, in utility units:
- its own no-deal value (what it gets if there is no deal, and its leverage at the table);
- the others' no-deal values: each point one of them loses is a point it will give up at the table, shared
  among the others (`1/(n-1)` of it to this actor). What moves each no-deal value is public, so this is exact;
- its meter points (meters with a `score_weight`, its own and shared ones), and what it is promised on a deal;
- the risk of an early ending (a walk-away, a collapse, an escalation) before a deal: the ending's points and
  the deal it would lose. A mediator's patience is a shared resource: draining it raises everyone's risk of
  a walk-away, and buying time lowers it, whoever holds the meter.

`greedy` (easy) adds up a lever's immediate effects on the AI's own numbers and the damage to its target.
`onestep` (normal) plays the rest of this turn in expectation (levers resolve, upkeep, endings, the next
turn's events) and compares positions. `rollout` (hard) samples a few short rollouts of the game's own rules
over several turns, with and without the lever on the same random numbers, and compares positions.
Choice: the hard AI takes the best lever worth its appetite; the others draw among their options in
proportion to how good they look (with the AI's own random numbers), so games differ and no lever is left
unused because it is a close second.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from negotiator.engine.ai.bidding import target
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.world import STALL, World, end_of_turn, expected
from negotiator.engine.compiled import Compiled
from negotiator.engine.view import ActorView, LeverStatus
from negotiator.scenario.models import Lever

P_DEAL = 0.5  # prior chance that a game still running ends in a deal
SURPLUS_SCALE = 0.04  # how sharply the chance of a deal rises with the room for one (open value)
NO_DEAL_LOSS = 0.02  # what the lack of a deal costs beyond the no-deal value itself (lost time, standing)
RISK_TURNS = 4.0  # an ending this many turns away (at the current drift) counts as a risk
TEMPERATURE = 0.01  # how sharply a normal or easy AI prefers its best-looking lever


Option = tuple[LeverStatus, str | None]


def options(view: ActorView) -> list[Option]:
    return [(s, t) for s in view.levers for t in s.usable_targets]


# --- the position ----------------------------------------------------------------------------------------


def _scored_slots(ctx: Context) -> list[tuple[int, float]]:
    """(slot, points per unit) for every meter slot that counts in my score."""
    found = ctx._cache.get("scored_slots")
    if found is None:
        found = ctx._cache["scored_slots"] = _build_scored_slots(ctx)
    return found  # type: ignore[return-value]


def _build_scored_slots(ctx: Context) -> list[tuple[int, float]]:
    c = ctx.c
    scale = c.rules.scoring.deal_points or 100.0
    result = []
    for slot, key in enumerate(c.slot_keys):
        meter_id, _, holder = key.partition("@")
        meter = c.meters[meter_id]
        if meter.score_weight <= 0 or (holder and holder != ctx.me):
            continue
        span = (meter.max - meter.min) or 1.0
        sign = 1.0 if meter.higher_is_better else -1.0
        result.append((slot, sign * meter.score_weight / span / scale))
    return result


def _ending_loss(ctx: Context, kind: str) -> float:
    """What an early ending of this kind costs me, compared with the game going on (utility units)."""
    key = ("ending_loss", kind)
    found = ctx._cache.get(key)  # type: ignore[call-overload]
    if found is None:
        found = ctx._cache[key] = _build_ending_loss(ctx, kind)  # type: ignore[index]
    return found  # type: ignore[return-value]


def _build_ending_loss(ctx: Context, kind: str) -> float:
    scoring = ctx.c.rules.scoring
    scale = scoring.deal_points or 100.0
    points = scoring.ending_points
    weight_open = sum(ctx.model.weights[ctx.me][k] for k in ctx.open_issues)
    surplus = max(0.0, target(ctx) - ctx.reservation) * weight_open
    going_on = P_DEAL * (surplus + points.get("deal", 0.0) / scale) + (1 - P_DEAL) * points.get("deadline", 0.0) / scale
    return going_on - points.get(kind, 0.0) / scale


def ending_risk(ctx: Context, meters: list[float]) -> float:
    """The expected loss from early endings drawing near, at the rules' own drift (0 when none is near)."""
    c = ctx.c
    drift = ctx._cache.get("drift")
    if drift is None:
        drift = ctx._cache["drift"] = c.drift(STALL)
    loss = 0.0
    for ending in c.rules.endings:
        test = c.test(ending.when)
        falling = test.compare(-1.0, 0.0)
        risk = 0.0
        for slot in test.slots:
            gap = meters[slot] - test.value if falling else test.value - meters[slot]
            speed = max(1e-6, -drift.get(slot, 0.0) if falling else drift.get(slot, 0.0))
            turns = gap / speed if gap > 0 else 0.0
            risk = max(risk, min(1.0, max(0.0, 1.0 - turns / RISK_TURNS)))
            if not test.any_of:
                break
        if risk:
            loss += risk * _ending_loss(ctx, ending.kind)
    return loss


def joint_surplus(ctx: Context) -> float:
    """The estimated room for a deal now: over packages of everything open, the best smallest gain over no deal
    among the parties (my own exactly, the others' under my opponent model). Negative: no zone of agreement."""
    found = ctx._cache.get("surplus")
    if found is None:
        from negotiator.engine.ai.bidding import _estimated_rows
        from negotiator.engine.ai.space import bundle

        b = bundle(ctx.model, ctx.open_issues)
        if b.size == 0:
            found = 0.0
        else:
            least = b.own(ctx.me) - ctx.reservation
            for est in ctx.beliefs.values():
                value, keep = _estimated_rows(est, b)
                least = np.minimum(least, value - est.reservation + 0.05 * keep)
            if ctx.my_lines:
                least = np.where(b.crossing(ctx.my_lines), -np.inf, least)
            found = float(least.max())
        ctx._cache["surplus"] = found
    return found  # type: ignore[return-value]


def position(ctx: Context, world: World, base: list[float]) -> float:
    """My position in `world` relative to the meters `base` (see the module docstring)."""
    view = ctx.view
    drivers = view.drivers
    me = ctx.me
    parties = [a for a in ctx.c.negotiators if a in drivers]
    moves = {a: drivers[a].change(base, world.meters, world.shift.get(a, 0.0)) for a in parties}
    mine = moves.get(me, 0.0)
    # A deal needs room: every no-deal value that rises narrows it, every one that falls widens it; a deal, if
    # there is one, shares the room among the parties; without one, I am left with my own no-deal value.
    surplus = joint_surplus(ctx) - sum(moves.values())
    chance = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, surplus / SURPLUS_SCALE))))
    value = mine + chance * max(0.0, surplus) / max(1, len(parties))
    value -= (1.0 - chance) * NO_DEAL_LOSS
    for slot, per_point in _scored_slots(ctx):
        value += per_point * (world.meters[slot] - base[slot])
    value += world.bonus.get(me, 0.0) * P_DEAL
    if world.ending is not None and world.ending != "deadline":
        value -= _ending_loss(ctx, world.ending)
    elif world.ending is None:
        value -= ending_risk(ctx, world.meters)
    return value


def start_world(ctx: Context) -> World:
    view = ctx.view
    return World(view.turn, view.turns, view.meter_values, fired=set(view.fired_events))


def my_queued(ctx: Context) -> list[tuple[Lever, str, str | None]]:
    """The levers I have already queued this turn (I know my own; the others' are hidden)."""
    view = ctx.view
    c = ctx.c
    return [
        (c.levers[e.data["lever"]], ctx.me, e.data.get("target"))
        for e in view.log
        if e.kind == "lever_queued" and e.actor == ctx.me and e.turn == view.turn
    ]


# --- valuations ------------------------------------------------------------------------------------------


def greedy_value(ctx: Context, lever: Lever, target_id: str | None) -> float:
    """The immediate effect on my own numbers, and the damage to the others', expected over success."""
    c = ctx.c
    world = start_world(ctx)
    base = world.meters.copy()
    end_of_turn_levers_only(c, world, [(lever, ctx.me, target_id)])
    value = position_without_risk(ctx, world, base)
    return value


def end_of_turn_levers_only(c: Compiled, world: World, levers: list[tuple[Lever, str, str | None]]) -> None:
    from negotiator.engine.ai.world import resolve_lever

    for lever, owner, target_id in levers:
        resolve_lever(c, world, lever, owner, target_id, expected)


def position_without_risk(ctx: Context, world: World, base: list[float]) -> float:
    ending, world.ending = world.ending, "deadline"
    try:
        return position(ctx, world, base)
    finally:
        world.ending = ending


def onestep_values(ctx: Context, choices: list[Option], start_of_move: bool = False) -> list[float]:
    """Rest of this turn and the next turn's events, in expectation, with and without each lever."""
    c = ctx.c
    drivers = ctx.view.drivers
    start = start_world(ctx)
    base = start.meters.copy()
    queued = [] if start_of_move else my_queued(ctx)
    plain = start.copy()
    end_of_turn(c, plain, list(queued), expected, drivers)
    reference = position(ctx, plain, base)
    values = []
    for status, target_id in choices:
        world = start.copy()
        end_of_turn(c, world, [*queued, (status.lever, ctx.me, target_id)], expected, drivers)
        values.append(position(ctx, world, base) - reference)
    return values


def rollout_values(ctx: Context, choices: list[Option], seed: int, start_of_move: bool = False) -> list[float]:
    """Short sampled rollouts of the rules, with and without each lever, on common random numbers."""
    from negotiator.engine import rng

    c = ctx.c
    drivers = ctx.view.drivers
    samples = max(1, ctx.difficulty.rollouts)  # 0: one rollout in expectation
    horizon = max(1, ctx.difficulty.horizon)
    start = start_world(ctx)
    base = start.meters.copy()
    queued = [] if start_of_move else my_queued(ctx)
    view = ctx.view

    def run(extra: list[tuple[Lever, str, str | None]], sample: int) -> float:
        def chance(p: float, *keys: object) -> float:
            if ctx.difficulty.rollouts == 0:
                return p
            if p >= 1.0:
                return 1.0
            if p <= 0.0:
                return 0.0
            return 1.0 if rng.draw(seed, "ai-rollout", ctx.me, view.turn, sample, *keys) < p else 0.0

        world = start.copy()
        end_of_turn(c, world, [*queued, *extra], chance, drivers)
        # The risk of an ending drawing near is judged where this turn leaves the meters (as `onestep` does):
        # further turns of assumed stalling would count the same drift again. Later turns add what they make
        # happen: events that fire on thresholds, changed no-deal values, endings actually reached.
        risk = ending_risk(ctx, world.meters) if world.ending is None else 0.0
        for _ in range(horizon - 1):
            if world.ending is not None:
                break
            end_of_turn(c, world, [], chance, drivers)
        if world.ending is not None and world.ending != "deadline":
            return position(ctx, world, base)
        return position_without_risk(ctx, world, base) - risk

    reference = [run([], s) for s in range(samples)]
    values = []
    for status, target_id in choices:
        total = sum(run([(status.lever, ctx.me, target_id)], s) - reference[s] for s in range(samples))
        values.append(total / samples)
    return values


def lever_values(ctx: Context, choices: list[Option], seed: int, start_of_move: bool = False) -> list[float]:
    """Each option's value; `start_of_move` leaves out the levers this actor queued this move (a plan is
    made as if none were)."""
    kind = ctx.difficulty.levers
    if kind == "rollout":
        return rollout_values(ctx, choices, seed, start_of_move)
    if kind == "onestep":
        return onestep_values(ctx, choices, start_of_move)
    return [greedy_value(ctx, s.lever, t) for s, t in choices]


Plan = tuple[tuple[Lever, str | None], ...]


def lever_plan(ctx: Context, seed: int, draw: Callable[[int], float]) -> Plan:
    """The levers to use this move, in order: valued once, from where the move began (`move_start_levers`),
    then taken greedily while action points last and each is worth its appetite. `draw(n)` is the AI's own
    random number for the n-th pick."""
    choices, points = ctx.view.move_start_levers
    if not choices:
        return ()
    statuses = [(LeverStatus(lever, (target,), None), target) for lever, target in choices]
    values = lever_values(ctx, statuses, seed, start_of_move=True)
    appetite = ctx.personality.lever_appetite
    scored = [v / max(1, lever.cost) ** 0.5 for v, (lever, _) in zip(values, choices, strict=True)]
    plan: list[tuple[Lever, str | None]] = []
    used: set[str] = set()
    greedy = ctx.difficulty.levers == "rollout"
    while True:
        open_ = [i for i, (lever, _) in enumerate(choices) if lever.id not in used and lever.cost <= points]
        if not open_:
            break
        if greedy:
            best = max(open_, key=lambda i: (scored[i], -i))
            pick = best if scored[best] > appetite else None
        else:
            weights = [math.exp(min(50.0, (scored[i] - appetite) / TEMPERATURE)) for i in open_]
            total = sum(weights) + 1.0  # 1.0: the weight of using no (further) lever
            roll = draw(len(plan)) * total
            pick = None
            for i, w in zip(open_, weights, strict=True):
                roll -= w
                if roll < 0:
                    pick = i
                    break
        if pick is None:
            break
        lever, target = choices[pick]
        plan.append((lever, target))
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
