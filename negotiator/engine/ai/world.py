"""The public world an AI reasons about when it weighs a lever: meters, no-deal value changes, promises, events
and endings, stepped turn by turn with the game's own rules but without the negotiation.

It is built from the AI's view only (every meter, lever, event and rule is public; other actors' no-deal values
appear only as changes from now). It follows the end-of-turn phases of `negotiator.engine.turn` (levers, then
upkeep assuming no progress, then early endings, then the next turn's events); a test checks it against the
engine on random games. Chance (a lever's success, an event's chance) is either sampled with the AI's own
random numbers (never the game's: the AI must not know the future) or taken in expectation, scaling the effects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from negotiator.engine.compiled import BONUS, METER, SHIFT, Compiled, EventRule, Op, Rows
from negotiator.scenario.models import Lever

NUMBERS = (SHIFT, BONUS)  # the op kinds that move a no-deal value or a deal's value

# chance(probability, *keys) -> 1.0 (happens), 0.0 (does not) or a weight in between (expectation)
Chance = Callable[..., float]


def expected(probability: float, *keys: object) -> float:
    return probability


@dataclass
class World:
    turn: int
    turns: int
    meters: list[float]
    shift: dict[str, float] = field(default_factory=dict)  # no-deal value changes since the start of the look-ahead
    bonus: dict[str, float] = field(default_factory=dict)  # promised deal value, changes since then
    fired: set[str] = field(default_factory=set)
    ending: str | None = None
    ending_actor: str | None = None
    ending_turn: int = 0
    ending_index: int | None = None  # the early ending's place in rules.endings
    settled: frozenset[str] = frozenset()  # issues settled (the look-ahead assumes no new settlement)
    worked: dict[str, float] = field(default_factory=dict)  # levers that worked last turn, with their chance

    def copy(self) -> World:
        return World(
            self.turn,
            self.turns,
            self.meters.copy(),
            self.shift.copy(),
            self.bonus.copy(),
            self.fired.copy(),
            self.ending,
            self.ending_actor,
            self.ending_turn,
            self.ending_index,
            self.settled,
            self.worked.copy(),
        )


def apply_ops(c: Compiled, world: World, ops: tuple[Op, ...], scale: float = 1.0) -> None:
    meters = world.meters
    for op in ops:  # the hottest loop of a rollout: `op.amount` inlined for unscaled ops, same arithmetic
        kind = op.kind
        if kind == METER:
            slot = op.slot
            value = meters[slot] + (op.change if op.scale is None else op.amount(meters)) * scale
            low, high = c.slot_min[slot], c.slot_max[slot]
            meters[slot] = low if value < low else high if value > high else value
        elif kind in NUMBERS:  # red lines and removed options change no number the look-ahead follows
            book = world.bonus if kind == BONUS else world.shift
            book[op.actor] = book.get(op.actor, 0.0) + (op.change if op.scale is None else op.amount(meters)) * scale


def resolve_lever(c: Compiled, world: World, lever: Lever, owner: str, target: str | None, chance: Chance) -> None:
    ops = c.lever_ops(lever.id, owner, target)
    costs, effects, failures = ops.rows
    _apply(c, world, ops.costs, costs)
    p = chance(lever.success_chance, "lever", lever.id, world.turn)
    world.worked[lever.id] = p
    if p > 0:
        _apply(c, world, ops.effects, effects, p)
    if p < 1:
        _apply(c, world, ops.failures, failures, 1.0 - p)


def _apply(c: Compiled, world: World, ops: tuple[Op, ...], rows: Rows | None, scale: float = 1.0) -> None:
    """`apply_ops(c, world, ops, scale)`, from the ops' rows when they are plain meter changes (`meter_rows`):
    the same arithmetic in the same order."""
    if rows is None:
        apply_ops(c, world, ops, scale)
        return
    meters = world.meters
    for slot, change, low, high in rows:
        value = meters[slot] + change * scale
        meters[slot] = low if value < low else high if value > high else value


STALL = 0.5  # the chance a look-ahead gives each turn of passing without progress (an offer accepted)


def end_of_turn(
    c: Compiled,
    world: World,
    levers: list[tuple[Lever, str, str | None]],
    chance: Chance,
    drivers: dict,
    stall: float = STALL,
) -> None:
    """Levers queued this turn, upkeep (the no-progress part in proportion to `stall`), the early endings, then
    the next turn's events."""
    world.worked = {}
    for lever, owner, target in levers:
        resolve_lever(c, world, lever, owner, target, chance)
    rows = c.upkeep_rows
    if rows is None:
        every, without = c.upkeep_ops
        apply_ops(c, world, every)
        apply_ops(c, world, without, stall)
    else:  # `apply_ops` on the upkeep, from its rows (the same arithmetic, in the same order)
        meters = world.meters
        for slot, change, low, high, scaled in rows:
            value = meters[slot] + change * (stall if scaled else 1.0)
            meters[slot] = low if value < low else high if value > high else value
    shift = world.shift
    for actor, public in drivers.items():
        if public.drift:
            shift[actor] = shift.get(actor, 0.0) + public.drift
    if early_ending(c, world):
        return
    if world.turn >= world.turns:
        world.ending = "deadline"
        world.ending_turn = world.turn
        return
    world.turn += 1
    start_events(c, world, chance)
    early_ending(c, world)  # as the engine: events that end the talks end them before anyone moves


def early_ending(c: Compiled, world: World) -> bool:
    """Whether an early ending holds at the world's meters (and, if so, the world ends there, this turn)."""
    meters = world.meters
    for ending in c.ending_tests:
        for test in ending.tests:  # `ending.holds(meters)`, inlined: this runs twice in every rollout
            if not test.holds(meters):
                break
        else:
            world.ending = ending.kind
            world.ending_index = ending.index
            world.ending_actor = ending.actor
            world.ending_turn = world.turn
            return True
    return False


def start_events(c: Compiled, world: World, chance: Chance) -> None:
    turn = world.turn
    meters = world.meters
    fired = world.fired
    for rule in c.events_open_at(turn):  # only rules whose turn window includes `turn`
        # `rule.due(turn, meters, fired)` without its turn test, inlined (the hottest check of a rollout)
        if rule.once and rule.id in fired:
            continue
        for test in rule.tests:
            if not test.holds(meters):
                break
        else:
            _fire(c, world, rule, turn, chance)


def _fire(c: Compiled, world: World, rule: EventRule, turn: int, chance: Chance) -> None:
    """The event `rule`, due at `turn`: its effects with its chance (times the chance its lever worked)."""
    if rule.after_settled and not all(i in world.settled for i in rule.after_settled):
        return
    weight = 1.0 if rule.after_lever is None else world.worked.get(rule.after_lever, 0.0)
    if weight <= 0:
        return
    p = rule.probability(world.meters)
    p = weight * (p if chance is expected else chance(p, "event", rule.id, turn))
    if p <= 0:
        return
    _apply(c, world, rule.ops, rule.rows, p)
    if p >= 1 or rule.once:
        world.fired.add(rule.id)
