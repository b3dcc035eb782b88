"""A scenario compiled for the rules: lookups by dict instead of list scans, meters as numbered slots, and
effects and conditions resolved once into small tuples of (slot, change) the rules apply directly.

The engine applies thousands of effects and checks thousands of conditions per second of simulation, and the
AI replays whole turns in its look-ahead; resolving `who: others` or finding a meter by id every time was most
of the engine's cost. Everything here is derived from the (frozen) scenario and built once per scenario
(`compiled(scenario)`, cached for the scenario's lifetime). Nothing here changes during a game.

Meter slots follow `negotiator.engine.meters.initial_meters` order (meters in scenario order; per-actor
meters once per holder, in actor order), so `dict(zip(slot_keys, values))` is the familiar meters dict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from negotiator.engine.cached import cached
from negotiator.engine.meters import COMPARE, initial_meters, meter_key
from negotiator.engine.per_scenario import PerScenario
from negotiator.scenario.models import Actor, Condition, Effect, Event, Issue, Lever, Meter, Rules, Scale, Scenario

MEMO_SIZE = 2048
_MISSING = object()

# What a resolved op changes: a meter slot, an actor's no-deal value shift, or what a deal is worth to it.
METER, SHIFT, BONUS = "meter", "reservation", "deal_bonus"
RED_LINE, REMOVE = "red_line", "remove_option"  # change what may be agreed, not a number


@dataclass(frozen=True, slots=True)
class Op:
    """One resolved change. `kind` METER: `slot` is a meter slot; SHIFT and BONUS: `actor` is an actor id;
    RED_LINE: `actor` rules out `option` of `issue` in public; REMOVE: `option` of `issue` is off the table.
    `scale` (slot, per point, pivot) multiplies the change by 1 + per point x (meter - pivot), never below 0."""

    kind: str
    change: float
    slot: int = -1
    actor: str = ""
    issue: str = ""
    option: str = ""
    scale: tuple[int, float, float] | None = None

    def amount(self, meters: list[float]) -> float:
        """The change at these meter values."""
        if self.scale is None:
            return self.change
        slot, per_point, pivot = self.scale
        factor = 1.0 + per_point * (meters[slot] - pivot)
        return self.change * factor if factor > 0.0 else 0.0


@dataclass(frozen=True, slots=True)
class Test:
    """A condition resolved for one owner and target: compare each slot's value with `value`."""

    compare: Callable[[float, float], bool]
    value: float
    slots: tuple[int, ...]
    any_of: bool  # True: at least one slot must pass; False: every slot, and at least one slot exists

    def holds(self, meters: list[float]) -> bool:
        compare, value, slots = self.compare, self.value, self.slots
        if len(slots) == 1:  # most conditions read one meter: any and all agree there
            return compare(meters[slots[0]], value)
        if self.any_of:
            return any(compare(meters[s], value) for s in slots)
        for s in slots:
            if not compare(meters[s], value):
                return False
        return bool(slots)


@dataclass(frozen=True, slots=True)
class EndingTest:
    """An early ending resolved: it happens when every one of its tests holds."""

    index: int  # its place in rules.endings
    kind: str
    actor: str | None
    tests: tuple[Test, ...]

    def holds(self, meters: list[float]) -> bool:
        for test in self.tests:  # noqa: SIM110 (a loop: no generator per check, this runs in every rollout)
            if not test.holds(meters):
                return False
        return True


@dataclass(frozen=True, slots=True)
class EventRule:
    """An event's trigger and effects, resolved."""

    id: str
    once: bool
    turn: int | None
    from_turn: int
    until_turn: int
    chance: float
    tests: tuple[Test, ...]
    ops: tuple[Op, ...]
    chance_drivers: tuple[tuple[int, float, float], ...] = ()  # (slot, per point, pivot)
    after_settled: tuple[str, ...] = ()
    after_lever: str | None = None
    rows: Rows | None = None  # `ops` as `meter_rows` (for the look-ahead)

    def open_at(self, turn: int, fired: frozenset[str] | set[str]) -> bool:
        """Whether the turn and whether it fired before allow it."""
        if self.once and self.id in fired:
            return False
        return (self.turn is None or turn == self.turn) and self.from_turn <= turn <= self.until_turn

    def due(self, turn: int, meters: list[float], fired: frozenset[str] | set[str]) -> bool:
        """Whether the turn, the meters and whether it fired before allow it (not its chance, settlements or
        levers)."""
        if self.once and self.id in fired:
            return False
        if not ((self.turn is None or turn == self.turn) and self.from_turn <= turn <= self.until_turn):
            return False
        for test in self.tests:  # noqa: SIM110 (a loop: no generator per check, this runs in every rollout)
            if not test.holds(meters):
                return False
        return True

    def probability(self, meters: list[float]) -> float:
        p = self.chance
        for slot, per_point, pivot in self.chance_drivers:
            p += per_point * (meters[slot] - pivot)
        return 0.0 if p < 0.0 else 1.0 if p > 1.0 else p


