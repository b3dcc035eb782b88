"""Actions: small frozen values with a text form. Humans, the terminal and the AI all act through these.

Text forms (one line each; `parse_action(text, actor)` reads them and `str(action)` writes them):

    offer ISSUE=OPTION [ISSUE=OPTION ...]        propose terms (a partial deal names only some issues)
    accept N  |  reject N                        answer open offer number N
    counter N ISSUE=OPTION [...]                 reject offer N and propose these terms instead
    lever LEVER [TARGET]                         use a pressure lever (resolved at the end of the turn)
    redline ISSUE=OPTION                         publicly rule out an option (an audience cost if you back down)
    end                                          end your move

Facilitator actions (a teacher steering a classroom game) may come at any moment, from the actor
`facilitator`, and are logged as such and replayed like any other action:

    inject EVENT                                 fire one of the scenario's events now
    adjust METER[@ACTOR] CHANGE                  add CHANGE to a meter (per-actor meters name the actor)
    bulletin TEXT...                             publish a news bulletin
    deadline TURNS                               move the deadline (not before the current turn)

A `reason` (one sentence, why the actor did it) travels with every action into the turn record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from negotiator.engine.errors import InvalidActionError

Terms = tuple[tuple[str, str], ...]
_TERM = re.compile(r"^([a-z][a-z0-9_]*)=([a-z][a-z0-9_]*)$")


def format_terms(terms: Terms) -> str:
    return " ".join(f"{issue}={option}" for issue, option in terms)


def parse_terms(words: list[str]) -> Terms:
    pairs: list[tuple[str, str]] = []
    for word in " ".join(words).replace(",", " ").split():
        match = _TERM.match(word)
        if not match:
            raise InvalidActionError(
                f"'{word}' is not ISSUE=OPTION (an issue id, '=', one of its option ids; 'issues' lists them)"
            )
        pairs.append((match.group(1), match.group(2)))
    if not pairs:
        raise InvalidActionError("name at least one ISSUE=OPTION")
    return tuple(pairs)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names in order, looked up once per class (`dataclasses.fields` builds a tuple of
    every field per call, and state hashes and saves ask for them for every action and offer of a game)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = field_names_reference(cls)
    return names


def field_names_reference(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


#: The longest reason a person types with a move (a sentence or two; saves allow far longer, for the AI's).
NOTE_MAX_CHARS = 300


@dataclass(frozen=True)
class Action:
    """Base class. `actor` is who acts; `reason` is not part of an action's identity."""

    actor: str
    reason: str = field(default="", compare=False, kw_only=True)
    verb: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.verb, "actor": self.actor}
        for name in field_names(type(self)):
            if name not in ("actor", "reason"):
                value = getattr(self, name)
                data[name] = [list(t) for t in value] if name == "terms" else value
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class MakeOffer(Action):
    """Propose terms. The engine addresses it to every other signatory of the issues named."""

    terms: Terms = ()
    verb: ClassVar[str] = "offer"

    def __str__(self) -> str:
        return f"offer {format_terms(self.terms)}"


@dataclass(frozen=True)
class Respond(Action):
    """Accept or reject an open offer addressed to the actor."""

    offer_id: int = 0
    accept: bool = False
    verb: ClassVar[str] = "respond"

    def __str__(self) -> str:
        return f"{'accept' if self.accept else 'reject'} {self.offer_id}"


@dataclass(frozen=True)
class Counter(Action):
    """Reject an open offer and propose other terms in the same breath."""

    offer_id: int = 0
    terms: Terms = ()
    verb: ClassVar[str] = "counter"

    def __str__(self) -> str:
        return f"counter {self.offer_id} {format_terms(self.terms)}"


@dataclass(frozen=True)
class UseLever(Action):
    """Apply a pressure lever, optionally aimed at a target; it resolves with the others at the turn's end."""

    lever: str = ""
    target: str | None = None
    verb: ClassVar[str] = "lever"

    def __str__(self) -> str:
        return f"lever {self.lever}" + (f" {self.target}" if self.target else "")


@dataclass(frozen=True)
class DeclareRedLine(Action):
    """Publicly rule out an option; accepting or proposing it later costs the actor (audience costs)."""

    issue: str = ""
    option: str = ""
    verb: ClassVar[str] = "redline"

    def __str__(self) -> str:
        return f"redline {self.issue}={self.option}"


@dataclass(frozen=True)
class EndTurn(Action):
    """End the actor's move; offers addressed to it that it left unanswered lapse."""

    verb: ClassVar[str] = "end"

    def __str__(self) -> str:
        return "end"


FACILITATOR = "facilitator"


@dataclass(frozen=True)
class InjectEvent(Action):
    """The facilitator fires a scenario event now."""

    event: str = ""
    verb: ClassVar[str] = "inject"

    def __str__(self) -> str:
        return f"inject {self.event}"


@dataclass(frozen=True)
class AdjustMeter(Action):
    """The facilitator moves a meter; `holder` names the actor for per-actor meters."""

    meter: str = ""
    holder: str | None = None
    change: float = 0.0
    verb: ClassVar[str] = "adjust"

    def __str__(self) -> str:
        where = f"@{self.holder}" if self.holder else ""
        return f"adjust {self.meter}{where} {self.change:+g}"


