"""Where a loaded game goes on screen, and how a branch is made from a saved one.

Written once so the title's Continue, the load dialog and the replay viewer agree: a finished game opens its
debrief, a running one the table. With several humans the table opens with no seat taken (nothing private on
screen) and hands over through the privacy screen before the first player's view is shown.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
from collections.abc import Iterable
from pathlib import Path

from negotiator.engine import GameSettings, GameState, new_game, saves
from negotiator.engine.branching import rewind
from negotiator.engine.saves import LoadedGame, load_game
from negotiator.i18n import t
from negotiator.ui.app import App
from negotiator.ui.flow import start_table
from negotiator.ui.session import GameSession

log = logging.getLogger("negotiator.ui")


def resume_game(app: App, session: GameSession) -> None:
    """Open a loaded (or branched) game: the debrief if it is over, else the table."""
    if session.state.is_over():
        try:
            module = importlib.import_module("negotiator.ui.scenes.debrief")
        except ModuleNotFoundError:
            module = None
        if module is not None and hasattr(module, "DebriefScene"):
            while len(app.stack) > 1:
                app.pop()
            app.push(module.DebriefScene(app, session))
            return
    start_table(app, session)


def load_for_ui(path: object) -> LoadedGame:
    """`load_game` with the built-in and the player's scenarios as places to find the scenario file."""
    from negotiator.resources import builtin_scenarios
    from negotiator.ui.catalogue import user_scenario_files

    return load_game(path, None, [*builtin_scenarios(), *user_scenario_files()])  # type: ignore[arg-type]


def seats_settings(settings: GameSettings, humans: Iterable[str]) -> GameSettings:
    """The same settings with other seats taken by people (the engine reads none of this; saves keep it)."""
    chosen = set(humans)
    roles = {
        actor: dataclasses.replace(role, human=actor in chosen, name=role.name if actor in chosen else "")
        for actor, role in settings.roles.items()
    }
    return GameSettings(roles=roles, turns=settings.turns)


def branch_state(state: GameState, turn: int, humans: Iterable[str] | None = None) -> GameState:
    """The game rewound to the start of `turn`, optionally with new seats. Raises IllegalActionError."""
    branch = rewind(state, turn)
    if humans is None:
        return branch
    replayed = new_game(state.scenario, state.seed, seats_settings(state.settings, humans))
    for action in branch.actions:
        replayed = replayed.apply(action)
    return replayed


def branch_session(loaded: LoadedGame, turn: int, humans: Iterable[str] | None = None) -> GameSession:
    """A new game from the start of `turn` of a saved one, autosaved at once under a new name.

    The original file is only ever read: the branch lives in memory and in its own autosaves.
    """
    state = branch_state(loaded.state, turn, humans)
    session = GameSession.from_loaded(dataclasses.replace(loaded, state=state))  # the save's PIN and timer
    session.branch_of, session.branch_turn = saves.branch_origin(loaded.save.path), turn
    try:
        session.autosave()
    except OSError as exc:  # playing on matters more than the first autosave; the next turn tries again
        log.warning("could not autosave the branch: %s", exc)
    return session


def branch_live_session(session: GameSession, turn: int, humans: Iterable[str] | None = None) -> GameSession:
    """A branch of a game still in memory (the end screen's "play on from turn N"), autosaved at once, with the
    teacher's PIN and timer of the game it came from."""
    state = branch_state(session.state, turn, humans)
    branch = GameSession.for_state(
        session.scenario, session.scenario_path, session.scenario_hash, state, autosaved=True
    )
    old = session.facilitation
    branch.facilitation = dataclasses.replace(old, paused=False, remaining=None, move=None)
    origin = saves.branch_origin(session.library_path) if session.library_path is not None else "the game just played"
    branch.branch_of, branch.branch_turn = origin, turn
    try:
        branch.autosave()
    except OSError as exc:
        log.warning("could not autosave the branch: %s", exc)
    return branch


def open_live_branch(app: App, session: GameSession, turn: int, humans: Iterable[str] | None = None) -> GameSession:
    """From the end screen: play on from the start of `turn`; the finished game stays in the library as it was."""
    kept = t("resume.kept_finished")
    try:
        if session.autosaves:
            session.keep_finished()
    except OSError as exc:
        log.warning("could not keep the finished game: %s", exc)
        kept = t("resume.not_kept", error=exc)
    branch = branch_live_session(session, turn, humans)
    resume_game(app, branch)
    app.show_message(t("resume.title", turn=turn), t("resume.live", turn=turn, kept=kept))
    return branch


def keep_original(save_path: str | Path) -> Path | None:
    """`saves.keep_original`, logging instead of failing: a branch still starts if the copy cannot be made."""
    try:
        return saves.keep_original(save_path)
    except OSError as exc:
        log.warning("could not keep a copy of %s: %s", save_path, exc)
        return None


def open_branch(app: App, loaded: LoadedGame, turn: int, humans: Iterable[str] | None = None) -> GameSession:
    """Branch and go to the table, with a note saying what happened to the original."""
    kept = keep_original(loaded.save.path)
    session = branch_session(loaded, turn, humans)
    resume_game(app, session)
    original = t("resume.original_kept", name=kept.name, folder=kept.parent) if kept else t("resume.original_same")
    name = Path(loaded.save.path).name
    app.show_message(t("resume.title", turn=turn), t("resume.saved", name=name, turn=turn, kept=original))
    return session
