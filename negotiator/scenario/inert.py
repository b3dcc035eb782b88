"""Content that validates but silently does nothing, found from the whole file without playing it.

An outside author wrote small scenarios from the guide and found parts that never mattered: an ending no
effect could ever bring about, a lever that moves only a meter nothing reads or scores, a red line pledged by
someone who does not sign the issue (the engine skips it), consent asked of a party that signs anyway. Each
finding here is a (path, message) warning; `references` reports them, and `reachable_endings` also tells
`simulate` which endings a file makes possible at all. The checks are static and deliberately cautious:
"never" means no effect in the file could move things that way, not that play happens not to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from negotiator.scenario.models import COMPARE, Condition, Effect, Lever, Scenario, meter_key

Path = tuple[str | int, ...]
UP, DOWN = 1, -1


def usable(sc: Scenario, lever: Lever) -> bool:
    """Whether the lever can ever be used at all (its owner moves, it is affordable, in time)."""
    owner = next((a for a in sc.actors if a.id == lever.owner), None)
    return (
        owner is not None
        and owner.negotiates
        and lever.cost <= sc.rules.action_points
        and lever.available_from_turn <= sc.rules.turns
    )


def _live_effects(sc: Scenario) -> Iterator[Effect]:
    """Every effect that can ever apply: of levers that can be used, events that can fire, rules and upkeep."""
    for lever in sc.levers:
        if usable(sc, lever):
            yield from (*lever.costs, *lever.effects, *lever.failure_effects)
    turns = sc.rules.turns
    for event in sc.events:
        trig = event.trigger
        if (trig.turn or 1) > turns or trig.from_turn > turns or (trig.chance == 0 and not trig.chance_moved_by):
            continue
        yield from event.effects
    rules = sc.rules
    yield from (*rules.each_turn, *rules.each_turn_without_progress, *rules.commitments.effects)


def meter_moves(sc: Scenario) -> dict[str, set[int]]:
    """For each meter, the directions (UP, DOWN) some live effect can move it (a scale never flips a sign)."""
    moves: dict[str, set[int]] = {m.id: set() for m in sc.meters}
    for effect in _live_effects(sc):
        if effect.kind == "meter" and effect.meter in moves and effect.change != 0:
            moves[effect.meter].add(UP if effect.change > 0 else DOWN)
    return moves


def _holds_at_start(cond: Condition, start: dict[str, float]) -> bool:
    compare = COMPARE[cond.op]
    if cond.meter in start:  # a shared meter
        return compare(start[cond.meter], cond.value)
    values = [v for key, v in start.items() if key.partition("@")[0] == cond.meter]
    if cond.actor in ("any", None, "self", "target"):
        return any(compare(v, cond.value) for v in values)
    if cond.actor == "all":
        return bool(values) and all(compare(v, cond.value) for v in values)
    value = start.get(meter_key(cond.meter, cond.actor))
    return value is not None and compare(value, cond.value)


def never_comes(cond: Condition, sc: Scenario, moves: dict[str, set[int]]) -> str | None:
    """Why the condition can never hold in play (it does not hold at the start and no effect moves its meter
    the needed way), or None when it might."""
    if cond.meter not in moves or _holds_at_start(cond, sc.starting_meters()):
        return None
    need = {"<": DOWN, "<=": DOWN, ">": UP, ">=": UP}.get(cond.op)
    can = moves[cond.meter]
    if (need is None and can) or (need is not None and need in can):
        return None
    meter = next(m for m in sc.meters if m.id == cond.meter)
    way = {DOWN: "lowers", UP: "raises", None: "changes"}[need]
    return (
        f"no effect {way} meter '{cond.meter}' (it starts at {meter.initial:g}), so "
        f"'{cond.meter} {cond.op} {cond.value:g}' never holds"
    )


@dataclass(frozen=True)
class PossibleEnding:
    """One way a game of this file may end: its name as `simulate` counts it, and why it never can (or None)."""

    name: str
    never: str | None = None


def ending_name(kind: str, ending_id: str | None = None, actor: str | None = None) -> str:
    """The name `simulate` gives an ending: "collapse: fund_out (union)"."""
    text = kind + (f": {ending_id}" if ending_id else "")
    return f"{text} ({actor})" if actor else text


def reachable_endings(sc: Scenario) -> list[PossibleEnding]:
    """The deal, the deadline (or arbitration there) and each early ending, with why one never can happen."""
    rules = sc.rules
    moves = meter_moves(sc)
    found = [PossibleEnding("deal", None if rules.deal_ending else "deal_ending is false")]
    at_deadline = rules.arbitration is not None and rules.arbitration.at_deadline
    found.append(PossibleEnding("arbitration" if at_deadline else "deadline"))
    for ending in rules.endings:
        why = next((w for c in ending.when if (w := never_comes(c, sc, moves)) is not None), None)
        found.append(PossibleEnding(ending_name(ending.kind, ending.id, ending.actor), why))
    found += [PossibleEnding(ending_name("deadline", None, actor)) for actor in _may_refuse_a_ruling(sc)]
    return found


def _may_refuse_a_ruling(sc: Scenario) -> list[str]:
    """The parties that may refuse an arbitrator's ruling because it crosses one of their red lines (the game
    then ends with no agreement, named after them): a party to some issue (a signatory, or an option needs its
    consent) with a red line the ruling may impose: with `rule: package`, one the package names; with `rule:
    midpoint`, any (a midpoint may land there, e.g. when only the other side made offers). Like any package,
    a ruling is refused for a red line on any of its issues."""
    arbitration = sc.rules.arbitration
    if arbitration is None or not (arbitration.at_deadline or any(e.kind == "arbitration" for e in sc.rules.endings)):
        return []
    refusing = []
    for actor in sc.actors:
        prefs = sc.preferences.get(actor.id)
        party = any(actor.id in i.signatories or any(actor.id in o.consent for o in i.options) for i in sc.issues)
        if prefs is None or not party:
            continue
        for issue_id, pref in prefs.issues.items():
            lines = set(pref.red_lines)
            if arbitration.rule == "package":
                lines &= {arbitration.package[issue_id]} if issue_id in arbitration.package else set()
            if lines:
                refusing.append(actor.id)
                break
    return refusing


# --- the warnings -----------------------------------------------------------------------------------------


def _read_meters(sc: Scenario) -> set[str]:
    """Meters some rule reads: a condition, a no-deal driver, a scale or a chance driver."""
    read: set[str] = set()
    for lever in sc.levers:
        read |= {c.meter for c in lever.conditions}
    for event in sc.events:
        read |= {c.meter for c in event.trigger.when} | {s.meter for s in event.trigger.chance_moved_by}
    for ending in sc.rules.endings:
        read |= {c.meter for c in ending.when}
    for prefs in sc.preferences.values():
        read |= {d.meter for d in prefs.reservation.moved_by}
    for effect in _all_effects(sc):
        if effect.scaled_by is not None:
            read.add(effect.scaled_by.meter)
    return read


def _all_effects(sc: Scenario) -> Iterator[Effect]:
    for lever in sc.levers:
        yield from (*lever.costs, *lever.effects, *lever.failure_effects)
    for event in sc.events:
        yield from event.effects
    rules = sc.rules
    yield from (*rules.each_turn, *rules.each_turn_without_progress, *rules.commitments.effects)


def inert_findings(sc: Scenario) -> Iterator[tuple[Path, str]]:
    """Every warning for content that can never change anything, with the data path it is about."""
    moves = meter_moves(sc)
    yield from _unreachable(sc, moves)
    yield from _idle_meters(sc)
    yield from _idle_levers(sc)
    yield from _idle_effects(sc)
    yield from _idle_consent(sc)
    yield from _idle_settlement_triggers(sc)


def _unreachable(sc: Scenario, moves: dict[str, set[int]]) -> Iterator[tuple[Path, str]]:
    for k, ending in enumerate(sc.rules.endings):
        for j, cond in enumerate(ending.when):
            why = never_comes(cond, sc, moves)
            if why:
                yield (
                    ("rules", "endings", k, "when", j),
                    f"this {ending.kind.replace('_', ' ')} ending can never happen: {why}; add an effect that "
                    "moves the meter, or change the condition",
                )
                break
    for n, event in enumerate(sc.events):
        for j, cond in enumerate(event.trigger.when):
            why = never_comes(cond, sc, moves)
            if why:
                yield (("events", n, "trigger", "when", j), f"event '{event.id}' can never fire: {why}")
                break


def _idle_meters(sc: Scenario) -> Iterator[tuple[Path, str]]:
    read = _read_meters(sc)
    for n, meter in enumerate(sc.meters):
        if meter.hidden and meter.id not in read:
            yield (
                ("meters", n, "hidden"),
                f"hidden meter '{meter.id}' is read by no condition, ending, no-deal driver or scale, and players "
                "never see it: changing it does nothing; let a rule read it, or remove it",
            )


def _counts(sc: Scenario, effect: Effect, read: set[str]) -> bool:
    """Whether the effect can touch a score, a no-deal value, the table or a rule that reads a meter."""
    if effect.kind != "meter":
        return True
    meter = next((m for m in sc.meters if m.id == effect.meter), None)
    return meter is None or meter.score_weight > 0 or meter.id in read


def _idle_levers(sc: Scenario) -> Iterator[tuple[Path, str]]:
    read = _read_meters(sc)
    followed = {e.trigger.after_lever for e in sc.events}
    for n, lever in enumerate(sc.levers):
        if lever.id in followed or not usable(sc, lever):
            continue
        table = ("red_line", "remove_option")
        if any(_counts(sc, e, read) and (e.change != 0 or e.kind in table) for e in lever.effects):
            continue
        moved = sorted({e.meter for e in lever.effects if e.kind == "meter" and e.meter})
        what = (
            f"it moves only {', '.join(repr(m) for m in moved)}, which no score_weight, condition, ending, "
            "no-deal driver or scale reads"
            if moved
            else "it has no effects"
        )
        yield (
            ("levers", n, "effects"),
            f"lever '{lever.id}' touches nothing scored when it works: {what}; the computer players have no "
            "reason to use it: give the meter a score_weight, let a rule read it, or add a reservation or "
            "deal_bonus effect",
        )


def _idle_effects(sc: Scenario) -> Iterator[tuple[Path, str]]:
    actors = {a.id: a for a in sc.actors}
    signs = {i.id: set(i.signatories) for i in sc.issues}
    places: list[tuple[Path, list[Effect], str | None, list[str]]] = []
    for n, lever in enumerate(sc.levers):
        for section in ("costs", "effects", "failure_effects"):
            places.append((("levers", n, section), getattr(lever, section), lever.owner, list(lever.targets)))
    for n, event in enumerate(sc.events):
        places.append((("events", n, "effects"), event.effects, event.actor, []))
    for section in ("each_turn", "each_turn_without_progress"):
        places.append((("rules", section), getattr(sc.rules, section), None, []))
    for base, effects, owner, targets in places:
        for k, effect in enumerate(effects):
            path = (*base, k)
            if effect.kind in ("meter", "reservation", "deal_bonus") and effect.change == 0 and not effect.scaled_by:
                yield (path, f"this {effect.kind} effect has change 0, so it changes nothing; remove it or change it")
                continue
            named = _named(effect.who, owner, targets, list(actors))
            if named is None:
                continue
            if effect.kind in ("reservation", "deal_bonus"):
                if named and all(not actors[a].negotiates for a in named if a in actors):
                    yield (
                        (*path, "who"),
                        f"this {effect.kind} effect reaches only {_names(named)}, which does not negotiate and so has "
                        "no no-deal value or deal to change: it does nothing; aim it at a negotiator",
                    )
            elif effect.kind == "red_line" and effect.issue in signs and named and not set(named) & signs[effect.issue]:
                yield (
                    (*path, "who"),
                    f"this red_line effect binds only {_names(named)}, which does not sign issue "
                    f"'{effect.issue}' (signatories: {', '.join(sorted(signs[effect.issue]))}); the engine skips "
                    "it, so it can never matter: bind a signatory",
                )


def _named(who: str | None, owner: str | None, targets: list[str], actors: list[str]) -> list[str] | None:
    """The actors an effect's `who` can reach, or None when it reaches everyone (all, others)."""
    if who in ("all", "others"):
        return None
    if who in (None, "self"):
        return [owner] if owner else None
    if who == "target":
        return targets or None
    return [who] if who in actors else None