Rows = tuple[tuple[int, float, float, float], ...]  # (slot, change, low, high): plain meter changes


@dataclass(frozen=True, slots=True)
class LeverOps:
    """One lever use (lever, owner, target) resolved: its conditions, and the changes of its costs, of its effects
    when it works and of its failure effects, each in order; `rows`: the same three as `meter_rows` (for the
    look-ahead)."""

    tests: tuple[Test, ...]
    costs: tuple[Op, ...]
    effects: tuple[Op, ...]
    failures: tuple[Op, ...]
    rows: tuple[Rows | None, Rows | None, Rows | None] = (None, None, None)


@dataclass(frozen=True, slots=True)
class Driver:
    slot: int
    per_point: float
    pivot: float


@dataclass(frozen=True, slots=True)
class PublicDrivers:
    """What moves an actor's no-deal value, without its level: public knowledge (see `negotiator.engine.view`)."""

    drift: float
    drivers: tuple[tuple[int, float], ...]  # (meter slot, change of the no-deal value per point)

    def change(self, before: list[float], after: list[float], shift: float = 0.0, turns: int = 0) -> float:
        """How far the no-deal value moves when the meters go from `before` to `after` (ignoring 0..1 limits)."""
        return shift + self.drift * turns + sum(pp * (after[s] - before[s]) for s, pp in self.drivers)


@dataclass(frozen=True, slots=True)
class ReservationRule:
    """What an actor's no-deal value is made of: base + accumulated shift + drivers, within 0..1."""

    base: float
    drift: float
    drivers: tuple[Driver, ...]

    @property
    def public(self) -> PublicDrivers:
        return PublicDrivers(self.drift, tuple((d.slot, d.per_point) for d in self.drivers))

    def value(self, meters: list[float], shift: float) -> float:
        v = self.base + shift
        for d in self.drivers:
            v += d.per_point * (meters[d.slot] - d.pivot)
        return 0.0 if v < 0.0 else 1.0 if v > 1.0 else v


