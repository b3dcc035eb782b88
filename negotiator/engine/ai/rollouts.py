"""The hard AI's lever valuation by short rollouts of the game's own rules (`negotiator.engine.ai.world`), with
and without each lever, on common random numbers (see `negotiator.engine.ai.levers` for what is valued and why):
`rollout_values` is the fast kernel, `rollout_values_reference` plays every run plainly; a test checks that both
agree bit for bit.
"""

from __future__ import annotations

from negotiator.engine import rng
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.position import (
    NO_DEAL_LOSS,
    P_DEAL,
    RISK_TURNS,
    Queued,
    _chance,
    _risk,
    ending_weight,
    position,
    start_world,
    terms,
)
from negotiator.engine.ai.turn_end import BONUS_ROW, METER_ROW, SKIP_ROW, Mixed, mixed, turn_end
from negotiator.engine.ai.world import NUMBERS, World, apply_ops, end_of_turn
from negotiator.engine.compiled import METER, Compiled, EventRule, LeverOps, Op, Rows
from negotiator.engine.view import LeverStatus

Option = tuple[LeverStatus, str | None]


def rollout_values(ctx: Context, choices: list[Option], seed: int, queued: Queued) -> list[float]:
    """Short sampled rollouts of the rules, with and without each lever, on common random numbers.

    A run depends on its sample only through the outcomes of the random numbers it draws: a sample whose numbers
    fall on the same side of each chance an earlier sample's run drew (in order; the path, and so each next
    draw, is the same up to the first that differs) gives that run's value without playing it. A run that
    draws nothing (every chance on its path certain, or the lever's own outcome, played both ways) is the same
    for every sample. `rollout_values_reference` plays each run; a test checks that both agree bit for bit."""
    kernel = _Rollouts(ctx, seed, queued)
    samples = max(1, ctx.difficulty.rollouts)

    def runs(extra: Queued, works: bool) -> list[float]:
        uses = [*kernel.first, *kernel._uses(extra)]  # resolved once for every sample
        played: list[tuple[float, Draws]] = []
        values = []
        for s in range(samples):
            found = None
            for value, draws in played:
                if kernel.same_path(draws, s):
                    found = value
                    break
            if found is None:
                found, draws = kernel.run(extra, s, works, uses)
                played.append((found, draws))
            values.append(found)
        return values

    reference = _reference_from_last_step(ctx, kernel, seed, queued, samples)
    if reference is None:
        reference = runs([], True)
    played_levers: dict[tuple[str, str, str | None], tuple[list[float], list[float]]] = {}
    values = []
    for status, target_id in choices:
        lever = status.lever
        p = lever.success_chance
        extra = [(lever, ctx.me, target_id)]
        ops = ctx.c.lever_ops(lever.id, ctx.me, target_id)
        # A lever use whose costs and effects (or failure's) change nothing the look-ahead follows (no meter, no
        # no-deal value, no promise) leaves the reference run as it is, unless it worked and an event waits for
        # it (an event waiting for a lever that failed sees a weight of 0, as for one never used). A lever that
        # costs nothing and whose failure does nothing is common: its failed runs are the reference runs.
        inert = not _moves_numbers(ops.costs)
        waited = any(rule.after_lever == lever.id for rule in ctx.c.event_rules)
        same_if_worked = inert and not waited and not _moves_numbers(ops.effects)
        same_if_failed = inert and not _moves_numbers(ops.failures)
        worked = [0.0] * samples if p <= 0.0 else reference if same_if_worked else runs(extra, True)
        failed = [0.0] * samples if p >= 1.0 else reference if same_if_failed else runs(extra, False)
        played_levers[lever.id, ctx.me, target_id] = (worked, failed)
        total = 0.0
        for s in range(samples):
            total += p * worked[s] + (1.0 - p) * failed[s] - reference[s]
        values.append(total / samples)
    ctx.move[_runs_key(seed, queued, samples, kernel.horizon)] = played_levers
    return values


def _runs_key(seed: int, queued: Queued, samples: int, horizon: int) -> tuple[object, ...]:
    return ("rollout runs", seed, tuple((lever.id, owner, aim) for lever, owner, aim in queued), samples, horizon)


