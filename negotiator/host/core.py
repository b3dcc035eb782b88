"""The host of a class: every table's game, the seats' connections, and the protocol, with no network in it.

A transport (the websockets server, or an in-process session) hands each client's raw text to `receive` and
gives the host a `Connection` to send on; the host replies only to that connection and sends every seat at a
table its own `SeatView` after each change. Whatever a client sends, the host answers (an `Error` for what it
refuses, logged) and keeps running. Each seat's view comes from `negotiator.host.views`, never from the state.
"""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel

from negotiator import i18n
from negotiator.engine.actions import (
    FACILITATOR,
    FACILITATOR_VERBS,
    Action,
    AdjustMeter,
    SendBulletin,
    action_from_dict,
    parse_action,
)
from negotiator.engine.errors import IllegalActionError, InvalidActionError
from negotiator.engine.players import role_settings
from negotiator.engine.state import GameSettings, GameState, new_game
from negotiator.host import messages as m
from negotiator.host.roster import Roster
from negotiator.host.store import ClassRecord, Store, StoreError, TableRecord
from negotiator.host.table import SeatError, Table
from negotiator.host.views import brief, seat_view
from negotiator.scenario import textrules
from negotiator.scenario.models import MAX_MAGNITUDE, Scenario

log = logging.getLogger("negotiator.host")

MAX_TABLES = 100
MAX_TEAM = 10  # students on one seat
MAX_TIMER = 3600  # seconds: the longest move timer the teacher can set
ON_TIMEOUT = ("pass", "ai")  # what a move's time running out does: end the move, or the computer finishes it
JOIN_FAILURES = 5  # failed joins allowed per address within JOIN_WINDOW seconds
JOIN_WINDOW = 60.0


class Connection(Protocol):
    """One client's link: where to send, and who it is for the logs and the join rate limit."""

    peer: str

    def send(self, text: str) -> None: ...


MESSAGES_PER_SECOND = 20.0  # a client's sustained rate; a person sends a message every few seconds
MESSAGE_BURST = 60.0


@dataclass
class _Client:
    conn: Connection
    table: Table | None = None
    seat: str | None = None
    log_sent: int = 0  # entries of the seat's log already sent on this connection
    lang: str | None = None  # the language the seat reads: its brief, log and outcome are sent in it
    allowance: float = MESSAGE_BURST  # a token bucket: one flooding client must not starve the class
    checked: float | None = None

    def may_send(self, now: float) -> bool:
        if self.checked is not None:
            self.allowance = min(MESSAGE_BURST, self.allowance + (now - self.checked) * MESSAGES_PER_SECOND)
        self.checked = now
        if self.allowance < 1.0:
            return False
        self.allowance -= 1.0
        return True