@dataclass(eq=False)
class Compiled:
    """Lookup tables of one scenario. Build with `compiled(scenario)`; treat every field as read-only."""

    actor_ids: tuple[str, ...]
    actors: dict[str, Actor]
    rules: Rules
    negotiators: tuple[str, ...]
    issues: dict[str, Issue]
    issue_order: dict[str, int]
    option_labels: dict[tuple[str, str], str]
    options: dict[str, tuple[str, ...]]
    meters: dict[str, Meter]
    levers: dict[str, Lever]
    events: dict[str, Event]
    slot_keys: tuple[str, ...]
    slot_of: dict[str, int]
    slot_min: tuple[float, ...]
    slot_max: tuple[float, ...]
    slot_label: tuple[str, ...]  # "Kyiv Economy" or "Escalation": how a change is described
    slot_hidden: tuple[bool, ...]  # a bookkeeping meter's changes are not described to players
    initial: tuple[float, ...]
    reservations: dict[str, ReservationRule]
    red_lines: dict[str, frozenset[tuple[str, str]]]  # each actor's private red lines as (issue, option)
    signatories: dict[str, frozenset[str]]
    consent: dict[tuple[str, str], frozenset[str]]  # (issue, option) -> who else must accept it (Option.consent)
    _ops: dict[tuple[int, str | None, str | None], tuple[Op, ...]] = field(default_factory=dict, repr=False)
    _tests: dict[tuple[int, str | None, str | None], Test] = field(default_factory=dict, repr=False)
    _keep: list[object] = field(default_factory=list, repr=False)  # keeps id()-keyed objects alive
    _memo: dict[object, object] = field(default_factory=dict, repr=False)
    _open_at: dict[int, tuple[EventRule, ...]] = field(default_factory=dict, repr=False)
    _lever_ops: dict[tuple[str, str | None, str | None], LeverOps] = field(default_factory=dict, repr=False)
    # Values every viewer may share because they are inferred from public data only (opponent estimates).
    public: dict[object, object] = field(default_factory=dict, repr=False)

    def memo(self, key: object, build: Callable[[], object]) -> object:
        """A small bounded memo for values derived from public game data (look-ahead projections)."""
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            found = self._memo[key] = build()
        return found

    def short_name(self, actor: str | None) -> str:
        return self.actors[actor].short_name if actor else ""

    def slot(self, meter_id: str, actor: str | None) -> int:
        """The slot of a meter (per-actor meters need the holder); KeyError if the actor does not hold it."""
        meter = self.meters[meter_id]
        return self.slot_of[meter_id if meter.scope == "shared" else meter_key(meter_id, actor)]

    def ops(self, effect: Effect, owner: str | None = None, target: str | None = None) -> tuple[Op, ...]:
        """The effect resolved for this owner and target (memoised): the changes it makes, in order."""
        key = (id(effect), owner, target)
        found = self._ops.get(key)
        if found is None:
            found = self._ops[key] = self._resolve_effect(effect, owner, target)
            self._keep.append(effect)
        return found

    def who(self, who: str | None, owner: str | None, target: str | None) -> list[str]:
        """The actor ids `who` names (see `negotiator.engine.meters.resolve_who`)."""
        if who is None or who == "self":
            return [owner] if owner else []
        if who == "target":
            return [target] if target else []
        if who in ("all", "any"):
            return list(self.actor_ids)
        if who == "others":
            return [a for a in self.actor_ids if a != owner]
        return [who]

    def _resolve_effect(self, effect: Effect, owner: str | None, target: str | None) -> tuple[Op, ...]:
        scale = self._scale(effect.scaled_by, owner, target)
        if effect.kind == METER and effect.meter is not None:
            meter = self.meters[effect.meter]
            if meter.scope == "shared":
                return (Op(METER, effect.change, slot=self.slot_of[meter.id], scale=scale),)
            actors = self.who(effect.who, owner, target)
            return tuple(
                Op(METER, effect.change, slot=self.slot_of[meter_key(meter.id, a)], scale=scale)
                for a in actors
                if meter_key(meter.id, a) in self.slot_of
            )
        if effect.kind == REMOVE:
            return (Op(REMOVE, 0.0, issue=effect.issue or "", option=effect.option or ""),)
        if effect.kind == RED_LINE:  # only a signatory can be held to a line on an issue
            signs = self.signatories.get(effect.issue or "", frozenset())
            return tuple(
                Op(RED_LINE, 0.0, actor=a, issue=effect.issue or "", option=effect.option or "")
                for a in self.who(effect.who, owner, target)
                if a in signs
            )
        # Only actors with a no-deal value have one to move (a Senate or a court does not): others are skipped.
        # Negotiators always have one, even in a scenario redacted for one of them (an AI's view).
        return tuple(
            Op(effect.kind, effect.change, actor=a, scale=scale)
            for a in self.who(effect.who, owner, target)
            if a in self.reservations or a in self.negotiators
        )

    def _scale(self, scale: Scale | None, owner: str | None, target: str | None) -> tuple[int, float, float] | None:
        """The slot a `scaled_by` reads (None: unscaled, or a meter this owner or target does not hold)."""
        if scale is None:
            return None
        meter = self.meters[scale.meter]
        if meter.scope == "shared":
            return (self.slot_of[meter.id], scale.per_point, scale.pivot)
        for actor in self.who(scale.actor, owner, target)[:1]:
            slot = self.slot_of.get(meter_key(meter.id, actor))
            if slot is not None:
                return (slot, scale.per_point, scale.pivot)
        return None

    def test(self, condition: Condition, owner: str | None = None, target: str | None = None) -> Test:
        """The condition resolved for this owner and target (memoised)."""
        key = (id(condition), owner, target)
        found = self._tests.get(key)
        if found is None:
            found = self._tests[key] = self._resolve_condition(condition, owner, target)
            self._keep.append(condition)
        return found

    def _resolve_condition(self, condition: Condition, owner: str | None, target: str | None) -> Test:
        compare = COMPARE[condition.op]
        meter = self.meters[condition.meter]
        if meter.scope == "shared":
            return Test(compare, condition.value, (self.slot_of[meter.id],), False)
        actors = self.who(condition.actor, owner, target)
        slots = tuple(self.slot_of[k] for a in actors if (k := meter_key(meter.id, a)) in self.slot_of)
        return Test(compare, condition.value, slots, condition.actor == "any")

    @cached
    def start_meters(self) -> dict[str, float]:
        """The meters at the start of a game, keyed as `GameState.meters` (shared: read-only)."""
        return dict(zip(self.slot_keys, self.initial, strict=True))

    @cached
    def public_drivers(self) -> dict[str, PublicDrivers]:
        """What moves each actor's no-deal value (`ActorView.drivers`): the same for every viewer and moment."""
        return {a: rule.public for a, rule in self.reservations.items()}

    @cached
    def upkeep_drift(self) -> dict[int, float]:
        """How much each meter slot moves in a turn without progress, by the rules' upkeep alone."""
        return self.drift(1.0)

    @cached
    def upkeep_ops(self) -> tuple[tuple[Op, ...], tuple[Op, ...]]:
        """The rules' upkeep resolved: every turn, and every turn without progress."""
        rules = self.rules
        return (
            tuple(op for e in rules.each_turn for op in self.ops(e)),
            tuple(op for e in rules.each_turn_without_progress for op in self.ops(e)),
        )

    @cached
    def upkeep_rows(self) -> tuple[tuple[int, float, float, float, bool], ...] | None:
        """The upkeep (every turn, then every turn without progress: `scaled`) as (slot, change, low, high,
        scaled) rows when it only adds fixed changes to meters (the shipped scenarios' does), else None: the
        look-ahead applies it in every turn it plays."""
        every, without = self.upkeep_ops
        ops = [(op, False) for op in every] + [(op, True) for op in without]
        if any(op.kind != METER or op.scale is not None for op, _ in ops):
            return None
        return tuple((op.slot, op.change, self.slot_min[op.slot], self.slot_max[op.slot], s) for op, s in ops)

    @cached
    def event_rules(self) -> tuple[EventRule, ...]:
        """Every event's trigger and effects resolved, for look-ahead."""
        rules = []
        for e in self.events.values():
            t = e.trigger
            ops = tuple(op for x in e.effects for op in self.ops(x, e.actor))
            rules.append(
                EventRule(
                    e.id,
                    t.once,
                    t.turn,
                    t.from_turn,
                    t.until_turn if t.until_turn is not None else 10**9,
                    t.chance,
                    tuple(self.test(cond, e.actor) for cond in t.when),
                    ops,
                    tuple(d for d in (self._scale(x, e.actor, None) for x in t.chance_moved_by) if d is not None),
                    tuple(t.after_settled),
                    t.after_lever,
                    meter_rows(self, ops),
                )
            )
        return tuple(rules)

    def lever_ops(self, lever_id: str, owner: str | None, target: str | None) -> LeverOps:
        """A lever use resolved once (memoised): the rules, the views and the look-ahead read its conditions and
        changes many times a turn."""
        key = (lever_id, owner, target)
        found = self._lever_ops.get(key)
        if found is None:
            found = self._lever_ops[key] = lever_ops_reference(self, lever_id, owner, target)
        return found

    def events_open_at(self, turn: int) -> tuple[EventRule, ...]:
        """The event rules whose turn window includes `turn`, in scenario order: no other can fire then, so the
        event phase and the look-ahead test only these (each still checks `due`: once-only, meters)."""
        found = self._open_at.get(turn)
        if found is None:
            found = self._open_at[turn] = events_open_at_reference(self.event_rules, turn)
        return found

    @cached
    def ending_tests(self) -> tuple[EndingTest, ...]:
        """Early endings, in scenario order."""
        return tuple(
            EndingTest(k, e.kind, e.actor, tuple(self.test(cond) for cond in e.when))
            for k, e in enumerate(self.rules.endings)
        )

    def drift(self, stall: float) -> dict[int, float]:
        """How much each meter slot moves per turn by the rules' upkeep, the no-progress part scaled by `stall`."""
        return self.memo(("drift", stall), lambda: self._drift(stall))  # type: ignore[return-value]

    def _drift(self, stall: float) -> dict[int, float]:
        totals: dict[int, float] = {}
        for effects, scale in ((self.rules.each_turn, 1.0), (self.rules.each_turn_without_progress, stall)):
            for effect in effects:
                for op in self.ops(effect):
                    if op.kind == METER:
                        totals[op.slot] = totals.get(op.slot, 0.0) + op.change * scale
        return totals

    def reservation(self, actor: str, meters: list[float], shift: dict[str, float]) -> float:
        """The actor's current no-deal value (0 for actors without preferences)."""
        rule = self.reservations.get(actor)
        return 0.0 if rule is None else rule.value(meters, shift.get(actor, 0.0))

    def label(self, issue_id: str, option_id: str) -> str:
        return self.option_labels[(issue_id, option_id)]


