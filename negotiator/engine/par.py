"""Par: how each role does when the computer plays every seat, so a player is judged against the same role.

Roles are not comparable with each other: a scenario can give one side a much harder position by design (the
built-in one does). A score means something only next to what that same role usually gets, so every role has
a *par*: the distribution of its scores over AI-vs-AI games of the same scenario and deadline, each game on a
fixed seed, so a par is a pure function of the scenario and settings. It is computed on first use (a few
seconds), kept in memory, and cached on disk by the front ends (`par_for(..., cache_dir=...)`), never written
into the scenario or the code.

`standing(actor, score)` is the share of computer-played games of that role the score beats (ties count half):
"better than 72% of games with the computer as Moscow".
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from negotiator.scenario.models import Scenario

PAR_GAMES = 200
PAR_SEED = 900_001
# Bump when the rules or the AI change what computer-played games look like: cached pars are then recomputed.
PAR_VERSION = 3  # 2: the hard AI of 2026-12-03; 3: scores count from the starting no-deal value the seat sees
MAX_CACHE_BYTES = 1_000_000


@dataclass(frozen=True)
class Par:
    scenario_id: str
    fingerprint: str
    turns: int
    games: int
    scores: dict[str, tuple[float, ...]]  # per role, sorted ascending

    def standing(self, actor: str, score: float) -> float | None:
        """Share of the role's computer-played games that `score` beats, ties counting half; None if unknown."""
        values = self.scores.get(actor)
        if not values:
            return None
        below = bisect.bisect_left(values, score - 1e-9)
        above = bisect.bisect_right(values, score + 1e-9)
        return (below + 0.5 * (above - below)) / len(values)

    def median(self, actor: str) -> float | None:
        values = self.scores.get(actor)
        if not values:
            return None
        n = len(values)
        return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2

    def to_dict(self) -> dict[str, Any]:
        return {
            "par_version": PAR_VERSION,
            "scenario": self.scenario_id,
            "fingerprint": self.fingerprint,
            "turns": self.turns,
            "games": self.games,
            "scores": {a: list(v) for a, v in self.scores.items()},
        }

    @classmethod
    def from_dict(cls, data: Any) -> Par:
        """Rebuild from `to_dict`; ValueError for anything that is not a par of this version."""
        if not isinstance(data, dict) or data.get("par_version") != PAR_VERSION:
            raise ValueError("not a par of this version")
        try:
            scores = {
                str(a): tuple(sorted(float(x) for x in v))
                for a, v in dict(data["scores"]).items()
                if isinstance(v, list) and all(isinstance(x, int | float) and not isinstance(x, bool) for x in v)
            }
            return cls(str(data["scenario"]), str(data["fingerprint"]), int(data["turns"]), int(data["games"]), scores)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"damaged par ({exc})") from None


def fingerprint(scenario: Scenario) -> str:
    """A digest of everything in the scenario (two files that differ anywhere get different pars)."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def compute_par(scenario: Scenario, turns: int | None = None, games: int = PAR_GAMES) -> Par:
    """Play `games` AI-vs-AI games at the scenario's default AIs (seeds from PAR_SEED) and collect each role's
    scores."""
    from negotiator.engine.players import play_ai_game, role_settings
    from negotiator.engine.state import GameSettings

    settings = GameSettings(roles=role_settings(scenario), turns=turns)
    scores: dict[str, list[float]] = {a.id: [] for a in scenario.negotiators}
    for index in range(games):
        outcome = play_ai_game(scenario, PAR_SEED + index, settings=settings).outcome()
        assert outcome is not None
        for actor, score in outcome.scores.items():
            scores[actor].append(score.total)
    return Par(
        scenario.metadata.id,
        fingerprint(scenario),
        turns or scenario.rules.turns,
        games,
        {a: tuple(sorted(v)) for a, v in scores.items()},
    )


_MEMORY: dict[tuple[str, int, int], Par] = {}


def default_games() -> int:
    """PAR_GAMES, or NEGOTIATOR_PAR_GAMES (tests use fewer games)."""
    try:
        return max(10, min(5000, int(os.environ.get("NEGOTIATOR_PAR_GAMES", PAR_GAMES))))
    except ValueError:
        return PAR_GAMES


def par_for(
    scenario: Scenario,
    turns: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    games: int | None = None,
) -> Par:
    """The scenario's par for this deadline: from memory, else from `cache_dir`, else computed (and cached)."""
    games = default_games() if games is None else games
    deadline = turns or scenario.rules.turns
    key = (fingerprint(scenario), deadline, games)
    found = _MEMORY.get(key)
    if found is not None:
        return found
    path = None if cache_dir is None else Path(cache_dir) / f"par-{key[0]}-{deadline}-{games}-v{PAR_VERSION}.json"
    if path is not None:
        found = _read(path, key[0])
    if found is None:
        found = compute_par(scenario, turns, games)
        if path is not None:
            _write(path, found)
    _MEMORY[key] = found
    return found


def _read(path: Path, expected: str) -> Par | None:
    """A cached par, or None if there is none or it is unusable (then it is simply recomputed)."""
    from negotiator import files

    if not path.exists():
        return None
    try:
        par = Par.from_dict(files.load_json(files.read_regular(path, MAX_CACHE_BYTES, "par cache"), path, "par cache"))
    except (files.FileReadError, OSError, ValueError, RecursionError):
        return None
    return par if par.fingerprint == expected else None


def _write(path: Path, par: Par) -> None:
    """Best effort: a cache that cannot be written is only a cache."""
    from negotiator import files

    try:
        files.atomic_write(path, json.dumps(par.to_dict(), separators=(",", ":")))
    except OSError:
        return


def standing_text(par: Par | None, actor: str, name: str, score: float) -> str:
    """ "Better than 72% of games with the computer as Moscow" (or an empty string without a par). Not "of
    computer-played Moscows": an actor's name is not always a noun that takes an English plural ("Authoritys")."""
    share = None if par is None else par.standing(actor, score)
    if share is None:
        return ""
    return f"better than {round(share * 100):d}% of games with the computer as {name}"