def _names(ids: list[str]) -> str:
    return " and ".join(f"'{a}'" for a in ids)


def _idle_consent(sc: Scenario) -> Iterator[tuple[Path, str]]:
    for n, issue in enumerate(sc.issues):
        for j, option in enumerate(issue.options):
            for k, actor in enumerate(option.consent):
                if actor in issue.signatories:
                    yield (
                        ("issues", n, "options", j, "consent", k),
                        f"'{actor}' signs issue '{issue.id}', so it must accept every offer on it anyway: its consent "
                        f"to '{option.id}' never matters; remove it, or name a party that does not sign",
                    )


def _idle_settlement_triggers(sc: Scenario) -> Iterator[tuple[Path, str]]:
    rules = sc.rules
    deal = set(rules.deal_issues) if rules.deal_issues is not None else {i.id for i in sc.issues}
    levers = {lv.id: lv for lv in sc.levers}
    for n, event in enumerate(sc.events):
        trig = event.trigger
        if rules.deal_ending and trig.after_settled and deal <= set(trig.after_settled):
            yield (
                ("events", n, "trigger", "after_settled"),
                f"event '{event.id}' can never fire: it waits for every issue a deal needs to be settled, and that "
                "ends the game first; name an issue outside rules.deal_issues, or set deal_ending: false",
            )
        lever = levers.get(trig.after_lever or "")
        if lever is not None and not usable(sc, lever):
            yield (
                ("events", n, "trigger", "after_lever"),
                f"event '{event.id}' can never fire: lever '{lever.id}' can never be used",
            )
