"""Join a class someone is hosting (`negotiator host`) and play your seat in the terminal: type `help` at the
prompt. The seat's token is kept on this computer, so running the same command again (after a crash, a closed
lid, a lost network) puts you back in your seat where you were."""

from __future__ import annotations

import argparse
import re
import select
import sys
from collections.abc import Callable
from typing import TextIO

from negotiator import i18n
from negotiator.commands.text import MAX_LINE, render_entry
from negotiator.engine.actions import parse_action
from negotiator.engine.errors import InvalidActionError
from negotiator.engine.records import LogEntry
from negotiator.host import messages as m
from negotiator.host.session import RemoteSession, SeatSession, SessionError, host_address
from negotiator.host.tokens import save_token, saved_tokens, token_key
from negotiator.i18n import number, t
from negotiator.scenario.textrules import visible
from negotiator.words import count

SEATS = ("you", "student", "away", "ai", "free")  # a seat's status at the table, worded by `remote.status.*`


def help_text() -> str:
    """The terminal seat's `help`, in the current language."""
    return t("join.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("address", help="the host's address, as `negotiator host` prints it (ws://HOST:PORT)")
    parser.add_argument("code", help="the class code on the projector")
    parser.add_argument("--table", type=int, help="the table to sit at (default: the first with a free seat)")
    parser.add_argument("--seat", help="the role to take, if it is free (default: any free one)")
    parser.add_argument("--name", default="", help="your name, for the teacher's screen")
    parser.add_argument("--new-seat", action="store_true", help="take a new seat instead of the one you had")
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help="the language the host sends your brief, the table's news and the computer's reasons in "
        "(default: with --window the window's language, else the scenario's own)",
    )
    parser.add_argument(
        "--teacher",
        action="store_true",
        help="open the teacher's screen of that class in a window (needs --pin, as the host was started with)",
    )
    parser.add_argument("--pin", help="the teacher's PIN, with --teacher")
    parser.add_argument(
        "--window", action="store_true", help="play the seat in the game window instead of the terminal"
    )


_saved_tokens = saved_tokens
_save_token = save_token