def _reference_from_last_step(
    ctx: Context, kernel: _Rollouts, seed: int, queued: Queued, samples: int
) -> list[float] | None:
    """The reference runs of a plan's later step, from its step before (None if that was not valued in this
    move): with the last planned lever queued, a sample's reference run draws that lever's outcome and then
    plays exactly as the run that valued it, forced to that outcome, did (the same levers in the same order,
    the same numbers for everything else), so its value is that run's."""
    if not queued:
        return None
    lever, owner, aim = queued[-1]
    before = ctx.move.get(_runs_key(seed, queued[:-1], samples, kernel.horizon))
    if before is None:
        return None
    found = before.get((lever.id, owner, aim))  # type: ignore[attr-defined]
    if found is None:
        return None
    worked, failed = found
    p = lever.success_chance
    reference = []
    for s in range(samples):
        if p >= 1.0:
            reference.append(worked[s])
        elif p <= 0.0:
            reference.append(failed[s])
        else:
            reference.append(worked[s] if kernel.number(s, ("lever", lever.id, kernel.turn)) < p else failed[s])
    return reference


def _moves_numbers(ops: tuple[Op, ...]) -> bool:
    """Whether `ops` change a number the look-ahead follows (`world.apply_ops` skips red lines and removals)."""
    return any(op.kind == METER or op.kind in NUMBERS for op in ops)


Uses = list[tuple[str, float, LeverOps, tuple[Rows | None, ...], tuple[Mixed | None, ...]]]  # id, chance, ops, rows
Draws = list[tuple[float, tuple[object, ...], bool]]  # a run's random numbers: (chance, keys, whether it happened)


