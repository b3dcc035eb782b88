"""Hypothesis strategies for VALID scenarios across the whole format, for "any file the validator accepts plays".

`scenario_dicts()` draws a plain dict written the way an author would write a file: 2-8 actors (some that do
not negotiate, some not playable, AIs with a risk tolerance and fears of endings by id or kind), 1-8 issues of
2-5 options signed by all or a subset of the negotiators, preferences with red lines (sometimes leaving no zone
of agreement), per-actor meters (with and without `holders`), shared and hidden ones, levers and events using
every effect kind (`red_line`, `remove_option`, changes `scaled_by` a meter) and every `who` and condition
keyword, events attributed to an actor and triggered by chances moved by meters, settlements and levers, and
rules with every kind of ending (several conditions, ids, points by actor), arbitration and their texts.
References are drawn from what exists, so nearly every draw is valid.

`valid_scenarios()` serialises each dict (YAML or JSON, both are YAML) and runs it through the real loader,
`load_scenario_text`, exactly what `python main.py validate` does; a draw the validator rejects is filtered out
with `assume` and counted in `REJECTIONS`, so a test can report (and bound) the rejection rate.

Outcome spaces stay at most `MAX_SPACE` packages and games at most `MAX_TURNS` turns, so a game takes milliseconds
(a crash hunt may raise both: they are read when a scenario is drawn).
"""

from __future__ import annotations

import collections
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from hypothesis import assume
from hypothesis import strategies as st

from negotiator.scenario import ScenarioError, load_scenario_text
from negotiator.scenario.models import Scenario

MAX_SPACE = 300  # packages: the product of the issues' option counts
MAX_TURNS = 12
MAX_ACTORS = 8
MAX_ISSUES = 8
ENDING_KINDS = ("deal", "deadline", "walk_away", "collapse", "escalation", "arbitration")
EARLY_KINDS = ("walk_away", "collapse", "escalation")  # the kinds of `rules.endings` (and arbitration)
OPS = ("<", "<=", ">", ">=", "==")


@dataclass
class Rejections:
    """How often the validator refused a generated dict (and the first line of why)."""

    drawn: int = 0
    rejected: int = 0
    reasons: collections.Counter[str] = field(default_factory=collections.Counter)

    @property
    def rate(self) -> float:
        return self.rejected / self.drawn if self.drawn else 0.0

    def __str__(self) -> str:
        top = "; ".join(f"{n} x {r}" for r, n in self.reasons.most_common(5))
        return f"{self.rejected}/{self.drawn} rejected ({100 * self.rate:.1f}%)" + (f": {top}" if top else "")


REJECTIONS = Rejections()


@dataclass(frozen=True)
class Generated:
    """A generated scenario: the dict, the text the loader read, and the validated model."""

    data: dict[str, Any]
    text: str
    scenario: Scenario

    def __repr__(self) -> str:  # hypothesis prints this for a falsifying example: show the file
        return f"Generated(text=\n{self.text})"


# --- small pieces --------------------------------------------------------------------------------------

_numbers = st.floats(-50, 50, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2))
# now and then a value at the format's limits (docs/scenario-format.md, "Limits"), where arithmetic goes wrong
# (written without exponents: JSON's 1e-06 is a string to the YAML 1.1 reader, which the validator refuses)
_EXTREME_CHANGES = st.sampled_from([1_000_000.0, -1_000_000.0, 0.0001, -0.0001, 0.0])


def _change(draw: st.DrawFn, usual: st.SearchStrategy[float]) -> float:
    return draw(_EXTREME_CHANGES) if draw(st.integers(0, 15)) == 0 else draw(usual)


def _subset(draw: st.DrawFn, items: list[str], min_size: int = 0) -> list[str]:
    if not items:
        return []
    chosen = draw(st.lists(st.sampled_from(items), min_size=min_size, max_size=len(items), unique=True))
    return [i for i in items if i in chosen]  # file order, like an author