def lever_ops_reference(c: Compiled, lever_id: str, owner: str | None, target: str | None) -> LeverOps:
    """A lever use resolved afresh from the lever's model (what `Compiled.lever_ops` memoises)."""
    lever = c.levers[lever_id]

    def resolve(effects: list[Effect]) -> tuple[Op, ...]:
        return tuple(op for e in effects for op in c.ops(e, owner, target))

    costs, effects, failures = resolve(lever.costs), resolve(lever.effects), resolve(lever.failure_effects)
    return LeverOps(
        tuple(c.test(cond, owner, target) for cond in lever.conditions),
        costs,
        effects,
        failures,
        (meter_rows(c, costs), meter_rows(c, effects), meter_rows(c, failures)),
    )


def meter_rows(c: Compiled, ops: tuple[Op, ...]) -> Rows | None:
    """The ops as (slot, change, low, high) rows when every one adds a fixed change to a meter, else None: the
    look-ahead applies such ops in every turn it plays, and rows spare it reading five attributes per op."""
    if any(op.kind != METER or op.scale is not None for op in ops):
        return None
    return tuple((op.slot, op.change, c.slot_min[op.slot], c.slot_max[op.slot]) for op in ops)


def events_open_at_reference(rules: tuple[EventRule, ...], turn: int) -> tuple[EventRule, ...]:
    """The rules whose turn window includes `turn`, computed afresh (what `Compiled.events_open_at` caches)."""
    return tuple(r for r in rules if (r.turn is None or turn == r.turn) and r.from_turn <= turn <= r.until_turn)