def run(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    code = args.code.strip().upper()
    if not re.fullmatch(f"[{m.CODE_ALPHABET}]{{{m.CODE_LENGTH}}}", code):
        print(
            f"join: '{visible(args.code)[:20]}' is not a class code: it is {m.CODE_LENGTH} letters and digits, "
            "as the teacher's screen shows it (never 0, O, 1 or I)",
            file=sys.stderr,
        )
        return 2
    if getattr(args, "teacher", False):
        return _teacher(args, code)
    seat = args.seat.strip().lower() if args.seat else None
    if seat is not None and not re.fullmatch(r"[a-z][a-z0-9_]{0,47}", seat):
        print(
            f"join: --seat takes a role's id, such as the scenario's brief shows it (not '{visible(seat)[:40]}')",
            file=sys.stderr,
        )
        return 2
    args.seat = seat
    key = token_key(host_address(args.address), code)  # the window's Join dialog keeps seats under the same key
    token = None if args.new_seat else _saved_tokens().get(key)
    lang = getattr(args, "lang", None) or (_window_language() if getattr(args, "window", False) else None)
    try:
        name = visible(args.name)[:40]
        try:
            session: SeatSession = RemoteSession(
                args.address, args.code, table=args.table, seat=args.seat, token=token, name=name, lang=lang
            )
        except SessionError as error:
            if token is None or error.code != "bad_token":
                raise
            session = RemoteSession(args.address, args.code, table=args.table, seat=args.seat, name=name, lang=lang)
    except SessionError as error:
        print(f"join: {error}", file=sys.stderr)
        return 2
    try:
        _save_token(key, session.token)
    except OSError as error:
        print(f"join: (your seat token could not be kept: {error}; if you drop, ask the teacher)", file=out)
    if getattr(args, "window", False):
        from negotiator.ui.game import run_remote_seat

        return run_remote_seat(session)  # the window's table closes the session when it leaves
    try:
        with i18n.using(lang):
            return SeatTerminal(session, stdin or sys.stdin, out).play()
    except KeyboardInterrupt:
        print("\nLeft the table; your seat waits for you (run the same join command to come back).", file=out)
        return 130
    finally:
        session.close()


def _window_language() -> str | None:
    """The language the game window is set to (its saved settings), for a seat played there."""
    from negotiator.ui.settings import load_settings

    settings, _ = load_settings()
    return settings.language if settings.language in i18n.LANGUAGES else None


def _teacher(args: argparse.Namespace, code: str) -> int:
    """The teacher's screen of a class hosted on another computer, in a window."""
    if not args.pin:
        print("join: --teacher needs --pin, the PIN the host was started with (host --pin PIN)", file=sys.stderr)
        return 2
    from negotiator.host.control import RemoteClassControl
    from negotiator.ui.game import run_teacher, window_refused

    refused = window_refused()
    if refused is not None:
        return refused
    try:
        control = RemoteClassControl(args.address, code, args.pin)
    except SessionError as error:
        print(f"join: {error}", file=sys.stderr)
        return 2
    try:
        return run_teacher(control)
    finally:
        control.close()


class SeatTerminal:
    """Plays one `SeatSession` in the terminal: local or remote, it cannot tell."""

    def __init__(self, session: SeatSession, stdin: TextIO, stdout: TextIO):
        self.session = session
        self.stdin = stdin
        self.out = stdout
        self.brief = session.brief
        self.names = {a.id: a.short_name for a in self.brief.actors}
        self.issues = {i.id: i for i in self.brief.issues}
        self.shown = 0
        self.views = 0
        self.commands: dict[str, Callable[[], None]] = {
            "help": lambda: self.say(help_text()),
            "?": lambda: self.say(help_text()),
            "status": self._status,
            "issues": self._issues,
            "offers": self._offers,
            "levers": self._levers,
            "log": self._log,
            "brief": self._brief,
        }

    def say(self, *lines: str) -> None:
        for line in lines:
            print(visible(line), file=self.out, flush=True)

    def play(self) -> int:
        b = self.brief
        v = self.session.view()
        self.say(t("join.hello", title=b.title, table=v.table, seat=self.names[b.you]))
        self._brief()
        self.session.briefed()  # printed in full: the move timer may count this seat's moves now
        waiting_for: object = None
        while True:
            v = self.session.view()
            self._catch_up(v)
            lost = getattr(self.session, "lost", None)
            if lost:
                self.say(t("join.lost", why=lost), t("join.lost.hint"))
                return 1
            if v.over:
                self._outcome(v)
                return 0
            if not v.started or not v.my_move or v.paused:
                now = (v.started, v.current_actor, v.paused)
                if now != waiting_for:
                    waiting_for = now
                    who = self.names.get(v.current_actor or "", "-")
                    if v.paused:
                        self.say(t("join.paused"))
                    else:
                        self.say(t("join.waiting_start") if not v.started else t("join.waiting_for", actor=who))
                if self._typed_while_waiting() is False:
                    return 0
                self.views = self.session.wait(self.views, 0.5)
                continue
            waiting_for = None
            self.say(
                "",
                t(
                    "join.your_move",
                    turn=v.turn,
                    turns=v.turns,
                    points=count(v.action_points, "action point"),
                    offers=count(v.offers_left, "offer"),
                    value=number(v.reservation, 2),
                )
                + _time_left(self.session),
            )
            for offer in v.offers:
                if offer.status == "open" and b.you in offer.to and b.you not in offer.accepted_by:
                    who = self.names[offer.proposer]
                    self.say("  " + t("join.awaits", id=offer.id, actor=who, terms=self._terms(offer.terms)))
            line = self._read(f"{self.names[b.you]}> ")
            if line is None:
                self.say("", t("join.end_of_input"))
                return 0
            if self._handle(line.strip()) is False:
                return 0

    def _typed_while_waiting(self) -> bool | None:
        """At a terminal, a line typed while others move is handled at once (`status`, `quit`, ...); from a
        pipe or a file, lines are kept for the player's own moves."""
        if not _isatty(self.stdin):
            return None
        try:
            ready, _, _ = select.select([self.stdin], [], [], 0.5)
        except (OSError, ValueError, TypeError):  # no select on this stream (Windows consoles)
            return None
        if not ready:
            return None
        line = self.stdin.readline(MAX_LINE + 1)
        if not line:
            return False
        return self._handle(line.strip()[:MAX_LINE])

    def _read(self, prompt: str) -> str | None:
        self.out.write(prompt)
        self.out.flush()
        try:
            line = self.stdin.readline(MAX_LINE + 1)
        except UnicodeDecodeError:
            self.say("  ! " + t("join.not_utf8"))
            return ""
        if not line:
            return None
        if len(line) > MAX_LINE:
            self.say("  ! " + t("join.too_long", n=number(MAX_LINE)))
            return ""
        return line

    def _handle(self, line: str) -> bool | None:
        if not line:
            return None
        word = line.split()[0].lower()
        if word in ("quit", "exit"):
            self.say(t("join.leaving"))
            return False
        command = self.commands.get(word)
        if command is not None:
            command()
            return None
        try:
            action = parse_action(line, self.brief.you)
        except InvalidActionError as error:
            self.say(f"  ! {error}", "    " + t("join.hint"))
            return None
        problem = self.session.act(action)
        if problem:
            self.say("  ! " + t("join.not_done", why=problem))
        return None

    # --- what happened -----------------------------------------------------------------------------
    def _catch_up(self, v: m.SeatView) -> None:
        turn = None if self.shown == 0 else v.log[self.shown - 1].turn if self.shown <= len(v.log) else None
        for doc in v.log[self.shown :]:
            if doc.turn != turn:
                turn = doc.turn
                self.say("", t("join.turn_head", turn=turn, turns=v.turns))
            entry = LogEntry(doc.turn, doc.phase, doc.kind, doc.text, doc.actor, doc.visibility, doc.data)  # type: ignore[arg-type]
            self.say(*render_entry(entry))
        self.shown = len(v.log)

    def _outcome(self, v: m.SeatView) -> None:
        o = v.outcome
        if o is None:
            return
        self.say("", t("join.over"), o.ending_text)
        if o.terms:
            terms = (f"  {self.issues[i].name}: {self._label(i, opt)}" for i, opt in o.terms.items())
            self.say(t("join.terms"), *terms)
        if o.score is not None:
            parts = ", ".join(f"{k} {number(val + 0.0, 1, sign=True)}" for k, val in o.score.breakdown.items())
            self.say(
                t(
                    "join.score",
                    total=number(o.score.total, 1, sign=True),
                    parts=parts,
                    utility=number(o.score.utility, 2),
                    start=number(o.score.start_reservation, 2),
                )
            )

    # --- information ---------------------------------------------------------------------------------
    def _label(self, issue: str, option: str) -> str:
        found = self.issues.get(issue)
        return next((o.label for o in found.options if o.id == option), option) if found else option

    def _terms(self, terms: list[list[str]]) -> str:
        return "; ".join(f"{self.issues[i].name}: {self._label(i, o)}" for i, o in terms if i in self.issues)

    def _brief(self) -> None:
        b = self.brief
        me = next(a for a in b.actors if a.id == b.you)
        self.say("", t("join.you_are", name=me.name), b.confidential_brief)
        if b.goals:
            self.say(t("join.goals"), *(f"  - {g}" for g in b.goals))

    def _status(self) -> None:
        v = self.session.view()
        meters = {mt.id: mt for mt in self.brief.meters}
        shown_meters = ", ".join(f"{self._meter(k, meters)} {number(val)}" for k, val in v.meters.items())
        seats = ", ".join(f"{self.names[a]} {t('remote.status.' + s) if s in SEATS else s}" for a, s in v.seats.items())
        self.say(
            t("join.status.turn", turn=v.turn, turns=v.turns, actor=self.names.get(v.current_actor or "", "-")),
            t("join.status.budget", points=v.action_points, offers=v.offers_left),
            t("join.status.no_deal", value=number(v.reservation, 2)),
            t("join.status.meters", meters=shown_meters),
            t("join.status.seats", seats=seats),
        )
        for other, est in v.estimates.items():
            self.say(t("join.status.read", actor=self.names[other], value=number(est.reservation, 2)))

    def _meter(self, key: str, meters: dict[str, m.MeterBrief]) -> str:
        meter_id, _, holder = key.partition("@")
        name = meters[meter_id].name if meter_id in meters else meter_id
        return f"{name} ({self.names.get(holder, holder)})" if holder else name

    def _issues(self) -> None:
        v = self.session.view()
        for issue in self.brief.issues:
            mine = self.brief.values.get(issue.id)
            settled = (
                " - " + t("join.settled", option=self._label(issue.id, v.settled[issue.id]))
                if issue.id in v.settled
                else ""
            )
            weight = ", " + t("join.weight", weight=number(mine.weight, 2)) if mine else ""
            self.say(f"{issue.name} ({issue.id}{weight}){settled}")
            for option in issue.options:
                value = number(mine.values.get(option.id, 0.0), 2) if mine else ""
                mark = "*" if mine and option.id in mine.red_lines else " "
                gone = "   " + t("join.off_table") if [issue.id, option.id] in v.removed_options else ""
                self.say(f"  {value:>5}{mark} {option.id:<28} {option.label}{gone}")

    def _offers(self) -> None:
        v = self.session.view()
        if not v.offers:
            self.say(t("join.no_offers"))
        for offer in v.offers:
            head = "  " + t(
                "join.offer_head", id=offer.id, actor=self.names[offer.proposer], turn=offer.turn, status=offer.status
            )
            self.say(f"{head}: {self._terms(offer.terms)}")

    def _levers(self) -> None:
        v = self.session.view()
        levers = {lv.id: lv for lv in self.brief.levers}
        if not v.levers:
            self.say(t("join.no_levers"))
        for status in v.levers:
            lever = levers[status.id]
            if status.usable_targets:
                targets = [target for target in status.usable_targets if target]
                how = t("join.lever.usable", command=f"lever {lever.id}" + (f" {'|'.join(targets)}" if targets else ""))
            else:
                how = t("join.lever.not_now", why=status.problem)
            head = t("join.lever", name=lever.name, id=lever.id, cost=lever.cost, how=how)
            self.say(f"  {head}", f"      {lever.description}")

    def _log(self) -> None:
        self.shown = 0
        self._catch_up(self.session.view())


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _time_left(session: object) -> str:
    """`, 1:30 left on the move timer` when the teacher's move timer runs; the host ends the move at 0."""
    left = getattr(session, "timer_left", lambda: None)()
    if left is None:
        return ""
    whole = int(-(-left // 1))
    return ", " + t("join.timer", clock=f"{whole // 60}:{whole % 60:02d}")
