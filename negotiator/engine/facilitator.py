"""Facilitator actions: a teacher steering a classroom game between or during moves.

They are ordinary actions in the log (actor `facilitator`), so a game with injects replays exactly; they
may come at any moment of a running game, and every one is logged in the `facilitator` phase, marked so.
"""

from __future__ import annotations

from collections.abc import Callable

from negotiator.engine import effects
from negotiator.engine.actions import FACILITATOR, Action, AdjustMeter, InjectEvent, SendBulletin, SetDeadline
from negotiator.engine.core import Core
from negotiator.engine.errors import IllegalActionError, InvalidActionError
from negotiator.engine.turn import fire_event

MAX_BULLETIN = 500
MAX_TURNS = 100


def _ids(items: object) -> str:
    return ", ".join(items)  # type: ignore[call-overload]


def check_inject(core: Core, action: InjectEvent) -> None:
    if action.event not in core.c.events:
        raise InvalidActionError(f"no event '{action.event}'; events: {_ids(core.c.events)}")


def check_adjust(core: Core, action: AdjustMeter) -> None:
    c = core.c
    meter = c.meters.get(action.meter)
    if meter is None:
        raise InvalidActionError(f"no meter '{action.meter}'; meters: {_ids(c.meters)}")
    if meter.scope == "shared" and action.holder is not None:
        raise InvalidActionError(f"'{meter.id}' is shared; do not name an actor")
    holders = [a for a in c.actor_ids if f"{meter.id}@{a}" in c.slot_of]
    if meter.scope == "actor" and action.holder not in holders:
        raise InvalidActionError(f"'{meter.id}' is held by {', '.join(holders)}; name one as {meter.id}@ACTOR")


def check_bulletin(core: Core, action: SendBulletin) -> None:
    if not action.text.strip() or len(action.text) > MAX_BULLETIN:
        raise InvalidActionError(f"a bulletin needs 1 to {MAX_BULLETIN} characters")


def check_deadline(core: Core, action: SetDeadline) -> None:
    if not core.turn <= action.turns <= MAX_TURNS:
        raise IllegalActionError(f"the deadline must be between the current turn ({core.turn}) and {MAX_TURNS}")


def handle_inject(core: Core, action: InjectEvent) -> None:
    fire_event(core, core.c.events[action.event], phase="facilitator", facilitator=True)


def handle_adjust(core: Core, action: AdjustMeter) -> None:
    before, after = effects.add_to_meter(core, action.meter, action.holder, action.change)
    meter = core.c.meters[action.meter]
    whose = f"{core.name(action.holder)} " if action.holder else ""
    text = f"The facilitator sets {whose}{meter.name} from {before:.0f} to {after:.0f}."
    if meter.hidden:  # the log is public, and players never see a bookkeeping meter named
        text = "The facilitator adjusts something the game keeps hidden."
    core.log(
        "facilitator",
        "adjust",
        text,
        None,
        facilitator=True,
    )


def handle_bulletin(core: Core, action: SendBulletin) -> None:
    core.log("facilitator", "bulletin", action.text.strip(), None, facilitator=True)


def handle_deadline(core: Core, action: SetDeadline) -> None:
    verb = "extends" if action.turns > core.turns else "brings forward"
    core.turns = action.turns
    core.log(
        "facilitator",
        "deadline",
        f"The facilitator {verb} the deadline to turn {action.turns}.",
        None,
        facilitator=True,
    )


FACILITATOR_RULES: dict[type[Action], tuple[Callable[[Core, Action], None], Callable[[Core, Action], None]]] = {
    InjectEvent: (check_inject, handle_inject),  # type: ignore[dict-item]
    AdjustMeter: (check_adjust, handle_adjust),  # type: ignore[dict-item]
    SendBulletin: (check_bulletin, handle_bulletin),  # type: ignore[dict-item]
    SetDeadline: (check_deadline, handle_deadline),  # type: ignore[dict-item]
}


def check_facilitator(core: Core, action: Action) -> None:
    if action.actor != FACILITATOR:
        raise IllegalActionError(f"only the facilitator may '{action.verb}'")
