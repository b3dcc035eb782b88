"""The fixed phases of a turn around the actors' moves.

start of turn: events -> early-ending check (events that end the talks end them before anyone moves)
(moves: each negotiating actor in order; see `negotiator.engine.moves`)
end of turn:   levers -> upkeep -> ratification -> end check -> record

At the end check a deal ratified that turn stands even if the turn's levers or upkeep also met an early
ending's conditions: the signatures and the pressure land together, and a signed deal ends the game. A
condition met by the events at the start of a turn ends the game at once, so nobody negotiates on past it.

Every phase changes a `Core` copy in place; see `negotiator.engine.state` for how a new state is made.
"""

from __future__ import annotations

from collections.abc import Callable

from negotiator.engine import effects, endings, rng
from negotiator.engine.compiled import EventRule
from negotiator.engine.core import Core, Ending
from negotiator.engine.records import TurnRecord
from negotiator.scenario.models import Condition, Event
from negotiator.scenario.text_template import escape, render


def turn_order(negotiators: tuple[str, ...], turn: int) -> tuple[str, ...]:
    """Negotiating actors in scenario order, rotated by one each turn so nobody always moves first."""
    shift = (turn - 1) % len(negotiators)
    return negotiators[shift:] + negotiators[:shift]


def start_turn(core: Core) -> None:
    """Phase 1: every event whose trigger holds this turn fires, in scenario order; if they bring an early
    ending about, the game ends there (the turn is recorded with the events that ended it)."""
    c = core.c
    for rule in c.events_open_at(core.turn):
        if _event_fires(core, rule):
            fire_event(core, c.events[rule.id])
    ending = _early_ending(core)
    if ending is not None:
        _finish(core, ending)


def fire_event(core: Core, event: Event, phase: str = "events", **extra: object) -> None:
    """Apply an event's effects and publish its news (with its quote), as its actor's doing if it has one."""
    changes = effects.apply_all(core, event.effects, owner=event.actor)
    core.fired_events = core.fired_events | {event.id}
    quote = (
        {"text": event.quote.text, "speaker": event.quote.speaker, "context": event.quote.context}
        if event.quote
        else None
    )
    core.log(
        phase, "event", event.news, event.actor, event=event.id, name=event.name, quote=quote, changes=changes, **extra
    )


def _event_fires(core: Core, rule: EventRule) -> bool:
    if not rule.due(core.turn, core.meters, core.fired_events):
        return False
    if rule.after_settled and not all(i in core.settled for i in rule.after_settled):
        return False
    if rule.after_lever is not None and not _worked_last_turn(core, rule.after_lever):
        return False
    return rng.chance(core.seed, rule.probability(core.meters), "event", rule.id, core.turn)


def _worked_last_turn(core: Core, lever_id: str) -> bool:
    if not core.records:
        return False
    return any(
        e.kind == "lever" and e.data.get("lever") == lever_id and e.data.get("success")
        for e in core.records[-1].entries
    )


def end_move(core: Core) -> None:
    """The mover is done; after the last mover, the end-of-turn phases run."""
    core.mover_index += 1
    if core.mover_index >= len(core.order):
        _resolve_turn(core)


def _resolve_levers(core: Core) -> None:
    """Phase 3: levers chosen during the turn resolve together, each with its own success draw."""
    for index, (lever_id, owner, target) in enumerate(core.queued_levers):
        lever = core.c.levers[lever_id]
        ops = core.c.lever_ops(lever_id, owner, target)
        changes = effects.apply_ops(core, ops.costs)
        success = rng.chance(core.seed, lever.success_chance, "lever", core.turn, index, lever_id)
        changes += effects.apply_ops(core, ops.effects if success else ops.failures)
        template = lever.news if success else (lever.failure_news or f"{escape(lever.name)} by {{owner}} fails.")
        text = render(template, {"owner": core.name(owner), "target": core.name(target)})
        core.log("levers", "lever", text, owner, lever=lever_id, target=target, success=success, changes=changes)
    core.queued_levers = ()


def _upkeep(core: Core) -> None:
    """Phase 4: per-turn effects, drift of no-deal values, and a fresh budget for the next turn."""
    rules = core.c.rules
    changes = effects.apply_all(core, rules.each_turn)
    if not core.progress:
        changes += effects.apply_all(core, rules.each_turn_without_progress)
    reservations = core.c.reservations
    for actor in core.reservation_shift:
        rule = reservations.get(actor)
        if rule is not None:
            core.reservation_shift[actor] += rule.drift
    if changes:
        note = "" if core.progress else " No progress this turn."
        core.log("upkeep", "upkeep", f"Time passes.{note}", None, changes=changes)


