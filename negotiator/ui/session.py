"""A game in progress as the front end holds it: scenario file, engine state, who sits where, and saving.

Scenes pass one `GameSession` along (setup -> briefings -> table -> debrief). It is free of pygame so
scenes stay thin and tests can drive a session directly. Scenes call `act` for a human's action and
`step_ai` once per frame (one AI action per call keeps every frame short; an AI decision takes well under a
millisecond). The engine state inside is immutable: the session only swaps it for the next one, and the
engine stays the only place where rules live.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from negotiator import i18n
from negotiator.engine import Action, ActorView, EndTurn, GameSettings, GameState, heap, new_game, view
from negotiator.engine.actions import NOTE_MAX_CHARS
from negotiator.engine.par import Par
from negotiator.engine.players import AISpec, Controller, make_ais, role_settings
from negotiator.engine.saves import Classroom, LoadedGame, autosave, keep_finished, write_save
from negotiator.scenario import scenario_content_hash
from negotiator.scenario.models import Scenario
from negotiator.scenario.textrules import clean_typed
from negotiator.ui.facilitation import TIME_RAN_OUT, Facilitation, Move
from negotiator.ui.tutorial import TutorialProgress

log = logging.getLogger("negotiator.ui")
#: The longest note a team may give with a move.
MAX_NOTE = NOTE_MAX_CHARS


@dataclass
class GameSession:
    scenario: Scenario
    scenario_path: Path
    scenario_hash: str
    state: GameState
    humans: tuple[str, ...]
    ais: dict[str, Controller] = field(default_factory=dict)
    last_autosave_turn: int = 0
    #: Why the last autosave failed (one line), until the table has shown it; "" when it worked.
    autosave_error: str = ""
    #: Demo games and throwaway sessions keep out of the player's autosaves (Continue would resume them).
    autosaves: bool = True
    #: The teacher's PIN, pause and move timer (not game actions; the PIN's hash and the timer travel with saves,
    #: so Continue, Load and a branch keep them). The timer is off unless chosen at setup (which offers the
    #: scenario's suggestion), in the facilitator panel, or carried by the save: a player who starts from the
    #: command line is never surprised by a clock.
    facilitation: Facilitation = field(default=None)  # type: ignore[assignment]
    #: For a branch: the file name of the game it was branched from and the turn it restarted at (saved with it,
    #: so the load dialog marks it as a branch).
    branch_of: str = ""
    branch_turn: int | None = None
    #: An AI finishing one human move whose time ran out: (turn, actor) and the AI.
    stand_in: tuple[Move, Controller] | None = None
    #: Each team's note for its next move (the reason it gives, typed in the note dialog), by seat. `act` attaches
    #: it to that team's next action, which saves and reports it, and then forgets it; a timeout drops it.
    notes: dict[str, str] = field(default_factory=dict)
    #: Where the finished game is kept in the library, once it is over and kept.
    library_path: Path | None = None

    #: The guided tutorial's progress, when the scenario has one and one person plays (not saved: a lesson
    #: aid, not part of the game). Scenes show its card and report the screens it waits for.
    tutorial: TutorialProgress | None = None

    #: The par of this scenario and deadline (how the computer does in each role), computed in the background.
    par_job: ParJob | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.facilitation is None:
            self.facilitation = Facilitation.for_scenario(self.scenario)
            self.facilitation.set_timer(None)
        if self.tutorial is None:
            self.tutorial = TutorialProgress.for_game(self.scenario, self.humans)

    def par(self) -> Par | None:
        """The par once it is ready; the first call starts computing it (a few seconds, then cached on disk)."""
        if self.par_job is None:
            self.par_job = ParJob.start(self.scenario, self.state.settings.turns)
        return self.par_job.result()

    # --- building ---------------------------------------------------------------------------------
    @classmethod
    def for_state(
        cls, scenario: Scenario, path: Path, scenario_hash: str, state: GameState, *, autosaved: bool = False
    ) -> GameSession:
        """A session around any state (new, loaded or branched): who is human and how each AI plays come
        from the roles recorded in its settings. `autosaved`: this turn is already on disk."""
        roles = state.settings.roles
        humans = tuple(a.id for a in scenario.negotiators if a.id in roles and roles[a.id].human)
        specs = {a: AISpec(r.personality, r.difficulty) for a, r in roles.items() if not r.human}
        session = cls(
            scenario=scenario,
            scenario_path=Path(path),
            scenario_hash=scenario_hash,
            state=state,
            humans=humans,
            ais=make_ais(scenario, state.seed, specs, humans),
            last_autosave_turn=state.turn if autosaved else 0,
        )
        if autosaved and session.tutorial is not None:
            session.tutorial.note("brief_read")  # a resumed or branched game opens on the table: brief read before
        return session

    @classmethod
    def start(cls, path: Path, scenario: Scenario, seed: int, settings: GameSettings) -> GameSession:
        """A new game from setup's choices: `settings.roles` says who is human and how each AI plays."""
        state = new_game(scenario, seed, settings)
        session = cls.for_state(scenario, Path(path), scenario_content_hash(Path(path)), state)
        heap.settle()  # loading done: no long GC pause during the game
        return session

    @classmethod
    def quick(
        cls,
        path: Path,
        scenario: Scenario,
        seed: int,
        humans: tuple[str, ...],
        ai_specs: Mapping[str, AISpec] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> GameSession:
        """A new game without a setup screen (command-line roles, demo mode, tests)."""
        settings = GameSettings(roles=role_settings(scenario, ai_specs, humans, names))
        return cls.start(path, scenario, seed, settings)

    @classmethod
    def from_loaded(cls, loaded: LoadedGame) -> GameSession:
        """A loaded game, with the PIN and timer its save carried and, for a branch, what it was branched from."""
        session = cls.for_state(
            loaded.scenario, loaded.scenario_path, loaded.scenario_hash, loaded.state, autosaved=True
        )
        saved = loaded.save.classroom
        session.facilitation = Facilitation.from_saved(saved)
        session.branch_of, session.branch_turn = saved.branch_of, saved.branch_turn
        return session

    def classroom(self) -> Classroom:
        """What this session's saves carry besides the game (`saves.Classroom`)."""
        return self.facilitation.saved(self.branch_of, self.branch_turn)

    # --- who is who -------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.scenario_path

    @property
    def seed(self) -> int:
        return self.state.seed

    @property
    def hotseat(self) -> bool:
        """More than one human shares the screen, so private views need a privacy screen between them."""
        return len(self.humans) > 1

    def language_of(self, actor_id: str | None) -> str | None:
        """The language the human playing `actor_id` chose at setup (None: the window's)."""
        role = self.state.settings.roles.get(actor_id or "")
        return role.language if role is not None and role.human else None

    def shared_language(self) -> str | None:
        """The language of screens every player reads (the turn summary, the debrief): a lone human's own,
        the window's when several share it."""
        return self.language_of(self.humans[0]) if len(self.humans) == 1 else None

    def player_name(self, actor_id: str) -> str:
        """The human's name if one was given, else the role's short name (in the language shown)."""
        role = self.state.settings.roles.get(actor_id)
        return (role.name if role and role.name else "") or self._shown_short(actor_id)

    def _shown_short(self, actor_id: str) -> str:
        return self.scenario.translated(i18n.current()).actor(actor_id).short_name

    def display_name(self, actor_id: str) -> str:
        """`Short (Player name)` for humans with names, else the short name."""
        short = self._shown_short(actor_id)
        name = self.player_name(actor_id)
        return short if name == short else f"{short} ({name})"

    # --- playing ----------------------------------------------------------------------------------
    @property
    def human_to_move(self) -> str | None:
        """The human whose move it is, unless the computer is finishing that move after a timeout."""
        actor = self.state.current_actor
        if actor not in self.humans or self.stand_in_for == actor:
            return None
        return actor

    @property
    def current_move(self) -> Move | None:
        actor = self.state.current_actor
        return (self.state.turn, actor) if actor is not None else None

    @property
    def stand_in_for(self) -> str | None:
        """The human whose timed-out move the computer is finishing now, if any."""
        if self.stand_in is None or self.stand_in[0] != self.current_move:
            return None
        return self.stand_in[0][1]

    def view_for(self, actor: str) -> ActorView:
        return view(self.state, actor)

    def act(self, action: Action) -> GameState:
        """Apply a human's (or the facilitator's) action; errors leave the state unchanged (and a team's note
        waiting for its next move)."""
        note = self.notes.get(action.actor, "") if action.actor in self.humans else ""
        if note and not action.reason:
            action = dataclasses.replace(action, reason=note)
        self.state = self.state.apply(action)
        if note and action.reason == note:
            del self.notes[action.actor]
        self._autosave_on_new_turn()
        return self.state

    def set_note(self, seat: str, text: str) -> str:
        """Keep `text` as the team's reason for its next move (the forbidden characters dropped, at most
        `MAX_NOTE` characters); an empty text clears it. Returns what was kept."""
        kept = " ".join(clean_typed(text, line=True).split())[:MAX_NOTE]
        if kept:
            self.notes[seat] = kept
        else:
            self.notes.pop(seat, None)
        return kept

    def step_ai(self) -> Action | None:
        """One AI action if an AI is to move (or finishes a timed-out move); None when a human must act."""
        actor = self.state.current_actor
        if actor is None:
            return None
        if self.stand_in_for == actor:
            assert self.stand_in is not None
            action = self.stand_in[1].decide(view(self.state, actor))
            why = f"{TIME_RAN_OUT}; the computer moved for this side" + (f": {action.reason}" if action.reason else ".")
            action = dataclasses.replace(action, reason=why)
        elif actor in self.humans:
            return None
        else:
            action = self.ais[actor].decide(view(self.state, actor))
        self.state = self.state.apply(action)
        if self.stand_in_for is None:
            self.stand_in = None
        self._autosave_on_new_turn()
        return action

    def time_out(self, actor: str, mode: str) -> Action | None:
        """The move timer ran out for `actor`: end its move (`pass`), or let an AI finish it (`ai`).

        Both come out as ordinary actions of that actor in the log, so a timed game replays exactly.
        Returns the EndTurn applied for `pass`; None when the AI takes over (`step_ai` then moves for it).
        """
        if self.state.current_actor != actor or self.state.is_over():
            return None
        self.notes.pop(actor, None)  # the team's note was for a move it made itself
        if mode == "ai":
            from negotiator.engine.ai import make_ai

            move = self.current_move
            assert move is not None
            self.stand_in = (move, make_ai(self.scenario, actor, seed=self.seed))
            return None
        action = EndTurn(actor, reason=TIME_RAN_OUT)
        self.act(action)
        return action

    # --- saving -----------------------------------------------------------------------------------
    def _autosave_on_new_turn(self) -> None:
        """Autosave when a turn has ended. A failure (a full disk, a folder gone read-only) must not stop
        the game: it is logged and kept in `autosave_error` for the table to tell the player once."""
        if self.state.turn != self.last_autosave_turn or self.state.is_over():
            try:
                self.autosave()
            except OSError as exc:
                log.warning("autosave failed: %s", exc)
                self.autosave_error = str(exc)

    def autosave(self) -> Path | None:
        """Autosave into the user's autosaves; None when this session does not autosave. A finished game is
        also kept in the library (`keep_finished`), where the autosave rotation cannot reach it."""
        self.last_autosave_turn = self.state.turn
        if not self.autosaves:
            return None
        path = autosave(self.state, self.scenario_hash, self.scenario_path, self.classroom())
        if self.state.is_over():
            self.keep_finished()
        return path

    def keep_finished(self) -> Path | None:
        """The finished game's file in the library (written once per game); None while it is not over."""
        if self.library_path is None or not self.library_path.exists():
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M")
            self.library_path = keep_finished(
                self.state, self.scenario_hash, self.scenario_path, stamp, self.classroom()
            )
        return self.library_path

    def save(self, path: Path) -> Path:
        return write_save(path, self.state, self.scenario_hash, self.scenario_path, self.classroom())


# The setup and briefing scenes call it Session.
Session = GameSession


@dataclass
class ParJob:
    """Computing a par in a background thread, so the end screen never waits for it."""

    thread: threading.Thread
    box: list[Par | None]

    @classmethod
    def start(cls, scenario: Scenario, turns: int | None) -> ParJob:
        from negotiator import paths
        from negotiator.engine.par import par_for

        box: list[Par | None] = [None]

        def work() -> None:
            try:
                box[0] = par_for(scenario, turns, cache_dir=paths.cache_dir())
            except Exception:
                box[0] = None

        thread = threading.Thread(target=work, name="par", daemon=True)
        thread.start()
        return cls(thread, box)

    def result(self) -> Par | None:
        return self.box[0] if not self.thread.is_alive() else None
