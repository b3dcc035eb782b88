"""Meter values and effects: how levers, events and upkeep change the numbers.

Meter values live in one flat dict keyed `meter_id` (shared) or `meter_id@actor_id` (per actor), which keeps
state hashing and saving trivial. `who` in effects and conditions is resolved here, once, for everyone.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable

from negotiator.scenario.models import Condition, Effect, Meter, Scenario

COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
}


def meter_key(meter_id: str, actor: str | None) -> str:
    return meter_id if actor is None else f"{meter_id}@{actor}"


def initial_meters(scenario: Scenario) -> dict[str, float]:
    values: dict[str, float] = {}
    for meter in scenario.meters:
        if meter.scope == "shared":
            values[meter.id] = meter.initial
        else:
            for actor in scenario.actors:
                if not meter.holders or actor.id in meter.holders:
                    values[meter_key(meter.id, actor.id)] = actor.meters.get(meter.id, meter.initial)
    return values


def resolve_who(scenario: Scenario, who: str | None, owner: str | None = None, target: str | None = None) -> list[str]:
    """The actor ids an effect or condition names; `self`/`target` need a lever's owner and target."""
    everyone = [a.id for a in scenario.actors]
    mapping: dict[str, Callable[[], list[str]]] = {
        "self": lambda: [owner] if owner else [],
        "target": lambda: [target] if target else [],
        "all": lambda: everyone,
        "any": lambda: everyone,
        "others": lambda: [a for a in everyone if a != owner],
    }
    if who is None:
        return [owner] if owner else []
    return mapping[who]() if who in mapping else [who]


class MeterBook:
    """A mutable working copy of meters, no-deal value shifts and concession pressure during one step."""

    def __init__(
        self,
        scenario: Scenario,
        meters: dict[str, float],
        reservation_shift: dict[str, float],
        pressure: dict[str, float],
    ):
        self.scenario = scenario
        self.meters = meters
        self.reservation_shift = reservation_shift
        self.pressure = pressure
        self._meter_defs = {m.id: m for m in scenario.meters}

    @staticmethod
    def _held(meter: Meter, actor: str | None) -> bool:
        return actor is not None and (not meter.holders or actor in meter.holders)

    def get(self, meter_id: str, actor: str | None) -> float:
        meter = self._meter_defs[meter_id]
        return self.meters[meter_id if meter.scope == "shared" else meter_key(meter_id, actor)]

    def add(self, meter_id: str, actor: str | None, change: float) -> tuple[float, float]:
        """Add `change` (clamped to the meter's range); returns (before, after)."""
        meter = self._meter_defs[meter_id]
        key = meter_id if meter.scope == "shared" else meter_key(meter_id, actor)
        before = self.meters[key]
        after = min(meter.max, max(meter.min, before + change))
        self.meters[key] = after
        return before, after

    def apply(self, effect: Effect, owner: str | None = None, target: str | None = None) -> list[str]:
        """Apply one effect; returns short descriptions of what changed, for the turn record."""
        changes: list[str] = []
        if effect.kind == "meter" and effect.meter is not None:
            meter = self._meter_defs[effect.meter]
            actors: Iterable[str | None] = (
                [None]
                if meter.scope == "shared"
                else [a for a in resolve_who(self.scenario, effect.who, owner, target) if self._held(meter, a)]
            )
            for actor in actors:
                before, after = self.add(effect.meter, actor, effect.change)
                if before != after:
                    whose = f"{self.scenario.actor(actor).short_name} " if actor else ""
                    changes.append(f"{whose}{meter.name} {before:.0f} -> {after:.0f}")
            return changes
        targets = resolve_who(self.scenario, effect.who, owner, target)
        book = self.reservation_shift if effect.kind == "reservation" else self.pressure
        label = "no-deal value" if effect.kind == "reservation" else "pressure to concede"
        for actor in targets:
            book[actor] = book.get(actor, 0.0) + effect.change
            sign = "+" if effect.change >= 0 else ""
            changes.append(f"{self.scenario.actor(actor).short_name} {label} {sign}{effect.change:g}")
        return changes

    def holds(self, condition: Condition, owner: str | None = None, target: str | None = None) -> bool:
        compare = COMPARE[condition.op]
        meter = self._meter_defs[condition.meter]
        if meter.scope == "shared":
            return compare(self.meters[meter.id], condition.value)
        actors = [a for a in resolve_who(self.scenario, condition.actor, owner, target) if self._held(meter, a)]
        results = [compare(self.get(meter.id, a), condition.value) for a in actors]
        if condition.actor == "any":
            return any(results)
        return bool(results) and all(results)