@dataclass
class _World:
    """What exists so far, so every reference names something real."""

    actors: list[str]
    negotiators: list[str]
    meters: list[dict[str, Any]]
    issues: list[dict[str, Any]] = field(default_factory=list)
    levers: list[str] = field(default_factory=list)

    def meter(self, meter_id: str) -> dict[str, Any]:
        return next(m for m in self.meters if m["id"] == meter_id)

    def holders(self, meter: dict[str, Any]) -> list[str]:
        return list(meter.get("holders") or self.actors)


def _value_in(draw: st.DrawFn, meter: dict[str, Any]) -> float:
    lo, hi = meter.get("min", 0.0), meter.get("max", 100.0)
    return round(draw(st.floats(lo, hi, allow_nan=False, allow_infinity=False)), 1)


# who an effect may name, by place (negotiator.scenario.references._Checker.effect); an event with an `actor`
# is an "attributed event"
_EFFECT_KEYWORDS = {
    "lever": ("self", "target", "all", "others"),
    "commitment": ("self", "all", "others"),
    "attributed event": ("self", "all", "others"),
    "event": ("all", "others"),
    "rule": ("all", "others"),
}
# whose value of a per-actor meter a `scaled_by` may read, by place, besides a holder's id (None: the owner)
_SCALE_KEYWORDS: dict[str, tuple[str | None, ...]] = {
    "lever": ("self", "target", None),
    "commitment": ("self", None),
    "attributed event": ("self", None),
    "event": (),
    "rule": (),
}


def _held_keywords(
    keywords: Sequence[str | None], held: Sequence[str], owner: str | None, targets: Sequence[str]
) -> list[str | None]:
    """The keywords that may name a per-actor meter's value: `self` (or nothing: the owner) only if the owner
    holds it, `target` only if every target does (the validator refuses the rest)."""
    out = list(keywords)
    if owner is not None and owner not in held:
        out = [k for k in out if k not in ("self", None)]
    if any(t not in held for t in targets):
        out = [k for k in out if k != "target"]
    return out


def _scale(
    draw: st.DrawFn, w: _World, place: str, has_target: bool, owner: str | None = None, targets: Sequence[str] = ()
) -> dict[str, Any]:
    """A `scaled_by` (or, in place "event" without effects, a `chance_moved_by` entry)."""
    meter = draw(st.sampled_from(w.meters))
    scale: dict[str, Any] = {"meter": meter["id"]}
    if meter.get("scope") != "shared":
        keywords = [k for k in _SCALE_KEYWORDS[place] if k != "target" or has_target]
        if place in ("lever", "attributed event"):
            keywords = _held_keywords(keywords, w.holders(meter), owner, targets)
        whose = draw(st.sampled_from(keywords + w.holders(meter)))
        if whose is not None:
            scale["actor"] = whose
    usual = st.floats(-0.05, 0.05, allow_nan=False).map(lambda x: round(x, 4))
    scale["per_point"] = _change(draw, usual) if draw(st.integers(0, 4)) else draw(st.sampled_from([0.0, 1.0, -1.0]))
    if draw(st.integers(0, 3)):
        scale["pivot"] = _value_in(draw, meter)
    return scale


def _option_of(draw: st.DrawFn, w: _World) -> tuple[str, str]:
    issue = draw(st.sampled_from(w.issues))
    return issue["id"], draw(st.sampled_from([o["id"] for o in issue["options"]]))


