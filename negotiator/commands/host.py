"""Host a whole class from this machine: every table's game runs here, students join from their own computers
with `negotiator join ADDRESS CODE`. Seats nobody takes are played by the AI once a table starts (a table starts
by itself when every seat is taken, or when you type `start`). Every action is stored as it happens, so after a
crash or a closed laptop `negotiator host --resume` brings every table back exactly. See docs/classroom.md."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import logging
import os
import re
import signal
import socket
import sys
import time
from pathlib import Path
from typing import TextIO

from negotiator import files, paths
from negotiator.cli_support import DEFAULT_HELP, load_scenario_or_report, path_arg, scenario_or_default
from negotiator.engine.saves import keep_finished
from negotiator.host import qr
from negotiator.host.control import ClassControl
from negotiator.host.core import MAX_TABLES, MAX_TEAM, Host, timer_line, timer_words
from negotiator.host.roster import read_roster
from negotiator.host.server import HostServer, Running, serve_in_thread
from negotiator.host.store import StoreError, open_store
from negotiator.scenario import scenario_content_hash

DEFAULT_PORT = 8765
CONSOLE_HELP = """Commands (TABLE is a number or `all`):
  status                      every table: turn, whose move, who plays each seat
  start [TABLE]               start now: the AI takes the free seats (default: all)
  pause TABLE | go TABLE      stop play at a table, or let it go on (kept by --resume)
  timer TABLE SECONDS [pass|ai]
                              time students' moves (0 stops it); when one runs out, the move
                                ends (pass, the default) or the computer finishes it (ai)
  fac TABLE ACTION            the facilitator's action at one table or all of them:
                                inject EVENT | adjust METER[@ACTOR] CHANGE | bulletin TEXT | deadline TURNS
  events | meters             the event ids to inject, the meter ids to adjust
  code | help | quit"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", type=path_arg, help=DEFAULT_HELP + "; with --resume, the class's own")
    parser.add_argument("--tables", type=int, default=1, help=f"tables to run, 1 to {MAX_TABLES} (default: 1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port to listen on (default: %(default)s)")
    parser.add_argument("--bind", default="0.0.0.0", help="address to listen on (default: every network)")
    parser.add_argument("--seed", type=int, default=1, help="seed of table 1; table N plays seed+N-1 (default: 1)")
    parser.add_argument(
        "--grace", type=float, default=60.0, help="seconds a student may be away before the AI plays the seat"
    )
    parser.add_argument(
        "--team-size",
        type=int,
        default=1,
        help=f"students who may share a seat, each on their own computer, 1 to {MAX_TEAM} (default: 1); a team's "
        "students join the same table and role",
    )
    parser.add_argument(
        "--roster",
        type=path_arg,
        help="a seating plan (CSV: name,table,role, one row per student; several names on a seat make a team): "
        "each student who joins under a name on it is seated there",
    )
    parser.add_argument("--db", type=path_arg, help="the class database (default: host/class.db in the data folder)")
    parser.add_argument("--resume", action="store_true", help="bring back the class in the database, exactly")
    parser.add_argument(
        "--pin",
        help="a PIN (4 to 32 letters and digits) that lets a teacher's screen on another computer join: "
        "negotiator join ADDRESS CODE --teacher --pin PIN (default: no such screens)",
    )
    parser.add_argument(
        "--window",
        action="store_true",
        help="open the teacher's screen (every table at a glance, pause, inject, bulletin) instead of the console",
    )
    parser.add_argument(
        "--debrief",
        action="store_true",
        help="write the class debrief of the stored class (every table compared, HTML and CSV) and stop; "
        "with --db for another class",
    )
    parser.add_argument(
        "--durable",
        action="store_true",
        help="sync every action to the disk (survives a power cut too; each action then waits for the disk)",
    )


