"""Lever choice: a one-step look-ahead on what each usable lever is expected to do for this actor.

An effect is valued from the AI's own standpoint, using only what it may know: its own no-deal value's
drivers and its own meters' score weights; damage to an opponent's meters or no-deal value counts as
leverage (it makes them concede); escalation-like meters that are bad for everyone count against.
"""

from __future__ import annotations

from negotiator.engine.meters import resolve_who
from negotiator.engine.view import ActorView, LeverStatus
from negotiator.scenario.models import Effect, Lever

LEVERAGE = 0.3  # utility value of moving an opponent's meter across its whole range against it
DANGER = 2.0  # how strongly a step towards an early ending counts, per unit of the ending's score / 100


def _ending_danger(view: ActorView, meter_id: str, holder: str | None, change: float) -> float:
    """The (negative) value of pushing a meter towards a threshold that ends the game badly for everyone.

    Endings and their score points are public rules, so every AI may weigh them; the closer the meter is
    to the threshold, the more a step towards it counts.
    """
    scenario = view.scenario
    meter = scenario.meter(meter_id)
    span = (meter.max - meter.min) or 1.0
    value = 0.0
    for ending in scenario.rules.endings:
        cond = ending.when
        if cond.meter != meter_id:
            continue
        if meter.scope != "shared" and cond.actor not in (holder, "any", "all"):
            continue
        points = scenario.rules.scoring.ending_points.get(ending.kind, 0.0)
        if points >= 0:
            continue
        level = view.meters.get(meter_id if meter.scope == "shared" else f"{meter_id}@{holder}")
        if level is None:
            continue  # the actor does not hold this meter
        towards = change < 0 if cond.op in ("<", "<=") else change > 0
        if not towards:
            continue
        distance = max(0.0, abs(level - cond.value)) / span
        value += DANGER * points / 100.0 * abs(change) / span / (distance + 0.1)
    return value


def _driver_sensitivity(view: ActorView, meter_id: str, holder: str | None) -> float:
    """Change of my no-deal value per point of this meter (held by `holder`, None for shared)."""
    prefs = view.preferences
    if prefs is None:
        return 0.0
    total = 0.0
    for driver in prefs.reservation.moved_by:
        if driver.meter != meter_id:
            continue
        whose = None if holder is None else (view.actor if driver.actor in (None, "self") else driver.actor)
        if whose == holder:
            total += driver.per_point
    return total


def effect_value(view: ActorView, effect: Effect, owner: str, target: str | None) -> float:
    """Expected utility to `view.actor` of one effect."""
    scenario = view.scenario
    me = view.actor
    if effect.kind == "meter" and effect.meter:
        meter = scenario.meter(effect.meter)
        span = (meter.max - meter.min) or 1.0
        sign = 1.0 if meter.higher_is_better else -1.0
        holders: list[str | None] = (
            [None] if meter.scope == "shared" else list(resolve_who(scenario, effect.who, owner, target))
        )
        value = 0.0
        for holder in holders:
            value += _driver_sensitivity(view, meter.id, holder) * effect.change
            value += _ending_danger(view, meter.id, holder, effect.change)
            if holder is None:
                value += sign * effect.change / span * meter.score_weight / 100.0
            elif holder == me:
                value += sign * effect.change / span * (meter.score_weight / 100.0 + 0.05)
            else:
                value -= sign * effect.change / span * LEVERAGE
        return value
    targets = resolve_who(scenario, effect.who, owner, target)
    value = 0.0
    for actor in targets:
        if effect.kind == "reservation":
            value += effect.change if actor == me else -effect.change
        else:  # concession pressure
            value += -effect.change * 0.5 if actor == me else effect.change * 0.5
    return value


def lever_value(view: ActorView, lever: Lever, target: str | None) -> float:
    owner = view.actor
    gain = sum(effect_value(view, e, owner, target) for e in lever.effects)
    loss = sum(effect_value(view, e, owner, target) for e in lever.failure_effects)
    cost = sum(effect_value(view, e, owner, target) for e in lever.costs)
    return lever.success_chance * gain + (1 - lever.success_chance) * loss + cost


def choose_lever(view: ActorView, appetite: float) -> tuple[LeverStatus, str | None, float] | None:
    """The usable lever and target with the best expected value above `appetite`, or None."""
    best: tuple[LeverStatus, str | None, float] | None = None
    for status in view.levers:
        for target in status.usable_targets:
            value = lever_value(view, status.lever, target) / max(1, status.lever.cost) ** 0.5
            if value > appetite and (best is None or value > best[2]):
                best = (status, target, value)
    return best