def _effect(
    draw: st.DrawFn, w: _World, place: str, has_target: bool, owner: str | None = None, targets: Sequence[str] = ()
) -> dict[str, Any]:
    kinds = ["meter", "reservation", "deal_bonus"] if w.meters else ["reservation", "deal_bonus"]
    # now and then an option ruled out by one actor (red_line) or taken off the table (remove_option)
    kind = (
        draw(st.sampled_from(kinds))
        if draw(st.integers(0, 6))
        else draw(st.sampled_from(["red_line", "remove_option"]))
    )
    keywords = [k for k in _EFFECT_KEYWORDS[place] if k != "target" or has_target]
    owner_default = place in ("lever", "commitment")  # `who` may be left out (the owner / the breaker)
    effect: dict[str, Any] = {"kind": kind}
    if kind in ("red_line", "remove_option"):
        effect["issue"], effect["option"] = _option_of(draw, w)
        if kind == "remove_option":
            return effect  # the table's, not an actor's: no who, no change
        choices = keywords + w.actors + ([None] if owner_default else [])
        who = draw(st.sampled_from(choices))
        if who is not None:
            effect["who"] = who
        return effect
    choices: list[str | None] = []
    if kind == "meter":
        meter = draw(st.sampled_from(w.meters))
        effect["meter"] = meter["id"]
        effect["change"] = _change(draw, _numbers)
        if meter.get("scope") != "shared":  # a shared meter takes no `who`
            # an actor id, and `self` or `target` where they stand for known actors, must hold the meter (the
            # validator refuses the rest); `all` and `others` may reach non-holders (they skip them)
            held = w.holders(meter)
            choices = [*keywords, *held, *([None] if owner_default else [])]
            if owner is not None and owner not in held:
                choices = [c for c in choices if c not in ("self", None)]
            if any(t not in held for t in targets):
                choices = [c for c in choices if c != "target"]
    else:
        effect["change"] = _change(draw, st.floats(-0.3, 0.3, allow_nan=False).map(lambda x: round(x, 3)))
        choices = [*keywords, *w.actors, *([None] if owner_default else [])]
    who = draw(st.sampled_from(choices)) if choices else None
    if who is not None:
        effect["who"] = who
    if w.meters and draw(st.integers(0, 4)) == 0:  # a change that grows or shrinks with a meter
        effect["scaled_by"] = _scale(draw, w, place, has_target, owner, targets)
    return effect


def _effects(
    draw: st.DrawFn,
    w: _World,
    place: str,
    has_target: bool = False,
    max_size: int = 3,
    owner: str | None = None,
    targets: Sequence[str] = (),
) -> list[Any]:
    count = draw(st.integers(0, max_size))
    return [_effect(draw, w, place, has_target, owner, targets) for _ in range(count)]


def _condition(
    draw: st.DrawFn, w: _World, place: str, has_target: bool, owner: str | None = None, targets: Sequence[str] = ()
) -> dict[str, Any]:
    meter = draw(st.sampled_from(w.meters))
    cond: dict[str, Any] = {"meter": meter["id"]}
    if meter.get("scope") != "shared":
        if place == "lever":
            keywords = ["self", "any", "all", None] + (["target"] if has_target else [])
            keywords = _held_keywords(keywords, w.holders(meter), owner, targets)
        else:
            keywords = ["any", "all"]
        actor = draw(st.sampled_from(keywords + w.holders(meter)))
        if actor is not None:
            cond["actor"] = actor
    cond["op"] = draw(st.sampled_from(OPS))
    cond["value"] = _value_in(draw, meter)
    if draw(st.integers(0, 9)) == 0:  # outside the meter's range: a warning (it may never hold), not an error
        outside = meter.get("max", 100.0) + 1 if draw(st.booleans()) else meter.get("min", 0.0) - 1
        cond["value"] = max(-1_000_000.0, min(1_000_000.0, outside))
    return cond


# --- sections ------------------------------------------------------------------------------------------


def _actors(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(2, 6)) if draw(st.integers(0, 3)) else draw(st.integers(2, MAX_ACTORS))
    ids = [f"a{k}" for k in range(n)]
    negotiating = _subset(draw, ids, min_size=2)
    playable_negotiator = draw(st.sampled_from(negotiating))
    actors = []
    for k, ident in enumerate(ids):
        actor: dict[str, Any] = {
            "id": ident,
            "name": f"Actor {k}",
            "short_name": f"A{k}",
            "colour": f"#{(k * 0x2A3B4C) % 0xFFFFFF:06x}",
            "public_brief": f"Public brief of actor {k}.",
            "confidential_brief": f"Confidential brief of actor {k}.",
        }
        if ident not in negotiating:
            actor["negotiates"] = False
        if ident != playable_negotiator and draw(st.booleans()):
            actor["playable"] = False
        if draw(st.booleans()):
            actor["ai"] = {
                "personality": draw(st.sampled_from(["hawk", "pragmatist", "dealmaker", "reciprocator"])),
                "difficulty": draw(st.sampled_from(["easy", "normal", "hard"])),
            }
            if draw(st.booleans()):
                edges = st.sampled_from([0.0, 1.0])
                actor["ai"]["risk_tolerance"] = draw(st.one_of(edges, st.floats(0, 1).map(lambda x: round(x, 2))))
            # `fears` names endings, which are drawn with the rules (scenario_dicts adds them)
        actors.append(actor)
    return actors