@dataclass(frozen=True)
class SendBulletin(Action):
    """The facilitator publishes a news bulletin."""

    text: str = ""
    verb: ClassVar[str] = "bulletin"

    def __str__(self) -> str:
        return f"bulletin {self.text}"


@dataclass(frozen=True)
class SetDeadline(Action):
    """The facilitator extends or shortens the game."""

    turns: int = 0
    verb: ClassVar[str] = "deadline"

    def __str__(self) -> str:
        return f"deadline {self.turns}"


FACILITATOR_ACTIONS = (InjectEvent, AdjustMeter, SendBulletin, SetDeadline)
FACILITATOR_VERBS = frozenset(cls.verb for cls in FACILITATOR_ACTIONS)


def _int(word: str, what: str) -> int:
    try:
        return int(word)
    except ValueError:
        raise InvalidActionError(f"{what} must be a number, not '{word}'") from None


def _parse_offer(actor: str, args: list[str]) -> Action:
    return MakeOffer(actor, terms=parse_terms(args))


def _parse_respond(accept: bool):  # type: ignore[no-untyped-def]
    def parse(actor: str, args: list[str]) -> Action:
        if len(args) != 1:
            raise InvalidActionError(f"usage: {'accept' if accept else 'reject'} OFFER_NUMBER")
        return Respond(actor, offer_id=_int(args[0], "the offer number"), accept=accept)

    return parse


def _parse_counter(actor: str, args: list[str]) -> Action:
    if len(args) < 2:
        raise InvalidActionError("usage: counter OFFER_NUMBER ISSUE=OPTION [ISSUE=OPTION ...]")
    return Counter(actor, offer_id=_int(args[0], "the offer number"), terms=parse_terms(args[1:]))


def _parse_lever(actor: str, args: list[str]) -> Action:
    if len(args) not in (1, 2):
        raise InvalidActionError("usage: lever LEVER [TARGET]")
    return UseLever(actor, lever=args[0], target=args[1] if len(args) == 2 else None)


def _parse_redline(actor: str, args: list[str]) -> Action:
    terms = parse_terms(args)
    if len(terms) != 1:
        raise InvalidActionError("usage: redline ISSUE=OPTION (one at a time)")
    return DeclareRedLine(actor, issue=terms[0][0], option=terms[0][1])


def _parse_end(actor: str, args: list[str]) -> Action:
    if args:
        raise InvalidActionError("usage: end")
    return EndTurn(actor)


def _parse_inject(actor: str, args: list[str]) -> Action:
    if len(args) != 1:
        raise InvalidActionError("usage: inject EVENT")
    return InjectEvent(actor, event=args[0])


def _parse_adjust(actor: str, args: list[str]) -> Action:
    if len(args) != 2:
        raise InvalidActionError("usage: adjust METER[@ACTOR] CHANGE (for example adjust support@north -5)")
    meter, _, holder = args[0].partition("@")
    try:
        change = float(args[1])
    except ValueError:
        raise InvalidActionError(f"the change must be a number, not '{args[1]}'") from None
    return AdjustMeter(actor, meter=meter, holder=holder or None, change=change)


def _parse_bulletin(actor: str, args: list[str]) -> Action:
    if not args:
        raise InvalidActionError("usage: bulletin TEXT")
    return SendBulletin(actor, text=" ".join(args))


def _parse_deadline(actor: str, args: list[str]) -> Action:
    if len(args) != 1:
        raise InvalidActionError("usage: deadline TURNS")
    return SetDeadline(actor, turns=_int(args[0], "the deadline"))


PARSERS = {
    "offer": _parse_offer,
    "accept": _parse_respond(True),
    "reject": _parse_respond(False),
    "counter": _parse_counter,
    "lever": _parse_lever,
    "redline": _parse_redline,
    "end": _parse_end,
    "inject": _parse_inject,
    "adjust": _parse_adjust,
    "bulletin": _parse_bulletin,
    "deadline": _parse_deadline,
}


def parse_action(text: str, actor: str) -> Action:
    """Read an action's text form; raises InvalidActionError with a usage hint when malformed."""
    words = text.strip().split()
    if not words:
        raise InvalidActionError("empty command")
    parser = PARSERS.get(words[0].lower())
    if parser is None:
        players = [verb for verb in PARSERS if verb not in FACILITATOR_VERBS]
        raise InvalidActionError(f"unknown command '{words[0]}'; commands: {', '.join(players)}")
    return parser(actor, words[1:])


_BY_VERB: dict[str, type[Action]] = {
    cls.verb: cls for cls in (MakeOffer, Respond, Counter, UseLever, DeclareRedLine, EndTurn, *FACILITATOR_ACTIONS)
}


def action_from_dict(data: dict[str, Any]) -> Action:
    """Rebuild an action from `to_dict()` output (saves); raises InvalidActionError on bad data."""
    try:
        cls = _BY_VERB[data["type"]]
        kwargs = {k: v for k, v in data.items() if k != "type"}
        if "terms" in kwargs:
            kwargs["terms"] = tuple((str(i), str(o)) for i, o in kwargs["terms"])
        action = cls(**kwargs)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidActionError(f"not an action: {data!r} ({exc})") from None
    if not isinstance(action.actor, str):
        raise InvalidActionError(f"not an action: {data!r}")
    return action
