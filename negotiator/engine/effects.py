"""Effects and conditions on a core: how levers, events, upkeep and commitments change the numbers.

Effects arrive resolved (`Compiled.ops`): each op changes one meter slot (clamped to the meter's range), one
actor's accumulated no-deal value shift, or the bonus it gets if the game ends in a deal. `apply` returns short
descriptions of what changed for the turn record ("Kyiv Economy 35 -> 30", "Moscow no-deal value -0.03").
"""

from __future__ import annotations

from collections.abc import Iterable

from negotiator.engine.compiled import METER, SHIFT, Op
from negotiator.engine.core import Core
from negotiator.scenario.models import Condition, Effect


def apply_ops(core: Core, ops: Iterable[Op]) -> list[str]:
    c = core.c
    meters = core.meters
    changes: list[str] = []
    for op in ops:
        if op.kind == METER:
            slot = op.slot
            before = meters[slot]
            after = before + op.change
            low, high = c.slot_min[slot], c.slot_max[slot]
            after = low if after < low else high if after > high else after
            meters[slot] = after
            if before != after:
                changes.append(f"{c.slot_label[slot]} {before:.0f} -> {after:.0f}")
            continue
        book = core.reservation_shift if op.kind == SHIFT else core.deal_bonus
        book[op.actor] = book.get(op.actor, 0.0) + op.change
        label = "no-deal value" if op.kind == SHIFT else "value of a deal"
        sign = "+" if op.change >= 0 else ""
        changes.append(f"{c.short_name(op.actor)} {label} {sign}{op.change:g}")
    return changes


def apply(core: Core, effect: Effect, owner: str | None = None, target: str | None = None) -> list[str]:
    """Apply one effect for a lever's owner and target (events and upkeep have neither)."""
    return apply_ops(core, core.c.ops(effect, owner, target))


def apply_all(core: Core, effects: Iterable[Effect], owner: str | None = None, target: str | None = None) -> list[str]:
    changes: list[str] = []
    for effect in effects:
        changes += apply_ops(core, core.c.ops(effect, owner, target))
    return changes


def holds(core: Core, condition: Condition, owner: str | None = None, target: str | None = None) -> bool:
    return core.c.test(condition, owner, target).holds(core.meters)


def add_to_meter(core: Core, meter_id: str, actor: str | None, change: float) -> tuple[float, float]:
    """Add `change` to one meter (clamped to its range); returns (before, after)."""
    c = core.c
    slot = c.slot(meter_id, actor)
    before = core.meters[slot]
    after = min(c.slot_max[slot], max(c.slot_min[slot], before + change))
    core.meters[slot] = after
    return before, after