def _meters(draw: st.DrawFn, actor_ids: list[str]) -> list[dict[str, Any]]:
    meters = []
    for k in range(draw(st.integers(0, 4))):
        if draw(st.integers(0, 9)) == 0:
            lo, hi = draw(st.sampled_from([(-1_000_000.0, 1_000_000.0), (0.0, 0.001), (999_999.0, 1_000_000.0)]))
        else:
            lo = draw(st.sampled_from([0.0, 0.0, -20.0, 10.0]))
            hi = lo + draw(st.sampled_from([1.0, 10.0, 100.0]))
        meter: dict[str, Any] = {
            "id": f"m{k}",
            "name": f"Meter {k}",
            "description": f"Meter number {k}.",
            "min": lo,
            "max": hi,
            "initial": round(draw(st.floats(lo, hi, allow_nan=False)), 1),
        }
        if (lo, hi) == (0.0, 100.0) and draw(st.booleans()):  # the defaults, left out
            del meter["min"], meter["max"]
        if draw(st.booleans()):
            meter["scope"] = "shared"
        elif draw(st.booleans()):
            meter["scope"] = "actor"  # the default, written out
        elif draw(st.booleans()):
            meter["holders"] = _subset(draw, actor_ids, min_size=1)
        if draw(st.booleans()):
            meter["higher_is_better"] = False
        if draw(st.integers(0, 4)) == 0:
            meter["hidden"] = True  # bookkeeping: never with a score_weight
        elif draw(st.booleans()):
            meter["score_weight"] = draw(st.sampled_from([1.0, 10.0, 50.0]))
        meters.append(meter)
    return meters


def _issues(draw: st.DrawFn, negotiators: list[str]) -> list[dict[str, Any]]:
    sizes: list[int] = []
    product = 1
    # mostly a few issues of any size; sometimes many small ones (2**8 = 256 packages)
    many = draw(st.integers(0, 3)) == 0
    for _ in range(draw(st.integers(1, MAX_ISSUES if many else 6))):
        room = MAX_SPACE // product
        if room < 2:
            break
        size = 2 if many and draw(st.integers(0, 3)) else draw(st.integers(2, min(5, room)))
        product *= size
        sizes.append(size)
    issues = []
    for k, size in enumerate(sizes):
        signatories = negotiators if draw(st.booleans()) else _subset(draw, negotiators, min_size=1)
        issues.append(
            {
                "id": f"i{k}",
                "name": f"Issue {k}",
                "description": f"What issue {k} is about.",
                "options": [{"id": f"o{j}", "label": f"Option {k}.{j}"} for j in range(size)],
                "signatories": signatories,
            }
        )
    return issues


