"""Play in the terminal against the AI. Type `help` at the prompt for the commands; actions use their
text forms (`offer pay=pay_3 breaks=breaks_30`, `accept 3`, `lever strike authority`, `end`).
Several --role options seat several people at one keyboard (hotseat). The game autosaves every turn."""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from negotiator import i18n
from negotiator.cli_support import DEFAULT_HELP, builtin_scenarios, path_arg
from negotiator.engine import (
    FACILITATOR,
    GameSettings,
    GameState,
    IllegalActionError,
    InvalidActionError,
    RoleSetting,
    new_game,
    parse_action,
    saves,
)
from negotiator.engine.actions import (
    FACILITATOR_VERBS,
    NOTE_MAX_CHARS,
    AdjustMeter,
    Counter,
    MakeOffer,
    SendBulletin,
    parse_terms,
)
from negotiator.engine.branching import rewind
from negotiator.engine.estimates import package_estimates
from negotiator.engine.moves import check_offer, normalise_terms
from negotiator.engine.offers import Offer
from negotiator.engine.players import AISpec, Controller, make_ais, role_settings, run_ai_until_human
from negotiator.engine.public_text import shown_entry
from negotiator.engine.records import LogEntry, TurnRecord
from negotiator.engine.saves import Classroom, SaveError, autosave, load_game, save_path, write_save
from negotiator.engine.utility import utility_model
from negotiator.engine.view import view
from negotiator.i18n import t
from negotiator.i18n.news import translated_entry
from negotiator.resources import ResourceError, default_scenario
from negotiator.scenario import ScenarioError, load_scenario, scenario_content_hash
from negotiator.scenario.models import MAX_MAGNITUDE, Scenario
from negotiator.scenario.textrules import clean_typed, visible
from negotiator.scenario.textrules import problem as text_problem
from negotiator.words import count

MAX_LINE = 10_000


def help_text(facilitator: bool = False) -> str:
    """The `help` command's text (and the facilitator's commands), in the current language."""
    return t("text.help") + ("\n" + t("text.help.facilitator") if facilitator else "")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", type=path_arg, help=DEFAULT_HELP)
    parser.add_argument(
        "--lang",
        default=i18n.DEFAULT,
        choices=i18n.LANGUAGES,
        help="the language of everything shown, the scenario's texts included where it is translated (default: en)",
    )
    parser.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="ID",
        help="the role you play (default: the first playable actor); repeat for hotseat play",
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: 1)")
    parser.add_argument("--load", metavar="SAVE", type=path_arg, help="resume a saved game")
    parser.add_argument(
        "--facilitator",
        action="store_true",
        help="allow the facilitator's `fac` commands at the prompt (for the teacher's terminal)",
    )
    parser.add_argument(
        "--from-turn",
        type=int,
        metavar="N",
        help="with --load: rewind the saved game to the start of turn N and play on as a new game "
        "(the save itself is not changed)",
    )