def new_code() -> str:
    """A class code to read off a projector: random (`secrets`), without look-alike characters."""
    return "".join(secrets.choice(m.CODE_ALPHABET) for _ in range(m.CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@dataclass
class _RateLimit:
    """Failed joins per address in a sliding window: guessing a class code or a token costs time."""

    limit: int = JOIN_FAILURES
    window: float = JOIN_WINDOW
    failures: dict[str, deque[float]] = field(default_factory=dict)

    def blocked_for(self, peer: str, now: float) -> float:
        times = self.failures.get(peer)
        if not times:
            return 0.0
        while times and now - times[0] > self.window:
            times.popleft()
        if len(times) < self.limit:
            return 0.0
        return self.window - (now - times[0])

    def fail(self, peer: str, now: float) -> None:
        self.failures.setdefault(peer, deque()).append(now)
        if len(self.failures) > 10_000:  # a flood of addresses must not grow memory without end
            self.failures.clear()


class Host:
    """Every table of one class (see the module docstring). Build with `Host.new` or `Host.resume`."""

    def __init__(
        self,
        scenario: Scenario,
        record: ClassRecord,
        tables: list[Table],
        store: Store,
        clock: Callable[[], float],
    ):
        self.scenario = scenario
        self.code = record.code
        self.record = record
        self.tables = tables
        self.store = store
        self.clock = clock
        self.clients: dict[int, _Client] = {}
        self.limits = _RateLimit()
        self.roster = Roster(record.roster)  # the teacher's seating plan (empty: students choose)
        #: The PIN a teacher's screen on another computer gives (`join --teacher`); None: no such screens.
        self.teacher_pin: str | None = None
        self._overviews: Any = None
        #: Each kind of client message and what handles it (`receive`).
        self._handlers: dict[type, Callable[[_Client, Any], None]] = {
            m.Ping: lambda c, _: self._send(c, m.Pong()),
            m.Join: self._join,
            m.Briefed: self._briefed,
            m.Seats: self._seats,
            m.Watch: self._teacher,
            m.Teach: self._teacher,
            m.Act: self._act,
        }

    # --- making a class ------------------------------------------------------------------------------
    @classmethod
    def new(
        cls,
        scenario: Scenario,
        scenario_path: str,
        scenario_hash: str,
        store: Store,
        tables: int = 1,
        seed: int = 1,
        grace: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        team_size: int = 1,
        roster: Roster | None = None,
    ) -> Host:
        """A new class of `tables` tables (table i plays seed `seed + i - 1`), stored before it is served;
        `team_size` students may share each seat, each from their own computer."""
        if not 1 <= tables <= MAX_TABLES:
            raise ValueError(f"a class has 1 to {MAX_TABLES} tables, not {tables}")
        roster = roster or Roster()
        team_size = max(team_size, roster.team_size())  # a plan that puts two on a seat makes teams of two
        if not 1 <= team_size <= MAX_TEAM:
            raise ValueError(f"a team has 1 to {MAX_TEAM} students on a seat, not {team_size}")
        if any(t > tables for _, t, _ in roster.rows):
            raise ValueError(f"the seating plan places students beyond table {tables}")
        seats = [a.id for a in scenario.negotiators if a.playable]
        if not seats:
            raise ValueError(f"'{scenario.metadata.id}' has no playable negotiating role for students to take")
        settings = GameSettings(roles=role_settings(scenario, humans=seats))
        record = ClassRecord(
            new_code(),
            scenario.metadata.id,
            scenario_hash,
            scenario_path,
            tuple(TableRecord(n, seed + n - 1, settings.to_dict()) for n in range(1, tables + 1)),
            team_size,
            roster.rows,
        )
        store.create(record)
        built = [
            Table(t.table, new_game(scenario, t.seed, settings), store, team_size=team_size, grace=grace, clock=clock)
            for t in record.tables
        ]
        return cls(scenario, record, built, store, clock)

    @classmethod
    def resume(
        cls,
        scenario: Scenario,
        scenario_hash: str,
        store: Store,
        grace: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> Host:
        """The class in `store`, every table replayed from its actions; StoreError when it cannot be."""
        record = store.load()
        where = getattr(store, "path", "the class database")
        if record is None:
            raise StoreError(where, "holds no class to resume; start one without --resume")
        if record.scenario_id != scenario.metadata.id:
            raise StoreError(where, f"the class plays '{record.scenario_id}', not '{scenario.metadata.id}'")
        if record.scenario_hash != scenario_hash:
            raise StoreError(where, f"the scenario '{record.scenario_id}' has changed since the class began")
        built = []
        for t in record.tables:
            state = _replay(scenario, t, where)
            built.append(
                Table(
                    t.table,
                    state,
                    store,
                    started=t.started,
                    claims=t.seats,
                    played_by=t.played_by,
                    members=t.members,
                    team_size=record.team_size,
                    paused=t.paused,
                    timer=t.timer,
                    on_timeout=t.on_timeout,
                    grace=grace,
                    clock=clock,
                )
            )
        return cls(scenario, record, built, store, clock)

    def table(self, number: int) -> Table | None:
        return self.tables[number - 1] if 1 <= number <= len(self.tables) else None

    # --- connections ---------------------------------------------------------------------------------
    def connect(self, conn: Connection) -> None:
        self.clients[id(conn)] = _Client(conn)

    def disconnect(self, conn: Connection) -> None:
        client = self.clients.pop(id(conn), None)
        if client is None or client.table is None or client.seat is None:
            return
        seat = client.table.seats[client.seat]
        seat.connections = max(0, seat.connections - 1)
        if seat.connections == 0:
            seat.away_since = self.clock()
        self._broadcast(client.table)

    def receive(self, conn: Connection, raw: str | bytes) -> None:
        """Handle one message from `conn`; every refusal is an `Error` reply and a log line, never a crash."""
        client = self.clients.get(id(conn))
        if client is None:
            self.connect(conn)
            client = self.clients[id(conn)]
        if not client.may_send(self.clock()):
            if client.allowance > -1.0:  # say it once per flood, then drop quietly
                client.allowance -= 1.0
                self._refuse(client, "rate_limited", "too many messages; slow down")
            return
        try:
            message = m.parse_client(raw)
            self._handlers[type(message)](client, message)
        except m.ProtocolError as exc:
            self._refuse(client, exc.code, exc.message)
        except SeatError as exc:
            self._refuse(client, exc.code, exc.message)
        except StoreError as exc:
            log.error("storage failed: %s", exc)
            self._refuse(client, "storage", "the host could not store that; it did not happen (tell the teacher)")

    def _send(self, client: _Client, message: BaseModel) -> None:
        client.conn.send(m.encode(message))

    def _refuse(self, client: _Client, code: str, message: str, seq: int | None = None) -> None:
        log.warning("refused from %s (%s): %s", client.conn.peer, code, message)
        self._send(client, m.Error(code=code, message=message, seq=seq))

    # --- joining -------------------------------------------------------------------------------------
    def _join(self, client: _Client, join: m.Join) -> None:
        now = self.clock()
        peer = client.conn.peer
        wait = self.limits.blocked_for(peer, now)
        if wait > 0:
            raise SeatError("rate_limited", f"too many failed joins from here; try again in {wait:.0f} s")
        if client.table is not None:
            raise SeatError("joined", "this connection already has a seat; open another to take a second one")
        if not secrets.compare_digest(join.code, self.code):
            self.limits.fail(peer, now)
            raise SeatError("bad_code", "that is not this class's code; check the code on the projector")
        if join.token is not None:
            table, actor = self._find_token(join.token)
            if table is None or actor is None:
                self.limits.fail(peer, now)
                raise SeatError("bad_token", "that seat token is not known here; join again without it")
            token = join.token
        else:
            table, actor = self._planned_seat(join.name) or self._free_seat(join.table, join.seat)
            token = new_token()
            if actor in table.free_seats():
                table.claim(actor, token_hash(token), join.name)
            else:  # a seat whose team has room
                table.join_team(actor, token_hash(token), join.name)
        seat = table.seats[actor]
        seat.connections += 1
        seat.away_since = None
        client.table, client.seat, client.log_sent = table, actor, 0
        client.lang = seat_language(join.lang)
        log.info("%s joined table %d as %s", peer, table.number, actor)
        shown = self.scenario.translated(client.lang) if client.lang else self.scenario
        self._send(client, m.Welcome(table=table.number, seat=actor, token=token, brief=brief(shown, actor)))
        self._advance(table)

    def _seats(self, client: _Client, ask: m.Seats) -> None:
        """The free seats, for a client that knows the code (rate-limited like a join: codes are not guessed)."""
        now = self.clock()
        peer = client.conn.peer
        wait = self.limits.blocked_for(peer, now)
        if wait > 0:
            raise SeatError("rate_limited", f"too many failed joins from here; try again in {wait:.0f} s")
        if not secrets.compare_digest(ask.code, self.code):
            self.limits.fail(peer, now)
            raise SeatError("bad_code", "that is not this class's code; check the code on the projector")
        playing = [t for t in self.tables if not t.state.is_over()]
        kept = self.roster.reserved()
        free = {str(t.number): [a for a in t.joinable_seats() if (t.number, a) not in kept] for t in playing}
        teams = {str(t.number): [a for a in t.seats if t.has_room(a) and (t.number, a) not in kept] for t in playing}
        names = {a.id: a.short_name for a in self.scenario.negotiators if a.playable}
        title = self.scenario.metadata.title
        self._send(client, m.SeatList(title=title, free=free, names=names, teams={k: v for k, v in teams.items() if v}))

    def _teacher(self, client: _Client, message: m.Watch | m.Teach) -> None:
        """A teacher's screen on another computer: the code and the PIN, checked (and rate-limited) every time."""
        from negotiator.host.overview import Overviews, overview_message

        now = self.clock()
        peer = client.conn.peer
        wait = self.limits.blocked_for(peer, now)
        if wait > 0:
            raise SeatError("rate_limited", f"too many failed tries from here; try again in {wait:.0f} s")
        pin = self.teacher_pin
        if pin is None:
            raise SeatError("no_teacher", "this host takes no teacher's screen from another computer")
        if not (secrets.compare_digest(message.code, self.code) and secrets.compare_digest(message.pin, pin)):
            self.limits.fail(peer, now)
            raise SeatError("bad_pin", "that is not this class's code and teacher's PIN")
        if isinstance(message, m.Teach):
            try:
                lines = self._command(message)
            except ValueError as exc:
                raise SeatError("bad_command", str(exc)) from None
            self._send(client, m.Taught(lines=lines))
            return
        if self._overviews is None:
            self._overviews = Overviews(self)
        lang = seat_language(message.lang)
        shown = self.scenario.translated(lang) if lang else self.scenario
        self._send(client, overview_message(self.scenario, self._overviews(), shown))

    def _command(self, teach: m.Teach) -> list[str]:
        if teach.verb == "fac":
            return self.facilitate(teach.table, teach.text)
        if teach.verb == "timer":
            seconds, mode = timer_words(teach.text)
            changed = self.set_timer(teach.table, seconds, mode)
            return [f"table {n}: {timer_line(seconds, mode)}" for n in changed] or ["no change"]
        if teach.verb == "start":
            return [f"table {n}: started" for n in self.start(teach.table)] or ["no table to start"]
        changed = self.pause(teach.table, teach.verb == "pause")
        word = "paused" if teach.verb == "pause" else "playing again"
        return [f"table {n}: {word}" for n in changed] or ["no change"]

    def _find_token(self, token: str) -> tuple[Table | None, str | None]:
        wanted = token_hash(token)
        for table in self.tables:
            for actor, seat in table.seats.items():
                if any(secrets.compare_digest(h, wanted) for h in seat.token_hashes()):
                    return table, actor
        return None, None

    def _planned_seat(self, name: str) -> tuple[Table, str] | None:
        """Where the teacher's seating plan puts a student of that name (None: not on the plan); SeatError
        when that seat cannot take them now."""
        place = self.roster.place(name)
        if place is None:
            return None
        table = self.table(place[0])
        role = self.scenario.actor(place[1]).short_name
        if table is None or table.state.is_over():
            raise SeatError("no_seat", f"your teacher placed you at table {place[0]} ({role}), whose game is over")
        if place[1] not in table.free_seats() and not table.has_room(place[1]):
            raise SeatError("no_seat", f"your seat (table {place[0]}, {role}) is taken; ask the teacher")
        return table, place[1]

    def _free_seat(self, number: int | None, actor: str | None) -> tuple[Table, str]:
        if number is not None:
            table = self.table(number)
            if table is None:
                raise SeatError("no_table", f"there is no table {number}; tables are 1 to {len(self.tables)}")
            if table.state.is_over():
                raise SeatError("no_seat", f"table {number}'s game is over; join another table")
            candidates = [table]
        else:
            candidates = [t for t in self.tables if not t.state.is_over()]
        # every seat gets a student before any team gets a second one; the plan's seats are kept for its names
        kept = self.roster.reserved()
        for seats in (lambda t: t.free_seats(), lambda t: [a for a in t.seats if t.has_room(a)]):
            for table in candidates:
                open_ = [a for a in seats(table) if (table.number, a) not in kept]
                if actor is not None:
                    if actor not in table.seats:
                        raise SeatError("no_seat", f"no seat '{actor}' here; seats are {', '.join(table.seats)}")
                    if actor in open_:
                        return table, actor
                elif open_:
                    return table, open_[0]
        where = f"table {number}" if number is not None else "any table"
        what = f"seat '{actor}'" if actor else "a free seat"
        raise SeatError("no_seat", f"{what} is not free at {where}; ask the teacher")

    # --- playing -------------------------------------------------------------------------------------
    def _briefed(self, client: _Client, _: m.Briefed) -> None:
        """The seat's student has read the brief: its move timer may start (see `Table.reading`)."""
        if client.table is None or client.seat is None:
            raise SeatError("not_joined", "join a table first")
        if not client.table.seats[client.seat].briefed:
            client.table.mark_briefed(client.seat)
            self._broadcast(client.table)

    def _act(self, client: _Client, act: m.Act) -> None:
        if client.table is None or client.seat is None:
            raise SeatError("not_joined", "join a table first")
        try:
            action = action_from_dict(act.action.model_dump())
            client.table.play(client.seat, action, act.seq)
        except SeatError as exc:
            self._refuse(client, exc.code, exc.message, act.seq)
            return
        except (IllegalActionError, InvalidActionError) as exc:
            self._refuse(client, "illegal", str(exc)[:1000], act.seq)
            return
        self._send(client, m.Ok(seq=act.seq))
        self._advance(client.table)

    def _advance(self, table: Table) -> None:
        """Let the AI play the seats it holds, then show every seat at the table where things stand."""
        try:
            table.advance(limit=100_000)
        except (IllegalActionError, InvalidActionError, RuntimeError) as exc:  # an engine fault: keep the class up
            log.error("table %d: the AI failed: %s", table.number, exc)
        except StoreError as exc:  # the move did not happen; the next change or tick tries again
            log.error("table %d: the AI's move could not be stored: %s", table.number, exc)
        self._broadcast(table)

    def _broadcast(self, table: Table) -> None:
        statuses = table.statuses()
        timer_left = table.timer_left()
        table.countdown_shown = table.counting_move()
        for client in list(self.clients.values()):
            if client.table is table and client.seat is not None:
                v = seat_view(
                    table.state,
                    client.seat,
                    table=table.number,
                    started=table.started,
                    seats=statuses,
                    log_offset=client.log_sent,
                    paused=table.paused,
                    timer_left=timer_left,
                    briefed=table.seats[client.seat].briefed,
                    lang=client.lang,
                )
                client.log_sent = v.log_offset + len(v.log)
                self._send(client, v)

    # --- the teacher ---------------------------------------------------------------------------------
    def start(self, number: int | None = None) -> list[int]:
        """Start one table (or every table): the AI takes the seats still free. The tables started."""
        chosen = self.tables if number is None else [t for t in self.tables if t.number == number]
        started = []
        for table in chosen:
            if not table.started:
                table.start()
                started.append(table.number)
                self._advance(table)
        return started

    def _chosen(self, number: int | None) -> list[Table]:
        if number is None:
            return list(self.tables)
        table = self.table(number)
        if table is None:
            raise ValueError(f"there is no table {number}; tables are 1 to {len(self.tables)}")
        return [table]

    def facilitate(self, number: int | None, text: str) -> list[str]:
        """The teacher's action (`inject EVENT`, `adjust METER[@ACTOR] CHANGE`, `bulletin TEXT`, `deadline N`)
        at one table or every table (None). One line per table: done, or why not. ValueError when the text is
        not a facilitator action or names no table."""
        chosen = self._chosen(number)
        try:
            action = parse_action(text, FACILITATOR)
        except InvalidActionError as exc:
            raise ValueError(str(exc)) from None
        if action.verb not in FACILITATOR_VERBS:
            raise ValueError(
                f"'{action.verb}' is a player's action; the teacher's are {', '.join(sorted(FACILITATOR_VERBS))}"
            )
        problem = _facilitator_input_problem(action)
        if problem:
            raise ValueError(problem)
        lines = []
        for table in chosen:
            if table.state.is_over():
                lines.append(f"table {table.number}: the game is over")
                continue
            try:
                table.facilitate(action)
            except (IllegalActionError, InvalidActionError) as exc:
                lines.append(f"table {table.number}: not done: {exc}")
                continue
            lines.append(f"table {table.number}: done")
            self._advance(table)
        return lines

    def pause(self, number: int | None, paused: bool = True) -> list[int]:
        """Pause one table or every table (or let play go on); the tables whose state changed."""
        changed = []
        for table in self._chosen(number):
            if table.paused != paused:
                table.set_controls(paused=paused)
                changed.append(table.number)
                self._advance(table)
        return changed

    def set_timer(self, number: int | None, seconds: int, on_timeout: str | None = None) -> list[int]:
        """Start (seconds > 0) or stop (0) the move timer at one table or every table; the tables changed.
        Only students' moves are timed: when one runs out, the move ends as if the seat had ended it (`pass`),
        or the computer finishes it (`ai`); None keeps what the table had."""
        if not 0 <= seconds <= MAX_TIMER:
            raise ValueError(f"a move timer is 0 (off) to {MAX_TIMER} seconds, not {seconds}")
        if on_timeout not in (None, *ON_TIMEOUT):
            raise ValueError(f"when time runs out: {' or '.join(ON_TIMEOUT)}, not '{on_timeout}'")
        changed = []
        for table in self._chosen(number):
            mode = table.on_timeout if on_timeout is None else on_timeout
            if (table.timer, table.on_timeout) != (seconds, mode) and not table.state.is_over():
                table.set_controls(timer=seconds, on_timeout=mode)
                changed.append(table.number)
                self._broadcast(table)
        return changed

    def tick(self) -> None:
        """Called about once a second: a move whose timer ran out ends, and the AI takes over a seat whose
        students stayed away past the grace."""
        for table in self.tables:
            try:
                timed_out = table.time_out()
            except (IllegalActionError, InvalidActionError) as exc:
                log.error("table %d: the move timer could not end the move: %s", table.number, exc)
                timed_out = False
            except StoreError as exc:
                log.error("table %d: the timed-out move could not be stored: %s", table.number, exc)
                timed_out = False
            actor = table.state.current_actor
            if timed_out or (table.started and actor is not None and table.ai_plays(actor)):
                self._advance(table)
            elif table.counting_move() != table.countdown_shown:  # a countdown began (a brief's allowance ran out)
                self._broadcast(table)


def seat_language(asked: str | None) -> str | None:
    """The language a join asked for, as the host can serve it: "uk", "UK", "uk_UA" or "uk-UA" is Ukrainian;
    anything else (None) is the scenario's own."""
    if not asked:
        return None
    code = asked.strip().lower().replace("-", "_").partition("_")[0]
    return code if code in i18n.LANGUAGES else None


def timer_words(text: str) -> tuple[int, str | None]:
    """`SECONDS [pass|ai]` (the console's and the teach message's form); ValueError says what is wrong."""
    words = text.split()
    if not words or not words[0].isdigit() or len(words) > 2 or (len(words) == 2 and words[1] not in ON_TIMEOUT):
        raise ValueError("the timer takes a number of seconds (0 switches it off), then pass or ai if you like")
    return int(words[0]), words[1] if len(words) == 2 else None


def timer_line(seconds: int, mode: str | None) -> str:
    if not seconds:
        return "move timer off"
    then = {"pass": ", then the move ends", "ai": ", then the computer finishes the move"}.get(mode or "", "")
    return f"move timer {seconds} s{then}"


def _facilitator_input_problem(action: Action) -> str | None:
    """What the scenario file's checks would refuse, refused from the console too (as text mode does)."""
    if isinstance(action, AdjustMeter) and not (math.isfinite(action.change) and abs(action.change) <= MAX_MAGNITUDE):
        return f"the change must be a number between -{MAX_MAGNITUDE:,} and {MAX_MAGNITUDE:,}"
    if isinstance(action, SendBulletin):
        problem = textrules.problem(action.text)
        if problem:
            return f"a bulletin: {problem}"
    return None


def _replay(scenario: Scenario, record: TableRecord, where: str) -> GameState:
    try:
        settings = GameSettings.from_dict(record.settings)
    except (TypeError, ValueError) as exc:
        raise StoreError(where, f"table {record.table}'s settings are damaged ({exc})") from None
    state = new_game(scenario, record.seed, settings)
    for index, document in enumerate(record.actions, start=1):
        try:
            state = state.apply(action_from_dict(document))
        except (IllegalActionError, InvalidActionError, LookupError, TypeError) as exc:
            raise StoreError(where, f"table {record.table}'s action {index} does not replay ({exc})") from None
    return state