def _preferences(draw: st.DrawFn, w: _World, issues: list[dict[str, Any]]) -> dict[str, Any]:
    prefs: dict[str, Any] = {}
    # sometimes no zone of agreement at all: on the first issue each negotiator rules out all options but its own
    mode = draw(st.sampled_from(["random", "common_ground", "common_ground", "deadlock"]))
    deadlock = mode == "deadlock"
    # or common ground: on every issue one option that everyone values well and nobody rules out, so deals happen
    common = {i["id"]: draw(st.sampled_from([o["id"] for o in i["options"]])) for i in issues}
    for n, actor in enumerate(w.negotiators):
        weights = [draw(st.sampled_from([0.0, 0.5, 1.0, 2.0, 5.0])) for _ in issues]
        if not any(weights):
            weights[draw(st.integers(0, len(issues) - 1))] = 1.0
        per_issue = {}
        for issue, weight in zip(issues, weights, strict=True):
            options = [o["id"] for o in issue["options"]]
            pref: dict[str, Any] = {
                "weight": weight,
                "values": {o: round(draw(st.floats(0, 1, allow_nan=False)), 2) for o in options},
            }
            # mostly no red line or one; now and then all options but one (a narrow or empty zone of agreement)
            many = draw(st.integers(0, 7)) == 0
            size = len(options) - 1 if many else draw(st.sampled_from([0, 0, 0, 1]))
            lines = draw(st.lists(st.sampled_from(options), min_size=size, max_size=size, unique=True))
            if deadlock and issue is issues[0]:
                lines = [o for o in options if o != options[n % len(options)]]
            if mode == "common_ground":
                lines = [o for o in lines if o != common[issue["id"]]]
                pref["values"][common[issue["id"]]] = round(draw(st.floats(0.6, 1.0)), 2)
            # a red line counts only where the actor is asked: it signs the issue or consents to an option
            asked = actor in issue["signatories"] or any(actor in o.get("consent", ()) for o in issue["options"])
            if lines and asked:
                pref["red_lines"] = lines
            per_issue[issue["id"]] = pref
        # mostly a modest no-deal value, so that many scenarios have a zone of agreement; sometimes any, or 0 or 1
        modest = st.floats(0, 0.5, allow_nan=False).map(lambda x: round(x, 2))
        value = st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 2))
        choice = 0 if mode == "common_ground" else draw(st.integers(0, 9))
        reservation: dict[str, Any] = {
            "value": draw(modest if choice < 7 else value if choice < 9 else st.sampled_from([0.0, 1.0]))
        }
        edges = st.sampled_from([-1.0, 1.0])
        if draw(st.booleans()):
            reservation["drift_per_turn"] = _change(draw, st.floats(-0.1, 0.1).map(lambda x: round(x, 3))) or 0.0
            reservation["drift_per_turn"] = max(-1.0, min(1.0, reservation["drift_per_turn"]))
        if draw(st.booleans()):
            reservation["optimism"] = draw(st.one_of(st.floats(-0.05, 0.05).map(lambda x: round(x, 3)), edges))
        drivers = []
        for _ in range(draw(st.integers(0, 2)) if w.meters else 0):
            meter = draw(st.sampled_from(w.meters))
            driver: dict[str, Any] = {
                "meter": meter["id"],
                "per_point": draw(st.one_of(st.floats(-0.02, 0.02).map(lambda x: round(x, 4)), edges)),
                "pivot": _value_in(draw, meter),
            }
            if meter.get("scope") != "shared":
                holders = w.holders(meter)
                choices = holders + (["self", None] if actor in holders else [])
                whose = draw(st.sampled_from(choices))
                if whose is not None:
                    driver["actor"] = whose
            drivers.append(driver)
        if drivers:
            reservation["moved_by"] = drivers
        prefs[actor] = {"reservation": reservation, "issues": per_issue}
    return prefs


def _levers(draw: st.DrawFn, w: _World, action_points: int) -> list[dict[str, Any]]:
    levers = []
    for k in range(draw(st.integers(0, 5))):
        # mostly negotiators' levers (a non-negotiator never moves, but may own one)
        owner = draw(st.sampled_from(w.negotiators if draw(st.integers(0, 4)) else w.actors))
        others = [a for a in w.actors if a != owner]
        targets = _subset(draw, others) if draw(st.booleans()) else []
        has_target = bool(targets)
        lever: dict[str, Any] = {
            "id": f"l{k}",
            "owner": owner,
            "name": f"Lever {k}",
            "description": f"What lever {k} does.",
            "news": f"{{owner}} uses lever {k} on {{target}}." if has_target else f"{{owner}} uses lever {k}.",
        }
        if draw(st.booleans()):
            lever["cost"] = draw(st.integers(0, max(action_points, 1)))
        if draw(st.booleans()):
            lever["cooldown"] = draw(st.integers(0, 3))
        if draw(st.booleans()):
            lever["uses"] = draw(st.integers(1, 3))
        if draw(st.booleans()):
            lever["available_from_turn"] = draw(st.integers(1, 4))
        if w.meters and draw(st.booleans()):
            count = draw(st.integers(1, 2))
            lever["conditions"] = [_condition(draw, w, "lever", has_target, owner, targets) for _ in range(count)]
        if targets:
            lever["targets"] = targets
        if draw(st.booleans()):
            lever["success_chance"] = draw(st.sampled_from([0.0, 0.3, 0.5, 0.9, 1.0]))
        for section in ("costs", "effects", "failure_effects"):
            effects = _effects(draw, w, "lever", has_target, owner=owner, targets=targets)
            if effects:
                lever[section] = effects
        if draw(st.booleans()):
            lever["failure_news"] = f"Lever {k} of {{owner}} fails."
        levers.append(lever)
    return levers


