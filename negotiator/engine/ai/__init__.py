"""AI negotiators. `make_ai(scenario, actor)` builds one from the scenario's defaults or the player's choice.

Built in the shape of Baarslag's BOA framework, one module per part, each swappable by difficulty:
`bidding` (how much to ask for, and which package over which issues), `negotiator.engine.beliefs` (the opponent
model), `acceptance` (which offers to take), and `levers` (which pressure to apply, by look-ahead on the game's
own rules in `world`). `context` is what one decision starts from, `space` the outcome space as numpy arrays,
`personality` the parameter tables, `negotiator` the order of a move.
"""

from __future__ import annotations

from negotiator.engine.ai.negotiator import AINegotiator
from negotiator.engine.ai.personality import DIFFICULTIES, PERSONALITIES
from negotiator.engine.errors import InvalidActionError
from negotiator.scenario.models import Scenario

__all__ = ["DIFFICULTIES", "PERSONALITIES", "AINegotiator", "make_ai"]


def make_ai(
    scenario: Scenario,
    actor: str,
    personality: str | None = None,
    difficulty: str | None = None,
    seed: int = 0,
) -> AINegotiator:
    """An AI for `actor`; unknown names raise InvalidActionError listing the valid ones."""
    defaults = scenario.actor(actor).ai
    p_name = personality or defaults.personality
    d_name = difficulty or defaults.difficulty
    if p_name not in PERSONALITIES:
        raise InvalidActionError(f"unknown personality '{p_name}'; choose from {', '.join(PERSONALITIES)}")
    if d_name not in DIFFICULTIES:
        raise InvalidActionError(f"unknown difficulty '{d_name}'; choose from {', '.join(DIFFICULTIES)}")
    return AINegotiator(actor, PERSONALITIES[p_name], DIFFICULTIES[d_name], seed)
