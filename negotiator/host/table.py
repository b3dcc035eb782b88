"""One table of a class: a game, who holds each seat, and the AI that plays the seats nobody is playing.

The table is the only place its game changes: a seat's action is checked (its own seat, the state it saw,
the engine's rules), stored, and only then becomes the table's state, so what the store holds is always
exactly what the players were told. The AI plays a seat that is free once the table has started, and a
claimed seat whose students have all been away longer than the grace period, until one of them returns.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from negotiator.engine.actions import Action, EndTurn
from negotiator.engine.errors import IllegalActionError
from negotiator.engine.players import MAX_ACTIONS_PER_TURN, Controller, make_ais
from negotiator.engine.saves import action_document
from negotiator.engine.state import GameState, new_game
from negotiator.engine.view import view
from negotiator.host.store import SeatRecord, Store
from negotiator.ui.facilitation import TIME_RAN_OUT  # pygame-free: the words the window's own timer logs

NAMES_MAX = 120  # characters of a team's names shown together
BRIEF_SECONDS = 300.0  # the longest the move timer waits for a seat's student to close the brief (`Table.reading`)


class SeatError(Exception):
    """An action refused before the rules are asked: `code` (see `messages.Error`) and a sentence."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Seat:
    """A playable role at the table. `token_hash` is None while the seat is free."""

    actor: str
    token_hash: str | None = None
    name: str = ""
    connections: int = 0
    away_since: float | None = None  # when its last connection closed (the host's clock)
    team: list[tuple[str, str]] = field(default_factory=list)  # a team's further students: (token hash, name)
    briefed: bool = False  # whether a student of the seat has read its brief (`messages.Briefed`)
    claimed_at: float = 0.0  # when the seat was taken (the host's clock)

    def token_hashes(self) -> list[str]:
        return ([self.token_hash] if self.token_hash else []) + [h for h, _ in self.team]

    @property
    def names(self) -> str:
        """Who sits here, as the teacher's screen and the debrief name them: "Ana + Ben" for a team (at most
        NAMES_MAX characters: "Ana + Ben + 3 more")."""
        everyone = [n for n in (self.name, *(n for _, n in self.team)) if n]
        shown: list[str] = []
        for n, name in enumerate(everyone):
            rest = len(everyone) - n - 1
            if len(" + ".join([*shown, name])) + (len(f" + {rest} more") if rest else 0) > NAMES_MAX:
                return " + ".join([*shown, f"{len(everyone) - n} more"])
            shown.append(name)
        return " + ".join(shown)