def _events(draw: st.DrawFn, w: _World, turns: int) -> list[dict[str, Any]]:
    events = []
    for k in range(draw(st.integers(0, 4))):
        trigger: dict[str, Any] = {}
        if draw(st.booleans()):
            trigger["turn"] = draw(st.integers(1, turns))
        if draw(st.booleans()):
            trigger["from_turn"] = draw(st.integers(1, turns))
        if draw(st.booleans()):
            trigger["until_turn"] = draw(st.integers(trigger.get("from_turn", 1), turns))
        if w.meters and draw(st.booleans()):
            trigger["when"] = [_condition(draw, w, "event", False) for _ in range(draw(st.integers(1, 2)))]
        if draw(st.booleans()):
            trigger["chance"] = draw(st.sampled_from([0.0, 0.2, 0.5, 1.0]))
        if w.meters and (trigger.get("chance") == 0.0 or draw(st.integers(0, 3)) == 0):
            # a risk that rises (or falls) with meters; a chance of 0 with nothing to raise it is a warning
            n_scales = draw(st.integers(1, 3))
            trigger["chance_moved_by"] = [_scale(draw, w, "event", False) for _ in range(n_scales)]
        if draw(st.integers(0, 4)) == 0:
            trigger["after_settled"] = _subset(draw, [i["id"] for i in w.issues], min_size=1)
        if w.levers and draw(st.integers(0, 4)) == 0:
            trigger["after_lever"] = draw(st.sampled_from(w.levers))
        if draw(st.booleans()):
            trigger["once"] = False
        event: dict[str, Any] = {
            "id": f"e{k}",
            "name": f"Event {k}",
            "trigger": trigger,
            "news": f"Event {k} happens.",
        }
        attributed = draw(st.integers(0, 2)) == 0  # the event is an actor's doing: its effects may use `self`
        if attributed:
            event["actor"] = draw(st.sampled_from(w.actors))
        effects = _effects(draw, w, "attributed event" if attributed else "event", owner=event.get("actor"))
        if effects:
            event["effects"] = effects
        if draw(st.booleans()):
            event["quote"] = {"text": "We said it.", "speaker": "Someone", "context": "to the press"}
        if draw(st.booleans()):
            event["happened"] = True
        events.append(event)
    return events


def _ending_points(draw: st.DrawFn, w: _World) -> float | dict[str, float]:
    """An ending's points: one number for every actor, or a mapping by actor (with or without `default`)."""
    points = st.sampled_from([-100.0, -30.0, 0.0, 10.0, 40.0])
    if draw(st.booleans()):
        return draw(points) if draw(st.integers(0, 9)) else draw(st.sampled_from([-10_000.0, 10_000.0]))
    mapping = {a: draw(points) for a in _subset(draw, w.actors)}
    if draw(st.booleans()) or not mapping:
        mapping["default"] = draw(points)
    return mapping


def _arbitration(draw: st.DrawFn, w: _World) -> dict[str, Any]:
    arbitration: dict[str, Any] = {}
    if draw(st.booleans()):
        arbitration["at_deadline"] = draw(st.booleans())
    if draw(st.booleans()):
        arbitration["rule"] = draw(st.sampled_from(["package", "midpoint"]))
    if draw(st.integers(0, 3)):  # the imposed options, on some issues (or all, or none)
        chosen = _subset(draw, [i["id"] for i in w.issues])
        issues = {i["id"]: i for i in w.issues}
        arbitration["package"] = {i: draw(st.sampled_from([o["id"] for o in issues[i]["options"]])) for i in chosen}
    arbitration["text"] = "The dispute goes to binding arbitration."
    return arbitration