class _Rollouts:
    """One valuation's rollouts: what every run shares (the terms of my position, the start, the random numbers'
    keys) computed once, and `position` unrolled over flat tuples (a run is the innermost loop of a hard AI's
    decision; `position` rebuilt a dict of no-deal value changes and looked the terms up per run)."""

    def __init__(self, ctx: Context, seed: int, queued: Queued) -> None:
        self.ctx = ctx
        self.c = ctx.c
        self.t = t = terms(ctx)
        self.seed = seed
        self.queued = queued
        self.drivers = ctx.view.drivers
        self.end_of_turn = turn_end(ctx.c, self.drivers)  # `end_of_turn(c, world, ..., drivers)`, unrolled
        self.horizon = max(1, ctx.difficulty.horizon)
        self.turn = ctx.view.turn
        self.start = start_world(ctx)
        self.base = self.start.meters.copy()
        self.parties = tuple((a, t.drivers[a]) for a in t.parties)
        self.shares = max(1, len(t.parties))
        self.mine = t.me in t.parties
        self.no_deal = NO_DEAL_LOSS + t.deal_gain
        drift = t.slot_drift  # `_risk`'s speed per slot, worked out once
        self.risks = tuple(
            (
                cost,
                tuple(
                    (
                        tuple((s, max(1e-6, -drift.get(s, 0.0) if falling else drift.get(s, 0.0))) for s in slots),
                        any_of,
                        threshold,
                        falling,
                    )
                    for slots, any_of, threshold, falling in conditions
                ),
            )
            for cost, conditions in t.risks
        )
        self.first = self._uses(queued)  # the levers already planned, resolved once
        # This valuation's random numbers by (sample, keys): every run of a sample draws the same ones (common
        # numbers), and `same_path` asks for them again; `rng.draw`'s own cache keys on all eight arguments.
        self.numbers: dict[tuple[int, tuple[object, ...]], float] = {}
        # Per turn the look-ahead reaches, the events open then, less the once-only ones fired before it starts
        # (`fired` only grows, so those are skipped in every run), with each rule's parts as a flat tuple.
        before = self.start.fired
        self.open = {
            turn: tuple(
                (rule.id, rule.once, tests, rule.after_settled, rule.after_lever, rule.chance, *_rest(rule, mixed_rows))
                for rule, tests, mixed_rows in self.end_of_turn.open_mixed(turn)
                if not (rule.once and rule.id in before)
            )
            for turn in range(self.turn + 1, self.turn + self.horizon + 1)
        }

    def run(self, extra: Queued, sample: int, works: bool = True, uses: Uses | None = None) -> tuple[float, Draws]:
        """My position after one run, and the random numbers it drew: (chance, keys, whether it happened).

        `end_of_turn` (as `TurnEnd` unrolls it) with `resolve_lever`, the upkeep, the endings, `events` and the
        chance of each draw inlined into one loop over flat tuples: the same arithmetic in the same order."""
        me, seed, turn = self.t.me, self.seed, self.turn
        draw = rng.draw
        numbers = self.numbers
        forced = extra[0][0].id if extra else None  # the lever being valued: each outcome in turn
        drew: Draws = []
        world = self.start.copy()
        risk = 0.0
        meters = world.meters
        shift = world.shift
        fired = world.fired
        c = self.c
        end = self.end_of_turn
        upkeep, drifts, settled = end.upkeep, end.drift, world.settled
        levers = uses if uses is not None else [*self.first, *self._uses(extra)]  # `_uses([*queued, *extra])`
        opened = self.open
        for step in range(self.horizon):
            worked: dict[str, float] = {}
            world.worked = worked
            if step == 0:
                for lever_id, success, ops, (costs, effects, failures), (mcosts, meffects, mfailures) in levers:
                    _rows(c, world, ops.costs, costs, mcosts, 1.0)
                    if success >= 1.0:
                        p = 1.0
                    elif success <= 0.0:
                        p = 0.0
                    elif lever_id == forced:
                        p = 1.0 if works else 0.0
                    else:
                        keys = ("lever", lever_id, turn)
                        x = numbers.get((sample, keys))
                        if x is None:
                            x = numbers[sample, keys] = draw(seed, "ai-rollout", me, turn, sample, *keys)
                        happened = x < success
                        drew.append((success, keys, happened))
                        p = 1.0 if happened else 0.0
                    worked[lever_id] = p
                    if p > 0:
                        _rows(c, world, ops.effects, effects, meffects, p)
                    if p < 1:
                        _rows(c, world, ops.failures, failures, mfailures, 1.0 - p)
            if upkeep is None:
                every, without = c.upkeep_ops
                apply_ops(c, world, every)
                apply_ops(c, world, without, end.stall)
            else:
                for slot, change, low, high in upkeep:
                    value = meters[slot] + change
                    meters[slot] = low if value < low else high if value > high else value
            for actor, drift in drifts:
                shift[actor] = shift.get(actor, 0.0) + drift
            if not end.early_ending(world):
                if world.turn >= world.turns:
                    world.ending = "deadline"
                    world.ending_turn = world.turn
                else:
                    world.turn += 1
                    now = world.turn
                    for (
                        rule_id,
                        once,
                        tests,
                        after_settled,
                        after_lever,
                        p,
                        chance_drivers,
                        rows,
                        mixed_rows,
                        ops,
                    ) in opened[now]:
                        if once and rule_id in fired:
                            continue
                        for compare, value, slot, test in tests:
                            if not (compare(meters[slot], value) if slot >= 0 else test.holds(meters)):
                                break
                        else:
                            if after_settled and not all(i in settled for i in after_settled):
                                continue
                            weight = 1.0 if after_lever is None else worked.get(after_lever, 0.0)
                            if weight <= 0:
                                continue
                            for slot, per_point, pivot in chance_drivers:  # `rule.probability(meters)`
                                p += per_point * (meters[slot] - pivot)
                            p = 0.0 if p < 0.0 else 1.0 if p > 1.0 else p
                            if p <= 0.0:
                                continue
                            if p < 1.0:
                                keys = ("event", rule_id, now)
                                x = numbers.get((sample, keys))
                                if x is None:
                                    x = numbers[sample, keys] = draw(seed, "ai-rollout", me, turn, sample, *keys)
                                happened = x < p
                                drew.append((p, keys, happened))
                                p = 1.0 if happened else 0.0
                            p = weight * p
                            if p <= 0:
                                continue
                            if rows is not None:
                                for slot, change, low, high in rows:
                                    value = meters[slot] + change * p
                                    meters[slot] = low if value < low else high if value > high else value
                            elif mixed_rows is None:
                                apply_ops(c, world, ops, p)
                            else:  # `apply_ops(c, world, rule.ops, p)` over its rows
                                for kind, slot, actor, change, low, high in mixed_rows:
                                    if kind == METER_ROW:
                                        value = meters[slot] + change * p
                                        meters[slot] = low if value < low else high if value > high else value
                                    elif kind != SKIP_ROW:
                                        book = world.bonus if kind == BONUS_ROW else shift
                                        book[actor] = book.get(actor, 0.0) + change * p
                            if p >= 1 or once:
                                fired.add(rule_id)
                    end.early_ending(world)  # events that end the talks end them before anyone moves
            if step == 0:
                # As `rollout_values_reference`: the risk is judged where this turn leaves the meters.
                risk = self.risk(meters) if world.ending is None else 0.0
            if world.ending is not None:
                break
        if world.ending is not None and world.ending != "deadline":
            return self.position(world), drew
        ending, world.ending = world.ending, "deadline"
        value = self.position(world) - risk
        world.ending = ending
        return value, drew

    def _uses(self, levers: Queued) -> Uses:
        """Each lever use as (id, success chance, its resolved ops, their rows, their mixed rows), in order."""
        c = self.c
        found = []
        for lever, owner, target in levers:
            ops = c.lever_ops(lever.id, owner, target)
            rows = c.memo(("mixed rows", lever.id, owner, target), lambda ops=ops: _mixed_rows(c, ops))
            found.append((lever.id, lever.success_chance, ops, ops.rows, rows))
        return found

    def risk(self, meters: list[float]) -> float:
        """`_risk(terms, meters)`, with each slot's speed worked out once and max/min as comparisons (which
        return the same operand the builtins would)."""
        loss = 0.0
        for cost, conditions in self.risks:
            nearest = 1.0
            for slots, any_of, threshold, falling in conditions:
                risk = 0.0
                for slot, speed in slots:
                    gap = meters[slot] - threshold if falling else threshold - meters[slot]
                    turns = gap / speed if gap > 0 else 0.0
                    x = 1.0 - turns / RISK_TURNS
                    x = x if x > 0.0 else 0.0
                    x = x if x < 1.0 else 1.0
                    risk = x if x > risk else risk
                    if not any_of:
                        break
                nearest = risk if risk < nearest else nearest
            loss += nearest * cost
        return loss

    def number(self, sample: int, keys: tuple[object, ...]) -> float:
        """The random number `sample`'s runs draw for `keys` (kept in `numbers`)."""
        x = self.numbers.get((sample, keys))
        if x is None:
            x = self.numbers[sample, keys] = rng.draw(self.seed, "ai-rollout", self.t.me, self.turn, sample, *keys)
        return x

    def same_path(self, draws: Draws, sample: int) -> bool:
        """Whether `sample`'s random numbers give each of a run's draws the same outcome (then its run takes the
        same path, draw by draw, to the same value)."""
        seed, me, turn, numbers = self.seed, self.t.me, self.turn, self.numbers
        for p, keys, happened in draws:
            x = numbers.get((sample, keys))
            if x is None:
                x = numbers[sample, keys] = rng.draw(seed, "ai-rollout", me, turn, sample, *keys)
            if (x < p) != happened:
                return False
        return True

    def position(self, world: World) -> float:
        """`position(ctx, world, base)`: the same arithmetic in the same order."""
        t = self.t
        meters, base, shift, bonus = world.meters, self.base, world.shift, world.bonus
        total = 0.0
        mine = 0.0
        for actor, drivers in self.parties:
            moved = 0.0
            for s, pp in drivers:
                moved += pp * (meters[s] - base[s])
            move = shift.get(actor, 0.0) + moved
            total += move
            if actor == t.me:
                mine = move
        promised = 0.0
        for actor, v in bonus.items():
            if actor != t.me and actor in t.drivers:
                promised += v
        surplus = t.surplus - total + promised
        chance = _chance(surplus)
        value = mine + chance * max(0.0, surplus) / self.shares
        value -= (1.0 - chance) * self.no_deal
        points = 0.0
        for s, pp in t.points:
            points += pp * (meters[s] - base[s])
        value += points
        value += bonus.get(t.me, 0.0) * P_DEAL
        if world.ending_index is not None:
            value -= ending_weight(t, world.ending_index, world.ending_turn - self.turn)
        elif world.ending is None:
            value -= _risk(t, meters)
        return value