def run(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    if not 1 <= args.tables <= MAX_TABLES:
        print(f"host: --tables must be 1 to {MAX_TABLES}", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print("host: --port must be 0 to 65535", file=sys.stderr)
        return 2
    if not 1 <= getattr(args, "team_size", 1) <= MAX_TEAM:
        print(f"host: --team-size must be 1 to {MAX_TEAM}", file=sys.stderr)
        return 2
    if not 0 <= args.grace <= 86_400:
        print("host: --grace must be 0 to 86400 seconds", file=sys.stderr)
        return 2
    if getattr(args, "debrief", False):
        args.resume = True
    try:
        db = Path(args.db) if args.db else paths.user_data_dir() / "host" / "class.db"
        db.parent.mkdir(parents=True, exist_ok=True)
        _log_to(db.parent / "host.log")
        host = _open_class(args, db, out)
    except (StoreError, OSError, ValueError, files.FileReadError) as error:
        print(f"host: {error}", file=sys.stderr)
        return 2
    if host is None:
        return 2
    if getattr(args, "debrief", False):
        host.store.close()
        return 0 if _write_debrief(host, db, out, always=True) else 2
    pin = getattr(args, "pin", None)
    if pin is not None:
        if not re.fullmatch(r"[A-Za-z0-9]{4,32}", pin):
            host.store.close()
            print("host: --pin takes 4 to 32 letters and digits", file=sys.stderr)
            return 2
        host.teacher_pin = pin
    try:
        running = serve_in_thread(host, args.bind, args.port)
    except OSError as error:
        host.store.close()
        print(f"host: cannot listen on {args.bind}:{args.port}: {error.strerror or error}", file=sys.stderr)
        print("  hint: another program uses that port; pass --port with another number", file=sys.stderr)
        return 2
    _announce(host, running, db, out)
    _stop_on_terminate()
    try:
        if getattr(args, "window", False):
            _teacher_window(host, running, db, out)
        else:
            _console(host, running.server, stdin or sys.stdin, out)
    except KeyboardInterrupt:
        print("", file=out)
    running.stop()
    host.store.close()
    _keep_finished(host, out)
    _write_results(host, db, out)
    _write_debrief(host, db, out)
    print(f"Stopped. Every action is stored in {db}; resume with: negotiator host --resume", file=out)
    return 0


def _stop_on_terminate() -> None:
    """SIGTERM (a service manager, `kill`) stops the host as Ctrl-C does: finished tables kept, store closed."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError, AttributeError):  # not the main thread, or no SIGTERM (Windows)
        signal.signal(signal.SIGTERM, stop)


def _log_to(path: Path) -> None:
    """Refusals and joins go to a log file (a class makes many); storage failures also to the console."""
    log = logging.getLogger("negotiator.host")
    log.setLevel(logging.INFO)
    log.propagate = False
    if not log.handlers:
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.ERROR)
        log.addHandler(console)


def _open_class(args: argparse.Namespace, db: Path, out: TextIO) -> Host | None:
    if args.resume:
        if not db.exists():
            raise StoreError(str(db), "no class to resume here; start one without --resume")
        store = open_store(_url(db, args))
        record = store.load()
        path = args.scenario or (record.scenario_path if record else None)
        scenario = load_scenario_or_report("host", path)
        if scenario is None or path is None:
            store.close()
            return None
        try:
            host = Host.resume(scenario, scenario_content_hash(path), store, grace=args.grace)
        except StoreError:
            store.close()
            raise
        print(f"Resumed the class from {db}.", file=out)
        return host
    if db.exists() and open_store(f"sqlite:{db}").load() is not None:
        if args.db:
            raise StoreError(str(db), "already holds a class; add --resume to continue it, or pass another --db")
        kept = db.with_name(f"class-{time.strftime('%Y%m%d-%H%M%S')}.db")
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{db}{suffix}", f"{kept}{suffix}")
        print(f"The previous class is kept in {kept} (resume it with --db {kept} --resume).", file=out)
    path = scenario_or_default("host", args.scenario)
    scenario = load_scenario_or_report("host", path)
    if scenario is None or path is None:
        return None
    roster = read_roster(args.roster, scenario, args.tables) if getattr(args, "roster", None) else None
    store = open_store(_url(db, args))
    return Host.new(
        scenario,
        str(Path(path).resolve()),
        scenario_content_hash(path),
        store,
        args.tables,
        args.seed,
        args.grace,
        team_size=getattr(args, "team_size", 1),
        roster=roster,
    )


def _url(db: Path, args: argparse.Namespace) -> str:
    return f"sqlite:{db}" + ("?sync=full" if args.durable else "")


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent), or 127.0.0.1 without one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def _teacher_window(host: Host, running: Running, db: Path, out: TextIO) -> None:
    """The teacher's screen until its window closes (then the host stops as after `quit`); without a display,
    the console instead."""
    from negotiator.ui.game import run_teacher

    control = ClassControl(host, running.server, _join_address(running), debrief_to=db)
    if run_teacher(control) != 0:
        print("host: the teacher's screen cannot open here; the console runs instead.", file=out)
        _console(host, running.server, sys.stdin, out)


def _join_address(running: Running) -> str:
    bind = running.server.bind
    where = lan_address() if bind in ("0.0.0.0", "") else bind
    return f"ws://{where}:{running.server.port}"


def _announce(host: Host, running: Running, db: Path, out: TextIO) -> None:
    address = _join_address(running)
    seats = len(host.tables[0].seats)
    teams = f", up to {host.record.team_size} students a seat" if host.record.team_size > 1 else ""
    if host.roster.rows:
        teams += f"; {len(host.roster.rows)} students placed by the seating plan"
    print(
        f"{host.scenario.metadata.title}: {len(host.tables)} table(s) of {seats} seats{teams}.",
        "",
        f"    Class code:  {host.code}",
        f"    Address:     {address}",
        f"    Students:    {qr.join_line(address, host.code)}",
        "",
        "For the projector (a phone reads the join line off it):",
        *qr.terminal_lines(qr.join_line(address, host.code)),
        "",
        "A table starts when every seat is taken; `start` lets the AI take the free seats.",
        CONSOLE_HELP,
        sep="\n",
        file=out,
    )


def _numbers(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers)) or "none (all had started)"


def status_lines(host: Host) -> list[str]:
    """One line per table: the turn, whose move, how each seat is played, or how it ended."""
    lines = []
    for table in host.tables:
        state = table.state
        seats = ", ".join(
            f"{host.scenario.actor(a).short_name} {s}" + (f" ({table.seats[a].names})" if table.seats[a].names else "")
            for a, s in table.statuses().items()
        )
        if state.is_over():
            ending = state.ending.kind if state.ending else "over"
            where = f"over after turn {state.turn}: {ending}"
            for seat, turns in table.stand_ins().items():
                where += f"; the computer stood in for {host.scenario.actor(seat).short_name} in turn(s) "
                where += ", ".join(map(str, turns))
        elif not table.started:
            where = f"waiting ({len(table.free_seats())} free seat(s))"
        else:
            mover = host.scenario.actor(state.current_actor or "").short_name if state.current_actor else "-"
            where = f"turn {state.turn}/{state.turns}, {mover} to move"
        if table.paused and not state.is_over():
            where += " (PAUSED)"
        left = table.timer_left()
        if left is not None:
            where += f" [{int(left) // 60}:{int(left) % 60:02d} left]"
        lines.append(f"  Table {table.number}: {where}; {seats}")
    return lines


def _console(host: Host, server: HostServer, stdin: TextIO, out: TextIO) -> None:
    """The teacher's commands, until `quit`; at the end of input (no terminal) serve until interrupted."""
    while True:
        print("host> ", end="", file=out, flush=True)
        line = stdin.readline(1000)
        if not line:
            print("", file=out)
            while server.loop is not None and not server.loop.is_closed():
                time.sleep(1)
            return
        word, _, rest = line.strip().partition(" ")
        word = word.lower()
        if word in ("quit", "exit", "stop"):
            return
        if word == "status":
            print(*server.call(status_lines, host), sep="\n", file=out)
        elif word in ("start", "pause", "go", "fac", "timer"):
            where, _, action = rest.strip().partition(" ")
            try:
                number = _table_number(host, where or "all")
                if word == "start":
                    print(f"  Started tables: {_numbers(server.call(host.start, number))}", file=out)
                elif word in ("pause", "go"):
                    changed = server.call(host.pause, number, word == "pause")
                    what = "Paused" if word == "pause" else "Playing again"
                    print(f"  {what}: {', '.join(map(str, changed)) or 'no change'}", file=out)
                elif word == "timer":
                    try:
                        seconds, mode = timer_words(action)
                    except ValueError:
                        raise ValueError("usage: timer TABLE SECONDS [pass|ai] (0 stops it)") from None
                    changed = server.call(host.set_timer, number, seconds, mode)
                    what = timer_line(seconds, mode).capitalize()
                    print(f"  {what}: {', '.join(map(str, changed)) or 'no change'}", file=out)
                else:
                    if not action.strip():
                        raise ValueError("usage: fac TABLE ACTION (type `help`)")
                    print(*(f"  {line}" for line in server.call(host.facilitate, number, action)), sep="\n", file=out)
            except ValueError as error:
                print(f"  ! {error}", file=out)
        elif word == "events":
            print(*(f"  {e.id:<28} {e.name}" for e in host.scenario.events), sep="\n", file=out)
        elif word == "meters":
            for meter in host.scenario.shown_meters:
                holders = host.scenario.holders(meter.id)
                print(
                    f"  {meter.name}: {' '.join(f'{meter.id}@{a}' for a in holders) if holders else meter.id}", file=out
                )
        elif word == "code":
            print(f"  Class code: {host.code}", file=out)
        elif word in ("help", "?"):
            print(CONSOLE_HELP, file=out)
        elif word:
            print(f"  ! unknown command '{word}'. {CONSOLE_HELP}", file=out)


def _table_number(host: Host, text: str) -> int | None:
    """`all` (None) or a table's number; ValueError naming the tables otherwise."""
    if text.lower() == "all":
        return None
    if not text.isdigit() or host.table(int(text)) is None:
        raise ValueError(f"no table '{text}'; tables are 1 to {len(host.tables)}, or all")
    return int(text)


RESULT_COLUMNS = ("table", "seat", "role", "student", "ending", "turn", "score", "utility", "computer_turns", "terms")


def result_rows(host: Host) -> list[dict[str, object]]:
    """One row per seat of every finished table, for a gradebook: who played it, how the game ended, the
    seat's score, and the turns the computer stood in for an absent student."""
    rows: list[dict[str, object]] = []
    for table in host.tables:
        outcome = table.state.outcome()
        if outcome is None:
            continue
        stand_ins = table.stand_ins()
        terms = "; ".join(f"{i}={o}" for i, o in outcome.terms.items())
        for seat_id, seat in table.seats.items():
            score = outcome.scores.get(seat_id)
            rows.append(
                {
                    "table": table.number,
                    "seat": seat_id,
                    "role": host.scenario.actor(seat_id).short_name,
                    "student": seat.names if seat.token_hash else "",
                    "ending": outcome.ending,
                    "turn": outcome.turn,
                    "score": "" if score is None else score.total,
                    "utility": "" if score is None else score.utility,
                    "computer_turns": " ".join(map(str, stand_ins.get(seat_id, []))) if seat.token_hash else "all",
                    "terms": terms,
                }
            )
    return rows


def _write_results(host: Host, db: Path, out: TextIO) -> None:
    rows = result_rows(host)
    if not rows:
        return
    target = db.with_name(f"{db.stem}-results.csv")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, RESULT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    try:
        files.atomic_write(target, buffer.getvalue())
    except OSError as error:
        print(f"  (the results could not be written: {error})", file=out)
        return
    print(f"  Results of the finished tables, one row per seat: {target}", file=out)


def _write_debrief(host: Host, db: Path, out: TextIO, always: bool = False) -> bool:
    """The class debrief page and its two CSV files beside the database, once a table has finished (or always,
    for `--debrief`); whether they were written."""
    if not always and not any(t.state.is_over() for t in host.tables):
        return False
    try:
        written = ClassControl(host, debrief_to=db).write_debrief()
    except (OSError, ValueError) as error:
        print(f"  (the class debrief could not be written: {error})", file=out)
        return False
    print(
        f"  Class debrief: {written[0]} (open it in a browser); per table {written[1]}, per student {written[2]}",
        file=out,
    )
    return True


def _keep_finished(host: Host, out: TextIO) -> None:
    """Finished tables go to the library as ordinary saves, for `negotiator report` and the debrief."""
    for table in host.tables:
        if table.state.is_over():
            try:
                path = keep_finished(table.state, host.record.scenario_hash, host.record.scenario_path)
            except OSError as error:
                print(f"  (table {table.number} could not be kept: {error})", file=out)
                continue
            print(f"  Table {table.number} is kept as {path}", file=out)