def _ratify(core: Core) -> None:
    """Phase 5: offers every addressee accepted settle their issues; the first agreed wins a conflict."""
    c = core.c
    for offer in core.offers:
        if offer.status != "agreed":
            continue
        if any(issue_id in core.settled for issue_id, _ in offer.terms):
            core.set_offer(offer.with_status("void"))
            core.log("ratification", "void", f"Offer #{offer.id} is void: an earlier agreement settled its issues.")
            continue
        core.settled.update(dict(offer.terms))
        core.set_offer(offer.with_status("settled"))
        core.progress = True
        names = ", ".join(c.issues[i].name for i, _ in offer.terms)
        core.log(
            "ratification",
            "settled",
            f"Agreement ratified (offer #{offer.id}): {names} settled.",
            None,
            offer_id=offer.id,
        )
    # Offers that name an issue settled since they were made can no longer be accepted as they stand.
    for offer in core.offers:
        if offer.is_open and any(issue_id in core.settled for issue_id, _ in offer.terms):
            core.set_offer(offer.with_status("void"))


def _check_end(core: Core) -> Ending | None:
    """Phase 6: a deal, an early ending, or the deadline (what each says and imposes: `engine.endings`)."""
    c = core.c
    rules = c.rules
    deal_issues = rules.deal_issues or list(c.issues)
    if rules.deal_ending and all(i in core.settled for i in deal_issues):
        return endings.deal_ending(core)
    early = _early_ending(core)
    if early is not None:
        return early
    if core.turn >= core.turns:
        return endings.deadline_ending(core)
    return None


def _early_ending(core: Core) -> Ending | None:
    """The first early ending whose conditions hold at the current meters, if any."""
    c = core.c
    for ending in c.ending_tests:  # the same resolved tests the AI's look-ahead reads
        if ending.holds(core.meters):
            actor = ending.actor
            if actor is None:
                actor = _first_actor_meeting(core, c.rules.endings[ending.index].when)
            return endings.early_ending(core, ending.index, actor)
    return None


def _first_actor_meeting(core: Core, conditions: list[Condition]) -> str | None:
    """For an ending on a per-actor meter without a named actor: the first actor whose own value meets its
    first per-actor condition."""
    c = core.c
    for condition in conditions:
        meter = c.meters[condition.meter]
        if meter.scope == "shared":
            continue
        test = c.test(condition)
        for actor in c.who(condition.actor, None, None):
            slot = c.slot_of.get(f"{meter.id}@{actor}")
            if slot is not None and test.compare(core.meters[slot], test.value):
                return actor
        return None
    return None


PHASES: tuple[Callable[[Core], None], ...] = (_resolve_levers, _upkeep, _ratify)


def _finish(core: Core, ending: Ending) -> None:
    """End the game: log the ending and what an arbitrator imposes, and record the turn."""
    core.ending = ending
    core.log("end", "ending", ending.text, ending.actor, ending=ending.kind)
    if ending.imposed:
        core.settled.update(dict(ending.imposed))
        c = core.c
        ruled = "; ".join(f"{c.issues[i].name}: {c.option_labels[i, o]}" for i, o in ending.imposed)
        core.log("end", "arbitration", f"The arbitrator rules: {ruled}.", None, terms=dict(ending.imposed))
    _record_turn(core)


def _record_turn(core: Core) -> None:
    core.records = (
        *core.records,
        TurnRecord(
            turn=core.turn,
            entries=core.entries,
            meters=core.meters_dict(),
            reservations={a: round(core.reservation(a), 6) for a in core.reservation_shift},
        ),
    )
    core.entries = ()


def _resolve_turn(core: Core) -> None:
    for phase in PHASES:
        phase(core)
    ending = _check_end(core)
    if ending is not None:
        _finish(core, ending)
        return
    _record_turn(core)
    core.turn += 1
    core.order = turn_order(core.c.negotiators, core.turn)
    core.mover_index = 0
    core.progress = False
    rules = core.c.rules
    core.action_points = {a: rules.action_points for a in core.action_points}
    core.offers_made = {a: 0 for a in core.offers_made}
    start_turn(core)
