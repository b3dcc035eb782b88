"""Facilitator actions: a teacher steering a classroom game between or during moves.

They are ordinary actions in the log (actor `facilitator`), so a game with injects replays exactly; they
may come at any moment of a running game, and every one is logged in the `facilitator` phase, marked so.
"""

from __future__ import annotations

from collections.abc import Callable

from negotiator.engine.actions import FACILITATOR, Action, AdjustMeter, InjectEvent, SendBulletin, SetDeadline
from negotiator.engine.errors import IllegalActionError, InvalidActionError
from negotiator.engine.state import Draft, GameState

MAX_BULLETIN = 500
MAX_TURNS = 100


def _ids(items: list) -> str:  # type: ignore[type-arg]
    return ", ".join(i.id for i in items)


def check_inject(state: GameState, action: InjectEvent) -> None:
    if action.event not in {e.id for e in state.scenario.events}:
        raise InvalidActionError(f"no event '{action.event}'; events: {_ids(state.scenario.events)}")


def check_adjust(state: GameState, action: AdjustMeter) -> None:
    meters = {m.id: m for m in state.scenario.meters}
    meter = meters.get(action.meter)
    if meter is None:
        raise InvalidActionError(f"no meter '{action.meter}'; meters: {_ids(state.scenario.meters)}")
    if meter.scope == "shared" and action.holder is not None:
        raise InvalidActionError(f"'{meter.id}' is shared; do not name an actor")
    holders = state.scenario.holders(meter.id)
    if meter.scope == "actor" and action.holder not in holders:
        raise InvalidActionError(f"'{meter.id}' is held by {', '.join(holders)}; name one as {meter.id}@ACTOR")


def check_bulletin(state: GameState, action: SendBulletin) -> None:
    if not action.text.strip() or len(action.text) > MAX_BULLETIN:
        raise InvalidActionError(f"a bulletin needs 1 to {MAX_BULLETIN} characters")


def check_deadline(state: GameState, action: SetDeadline) -> None:
    if not state.turn <= action.turns <= MAX_TURNS:
        raise IllegalActionError(f"the deadline must be between the current turn ({state.turn}) and {MAX_TURNS}")


def handle_inject(draft: Draft, action: InjectEvent) -> None:
    from negotiator.engine.turn import fire_event

    event = next(e for e in draft.scenario.events if e.id == action.event)
    fire_event(draft, event, phase="facilitator", facilitator=True)


def handle_adjust(draft: Draft, action: AdjustMeter) -> None:
    before, after = draft.book().add(action.meter, action.holder, action.change)
    meter = draft.scenario.meter(action.meter)
    whose = f"{draft.name(action.holder)} " if action.holder else ""
    draft.log(
        "facilitator",
        "adjust",
        f"The facilitator sets {whose}{meter.name} from {before:.0f} to {after:.0f}.",
        None,
        facilitator=True,
    )


def handle_bulletin(draft: Draft, action: SendBulletin) -> None:
    draft.log("facilitator", "bulletin", action.text.strip(), None, facilitator=True)


def handle_deadline(draft: Draft, action: SetDeadline) -> None:
    verb = "extends" if action.turns > draft.turns else "brings forward"
    draft.turns = action.turns
    draft.log(
        "facilitator",
        "deadline",
        f"The facilitator {verb} the deadline to turn {action.turns}.",
        None,
        facilitator=True,
    )


FACILITATOR_RULES: dict[type[Action], tuple[Callable[[GameState, Action], None], Callable[[Draft, Action], None]]] = {
    InjectEvent: (check_inject, handle_inject),  # type: ignore[dict-item]
    AdjustMeter: (check_adjust, handle_adjust),  # type: ignore[dict-item]
    SendBulletin: (check_bulletin, handle_bulletin),  # type: ignore[dict-item]
    SetDeadline: (check_deadline, handle_deadline),  # type: ignore[dict-item]
}


def check_facilitator(state: GameState, action: Action) -> None:
    if action.actor != FACILITATOR:
        raise IllegalActionError(f"only the facilitator may '{action.verb}'")