def _rest(rule: EventRule, mixed_rows: Mixed | None) -> tuple[object, ...]:
    return (rule.chance_drivers, rule.rows, mixed_rows, rule.ops)


def _mixed_rows(c: Compiled, ops: LeverOps) -> tuple[Mixed | None, Mixed | None, Mixed | None]:
    return (mixed(c, ops.costs), mixed(c, ops.effects), mixed(c, ops.failures))


def _rows(
    c: Compiled, world: World, ops: tuple[Op, ...], rows: Rows | None, mixed_rows: Mixed | None, scale: float
) -> None:
    """`world._apply`: `apply_ops(c, world, ops, scale)`, from the ops' rows when they are plain meter changes,
    else from their mixed rows when none is scaled by a meter (the same changes in the same order)."""
    meters = world.meters
    if rows is not None:
        for slot, change, low, high in rows:
            value = meters[slot] + change * scale
            meters[slot] = low if value < low else high if value > high else value
    elif mixed_rows is None:
        apply_ops(c, world, ops, scale)
    else:
        for kind, slot, actor, change, low, high in mixed_rows:
            if kind == METER_ROW:
                value = meters[slot] + change * scale
                meters[slot] = low if value < low else high if value > high else value
            elif kind != SKIP_ROW:
                book = world.bonus if kind == BONUS_ROW else world.shift
                book[actor] = book.get(actor, 0.0) + change * scale