def build(scenario: Scenario) -> Compiled:
    start = initial_meters(scenario)
    keys = tuple(start)
    slot_of = {k: i for i, k in enumerate(keys)}
    meters = {m.id: m for m in scenario.meters}
    actors = {a.id: a for a in scenario.actors}
    mins, maxs, labels = [], [], []
    for key in keys:
        meter_id, _, holder = key.partition("@")
        meter = meters[meter_id]
        mins.append(meter.min)
        maxs.append(meter.max)
        labels.append(f"{actors[holder].short_name} {meter.name}" if holder else meter.name)
    reservations = {}
    for actor_id, prefs in scenario.preferences.items():
        drivers = []
        for d in prefs.reservation.moved_by:
            meter = meters.get(d.meter)
            if meter is None:
                continue
            whose = None if meter.scope == "shared" else (actor_id if d.actor in (None, "self") else d.actor)
            key = meter_key(meter.id, whose) if whose else meter.id
            if key in slot_of:
                drivers.append(Driver(slot_of[key], d.per_point, d.pivot))
        res = prefs.reservation
        reservations[actor_id] = ReservationRule(res.value, res.drift_per_turn, tuple(drivers))
    return Compiled(
        actor_ids=tuple(a.id for a in scenario.actors),
        rules=scenario.rules,
        actors=actors,
        negotiators=tuple(a.id for a in scenario.negotiators),
        issues={i.id: i for i in scenario.issues},
        issue_order={i.id: n for n, i in enumerate(scenario.issues)},
        option_labels={(i.id, o.id): o.label for i in scenario.issues for o in i.options},
        options={i.id: tuple(o.id for o in i.options) for i in scenario.issues},
        meters=meters,
        levers={lv.id: lv for lv in scenario.levers},
        events={e.id: e for e in scenario.events},
        slot_keys=keys,
        slot_of=slot_of,
        slot_min=tuple(mins),
        slot_max=tuple(maxs),
        slot_label=tuple(labels),
        slot_hidden=tuple(meters[k.partition("@")[0]].hidden for k in keys),
        initial=tuple(start.values()),
        reservations=reservations,
        red_lines={
            a: frozenset((i, o) for i, pref in prefs.issues.items() for o in pref.red_lines)
            for a, prefs in scenario.preferences.items()
        },
        signatories={i.id: frozenset(i.signatories) for i in scenario.issues},
        consent={(i.id, o.id): frozenset(o.consent) for i in scenario.issues for o in i.options if o.consent},
    )


@PerScenario
def compiled(scenario: Scenario) -> Compiled:
    """The scenario's compiled tables, built on first use and cached for the scenario's lifetime."""
    return build(scenario)