def _ending(draw: st.DrawFn, w: _World, k: int, kinds: list[str]) -> dict[str, Any]:
    conditions = [_condition(draw, w, "ending", False) for _ in range(draw(st.integers(1, 3)))]
    ending: dict[str, Any] = {}
    if draw(st.booleans()):
        ending["id"] = f"end{k}"
    ending["kind"] = draw(st.sampled_from(kinds))
    # one condition bare (the original form) or in a list; several in a list, all of which must hold
    ending["when"] = conditions[0] if len(conditions) == 1 and draw(st.booleans()) else conditions
    ending["text"] = "The talks end early."
    if draw(st.booleans()):
        ending["actor"] = draw(st.sampled_from(w.actors))
    if draw(st.integers(0, 2)) == 0:
        ending["points"] = _ending_points(draw, w)
    return ending


def _rules(draw: st.DrawFn, w: _World, turns: int, points: int) -> dict[str, Any]:
    issues = w.issues
    rules: dict[str, Any] = {"turns": turns, "action_points": points}
    if draw(st.booleans()):
        rules["offers_per_turn"] = draw(st.integers(1, 5))
    if draw(st.booleans()):
        rules["deal_issues"] = _subset(draw, [i["id"] for i in issues], min_size=draw(st.integers(0, 1)))
    if draw(st.booleans()):
        rules["deal_ending"] = False
    if draw(st.integers(0, 3)) == 0:
        rules["deal_text"] = "The parties sign – “at last”."
    if draw(st.integers(0, 3)) == 0:
        rules["deadline_text"] = "Time runs out; nothing is signed."
    for section in ("each_turn", "each_turn_without_progress"):
        effects = _effects(draw, w, "rule", max_size=2)
        if effects:
            rules[section] = effects
    arbitration = _arbitration(draw, w) if draw(st.integers(0, 2)) == 0 else None
    if arbitration is not None:
        rules["arbitration"] = arbitration
    kinds = [*EARLY_KINDS, *(["arbitration", "arbitration"] if arbitration is not None else [])]
    endings = []
    for k in range(draw(st.sampled_from([0, 0, 1, 1, 2, 3])) if w.meters else 0):  # an early ending cuts play short
        endings.append(_ending(draw, w, k, kinds))
    if endings:
        rules["endings"] = endings
    if draw(st.booleans()):
        rules["commitments"] = {
            "score_penalty": draw(st.sampled_from([0.0, 5.0, 10.0])),
            "effects": _effects(draw, w, "commitment", max_size=2),
        }
    if draw(st.booleans()):
        scored = draw(st.lists(st.sampled_from(ENDING_KINDS), max_size=6, unique=True))
        rules["scoring"] = {
            "deal_points": draw(st.sampled_from([0.0, 50.0, 100.0])),
            "ending_points": {
                k: draw(st.sampled_from([-30.0, 0.0, 10.0])) if draw(st.booleans()) else _ending_points(draw, w)
                for k in scored
            },
        }
    return rules


def _fears(draw: st.DrawFn, actors: list[dict[str, Any]], rules: dict[str, Any]) -> None:
    """Some actors' AIs fear some endings, by ending id or kind (an empty list: none)."""
    fearable = [e["id"] for e in rules.get("endings", []) if "id" in e] + list(ENDING_KINDS)
    for actor in actors:
        if draw(st.integers(0, 3)) == 0:
            actor.setdefault("ai", {})["fears"] = draw(st.lists(st.sampled_from(fearable), max_size=3, unique=True))


