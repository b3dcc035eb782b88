"""The fixed phases of a turn around the actors' moves.

start of turn: events
(moves: each negotiating actor in order; see `negotiator.engine.moves`)
end of turn:   levers -> upkeep -> ratification -> end check -> record
"""

from __future__ import annotations

from collections.abc import Callable

from negotiator.engine import rng
from negotiator.engine.meters import resolve_who
from negotiator.engine.records import TurnRecord
from negotiator.engine.state import Draft, Ending, turn_order
from negotiator.scenario.models import Condition, Event
from negotiator.scenario.text_template import escape, render


def start_turn(draft: Draft) -> None:
    """Phase 1: every event whose trigger holds this turn fires, in scenario order."""
    for event in draft.scenario.events:
        if _event_fires(draft, event):
            fire_event(draft, event)


def fire_event(draft: Draft, event: Event, phase: str = "events", **extra: object) -> None:
    """Apply an event's effects and publish its news (with its quote)."""
    book = draft.book()
    changes: list[str] = []
    for effect in event.effects:
        changes += book.apply(effect)
    draft.fired_events = draft.fired_events | {event.id}
    quote = (
        {"text": event.quote.text, "speaker": event.quote.speaker, "context": event.quote.context}
        if event.quote
        else None
    )
    draft.log(phase, "event", event.news, None, event=event.id, name=event.name, quote=quote, changes=changes, **extra)


def _event_fires(draft: Draft, event: Event) -> bool:
    trigger = event.trigger
    if trigger.once and event.id in draft.fired_events:
        return False
    if trigger.turn is not None and draft.turn != trigger.turn:
        return False
    if draft.turn < trigger.from_turn or (trigger.until_turn is not None and draft.turn > trigger.until_turn):
        return False
    book = draft.book()
    if not all(book.holds(c) for c in trigger.when):
        return False
    return rng.chance(draft.seed, trigger.chance, "event", event.id, draft.turn)


def end_move(draft: Draft) -> None:
    """The mover is done; after the last mover, the end-of-turn phases run."""
    draft.mover_index += 1
    if draft.mover_index >= len(draft.order):
        _resolve_turn(draft)


def _resolve_levers(draft: Draft) -> None:
    """Phase 3: levers chosen during the turn resolve together, each with its own success draw."""
    book = draft.book()
    for index, (lever_id, owner, target) in enumerate(draft.queued_levers):
        lever = draft.scenario.lever(lever_id)
        changes: list[str] = []
        for cost in lever.costs:
            changes += book.apply(cost, owner=owner, target=target)
        success = rng.chance(draft.seed, lever.success_chance, "lever", draft.turn, index, lever_id)
        for effect in lever.effects if success else lever.failure_effects:
            changes += book.apply(effect, owner=owner, target=target)
        template = lever.news if success else (lever.failure_news or f"{escape(lever.name)} by {{owner}} fails.")
        text = render(template, {"owner": draft.name(owner), "target": draft.name(target)})
        draft.log("levers", "lever", text, owner, lever=lever_id, target=target, success=success, changes=changes)
    draft.queued_levers = ()


class _Names(dict[str, str]):
    """format_map mapping that leaves unknown {placeholders} as they are instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _upkeep(draft: Draft) -> None:
    """Phase 4: per-turn effects, drift of no-deal values, and a fresh budget for the next turn."""
    rules = draft.scenario.rules
    book = draft.book()
    changes: list[str] = []
    for effect in rules.each_turn:
        changes += book.apply(effect)
    if not draft.progress:
        for effect in rules.each_turn_without_progress:
            changes += book.apply(effect)
    for actor in draft.reservation_shift:
        drift = draft.scenario.preferences[actor].reservation.drift_per_turn
        draft.reservation_shift[actor] += drift
    if changes:
        note = "" if draft.progress else " No progress this turn."
        draft.log("upkeep", "upkeep", f"Time passes.{note}", None, changes=changes)


def _ratify(draft: Draft) -> None:
    """Phase 5: offers every addressee accepted settle their issues; the first agreed wins a conflict."""
    for offer in draft.offers:
        if offer.status != "agreed":
            continue
        if any(issue_id in draft.settled for issue_id, _ in offer.terms):
            draft.set_offer(offer.with_status("void"))
            draft.log("ratification", "void", f"Offer #{offer.id} is void: an earlier agreement settled its issues.")
            continue
        draft.settled.update(dict(offer.terms))
        draft.set_offer(offer.with_status("settled"))
        draft.progress = True
        names = ", ".join(draft.scenario.issue(i).name for i, _ in offer.terms)
        draft.log(
            "ratification",
            "settled",
            f"Agreement ratified (offer #{offer.id}): {names} settled.",
            None,
            offer_id=offer.id,
        )
    # Offers that name an issue settled since they were made can no longer be accepted as they stand.
    for offer in draft.offers:
        if offer.is_open and any(issue_id in draft.settled for issue_id, _ in offer.terms):
            draft.set_offer(offer.with_status("void"))


def _condition_actors(draft: Draft, condition: Condition) -> list[str | None]:
    meter = draft.scenario.meter(condition.meter)
    if meter.scope == "shared":
        return [None]
    return list(resolve_who(draft.scenario, condition.actor))


def _check_end(draft: Draft) -> Ending | None:
    """Phase 6: a deal, an early ending, or the deadline."""
    rules = draft.scenario.rules
    deal_issues = rules.deal_issues or [i.id for i in draft.scenario.issues]
    if rules.deal_ending and all(i in draft.settled for i in deal_issues):
        return Ending("deal", "All the issues on the table are settled: a deal is signed.", draft.turn)
    book = draft.book()
    for ending in rules.endings:
        if book.holds(ending.when):
            actor = ending.actor
            if actor is None:
                hits = [a for a in _condition_actors(draft, ending.when) if a and _holds_for(draft, ending.when, a)]
                actor = hits[0] if hits else None
            return Ending(ending.kind, ending.text, draft.turn, actor)
    if draft.turn >= draft.turns:
        return Ending("deadline", "The deadline passes without a full agreement; the conflict goes on.", draft.turn)
    return None


def _holds_for(draft: Draft, condition: Condition, actor: str) -> bool:
    return draft.book().holds(condition.model_copy(update={"actor": actor}))


PHASES: tuple[Callable[[Draft], None], ...] = (_resolve_levers, _upkeep, _ratify)


def _resolve_turn(draft: Draft) -> None:
    for phase in PHASES:
        phase(draft)
    draft.ending = _check_end(draft)
    if draft.ending:
        draft.log("end", "ending", draft.ending.text, draft.ending.actor, ending=draft.ending.kind)
    draft.records = (
        *draft.records,
        TurnRecord(
            turn=draft.turn,
            entries=draft.entries,
            meters=dict(draft.meters),
            reservations={a: round(draft.reservation(a), 6) for a in draft.reservation_shift},
        ),
    )
    draft.entries = ()
    if draft.ending:
        return
    draft.turn += 1
    draft.order = turn_order(draft.scenario, draft.turn)
    draft.mover_index = 0
    draft.progress = False
    rules = draft.scenario.rules
    draft.action_points = {a: rules.action_points for a in draft.action_points}
    draft.offers_made = {a: 0 for a in draft.offers_made}
    start_turn(draft)