def run(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    with i18n.using(getattr(args, "lang", None)):
        try:
            session = _setup(args)
        except _SetupError as error:
            print(f"text: {error}", file=sys.stderr)
            return 2
        game = TextGame(session, stdin or sys.stdin, out, facilitator=bool(getattr(args, "facilitator", False)))
        return game.play()


# --- setting up --------------------------------------------------------------------------------------


class _SetupError(Exception):
    pass


@dataclass
class Session:
    """A game in progress and who sits where."""

    scenario: Scenario
    scenario_path: Path
    scenario_hash: str
    state: GameState
    humans: list[str]
    ais: dict[str, Controller] = field(default_factory=dict)
    branched_from: str = ""  # the save a branch was made from (which is never written to)
    #: The teacher's settings a loaded save carried (PIN hash, timer; text mode uses neither), written back with
    #: every save so a game continued in the window keeps them; for a branch, what it was branched from.
    classroom: Classroom = field(default_factory=Classroom)


def _setup(args: argparse.Namespace) -> Session:
    from_turn = getattr(args, "from_turn", None)
    if from_turn is not None and not args.load:
        raise _SetupError("--from-turn needs --load SAVE: it branches a saved game")
    if args.load:
        try:
            loaded = load_game(args.load, args.scenario, builtin_scenarios())
        except SaveError as error:
            raise _SetupError(
                f"{error.path}: {error.message}" + (f"\n  hint: {error.hint}" if error.hint else "")
            ) from None
        scenario, state = loaded.scenario, loaded.state
        path, digest = loaded.scenario_path, loaded.scenario_hash
        classroom = loaded.save.classroom
        saved_humans = [a for a, r in state.settings.roles.items() if r.human]
        humans = _check_roles(scenario, args.role or saved_humans)
        if args.seed is not None and args.seed != state.seed:
            raise _SetupError(f"--seed {args.seed} differs from the save's seed {state.seed}; leave --seed out")
        if from_turn is not None:
            try:
                state = rewind(state, from_turn)
            except IllegalActionError as error:
                raise _SetupError(f"--from-turn {from_turn}: {error}") from None
            try:
                kept = saves.keep_original(args.load)
            except OSError as error:
                raise _SetupError(f"cannot keep a copy of the autosave {args.load}: {error}") from None
            if kept is not None:
                print(t("text.kept_original", path=kept))
            classroom = dataclasses.replace(classroom, branch_of=saves.branch_origin(args.load), branch_turn=from_turn)
    else:
        try:
            path = Path(args.scenario) if args.scenario else default_scenario()
        except ResourceError as error:
            raise _SetupError(str(error)) from None
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            raise _SetupError("\n".join(str(p) for p in error.problems)) from None
        except OSError as error:
            raise _SetupError(f"cannot read {path}: {error.strerror or error}") from None
        digest = scenario_content_hash(path)
        humans = _check_roles(scenario, args.role)
        settings = GameSettings(roles=role_settings(scenario, humans=humans))
        state = new_game(scenario, 1 if args.seed is None else args.seed, settings)
        classroom = Classroom()
    session = Session(scenario, path, digest, state, humans, classroom=classroom)
    if from_turn is not None:
        session.branched_from = str(args.load)
    roles = state.settings.roles
    session.ais = make_ais(scenario, state.seed, _ai_specs(roles), humans=humans)
    return session


def _ai_specs(roles: Mapping[str, RoleSetting]) -> dict[str, AISpec]:
    return {a: AISpec(r.personality, r.difficulty) for a, r in roles.items() if not r.human}


def _check_roles(scenario: Scenario, roles: Iterable[str]) -> list[str]:
    playable = [a.id for a in scenario.actors if a.playable and a.negotiates]
    chosen = list(dict.fromkeys(roles)) or playable[:1]
    for role in chosen:
        if role not in playable:
            raise _SetupError(f"'{role}' is not a playable role here; choose from: {', '.join(playable)}")
    return chosen


# --- reading the game for people ---------------------------------------------------------------------


def option_label(scenario: Scenario, issue_id: str, option_id: str) -> str:
    return scenario.option_label(issue_id, option_id)


def describe_terms(scenario: Scenario, terms: Iterable[tuple[str, str]]) -> str:
    return "; ".join(f"{scenario.issue(i).name}: {option_label(scenario, i, o)}" for i, o in terms)


def render_entry(entry: LogEntry, show_changes: bool = True, show_reason: bool = True) -> list[str]:
    """One log entry as indented lines: the sentence, a quote or reason, and what it changed."""
    data = entry.data
    prefix = t(f"text.phase.{entry.phase}") if entry.phase in _PHASES else ""
    lines = [f"  {prefix + ': ' if prefix else ''}{entry.text}"]
    quote = data.get("quote")
    if quote:
        context = f", {quote['context']}" if quote.get("context") else ""
        lines.append(f'      "{quote["text"]}" - {quote["speaker"]}{context}')
    if quote and quote.get("translation"):
        lines.append(f"      ({quote['translation']})")
    if show_reason and data.get("reason"):
        lines.append("      " + t("text.why", reason=data["reason"]))
    changes = data.get("changes")
    if show_changes and changes:
        lines.append("      (" + "; ".join(changes) + ")")
    return lines


def render_meters(
    scenario: Scenario, meters: dict[str, float], reservations: dict[str, float] | None = None
) -> list[str]:
    """Shared meters on one line, then one line per negotiating actor (with its no-deal value if given) and
    per non-negotiating actor that holds a shown meter (a mediator's patience that can end the game is for
    players to watch, as the window's actors panel shows it)."""
    shared = [m for m in scenario.shown_meters if m.scope == "shared"]
    personal = [m for m in scenario.shown_meters if m.scope == "actor"]
    lines = []
    if shared:
        lines.append("  " + ", ".join(f"{m.name} {meters[m.id]:.0f}" for m in shared))
    for actor in scenario.actors:
        parts = [f"{m.name} {meters[f'{m.id}@{actor.id}']:.0f}" for m in personal if f"{m.id}@{actor.id}" in meters]
        if not actor.negotiates and not parts:
            continue
        if reservations and actor.id in reservations:
            parts.append(t("text.no_deal_value", value=i18n.number(reservations[actor.id], 2)))
        lines.append(f"  {actor.short_name}: " + ", ".join(parts))
    return lines


_PHASES = ("events", "levers", "ratification", "end", "facilitator")


def render_entries(entries: Iterable[LogEntry], previous_reason: str = "") -> list[str]:
    """Entries in order; a counter's reason is not repeated on the offer it makes."""
    lines: list[str] = []
    for entry in entries:
        reason = f"{entry.actor}:{entry.data.get('reason', '')}"
        lines += render_entry(entry, show_reason=reason != previous_reason)
        previous_reason = reason
    return lines


def render_record(scenario: Scenario, record: TurnRecord, show_reservations: bool = True) -> list[str]:
    lines = [t("text.turn_rule", turn=record.turn), *render_entries(record.entries)]
    lines.append("  " + t("text.meters_at_end"))
    lines += [
        "  " + line
        for line in render_meters(scenario, record.meters, record.reservations if show_reservations else None)
    ]
    return lines


def render_outcome(state: GameState) -> list[str]:
    outcome = state.outcome()
    if outcome is None:
        return [t("text.not_over")]
    scenario = state.scenario.translated(i18n.current())
    lines = [t("text.over"), outcome.summary, ""]
    if outcome.terms:
        lines.append(t("text.terms"))
        lines += [f"  {scenario.issue(i).name}: {option_label(scenario, i, o)}" for i, o in outcome.terms.items()]
    # In the scenario's order, never ranked: each score counts from its own role's start, so roles that start
    # from different positions by design are not comparable.
    lines.append(t("text.scores"))
    for actor, score in outcome.scores.items():
        parts = ", ".join(
            f"{t('text.score.' + k)} {i18n.number(v + 0.0, 1, sign=True)}" for k, v in score.breakdown.items()
        )
        against = t(
            "text.score_against",
            utility=i18n.number(score.utility, 2),
            start=i18n.number(score.start_reservation, 2),
        )
        total = i18n.number(score.total, 1, sign=True)
        lines.append(f"  {scenario.actor(actor).short_name:<14} {total:>7}   ({parts}; {against})")
    return lines


# --- the game loop -----------------------------------------------------------------------------------


class TextGame:
    """The terminal front end: shows what the human seats may see and reads their commands."""

    def __init__(self, session: Session, stdin: TextIO, stdout: TextIO, *, facilitator: bool = False):
        self.s = session
        self.stdin = stdin
        self.out = stdout
        self.facilitator = facilitator
        self.echo = not _isatty(stdin)
        self.shown = 0  # how many log entries (finished turns', then this turn's) have been shown
        self.header_turn: int | None = None
        self.last_reason = ""
        self.last_autosave: Path | None = None  # where the game was last autosaved (named in the closing hint)
        self.prompted_at = -1  # number of actions when the move summary was last shown
        self.model = utility_model(session.scenario)
        self.names = session.scenario.translated(i18n.current())  # what the player reads: names, labels, texts
        self.commands: dict[str, Callable[[str, str], bool | None]] = {
            "help": self._help,
            "?": self._help,
            "status": self._status,
            "check": self._check,
            "issues": self._issues,
            "board": self._issues,
            "levers": self._levers,
            "offers": self._offers,
            "log": self._log,
            "fac": self._facilitator,
            "save": self._save,
            "quit": self._quit,
            "exit": self._quit,
        }

    def say(self, *lines: str) -> None:
        """Print lines for the player; a control character from a file or a typed line (an escape sequence
        in a name, a NUL) is shown escaped, never sent to the terminal as it is."""
        for line in lines:
            print(visible(line), file=self.out)

    # the whole game
    def play(self) -> int:
        try:
            return self._play()
        except KeyboardInterrupt:
            self.say("", t("text.interrupted") + " " + self._autosave_note())
            return 130

    def _play(self) -> int:
        s = self.s
        names = ", ".join(self.names.actor(a).short_name for a in s.humans)
        self.say(t("text.welcome", title=self.names.metadata.title, names=names, seed=s.state.seed))
        if s.branched_from:
            self.say(t("text.branch", save=s.branched_from, turn=s.state.turn))
        elif s.state.actions:
            self.say(t("text.resumed", turn=s.state.turn, actions=len(s.state.actions)))
        self.shown = sum(len(r.entries) for r in s.state.records)
        self._catch_up()
        while True:
            try:
                self._advance_ai()
            except (IllegalActionError, InvalidActionError, RuntimeError) as error:
                self.say(t("text.ai_refused", error=error))
                self._autosave()
                return 1
            if s.state.is_over():
                self.say("", *render_outcome(s.state))
                self.say(*self._questions())
                return 0
            actor = s.state.current_actor
            assert actor is not None
            if self.prompted_at != len(s.state.actions):
                self.prompted_at = len(s.state.actions)
                self._prompt_header(actor)
            line = self._read(f"{self.names.actor(actor).short_name}> ")
            if line is None:
                self.say("", t("text.end_of_input") + " " + self._autosave_note())
                return 0
            if self._handle(actor, line.strip()) is False:
                return 0

    def _read(self, prompt: str) -> str | None:
        """The next input line, or None at the end of input. A line that is not UTF-8, or longer than
        MAX_LINE characters, is refused with a message and read as an empty line."""
        try:
            if not self.echo and self.stdin is sys.stdin and self.out is sys.stdout:
                try:
                    line = input(prompt)  # a terminal: line editing and history where readline exists
                except EOFError:
                    return None
            else:
                self.out.write(prompt)
                self.out.flush()
                line = self.stdin.readline(MAX_LINE + 1)
                if not line:
                    return None
                if self.echo:
                    self.out.write(visible(line if line.endswith("\n") else line + "\n"))
                if len(line) > MAX_LINE and not line.endswith("\n"):
                    while (rest := self.stdin.readline(MAX_LINE)) and not rest.endswith("\n"):
                        pass  # drop the rest of the over-long line
                    line = None  # type: ignore[assignment]
        except UnicodeDecodeError:
            self.say("  ! " + t("text.not_utf8"))
            return ""
        if line is None or len(line) > MAX_LINE:
            self.say("  ! " + t("text.too_long", max=i18n.number(MAX_LINE)))
            return ""
        return line

    def _advance_ai(self) -> None:
        s = self.s
        s.state = run_ai_until_human(s.state, s.ais, s.humans)
        self._catch_up()

    def _handle(self, actor: str, line: str) -> bool | None:
        if not line:
            return None
        word, _, rest = line.partition(" ")
        command = self.commands.get(word.lower())
        if command is not None:
            return command(actor, rest.strip())
        line, _, note = line.partition("#")  # ids never hold '#': what follows is the team's note
        note = " ".join(clean_typed(note, line=True).split())[:NOTE_MAX_CHARS]
        try:
            action = parse_action(line, actor)
            if note and actor in self.s.humans:
                action = dataclasses.replace(action, reason=note)
            before = self.s.state
            self.s.state = before.apply(action)
        except InvalidActionError as error:
            hint = t("text.hint.help") if "unknown command" in str(error) else self._hint(line)
            self.say(f"  ! {error}", "    " + t("text.hint", hint=hint))
            return None
        except IllegalActionError as error:
            self.say("  ! " + t("text.not_allowed", error=error), "    " + t("text.hint", hint=self._hint(line)))
            return None
        self._catch_up()
        if isinstance(action, MakeOffer | Counter):
            self.say(*self._estimate_lines(before, actor, dict(action.terms)))
        return None

    def _hint(self, line: str) -> str:
        words = line.split()
        verb = words[0].lower() if words else ""  # a line of a comment alone ('#') has no verb
        known = ("offer", "counter", "accept", "reject", "lever", "redline")
        return t(f"text.hint.{verb}") if verb in known else t("text.hint.help")

    # what happened since the last prompt
    def _visible(self, entry: LogEntry) -> bool:
        return entry.visibility == "public" or entry.actor in self.s.humans

    def _catch_up(self) -> None:
        """Show new log entries under a header per turn, and the meters whenever a turn has ended."""
        state = self.s.state
        stream = [(r, e) for r in state.records for e in r.entries] + [(None, e) for e in state.entries]
        for record, entry in stream[self.shown :]:
            if entry.turn != self.header_turn:
                self.header_turn = entry.turn
                self.say("", t("text.turn_header", turn=entry.turn, turns=state.turns))
            if self._visible(entry):
                reason = f"{entry.actor}:{entry.data.get('reason', '')}"
                keep = self.s.humans if len(self.s.humans) == 1 else ()  # a shared terminal: nobody's numbers
                shown = translated_entry(shown_entry(self.s.scenario, entry, keep), self.s.scenario, self.names)
                self.say(*render_entry(shown, show_reason=reason != self.last_reason))
                self.last_reason = reason
            if record is not None and entry is record.entries[-1]:
                self._turn_footer(record)
        self.shown = len(stream)

    def _turn_footer(self, record: TurnRecord) -> None:
        s = self.s
        mine = {a: record.reservations[a] for a in s.humans if a in record.reservations}
        self.say("  " + t("text.turn_footer", turn=record.turn))
        self.say(*("  " + line for line in render_meters(self.names, record.meters, mine)))
        self._autosave()

    # the prompt
    def _prompt_header(self, actor: str) -> None:
        s = self.s
        v = view(s.state, actor)
        name = self.names.actor(actor).short_name
        self.say(
            "",
            t(
                "text.prompt_header",
                turn=v.turn,
                turns=v.turns,
                name=name,
                points=count(v.action_points, "action point"),
                offers=count(v.offers_left, "offer"),
                value=i18n.number(v.reservation, 2),
            ),
        )
        for offer in v.awaiting_me:
            self.say(*self._offer_lines(offer, actor, v.reservation, awaiting=True))

    def _offer_lines(self, offer: Offer, actor: str, reservation: float, awaiting: bool = False) -> list[str]:
        s = self.s
        proposer = self.names.actor(offer.proposer).short_name
        status = t(f"text.status.{offer.status}") if i18n.has(f"text.status.{offer.status}") else offer.status
        head = "  " + t("text.offer_head", id=offer.id, proposer=proposer, turn=offer.turn, status=status)
        if awaiting:
            head = "  " + t("text.offer_awaits", id=offer.id, proposer=proposer)
        lines = [head + ": " + describe_terms(self.names, offer.terms)]
        if actor in self.model.actors:
            settled = dict(s.state.settled)
            settled.update(dict(offer.terms))
            value = self.model.partial_utility(actor, self.model.terms_from_ids(settled), reservation)
            red = [i for i, o in offer.terms if o in s.scenario.preferences[actor].issues[i].red_lines]
            extra = t("text.crosses_red_line", issues=", ".join(red)) if red else ""
            lines.append("      " + self._worth(value, reservation) + extra)
        return lines

    def _estimate_lines(self, state: GameState, actor: str, terms: Mapping[str, str]) -> list[str]:
        """Each addressee's estimated answer to `terms` from `actor`'s view of `state` (public information)."""
        shown = package_estimates(view(state, actor), terms)
        if not shown:
            return []
        parts = [f"{self.names.actor(a).short_name} {i18n.band(acc.label)}" for a, acc in shown.items()]
        return ["      " + t("text.likely", answers="; ".join(parts))]

    def _worth(self, value: float, reservation: float) -> str:
        key = "text.worth.better" if value > reservation + 1e-9 else "text.worth.not_better"
        return t(key, value=i18n.number(value, 2), reservation=i18n.number(reservation, 2))

    # information commands
    def _check(self, actor: str, rest: str) -> None:
        """Estimate a package without sending it: its worth to the player and each addressee's likely answer."""
        s = self.s
        try:
            terms = normalise_terms(s.scenario, parse_terms(rest.split()))
        except InvalidActionError as error:
            self.say(f"  ! {error}", "    " + t("text.hint", hint=t("text.hint.check")))
            return
        state = s.state
        v = view(state, actor)
        settled = [i for i, _ in terms if i in v.settled]
        open_terms = {i: o for i, o in terms if i not in v.settled}
        if not open_terms:
            self.say("  " + t("text.check.all_settled"))
            return
        self.say("  " + t("text.check", terms=describe_terms(self.names, open_terms.items())))
        if settled:
            self.say("      " + t("text.check.left_out", issues=", ".join(settled)))
        if actor in self.model.actors:
            merged = {**v.settled, **open_terms}
            value = self.model.partial_utility(actor, self.model.terms_from_ids(merged), v.reservation)
            self.say("      " + self._worth(value, v.reservation))
        try:
            check_offer(state.core, MakeOffer(actor, tuple(open_terms.items())))
        except IllegalActionError as error:
            self.say("      " + t("text.check.cannot_send", error=error))
        lines = self._estimate_lines(state, actor, open_terms)
        self.say(*(lines or ["      " + t("text.check.nobody_signs")]))

    def _help(self, actor: str, rest: str) -> None:
        self.say(help_text(self.facilitator))

    def _status(self, actor: str, rest: str) -> None:
        s = self.s
        v = view(s.state, actor)
        history = ", ".join(i18n.number(r, 2) for r in v.reservation_history)
        self.say(
            t("text.status.turn", turn=v.turn, turns=v.turns, name=self.names.actor(actor).short_name),
            t("text.status.budget", points=v.action_points, offers=v.offers_left),
            t("text.status.no_deal", value=i18n.number(v.reservation, 2), history=history),
            t("text.status.meters"),
            *render_meters(self.names, v.meters),
        )
        if v.settled:
            self.say(t("text.status.settled", terms=describe_terms(self.names, v.settled.items())))
        for other, est in v.estimates.items():
            self.say(
                t(
                    "text.status.read",
                    name=self.names.actor(other).short_name,
                    value=i18n.number(est.reservation, 2),
                    uncertainty=i18n.number(est.uncertainty, 2),
                )
            )

    def _issues(self, actor: str, rest: str) -> None:
        s = self.s
        v = view(s.state, actor)
        prefs = v.preferences
        for issue in self.names.issues:
            weight = ""
            if prefs and issue.id in prefs.issues:
                total = sum(p.weight for p in prefs.issues.values()) or 1.0
                weight = t("text.issues.weight", weight=i18n.number(prefs.issues[issue.id].weight / total, 2))
            settled = (
                t("text.issues.settled", option=option_label(self.names, issue.id, v.settled[issue.id]))
                if issue.id in v.settled
                else ""
            )
            signers = ", ".join(self.names.actor(a).short_name for a in issue.signatories)
            self.say(t("text.issues.line", name=issue.name, id=issue.id, weight=weight, signers=signers) + settled)
            for option in issue.options:
                mark, value = " ", ""
                if prefs and issue.id in prefs.issues:
                    pref = prefs.issues[issue.id]
                    value = i18n.number(pref.values.get(option.id, 0.0), 2)
                    mark = "*" if option.id in pref.red_lines else " "
                ruled = [
                    self.names.actor(a).short_name
                    for a, lines in v.public_red_lines.items()
                    if (issue.id, option.id) in lines
                ]
                note = "   " + t("text.issues.ruled_out", names=", ".join(ruled)) if ruled else ""
                consent = self.names.consent_note(issue.id, option.id, you=actor)
                if consent:
                    note = f"   {consent}" + (f"; {note.strip()}" if note else "")
                if (issue.id, option.id) in v.removed_options:
                    note = "   " + t("text.issues.removed")
                self.say(f"  {value:>5}{mark} {option.id:<28} {option.label}{note}")

    def _levers(self, actor: str, rest: str) -> None:
        s = self.s
        v = view(s.state, actor)
        if not v.levers:
            self.say(t("text.levers.none"))
        for status in v.levers:
            lever = self.names.lever(status.lever.id)
            if status.usable_targets:
                targets = [a for a in status.usable_targets if a]
                how = f"lever {lever.id}" + (f" {'|'.join(targets)}" if targets else "")
                state = t("text.levers.usable", how=how)
            else:
                state = t("text.levers.not_now", problem=status.problem)
            self.say(
                "  " + t("text.levers.line", name=lever.name, id=lever.id, cost=lever.cost, state=state),
                f"      {lever.description}",
            )

    def _offers(self, actor: str, rest: str) -> None:
        v = view(self.s.state, actor)
        if not v.offers:
            self.say(t("text.offers.none"))
        for offer in v.offers:
            self.say(*self._offer_lines(offer, actor, v.reservation))

    def _log(self, actor: str, rest: str) -> None:
        v = view(self.s.state, actor)
        turn, previous = None, ""
        for entry in v.log:
            if entry.turn != turn:
                turn = entry.turn
                self.say(t("text.turn_rule", turn=turn))
            reason = f"{entry.actor}:{entry.data.get('reason', '')}"
            shown = translated_entry(entry, self.s.scenario, self.names)
            self.say(*render_entry(shown, show_changes=False, show_reason=reason != previous))
            previous = reason

    # the facilitator
    def _facilitator(self, actor: str, rest: str) -> None:
        """`fac VERB ...`: a facilitator action, checked by the engine, logged and replayed like any other."""
        if not self.facilitator:
            self.say("  ! " + t("text.fac.off"), "    " + t("text.hint", hint=t("text.fac.off.hint")))
            return
        s = self.s
        verb = rest.split()[0].lower() if rest.split() else ""
        if verb == "events":
            self.say(
                *(f"  {e.id:<28} {e.name}" for e in self.names.events),
                *([] if s.scenario.events else ["  " + t("text.fac.none")]),
            )
            return
        if verb == "meters":
            for meter in self.names.shown_meters:
                holders = s.scenario.holders(meter.id)
                ids = " ".join(f"{meter.id}@{a}" for a in holders) if holders else meter.id
                self.say(f"  {meter.name}: {ids}")
            return
        if verb not in FACILITATOR_VERBS:
            self.say(
                "  ! " + t("text.fac.usage", verbs=" | ".join(sorted(FACILITATOR_VERBS))),
                "    " + t("text.hint", hint=t("text.hint.fac")),
            )
            return
        try:
            action = parse_action(rest, FACILITATOR)
            _check_facilitator_input(action)
            s.state = s.state.apply(action)
        except (InvalidActionError, IllegalActionError) as error:
            self.say("  ! " + t("text.fac.not_done", error=error), "    " + t("text.hint", hint=self._fac_hint(verb)))
            return
        self._catch_up()

    def _fac_hint(self, verb: str) -> str:
        return t(f"text.hint.fac.{verb}") if verb in ("inject", "adjust", "deadline") else t("text.hint.fac")

    # game commands
    def _save(self, actor: str, rest: str) -> None:
        if not rest:
            self.say("  ! " + t("text.save.usage"))
            return
        try:
            path = save_path(rest)  # a plain name goes into the saves folder, never the working directory
            path = write_save(path, self.s.state, self.s.scenario_hash, self.s.scenario_path, self.s.classroom)
        except ValueError as error:
            hint = "    " + t("text.hint", hint=t("text.save.hint"))
            self.say("  ! " + t("text.save.failed_to", path=rest, error=error), hint)
            return
        except OSError as error:
            self.say("  ! " + t("text.save.failed", error=error))
            return
        self.say(t("text.saved", path=path))

    def _quit(self, actor: str, rest: str) -> bool:
        self.say(t("text.stopping") + " " + self._autosave_note())
        return False

    def _questions(self) -> list[str]:
        """Each human team's debrief questions, from its own moves (as in its report copy)."""
        from negotiator.classroom.assessment import team_questions

        lines: list[str] = []
        for seat in self.s.humans:
            lines += ["", t("text.questions", name=self.names.actor(seat).short_name)]
            lines += [f"  {n}. {q.text}" for n, q in enumerate(team_questions(self.s.state, seat), start=1)]
        saved = self.last_autosave
        if lines and saved is not None:
            lines += ["", t("text.questions.copy", path=saved, seat=self.s.humans[0])]
        return lines

    def _autosave(self) -> Path | None:
        try:
            self.last_autosave = autosave(self.s.state, self.s.scenario_hash, self.s.scenario_path, self.s.classroom)
            return self.last_autosave
        except OSError as error:
            self.say("  " + t("text.autosave_failed", error=error.strerror or error))
            return None

    def _autosave_note(self) -> str:
        path = self._autosave()
        return t("text.autosaved", path=path) if path else ""


def _check_facilitator_input(action: object) -> None:
    """What a file-based check would refuse, refused at the prompt too: a change that is not a finite number
    in range (`nan`, `inf`, `1e309`), a bulletin holding control characters."""
    if isinstance(action, AdjustMeter) and not (math.isfinite(action.change) and abs(action.change) <= MAX_MAGNITUDE):
        raise InvalidActionError(f"the change must be a number between -{MAX_MAGNITUDE:,} and {MAX_MAGNITUDE:,}")
    if isinstance(action, SendBulletin):
        problem = text_problem(action.text)
        if problem:
            raise InvalidActionError(f"a bulletin: {problem}")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
