"""The negotiation engine: pure, deterministic, turn-based, and free of pygame.

    state = new_game(scenario, seed=7)
    while not state.is_over():
        actor = state.current_actor
        state = state.apply(choose(view(state, actor)))   # an AI, a terminal prompt or a UI scene
    summary = state.outcome().summary

See docs/architecture.md for the turn phases and the utility model.
"""

from negotiator.engine.actions import (
    FACILITATOR,
    Action,
    AdjustMeter,
    Counter,
    DeclareRedLine,
    EndTurn,
    InjectEvent,
    MakeOffer,
    Respond,
    SendBulletin,
    SetDeadline,
    UseLever,
    action_from_dict,
    parse_action,
)
from negotiator.engine.errors import IllegalActionError, InvalidActionError
from negotiator.engine.offers import Offer
from negotiator.engine.outcome import Outcome, Score
from negotiator.engine.records import LogEntry, TurnRecord
from negotiator.engine.state import GameSettings, GameState, RoleSetting, new_game
from negotiator.engine.view import ActorView, view

__all__ = [
    "FACILITATOR",
    "Action",
    "ActorView",
    "AdjustMeter",
    "Counter",
    "DeclareRedLine",
    "EndTurn",
    "GameSettings",
    "GameState",
    "IllegalActionError",
    "InjectEvent",
    "InvalidActionError",
    "LogEntry",
    "MakeOffer",
    "Offer",
    "Outcome",
    "Respond",
    "RoleSetting",
    "Score",
    "SendBulletin",
    "SetDeadline",
    "TurnRecord",
    "UseLever",
    "action_from_dict",
    "new_game",
    "parse_action",
    "view",
]