def rollout_values_reference(ctx: Context, choices: list[Option], seed: int, queued: Queued) -> list[float]:
    """`rollout_values` the plain way: every run played, `position` for each (the reference its fast path is
    tested against)."""
    c = ctx.c
    drivers = ctx.view.drivers
    samples = max(1, ctx.difficulty.rollouts)
    horizon = max(1, ctx.difficulty.horizon)
    start = start_world(ctx)
    base = start.meters.copy()
    view = ctx.view

    def run(extra: Queued, sample: int, works: bool = True) -> float:
        forced = ("lever", extra[0][0].id, view.turn) if extra else None

        def chance(p: float, *keys: object) -> float:
            if p >= 1.0:
                return 1.0
            if p <= 0.0:
                return 0.0
            if keys == forced:  # the lever being valued: each outcome in turn, weighted by its exact chance
                return 1.0 if works else 0.0
            return 1.0 if rng.draw(seed, "ai-rollout", ctx.me, view.turn, sample, *keys) < p else 0.0

        world = start.copy()
        end_of_turn(c, world, [*queued, *extra], chance, drivers)
        # The risk of an ending drawing near is judged where this turn leaves the meters: further turns of
        # assumed stalling would count the same drift again. Later turns add what they make happen: events set
        # off by thresholds, changed no-deal values, endings actually reached.
        risk = _risk(terms(ctx), world.meters) if world.ending is None else 0.0
        for _ in range(horizon - 1):
            if world.ending is not None:
                break
            end_of_turn(c, world, [], chance, drivers)
        if world.ending is not None and world.ending != "deadline":
            return position(ctx, world, base)
        ending, world.ending = world.ending, "deadline"
        value = position(ctx, world, base) - risk
        world.ending = ending
        return value

    reference = [run([], s) for s in range(samples)]
    values = []
    for status, target_id in choices:
        lever = status.lever
        p = lever.success_chance
        extra = [(lever, ctx.me, target_id)]
        total = 0.0
        for s in range(samples):
            worked = run(extra, s, True) if p > 0.0 else 0.0
            failed = run(extra, s, False) if p < 1.0 else 0.0
            total += p * worked + (1.0 - p) * failed - reference[s]
        values.append(total / samples)
    return values
