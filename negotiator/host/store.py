"""Where a class's tables live between one host process and the next: a storage Protocol and SQLite behind it.

The engine is deterministic, so a table is stored as what rebuilds it: scenario hash, seed, settings and the
action list, appended one action at a time as it is played (never the state itself). `--resume` replays every
table's actions and gets the exact states back. Seats store only a hash of their rejoin token.

The host talks to a `Store` only; `open_store(url)` picks the implementation from the URL's scheme, so moving
the logs to a server database (PostgreSQL for a school-wide host) is one more entry in `BACKENDS`, not a change
to the host. SQLite runs in WAL mode. By default (`synchronous=NORMAL`) an action is in the operating system's
hands when `append_action` returns: a crash or kill of the host, or a closed laptop, loses nothing a client was
told had happened; only a power cut or an OS crash could lose the last moments. `sqlite:PATH?sync=full` syncs
every action to the disk as well, at the price of one fsync per action (4-8 ms on the machine it was measured
on, which ten tables acting at once feel as a p95 of 150 ms: see benchmarks/classroom.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

SCHEMA_VERSION = 1


class StoreError(Exception):
    """The class's storage cannot be used: `where` (a path or URL) and what is wrong."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class SeatRecord:
    """A claimed seat: who sits there (a display name) and the SHA-256 of its rejoin token."""

    seat: str
    token_hash: str
    name: str = ""


@dataclass(frozen=True)
class TableRecord:
    """Everything that rebuilds one table: replay `actions` (action documents) from `seed` and `settings`."""

    table: int
    seed: int
    settings: dict[str, Any]
    started: bool = False
    actions: tuple[dict[str, Any], ...] = ()
    seats: tuple[SeatRecord, ...] = ()
    played_by: tuple[str, ...] = ()  # per action: student, ai (a seat nobody took), standin, timer or teacher
    paused: bool = False  # the teacher's pause, kept so a resumed class stays paused where it was
    timer: int = 0  # the move timer in seconds (0: off), as the teacher last set it
    on_timeout: str = "pass"  # when a move's time runs out: end it (pass) or let the computer finish it (ai)
    members: tuple[SeatRecord, ...] = ()  # a team's further students on claimed seats, in the order they joined


@dataclass(frozen=True)
class ClassRecord:
    """A class session: its join code, the scenario every table plays, and the tables."""

    code: str
    scenario_id: str
    scenario_hash: str
    scenario_path: str
    tables: tuple[TableRecord, ...] = field(default=())
    team_size: int = 1  # students who may share one seat, each from their own computer
    roster: tuple[tuple[str, int, str], ...] = ()  # the teacher's seating plan: (name, table, seat)


class Store(Protocol):
    """What the host needs from storage. Every write is durable when the call returns."""

    def load(self) -> ClassRecord | None:
        """The stored class, or None when nothing is stored yet."""
        ...

    def create(self, record: ClassRecord) -> None:
        """Start a new class (refused when one is stored: resume it or use another database)."""
        ...

    def append_action(self, table: int, index: int, action: dict[str, Any], by: str = "student") -> None:
        """Store the table's action number `index` (0-based) and who played it (`TableRecord.played_by`); an
        index already stored is refused."""
        ...

    def set_started(self, table: int) -> None: ...

    def set_controls(self, table: int, paused: bool, timer: int, on_timeout: str = "pass") -> None:
        """Record the teacher's pause and move timer of a table (not game actions: nothing replays them)."""
        ...

    def claim_seat(self, table: int, seat: SeatRecord) -> None:
        """Record who holds a seat (replacing an earlier claim on it)."""
        ...

    def add_member(self, table: int, member: SeatRecord) -> None:
        """Record a further student of the team on a claimed seat (`member.seat`), with their own token."""
        ...

    def close(self) -> None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tables (
    id INTEGER PRIMARY KEY, seed INTEGER NOT NULL, settings TEXT NOT NULL, started INTEGER NOT NULL DEFAULT 0,
    paused INTEGER NOT NULL DEFAULT 0, timer INTEGER NOT NULL DEFAULT 0, on_timeout TEXT NOT NULL DEFAULT 'pass');
CREATE TABLE IF NOT EXISTS actions (
    table_id INTEGER NOT NULL REFERENCES tables(id), idx INTEGER NOT NULL, action TEXT NOT NULL,
    played_by TEXT NOT NULL DEFAULT 'student', PRIMARY KEY (table_id, idx));
CREATE TABLE IF NOT EXISTS seats (
    table_id INTEGER NOT NULL REFERENCES tables(id), seat TEXT NOT NULL, token_hash TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '', PRIMARY KEY (table_id, seat));
