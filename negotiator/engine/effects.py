"""Effects and conditions on a core: how levers, events, upkeep and commitments change the numbers.

Effects arrive resolved (`Compiled.ops`): each op changes one meter slot (clamped to the meter's range), one
actor's accumulated no-deal value shift, or the bonus it gets if the game ends in a deal. `apply` returns short
descriptions of what changed for the turn record ("Kyiv Economy 35 -> 30", "Moscow no-deal value -0.03").
"""

from __future__ import annotations

from collections.abc import Iterable

from negotiator.engine.compiled import METER, RED_LINE, REMOVE, SHIFT, Op
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
            after = before + op.amount(meters)
            low, high = c.slot_min[slot], c.slot_max[slot]
            after = low if after < low else high if after > high else after
            meters[slot] = after
            if before != after and not c.slot_hidden[slot]:
                changes.append(f"{c.slot_label[slot]} {before:.0f} -> {after:.0f}")
            continue
        handler = TABLE_CHANGES.get(op.kind)
        if handler is not None:
            change = handler(core, op)
            if change:
                changes.append(change)
            continue
        amount = op.amount(meters)
        book = core.reservation_shift if op.kind == SHIFT else core.deal_bonus
        book[op.actor] = book.get(op.actor, 0.0) + amount
        label = "no-deal value" if op.kind == SHIFT else "value of a deal"
        sign = "+" if amount >= 0 else ""
        changes.append(f"{c.short_name(op.actor)} {label} {sign}{amount:g}")
    return changes


def _rule_out(core: Core, op: Op) -> str | None:
    """A red line declared for the actor by a lever or an event: binding on it as if it had declared it."""
    c = core.c
    declared = core.public_red_lines.get(op.actor, ())
    line = (op.issue, op.option)
    if op.issue in core.settled or line in declared or line in core.removed_options:
        return None
    if not core.still_open(op.issue, op.actor) - {op.option}:
        return None  # never rule out a whole issue: something must stay negotiable
    core.public_red_lines[op.actor] = (*declared, line)
    return f"{c.short_name(op.actor)} rules out {c.option_labels[line]}"


def _remove(core: Core, op: Op) -> str | None:
    """An option taken off the table for everyone; open offers that name it are void."""
    c = core.c
    line = (op.issue, op.option)
    if op.issue in core.settled or line in core.removed_options:
        return None
    if not core.still_open(op.issue) - {op.option} or any(
        not core.still_open(op.issue, actor) - {op.option} for actor in core.public_red_lines
    ):
        return None  # it would leave nothing open, or nothing that some actor has not ruled out in public
    core.removed_options = core.removed_options | {line}
    for offer in core.offers:  # accepted by all but not yet ratified counts too: it is not settled yet
        if (offer.is_open or offer.status == "agreed") and line in offer.terms:
            core.set_offer(offer.with_status("void"))
    return f"{c.option_labels[line]} is off the table"


TABLE_CHANGES = {RED_LINE: _rule_out, REMOVE: _remove}


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
