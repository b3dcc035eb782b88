"""The look-ahead's turn end (`world.end_of_turn`) with what does not change between calls worked out once: the
hard AI's rollouts play it a hundred and fifty times a game, and most of its cost was looking the same things up
and calling small methods (`Test.holds`, `_fire`, `_apply`) per check.

`TurnEnd(c, drivers)` is built once per scenario, drivers and stall (`turn_end`); calling it does exactly what
`end_of_turn(c, world, levers, chance, drivers, stall)` does, the same arithmetic in the same order, which a test
checks bit for bit on random games (`world.end_of_turn` stays the reference, itself checked against the engine).
"""

from __future__ import annotations

from collections.abc import Callable

from negotiator.engine.ai.world import NUMBERS, STALL, Chance, World, apply_ops, expected, resolve_lever
from negotiator.engine.compiled import BONUS, METER, Compiled, EventRule, Op, PublicDrivers, Test
from negotiator.scenario.models import Lever

# A resolved condition as (compare, value, slot, test): one meter's test inlined (slot >= 0), else `test.holds`.
Flat = tuple[Callable[[float, float], bool], float, int, Test]


def _flat(test: Test) -> Flat:
    slots = test.slots
    return (test.compare, test.value, slots[0] if len(slots) == 1 else -1, test)


# An op as (kind, slot, actor, change, low, high): kind METER_ROW changes meter `slot` within [low, high],
# SHIFT_ROW and BONUS_ROW an actor's no-deal value or deal value, SKIP_ROW nothing a look-ahead follows.
Mixed = tuple[tuple[int, int, str, float, float, float], ...]
METER_ROW, SHIFT_ROW, BONUS_ROW, SKIP_ROW = 0, 1, 2, 3


def mixed(c: Compiled, ops: tuple[Op, ...]) -> Mixed | None:
    """The ops as rows `apply_ops` would apply unscaled (None if any is scaled by a meter): the same changes, in
    the same order, without reading five attributes per op."""
    if any(op.scale is not None for op in ops):
        return None
    rows = []
    for op in ops:
        if op.kind == METER:
            rows.append((METER_ROW, op.slot, "", op.change, c.slot_min[op.slot], c.slot_max[op.slot]))
        elif op.kind in NUMBERS:
            rows.append((BONUS_ROW if op.kind == BONUS else SHIFT_ROW, -1, op.actor, op.change, 0.0, 0.0))
        else:
            rows.append((SKIP_ROW, -1, "", 0.0, 0.0, 0.0))
    return tuple(rows)


def turn_end(c: Compiled, drivers: dict[str, PublicDrivers], stall: float = STALL) -> TurnEnd:
    """The `TurnEnd` for these drivers (the views' shared `c.public_drivers` in play), kept on the scenario."""
    found = c.memo(("turn end", stall), lambda: TurnEnd(c, drivers, stall))
    assert isinstance(found, TurnEnd)
    if found.drivers is not drivers:  # other drivers than the views' (a test's): built for them
        return TurnEnd(c, drivers, stall)
    return found


class TurnEnd:
    """`end_of_turn` for one scenario, drivers and stall, with its constant parts resolved."""

    def __init__(self, c: Compiled, drivers: dict[str, PublicDrivers], stall: float = STALL) -> None:
        self.c = c
        self.drivers = drivers
        self.stall = stall
        rows = c.upkeep_rows
        # change x (stall if scaled else 1.0), as `end_of_turn` multiplies it per call: the same number
        self.upkeep = (
            None if rows is None else tuple((s, d * (stall if k else 1.0), lo, hi) for s, d, lo, hi, k in rows)
        )
        self.drift = tuple((actor, public.drift) for actor, public in drivers.items() if public.drift)
        self.endings = tuple((e, tuple(_flat(t) for t in e.tests)) for e in c.ending_tests)
        self._open: dict[int, tuple[tuple[EventRule, tuple[Flat, ...]], ...]] = {}
        self._kernel: dict[int, tuple[tuple[EventRule, tuple[Flat, ...], Mixed | None], ...]] = {}

    def open_at(self, turn: int) -> tuple[tuple[EventRule, tuple[Flat, ...]], ...]:
        found = self._open.get(turn)
        if found is None:
            found = self._open[turn] = tuple((r, tuple(_flat(t) for t in r.tests)) for r in self.c.events_open_at(turn))
        return found

    def open_mixed(self, turn: int) -> tuple[tuple[EventRule, tuple[Flat, ...], Mixed | None], ...]:
        """`open_at(turn)` with each rule's ops as `mixed` rows too (for the rollout kernel)."""
        found = self._kernel.get(turn)
        if found is None:
            found = self._kernel[turn] = tuple(
                (rule, tests, mixed(self.c, rule.ops)) for rule, tests in self.open_at(turn)
            )
        return found

    def __call__(self, world: World, levers: list[tuple[Lever, str, str | None]], chance: Chance) -> None:
        c = self.c
        world.worked = {}
        for lever, owner, target in levers:
            resolve_lever(c, world, lever, owner, target, chance)
        meters = world.meters
        if self.upkeep is None:
            every, without = c.upkeep_ops
            apply_ops(c, world, every)
            apply_ops(c, world, without, self.stall)
        else:
            for slot, change, low, high in self.upkeep:
                value = meters[slot] + change
                meters[slot] = low if value < low else high if value > high else value
        shift = world.shift
        for actor, drift in self.drift:
            shift[actor] = shift.get(actor, 0.0) + drift
        if self.early_ending(world):
            return
        if world.turn >= world.turns:
            world.ending = "deadline"
            world.ending_turn = world.turn
            return
        world.turn += 1
        self.events(world, chance)
        self.early_ending(world)  # as the engine: events that end the talks end them before anyone moves

    def early_ending(self, world: World) -> bool:
        """`world.early_ending`, over the flattened tests."""
        meters = world.meters
        for ending, tests in self.endings:
            for compare, value, slot, test in tests:
                if not (compare(meters[slot], value) if slot >= 0 else test.holds(meters)):
                    break
            else:
                world.ending = ending.kind
                world.ending_index = ending.index
                world.ending_actor = ending.actor
                world.ending_turn = world.turn
                return True
        return False

    def events(self, world: World, chance: Chance) -> None:
        """`start_events`, with `_fire` and `_apply` inlined, and certain chances (0 or 1, most events') taken
        without calling `chance` (which gives them their value without drawing: every `Chance` does)."""
        turn = world.turn
        meters = world.meters
        fired = world.fired
        for rule, tests in self.open_at(turn):
            if rule.once and rule.id in fired:
                continue
            for compare, value, slot, test in tests:
                if not (compare(meters[slot], value) if slot >= 0 else test.holds(meters)):
                    break
            else:
                if rule.after_settled and not all(i in world.settled for i in rule.after_settled):
                    continue
                weight = 1.0 if rule.after_lever is None else world.worked.get(rule.after_lever, 0.0)
                if weight <= 0:
                    continue
                p = rule.probability(meters)
                if p <= 0.0:
                    continue  # what any chance makes of it: nothing happens
                if p < 1.0 and chance is not expected:
                    p = chance(p, "event", rule.id, turn)
                p = weight * p
                if p <= 0:
                    continue
                rows = rule.rows
                if rows is None:
                    apply_ops(self.c, world, rule.ops, p)
                else:
                    for slot, change, low, high in rows:
                        value = meters[slot] + change * p
                        meters[slot] = low if value < low else high if value > high else value
                if p >= 1 or rule.once:
                    fired.add(rule.id)