class Table:
    """A game in progress at one table (see the module docstring)."""

    def __init__(
        self,
        number: int,
        state: GameState,
        store: Store,
        *,
        started: bool = False,
        claims: tuple[SeatRecord, ...] = (),
        played_by: tuple[str, ...] = (),
        members: tuple[SeatRecord, ...] = (),
        team_size: int = 1,
        paused: bool = False,
        timer: int = 0,
        on_timeout: str = "pass",
        grace: float = 60.0,
        clock: Callable[[], float],
    ):
        self.number = number
        self.state = state
        self.store = store
        self.started = started
        self.paused = paused  # the teacher's pause: nobody moves, the AI neither (stored: a resumed class stays paused)
        self.timer = timer  # the move timer in seconds, 0 when off; it times only the moves students make
        self.on_timeout = on_timeout  # when a move's time runs out: "pass" ends it, "ai" lets the computer finish it
        self._finishing: tuple[int, str] | None = None  # a timed-out move the computer is finishing: (turn, actor)
        self._move: tuple[int, str] | None = None  # the move being timed: (turn, actor)
        self._left = 0.0  # its seconds left when last counted
        self._counted: float | None = None  # when that was (the host's clock)
        self.countdown_shown: tuple[int, str] | None = None  # the timed move the seats were last sent a view of
        self.grace = grace
        self.clock = clock
        scenario = state.scenario
        self.seats = {a.id: Seat(a.id) for a in scenario.negotiators if a.playable}
        self.played_by = list(played_by)  # who played each action (the debrief says where the AI stood in)
        self.team_size = team_size  # students who may share a seat, each from their own computer
        self.started_at: float | None = clock() if started else None  # when play began (the host's clock)
        for claim in claims:
            if claim.seat in self.seats:  # a resumed class: a window that reconnects says `briefed` again at once;
                # a student who joins anew reads the brief again, with the allowance counted from the resume
                self.seats[claim.seat] = Seat(claim.seat, claim.token_hash, claim.name, 0, clock(), claimed_at=clock())
        for member in members:
            if member.seat in self.seats and self.seats[member.seat].token_hash is not None:
                self.seats[member.seat].team.append((member.token_hash, member.name))
        # An AI for every negotiator, built once: its decisions are a pure function of the view and the seed, so
        # the one that stands in for an absent student plays as it would have from the start.
        self.ais: dict[str, Controller] = make_ais(scenario, state.seed)

    # --- seats ---------------------------------------------------------------------------------------
    def free_seats(self) -> list[str]:
        return [a for a, s in self.seats.items() if s.token_hash is None]

    def has_room(self, actor: str) -> bool:
        """Whether a claimed seat takes one more student of its team."""
        seat = self.seats[actor]
        return seat.token_hash is not None and 1 + len(seat.team) < self.team_size

    def joinable_seats(self) -> list[str]:
        """The seats a student may join: the free ones, then those whose team has room."""
        return self.free_seats() + [a for a in self.seats if self.has_room(a)]

    def join_team(self, actor: str, token_hash: str, name: str) -> None:
        """A further student of the team on a claimed seat, with their own token (stored before it counts)."""
        self.store.add_member(self.number, SeatRecord(actor, token_hash, name))
        self.seats[actor].team.append((token_hash, name))

    def claim(self, actor: str, token_hash: str, name: str) -> None:
        """Give a free seat to a student (stored before it counts); the table starts once every seat is taken."""
        seat = self.seats[actor]
        self.store.claim_seat(self.number, SeatRecord(actor, token_hash, name))
        seat.token_hash, seat.name, seat.away_since = token_hash, name, None
        seat.briefed, seat.claimed_at = False, self.clock()
        if not self.free_seats():
            self.start()

    def start(self) -> None:
        if not self.started:
            self.store.set_started(self.number)
            self.started = True
            self.started_at = self.clock()

    def mark_briefed(self, actor: str) -> None:
        """A student of the seat has read its brief: the move timer may now count its moves."""
        self.seats[actor].briefed = True

    def reading(self, actor: str) -> bool:
        """Whether the seat's student is still on its brief: taken, not yet `briefed`, and within BRIEF_SECONDS
        of the later of the table's start and the seat's taking. The move timer waits meanwhile, so a student
        is not timed out of a first move while reading; the allowance keeps one who never closes the brief
        from holding up the table."""
        seat = self.seats.get(actor)
        if seat is None or seat.briefed or seat.token_hash is None or self.started_at is None:
            return False
        return self.clock() - max(self.started_at, seat.claimed_at) < BRIEF_SECONDS

    # --- the teacher's controls ----------------------------------------------------------------------
    def set_controls(
        self, *, paused: bool | None = None, timer: int | None = None, on_timeout: str | None = None
    ) -> None:
        """Pause or go on, start or stop the move timer and say what its running out does (stored before it
        counts, so `--resume` keeps them). A new timer length gives the move being made a fresh countdown."""
        new_paused = self.paused if paused is None else paused
        new_timer = self.timer if timer is None else max(0, int(timer))
        new_mode = self.on_timeout if on_timeout is None else on_timeout
        self._count()  # the time before a pause is spent; none passes during it
        self.store.set_controls(self.number, new_paused, new_timer, new_mode)
        if new_timer != self.timer:
            self._move = None
        self.paused, self.timer, self.on_timeout = new_paused, new_timer, new_mode
        self._count()

    def _timed_move(self) -> tuple[int, str] | None:
        actor = self.state.current_actor
        if self.timer <= 0 or not self.started or actor is None or actor not in self.seats or self.ai_plays(actor):
            return None
        if self.reading(actor):
            return None
        return (self.state.turn, actor)

    def _count(self) -> None:
        now = self.clock()
        move = self._timed_move()
        if move is None:
            self._move = None
        elif move != self._move:
            self._move, self._left = move, float(self.timer)
        elif not self.paused and self._counted is not None:
            self._left = max(0.0, self._left - (now - self._counted))
        self._counted = now

    def counting_move(self) -> tuple[int, str] | None:
        """The move whose countdown runs now, (turn, actor), or None."""
        self._count()
        return self._move

    def timer_left(self) -> float | None:
        """Seconds left in the student's move being made, or None when no countdown runs (timer off, the AI
        to move, the game not started or over)."""
        self._count()
        return None if self._move is None else self._left

    def time_out(self) -> bool:
        """When the current move's time has run out: end it (`pass`: that seat's `end`, "Time ran out") or hand
        the rest of it to the computer (`ai`: its moves are marked so), as the window's own timer does; whether
        it did. Every such move is an ordinary action in the log, so the game replays without the clock. Called
        by the host about once a second."""
        left = self.timer_left()
        if left is None or left > 0 or self.paused or self._move is None:
            return False
        if self.on_timeout == "ai":
            self._finishing = self._move
        else:
            self._apply(EndTurn(self._move[1], reason=TIME_RAN_OUT), "timer")
        self._count()
        return True

    def ai_plays(self, actor: str) -> bool:
        """Whether the AI moves for `actor` now: a seat not offered to students, a free seat once the table has
        started, or a claimed seat nobody has been connected to for the grace period."""
        seat = self.seats.get(actor)
        if seat is None:
            return True
        if not self.started:
            return False
        if self._finishing == (self.state.turn, actor) and self.state.current_actor == actor:
            return True
        if seat.token_hash is None:
            return True
        if seat.connections > 0:
            return False
        return seat.away_since is not None and self.clock() - seat.away_since >= self.grace

    def status(self, actor: str) -> str:
        """How the seat is played, for every seat at the table to see: student, away, ai, or free (not yet
        taken, before the table starts)."""
        seat = self.seats.get(actor)
        if seat is not None and seat.token_hash is None and not self.started:
            return "free"
        if seat is None or seat.token_hash is None or self.ai_plays(actor):
            return "ai"
        return "student" if seat.connections > 0 else "away"

    def statuses(self) -> dict[str, str]:
        return {a: self.status(a) for a in self.seats}

    # --- play ----------------------------------------------------------------------------------------
    def play(self, actor: str, action: Action, seq: int) -> None:
        """Play a seat's action. SeatError when it is not that seat's to play now; IllegalActionError or
        InvalidActionError from the rules; StoreError if it could not be stored (then it did not happen)."""
        if action.actor != actor:
            raise SeatError("not_yours", f"you play {actor}; you cannot act for '{action.actor}'")
        if not self.started:
            raise SeatError("not_started", "the table starts when every seat is taken or the teacher starts it")
        if self.paused:
            raise SeatError("paused", "the teacher has paused this table; wait until play goes on")
        if seq != len(self.state.actions):
            raise SeatError(
                "stale",
                f"that action was sent after {seq} actions, but the table has seen {len(self.state.actions)}; "
                "look at the table again and decide",
            )
        self._apply(action, "student")

    def facilitate(self, action: Action) -> None:
        """The teacher's action (an event, a meter, a bulletin, the deadline): played and stored like any other,
        so a resumed class replays it. Rules errors as for `play`."""
        self._apply(action, "teacher")

    def _apply(self, action: Action, by: str) -> None:
        after = self.state.apply(action)
        self.store.append_action(self.number, len(self.state.actions), action_document(action), by)
        self.state = after
        self.played_by.append(by)

    def stand_ins(self) -> dict[str, list[int]]:
        """Per seat a student had taken, the turns in which the AI played it while the student was away (for
        the debrief; found by replaying the game, which only the end of a class asks for)."""
        turns: dict[str, list[int]] = {}
        state = new_game(self.state.scenario, self.state.seed, self.state.settings)
        for action, by in zip(self.state.actions, self.played_by, strict=False):
            if by == "standin" and state.turn not in turns.setdefault(action.actor, []):
                turns[action.actor].append(state.turn)
            state = state.apply(action)
        return {seat: found for seat, found in turns.items() if found}

    def advance(self, limit: int = MAX_ACTIONS_PER_TURN) -> int:
        """Let the AI move while it holds the seat to move, at most `limit` actions; how many it made."""
        made = 0
        per_turn: dict[str, int] = {}
        turn = self.state.turn
        while made < limit and not self.paused and not self.state.is_over():
            actor = self.state.current_actor
            assert actor is not None
            if not self.ai_plays(actor):
                break
            ai = self.ais.get(actor)
            if ai is None:
                raise IllegalActionError(f"nobody plays '{actor}' at table {self.number}")
            by = "standin" if actor in self.seats and self.seats[actor].token_hash is not None else "ai"
            action = ai.decide(view(self.state, actor))
            if self._finishing == (self.state.turn, actor):
                why = f"{TIME_RAN_OUT}; the computer moved for this side" + (
                    f": {action.reason}" if action.reason else "."
                )
                action = dataclasses.replace(action, reason=why)
            self._apply(action, by)
            made += 1
            if self.state.turn != turn:
                turn, per_turn = self.state.turn, {}
            else:
                per_turn[actor] = per_turn.get(actor, 0) + 1
                if per_turn[actor] > MAX_ACTIONS_PER_TURN:
                    raise RuntimeError(f"the AI for '{actor}' at table {self.number} made too many moves in one turn")
        return made
