"""The AI's *position* in a public world: what its final score depends on, in utility units, and the constant parts
of one decision's position (`Terms`), shared by every lever valuation (`negotiator.engine.ai.levers`) and the
rollouts (`negotiator.engine.ai.rollouts`).

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from negotiator.engine.ai.bidding import _estimated_rows, target
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.space import bundle
from negotiator.engine.ai.world import STALL, World
from negotiator.engine.endings import kind_points, points_of
from negotiator.scenario.models import Lever

P_DEAL = 0.5  # prior chance that a game still running ends in a deal
SURPLUS_SCALE = 0.04  # how sharply the chance of a deal rises with the room for one (open value)
PRIOR_SURPLUS = 0.08  # the room for a deal assumed before the others are known
NO_DEAL_LOSS = 0.02  # what the lack of a deal costs beyond the no-deal value itself (lost time, standing)
RISK_TURNS = 4.0  # an ending this many turns away (at the current drift) counts as a risk

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