@st.composite
def scenario_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A scenario as plain data, with every reference consistent."""
    actors = _actors(draw)
    actor_ids = [a["id"] for a in actors]
    negotiators = [a["id"] for a in actors if a.get("negotiates", True)]
    meters = _meters(draw, actor_ids)
    w = _World(actor_ids, negotiators, meters)
    for actor in actors:  # per-actor overrides of a meter's initial value, for actors that hold it
        for meter in meters:
            if meter.get("scope") != "shared" and actor["id"] in w.holders(meter) and draw(st.integers(0, 3)) == 0:
                actor.setdefault("meters", {})[meter["id"]] = _value_in(draw, meter)
    issues = _issues(draw, negotiators)
    w.issues = issues
    # mostly long enough for the AI to reach a deal; sometimes a game of one or two turns, sometimes a long one
    if draw(st.integers(0, 5)) == 0:
        turns = draw(st.integers(1, 2))
    else:
        turns = draw(st.integers(min(4, MAX_TURNS), min(8, MAX_TURNS) if draw(st.integers(0, 3)) else MAX_TURNS))
    points = draw(st.integers(0, 3)) if draw(st.integers(0, 3)) else draw(st.integers(0, 5))
    preferences = _preferences(draw, w, issues)
    levers = _levers(draw, w, points)
    w.levers = [lv["id"] for lv in levers]
    events = _events(draw, w, turns)
    rules = _rules(draw, w, turns, points)
    _fears(draw, actors, rules)
    data: dict[str, Any] = {
        "format_version": 1,
        "metadata": {
            "id": "generated",
            "title": "Generated scenario",
            "summary": "A scenario drawn by hypothesis.",
            "period": "Any time",
            "version": "1",
        },
        "meters": meters,
        "actors": actors,
        "issues": issues,
        "preferences": preferences,
        "levers": levers,
        "events": events,
        "rules": rules,
    }
    if draw(st.integers(0, 3)) == 0:
        data["metadata"]["content_note"] = "Fictional – “quoted” names, Ünïcødé and <b>markup</b> & ampersands."
        data["metadata"]["sources"] = [{"title": "A source", "outlet": "Press", "date": "2025", "url": "https://x.org"}]
        data["metadata"]["authors"] = ["Hypothesis"]
        actors[0]["name"] = "Ünïcødé “Actor” <0> & co"
        actors[0]["goals"] = ["Win – fairly"]
        # `source` quotes and option descriptions, which briefs and reports print (with markup to escape)
        quote = "“We will <never> give way” & more – Ünïcødé."
        for section in (meters, actors, issues, levers, events):
            for item in section[:1]:
                item["source"] = quote
        issues[0]["options"][0]["description"] = "What <this> option means & why."
        preferences[negotiators[0]]["reservation"]["source"] = quote
        if "arbitration" in rules:
            rules["arbitration"]["source"] = quote
        rules["deal_text"] = "Signed – “<b>at last</b>” & done."
    if draw(st.integers(0, 3)) == 0:
        data["teaching"] = {
            "learning_objectives": ["Learn."],
            "discussion_questions": [
                {"text": "What did you learn?"},
                {"text": "Why did you give way?", "role": draw(st.sampled_from(actor_ids))},
            ],
            "glossary": [{"term": "ZOPA", "definition": "Zone of possible agreement."}],
            "timings": [{"phase": "Negotiation", "minutes": 30}],
            "facilitator_notes": "Run it.",
            "turn_timer_seconds": 60,
            "on_timeout": draw(st.sampled_from(["pass", "ai"])),
        }
    return data


class _PlainDumper(yaml.SafeDumper):
    """safe_dump without anchors and aliases, which scenario files refuse (a list used twice is written twice)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: dict[str, Any], as_json: bool) -> str:
    """The file an author would write: YAML, or JSON (which is YAML too)."""
    if as_json:
        return json.dumps(data, indent=1) + "\n"
    return yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=120)


@st.composite
def valid_scenarios(draw: st.DrawFn) -> Generated:
    """A generated scenario the real loader accepts (draws it refuses are counted in REJECTIONS and dropped)."""
    data = draw(scenario_dicts())
    text = dump(data, draw(st.booleans()))
    REJECTIONS.drawn += 1
    try:
        scenario = load_scenario_text(text, "generated.yaml")
    except ScenarioError as exc:
        REJECTIONS.rejected += 1
        REJECTIONS.reasons[str(exc).splitlines()[-1][:160]] += 1
        assume(False)
        raise  # unreachable: assume(False) always raises
    return Generated(data, text, scenario)
