"""Meter keys and starting values, and who an effect or condition names.

Meter values are shown as one flat dict keyed `meter_id` (shared) or `meter_id@actor_id` (per actor), which
keeps records, saves and charts simple. The rules work on numbered slots instead
(`negotiator.engine.compiled`), built from these same keys in the same order.
"""

from __future__ import annotations

from collections.abc import Callable

from negotiator.scenario.models import COMPARE, Scenario, meter_key

__all__ = ["COMPARE", "initial_meters", "meter_key", "resolve_who"]


def initial_meters(scenario: Scenario) -> dict[str, float]:
    return scenario.starting_meters()


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
