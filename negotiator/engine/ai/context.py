"""What an AI derives from its view, shared by bidding, acceptance and lever choice: where it stands (its
no-deal value, what is open, what it has ruled out), how much time is really left, and what it believes about
the others. Parts are computed on first use: a decision reads only what it needs.

Nothing an actor does during its own move changes any of these (its levers resolve, and its offers are
answered, only after it has moved), so the decisions of one move share them through `move`, a store the AI
keeps per move (see `AINegotiator.decide`). That is only a cache: every part is a function of the view.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from negotiator.engine.ai.personality import Difficulty, Personality
from negotiator.engine.beliefs import Estimate, evidence, learn
from negotiator.engine.compiled import Compiled, compiled
from negotiator.engine.endings import arbitrated_terms, kind_points, refusal
from negotiator.engine.utility import UtilityModel, utility_model
from negotiator.engine.view import ActorView

EPSILON = 1e-9
T = TypeVar("T")


class per_move:
    """A property computed on first use and kept in the context's per-move store (and on the context itself, so
    later reads in the same decision are plain attribute lookups: this descriptor defines no __set__)."""

    def __init__(self, func: Callable[[Context], object]):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, ctx: Context | None, owner: type) -> object:
        if ctx is None:
            return self
        store = ctx.move
        found = store.get(self.name, _MISSING)
        if found is _MISSING:
            found = store[self.name] = self.func(ctx)
        object.__setattr__(ctx, self.name, found)  # not through `ctx.__dict__`: see `negotiator.engine.cached`
        return found


_MISSING = object()


@dataclass
class Context:
    view: ActorView
    personality: Personality
    difficulty: Difficulty
    move: dict[object, object] = field(default_factory=dict, repr=False)
    me: str = field(init=False, repr=False)  # the viewer: read a thousand times a game, so a plain attribute

    def __post_init__(self) -> None:
        self.me = self.view.actor

    def once(self, key: object, build: Callable[[], T]) -> T:
        """`build()`, computed once per move under `key` (see `move`)."""
        found = self.move.get(key, _MISSING)
        if found is _MISSING:
            found = self.move[key] = build()
        return found  # type: ignore[return-value]

    @per_move  # type: ignore[prop-decorator]
    def model(self) -> UtilityModel:
        return utility_model(self.view.scenario)

    @per_move  # type: ignore[prop-decorator]
    def c(self) -> Compiled:
        return compiled(self.view.scenario)

    @per_move  # type: ignore[prop-decorator]
    def reservation(self) -> float:
        return self.view.reservation

    @per_move  # type: ignore[prop-decorator]
    def settled(self) -> dict[int, int]:
        return self.model.terms_from_ids(self.view.settled)

    @per_move  # type: ignore[prop-decorator]
    def open_issues(self) -> tuple[int, ...]:
        settled = self.settled
        return tuple(k for k in range(len(self.model.issue_ids)) if k not in settled)

    @per_move  # type: ignore[prop-decorator]
    def my_lines(self) -> frozenset[tuple[int, int]]:
        """Options I will not propose or accept: my private red lines, the lines I announced (I keep my word)
        and options taken off the table."""
        model = self.model
        lines = {(k, o) for k, options in enumerate(model.red_lines[self.me]) for o in options}
        for issue_id, option_id in (*self.view.public_red_lines.get(self.me, ()), *self.view.removed_options):
            k = model.issue_ids.index(issue_id)
            lines.add((k, model.option_ids[k].index(option_id)))
        return frozenset(lines)

    def open_value(self, terms: dict[int, int]) -> float:
        """My weighted mean value of the open issues named in `terms` (the part still negotiable)."""
        weights = self.model.weights[self.me]
        values = self.model.values[self.me]
        named = [k for k in terms if k not in self.settled]
        total = sum(weights[k] for k in named)
        if total <= 0:
            return self.reservation
        return sum(weights[k] * values[k][terms[k]] for k in named) / total

    def terms_value(self, terms: tuple[tuple[str, str], ...]) -> float:
        """My open value of terms given by ids (the settled ones left out)."""
        table = self.model.term_values(self.me)
        settled = self.view.settled
        weight = value = 0.0
        for term in terms:
            if term[0] in settled:
                continue
            w, wv = table[term]
            weight += w
            value += wv
        return value / weight if weight > 0 else self.reservation

    @per_move  # type: ignore[prop-decorator]
    def arbitrated(self) -> dict[int, int] | None:
        """The terms an arbitrator would impose on the open issues if the game reached its deadline now, from
        the public record as the engine rules (`endings.arbitrated_terms`); None when the deadline brings no
        arbitration, the game is expected to end earlier (`end_turn`), or I would refuse that ruling (it
        crosses my red line: `endings.refusal`; the others' lines are private, so I cannot foresee theirs)."""
        arbitration = self.c.rules.arbitration
        if arbitration is None or not arbitration.at_deadline or self.end_turn < self.view.turns:
            return None
        view = self.view
        imposed = arbitrated_terms(self.c, arbitration, view.settled, view.offers, view.removed_options)
        if refusal(self.c, imposed, (self.me,)) is not None:
            return None
        return self.model.terms_from_ids(imposed)

    def fallback_of(self, issues: Iterable[int]) -> float:
        """The least I take or ask for on these open issues (an open value): my no-deal value, or, when the
        game heads for an arbitrated deadline that would give me more, what the arbitrator would impose there
        (issues it leaves open count at my no-deal value), with the arbitration's ending points against a
        deal's spread over what is open. Never below my no-deal value (individual rationality)."""
        r = self.reservation
        imposed = self.arbitrated
        if imposed is None:
            return r
        weights, values = self.model.weights[self.me], self.model.values[self.me]
        named = [k for k in issues if k not in self.settled]
        total = sum(weights[k] for k in named)
        if total <= 0:
            return r
        value = sum(weights[k] * (values[k][imposed[k]] if k in imposed else r) for k in named) / total
        return max(r, value + self.arbitration_points)

    @per_move  # type: ignore[prop-decorator]
    def arbitration_points(self) -> float:
        """Arbitration's ending points against a deal's, per unit of my open weight (utility units)."""
        rules = self.c.rules
        scale = rules.scoring.deal_points or 100.0
        weight_open = sum(self.model.weights[self.me][k] for k in self.open_issues) or 1.0
        delta = kind_points(rules, "arbitration", self.me) - kind_points(rules, "deal", self.me)
        return delta / scale / weight_open

    @per_move  # type: ignore[prop-decorator]
    def fallback(self) -> float:
        """`fallback_of` every open issue: what I fall back on if nothing more is agreed."""
        return self.fallback_of(self.open_issues)

    @per_move  # type: ignore[prop-decorator]
    def top(self) -> float:
        """The best open value I could hope for: my best package over all open issues within my lines."""
        from negotiator.engine.ai.space import bundle

        b = bundle(self.model, self.open_issues)
        if b.size == 0:
            return self.reservation
        return max(b.best(self.me, self.my_lines), self.reservation)

    # --- time -------------------------------------------------------------------------------------------
    @per_move  # type: ignore[prop-decorator]
    def end_turn(self) -> int:
        """The last turn the AI plans for: the deadline, or earlier if an early ending is drawing near."""
        view = self.view
        if self.difficulty.pacing != "real":
            return view.turns
        return projected_end(view, self.c)

    @per_move  # type: ignore[prop-decorator]
    def time(self) -> float:
        """0 at the first turn, 1 at the last turn the AI plans for."""
        span = max(1, self.end_turn - 1)
        return min(1.0, max(0.0, (self.view.turn - 1) / span))

    @property
    def final(self) -> bool:
        """Whether this is the last turn the AI plans for (its last chance to act)."""
        return self.view.turn >= self.end_turn

    # --- the others -------------------------------------------------------------------------------------
    @per_move  # type: ignore[prop-decorator]
    def beliefs(self) -> dict[str, Estimate]:
        view = self.view
        quality = self.difficulty.beliefs
        changes = view.reservation_changes
        result = {}
        for actor in self.c.negotiators:
            if actor == self.me:
                continue
            result[actor] = belief(view, actor, quality, changes.get(actor, 0.0))
        return result


def belief(view: ActorView, actor: str, quality: str, change: float) -> Estimate:
    """The estimate of `actor` that an AI of this quality forms from the public record (memoised on the
    evidence about that actor alone, then moved by the public change of its no-deal value)."""
    offers = view.offers
    cache = view.public_memo  # an estimate uses public data only, so every viewer shares it
    # The same offers are seen by every decision until one of them changes: find them by identity first (the
    # entry keeps the tuple alive, so its id cannot be reused while the entry exists).
    declared = view.public_red_lines.get(actor, ())
    fast = ("estimate", "offers", id(offers), actor, quality, declared, view.turns)
    seen = cache.get(fast)
    if seen is not None and seen[0] is offers:  # type: ignore[index]
        found: Estimate = seen[1]  # type: ignore[index]
    else:
        relevant = tuple(
            (o.terms, o.turn, o.proposer == actor, actor in o.accepted_by)
            for o in offers
            if o.proposer == actor or actor in o.accepted_by or o.rejected_by == actor
        )
        key = ("estimate", actor, quality, relevant, declared, view.turns)

        found = cache.get(key)  # type: ignore[assignment]
        if found is None:
            record = evidence(actor, offers, declared)
            found = cache[key] = learn(view.scenario, actor, record, quality, view.turn, view.turns)
        cache[fast] = (offers, found)
    return found.moved(change)


def projected_end(view: ActorView, c: Compiled) -> int:
    """The turn at whose end the game is expected to end: the deadline, or an early ending whose meter is moving
    towards its threshold (projected at the faster of the rules' own drift without progress and the drift seen
    over the last turns). Public, so memoised for every viewer."""
    history = view.meter_history
    key = (
        "end",
        view.turn,
        view.turns,
        tuple(view.meter_values),
        tuple(history[-1 - min(3, len(history) - 1)].values()),
    )
    return c.memo(key, lambda: _projected_end(view, c))  # type: ignore[return-value]


def _projected_end(view: ActorView, c: Compiled) -> int:
    end = view.turns
    turn = view.turn
    history = view.meter_history
    drift = c.upkeep_drift
    span = min(3, len(history) - 1)
    never = float("inf")
    for ending in c.ending_tests:
        due = 0.0  # an ending needs every one of its conditions: it comes when the last of them is met
        for test in ending.tests:
            first = never  # the first turn any of the test's slots meets it
            for slot in test.slots:
                now = view.meters[c.slot_keys[slot]]
                seen = (now - history[-1 - span][c.slot_keys[slot]]) / span if span > 0 else 0.0
                falling = test.compare(-1.0, 0.0)  # `<`-like tests end the game when the meter falls
                rule = drift.get(slot, 0.0)
                d = min(rule, seen) if falling else max(rule, seen)
                gap = now - test.value if falling else test.value - now
                speed = -d if falling else d
                if gap <= 0:
                    first = turn
                elif speed > EPSILON:
                    first = min(first, turn + max(0, math.ceil(gap / speed) - 1))
            due = max(due, first)
        if due < never:
            end = min(end, int(due))
    return max(turn, end)
