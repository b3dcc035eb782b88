"""A game in progress as the front end holds it: the scenario file, the engine state, and who is human.

Scenes pass a `Session` along (setup -> briefings -> table); the engine state inside it is immutable, so
a scene that wants to change the game asks the engine for a new state and stores it back here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from negotiator.engine import GameSettings, GameState, new_game
from negotiator.scenario import Scenario


@dataclass
class Session:
    path: Path
    scenario: Scenario
    state: GameState
    seed: int
    humans: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def start(cls, path: Path, scenario: Scenario, seed: int, settings: GameSettings) -> Session:
        humans = tuple(a.id for a in scenario.negotiators if settings.roles.get(a.id) and settings.roles[a.id].human)
        return cls(path, scenario, new_game(scenario, seed, settings), seed, humans)

    @property
    def hotseat(self) -> bool:
        """More than one human shares the screen, so private views need a privacy screen between them."""
        return len(self.humans) > 1

    def player_name(self, actor_id: str) -> str:
        role = self.state.settings.roles.get(actor_id)
        return (role.name if role and role.name else "") or self.scenario.actor(actor_id).short_name