CREATE TABLE IF NOT EXISTS members (
    table_id INTEGER NOT NULL REFERENCES tables(id), seat TEXT NOT NULL, token_hash TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '', joined INTEGER NOT NULL);
"""


class SQLiteStore:
    """A `Store` in one SQLite file (stdlib `sqlite3`, WAL journal). Use from one thread at a time: the host
    opens it, its server thread writes, the host closes it."""

    SYNC = ("normal", "full")

    def __init__(self, path: str | Path, sync: str = "normal"):
        self.path = str(path)
        if sync not in self.SYNC:
            raise StoreError(self.path, f"sync must be one of {', '.join(self.SYNC)}, not '{sync}'")
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={sync.upper()}")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            self._add_columns()
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"cannot open the class database ({exc})") from None

    def _add_columns(self) -> None:
        """A class stored before the pause and the timer were kept gains their columns (both off), so an older
        database still resumes."""
        have = {row[1] for row in self._db.execute("PRAGMA table_info(tables)")}
        columns = {"paused": "INTEGER NOT NULL DEFAULT 0", "timer": "INTEGER NOT NULL DEFAULT 0"}
        columns["on_timeout"] = "TEXT NOT NULL DEFAULT 'pass'"
        for column, kind in columns.items():
            if column not in have:
                self._db.execute(f"ALTER TABLE tables ADD COLUMN {column} {kind}")

    def _write(self, what: str, sql: str, params: Sequence[Any]) -> None:
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            raise StoreError(self.path, f"{what} refused ({exc})") from None
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"cannot write {what} ({exc})") from None

    def load(self) -> ClassRecord | None:
        try:
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
            if not meta:
                return None
            if meta.get("schema") != str(SCHEMA_VERSION):
                raise StoreError(self.path, f"written by another version of the host (schema {meta.get('schema')})")
            tables = []
            for table_id, seed, settings, started, paused, timer, on_timeout in self._db.execute(
                "SELECT id, seed, settings, started, paused, timer, on_timeout FROM tables ORDER BY id"
            ):
                rows = self._db.execute(
                    "SELECT idx, action, played_by FROM actions WHERE table_id=? ORDER BY idx", (table_id,)
                ).fetchall()
                if [idx for idx, _, _ in rows] != list(range(len(rows))):
                    raise StoreError(self.path, f"table {table_id}'s action log has a gap")
                seats = tuple(
                    SeatRecord(seat, token_hash, name)
                    for seat, token_hash, name in self._db.execute(
                        "SELECT seat, token_hash, name FROM seats WHERE table_id=? ORDER BY seat", (table_id,)
                    )
                )
                members = tuple(
                    SeatRecord(seat, token_hash, name)
                    for seat, token_hash, name in self._db.execute(
                        "SELECT seat, token_hash, name FROM members WHERE table_id=? ORDER BY joined", (table_id,)
                    )
                )
                tables.append(
                    TableRecord(
                        table_id,
                        int(seed),
                        json.loads(settings),
                        bool(started),
                        tuple(json.loads(a) for _, a, _ in rows),
                        seats,
                        tuple(by for _, _, by in rows),
                        bool(paused),
                        int(timer),
                        str(on_timeout),
                        members,
                    )
                )
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"cannot read the class database ({exc})") from None
        except (json.JSONDecodeError, KeyError) as exc:
            raise StoreError(self.path, f"the class database is damaged ({exc})") from None
        try:
            team_size = int(meta.get("team_size", "1"))
            roster = tuple((str(n), int(t), str(s)) for n, t, s in json.loads(meta.get("roster", "[]")))
        except (ValueError, TypeError):
            raise StoreError(self.path, "the class database is damaged (team_size or roster)") from None
        return ClassRecord(
            meta["code"],
            meta["scenario_id"],
            meta["scenario_hash"],
            meta["scenario_path"],
            tuple(tables),
            team_size,
            roster,
        )

    def create(self, record: ClassRecord) -> None:
        if self.load() is not None:
            raise StoreError(self.path, "already holds a class; resume it (--resume) or choose another database")
        meta = {
            "schema": str(SCHEMA_VERSION),
            "code": record.code,
            "scenario_id": record.scenario_id,
            "scenario_hash": record.scenario_hash,
            "scenario_path": record.scenario_path,
            "team_size": str(record.team_size),
            "roster": json.dumps([list(r) for r in record.roster], ensure_ascii=False),
        }
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
                self._db.executemany(
                    "INSERT INTO tables (id, seed, settings, started) VALUES (?, ?, ?, ?)",
                    [(t.table, t.seed, json.dumps(t.settings), int(t.started)) for t in record.tables],
                )
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"cannot create the class ({exc})") from None

    def append_action(self, table: int, index: int, action: dict[str, Any], by: str = "student") -> None:
        self._write(
            f"table {table}'s action {index + 1}",
            "INSERT INTO actions (table_id, idx, action, played_by) VALUES (?, ?, ?, ?)",
            (table, index, json.dumps(action, ensure_ascii=False, separators=(",", ":")), by),
        )

    def set_started(self, table: int) -> None:
        self._write(f"table {table}'s start", "UPDATE tables SET started=1 WHERE id=?", (table,))

    def set_controls(self, table: int, paused: bool, timer: int, on_timeout: str = "pass") -> None:
        self._write(
            f"table {table}'s pause and timer",
            "UPDATE tables SET paused=?, timer=?, on_timeout=? WHERE id=?",
            (int(paused), int(timer), on_timeout, table),
        )

    def claim_seat(self, table: int, seat: SeatRecord) -> None:
        self._write(
            f"table {table}'s seat {seat.seat}",
            "INSERT OR REPLACE INTO seats (table_id, seat, token_hash, name) VALUES (?, ?, ?, ?)",
            (table, seat.seat, seat.token_hash, seat.name),
        )

    def add_member(self, table: int, member: SeatRecord) -> None:
        self._write(
            f"table {table}'s seat {member.seat}",
            "INSERT INTO members (table_id, seat, token_hash, name, joined) "
            "VALUES (?, ?, ?, ?, (SELECT COUNT(*) FROM members))",
            (table, member.seat, member.token_hash, member.name),
        )

    def close(self) -> None:
        self._db.close()


class MemoryStore:
    """A `Store` that keeps nothing past the process: for tests and throwaway demonstrations."""

    def __init__(self, path: str = ""):
        self.record: ClassRecord | None = None

    def load(self) -> ClassRecord | None:
        return self.record

    def create(self, record: ClassRecord) -> None:
        if self.record is not None:
            raise StoreError("memory", "already holds a class")
        self.record = record

    def append_action(self, table: int, index: int, action: dict[str, Any], by: str = "student") -> None:
        found = self._find(table)
        if index != len(found.actions):
            raise StoreError("memory", f"table {table}'s action {index + 1} refused (it has {len(found.actions)})")
        self._replace(table, actions=(*found.actions, action), played_by=(*found.played_by, by))

    def set_started(self, table: int) -> None:
        self._replace(table, started=True)

    def set_controls(self, table: int, paused: bool, timer: int, on_timeout: str = "pass") -> None:
        self._replace(table, paused=paused, timer=timer, on_timeout=on_timeout)

    def claim_seat(self, table: int, seat: SeatRecord) -> None:
        found = self._find(table)
        self._replace(table, seats=(*(s for s in found.seats if s.seat != seat.seat), seat))

    def add_member(self, table: int, member: SeatRecord) -> None:
        found = self._find(table)
        self._replace(table, members=(*found.members, member))

    def _find(self, table: int) -> TableRecord:
        assert self.record is not None
        return next(t for t in self.record.tables if t.table == table)

    def _replace(self, table: int, **changes: Any) -> None:
        assert self.record is not None
        tables = tuple(TableRecord(**{**t.__dict__, **changes}) if t.table == table else t for t in self.record.tables)
        self.record = ClassRecord(**{**self.record.__dict__, "tables": tables})

    def close(self) -> None:
        pass


def _sqlite(where: str, options: dict[str, str]) -> Store:
    return SQLiteStore(where, **options)


def _memory(where: str, options: dict[str, str]) -> Store:
    return MemoryStore(where)


# scheme -> how to open it. A PostgreSQL store would be one more line here (see docs/classroom.md).
BACKENDS: dict[str, Callable[[str, dict[str, str]], Store]] = {"sqlite": _sqlite, "memory": _memory}


def open_store(url: str) -> Store:
    """The store a URL names: `sqlite:PATH[?sync=full]` (a bare path is taken as SQLite) or `memory:`."""
    scheme, sep, rest = url.partition(":")
    if not sep or len(scheme) == 1:  # a bare path, or a Windows drive letter
        scheme, rest = "sqlite", url
    backend = BACKENDS.get(scheme.lower())
    if backend is None:
        raise StoreError(url, f"no storage called '{scheme}'; use one of: {', '.join(BACKENDS)}")
    where, _, query = rest.removeprefix("//").partition("?")
    options = dict(part.partition("=")[::2] for part in query.split("&") if part)
    try:
        return backend(where, options)
    except TypeError:
        raise StoreError(url, f"unknown option in '?{query}'") from None
