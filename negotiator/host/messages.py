"""The wire protocol between the host and its clients: pydantic models, one JSON object per message.

Every message from a client is size-checked, decoded with the guarded JSON reader (`negotiator.files.load_json`:
depth, huge numbers, duplicate keys) and validated strictly against `ClientMessage` before the host looks at it;
an action inside is the same bounded document a save holds (`negotiator.engine.saves.ActionDocument`). Anything
else becomes a `ProtocolError` carrying a short code and a sentence, which the host sends back as an `Error`.

Host messages are validated by the client the same way, so a client never renders what it did not expect.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from negotiator import files
from negotiator.engine.saves import ActionDocument
from negotiator.files import FileReadError
from negotiator.scenario import textrules

PROTOCOL = 1
MAX_CLIENT_BYTES = 16_384  # a client sends joins and single actions: a few hundred bytes
MAX_HOST_BYTES = 16_000_000  # a whole game's log on (re)joining a long game of many parties

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread off a projector
CODE_LENGTH = 6

_Line = Annotated[str, StringConstraints(max_length=400, pattern=textrules.LINE_PATTERN)]
_Prose = Annotated[str, StringConstraints(max_length=4000, pattern=textrules.TEXT_PATTERN)]
_Name = Annotated[str, StringConstraints(max_length=40, pattern=textrules.LINE_PATTERN)]
_Seat = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$")]
_Code = Annotated[str, StringConstraints(pattern=f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")]
_Token = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{20,64}$")]
_Lang = Annotated[str, StringConstraints(max_length=35, pattern=textrules.LINE_PATTERN)]  # "uk", "ru_UA", "EN"...
_Count = Annotated[int, Field(strict=True, ge=0, le=1_000_000)]
_Table = Annotated[int, Field(strict=True, ge=1, le=1000)]
_Float = Annotated[float, Field(allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- client to host ----------------------------------------------------------------------------------


class Join(_Strict):
    """Take a seat: a free one (`table`/`seat` narrow the choice), or the one a `token` was given for."""

    type: Literal["join"]
    protocol: Literal[1] = 1
    code: _Code
    table: _Table | None = None
    seat: _Seat | None = None
    token: _Token | None = None
    name: _Name = ""
    lang: _Lang | None = None  # the language this seat reads (`i18n.LANGUAGES`; else the scenario's own)


class Act(_Strict):
    """Play `action` for the client's own seat. `seq` is the number of actions the client has seen at its
    table: an action sent against an older state (a resend, a replay, a race) is refused, never played twice."""

    type: Literal["act"]
    seq: _Count
    action: ActionDocument  # type: ignore[valid-type]


class Ping(_Strict):
    type: Literal["ping"]


class Briefed(_Strict):
    """The seat has read its brief (the window's brief closed, the terminal printed it): from now on the
    teacher's move timer may count the seat's moves. Until then, or `table.BRIEF_SECONDS`, it waits."""

    type: Literal["briefed"]


class Seats(_Strict):
    """Ask which seats are free before joining (the window's Join dialog lists them); needs the class code."""

    type: Literal["seats"]
    code: _Code


_Pin = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{4,32}$")]


class Watch(_Strict):
    """The teacher's screen on another computer (`join --teacher`): every table's public overview, for the PIN the
    host printed. Asked again for each refresh (the host pushes nothing to a teacher)."""

    type: Literal["watch"]
    code: _Code
    pin: _Pin
    lang: _Lang | None = None  # the teacher's language: the scenario's names and the tables' endings in it


class Teach(_Strict):
    """A teacher's command at one table (`table`) or every table (None): pause, go, start, or a facilitator
    action (`fac`, with `text` as the console's: `bulletin TEXT`, `inject EVENT`, ...)."""

    type: Literal["teach"]
    code: _Code
    pin: _Pin
    verb: Literal["pause", "go", "start", "fac", "timer"]
    table: _Table | None = None
    text: _Line = ""


ClientMessage = Annotated[Join | Act | Ping | Briefed | Seats | Watch | Teach, Field(discriminator="type")]
_CLIENT = TypeAdapter(ClientMessage)


# --- host to client ----------------------------------------------------------------------------------


class ActorBrief(_Strict):
    id: _Seat
    name: _Line
    short_name: _Line
    colour: _Line
    negotiates: bool
    playable: bool
    public_brief: _Prose


class OptionBrief(_Strict):
    id: _Seat
    label: _Line
    description: _Prose = ""


class IssueBrief(_Strict):
    id: _Seat
    name: _Line
    description: _Prose
    options: list[OptionBrief]
    signatories: list[_Seat]


class MeterBrief(_Strict):
    id: _Seat
    name: _Line
    description: _Prose
    scope: Literal["actor", "shared"]
    min: _Float
    max: _Float
    higher_is_better: bool


class LeverBrief(_Strict):
    id: _Seat
    owner: _Seat
    name: _Line
    description: _Prose
    cost: int
    targets: list[_Seat]


class IssueValues(_Strict):
    """The seat's own values on one issue (nobody else's ever leaves the host)."""

    weight: _Float
    values: dict[str, _Float]
    red_lines: list[_Seat]


class Brief(_Strict):
    """What a seat knows before play: the public structure of the scenario and its own private brief."""

    scenario_id: _Seat
    title: _Line
    summary: _Prose
    turns: int
    action_points: int
    offers_per_turn: int
    actors: list[ActorBrief]
    issues: list[IssueBrief]
    meters: list[MeterBrief]
    levers: list[LeverBrief]
    you: _Seat
    confidential_brief: _Prose
    goals: list[_Prose]
    values: dict[str, IssueValues]


class OfferDoc(_Strict):
    id: int
    proposer: _Seat
    terms: list[list[_Seat]]
    to: list[_Seat]
    turn: int
    accepted_by: list[_Seat]
    rejected_by: _Seat | None
    status: _Line


class EntryDoc(_Strict):
    turn: int
    phase: _Line
    kind: _Line
    text: _Prose
    actor: _Line | None
    visibility: Literal["public", "private"]
    data: dict[str, Any]


class LeverDoc(_Strict):
    id: _Seat
    usable_targets: list[_Seat | None]
    problem: _Prose | None


class EstimateDoc(_Strict):
    """What the seat can infer about another from public behaviour only."""

    reservation: _Float
    uncertainty: _Float


class ScoreDoc(_Strict):
    total: _Float
    breakdown: dict[str, _Float]
    utility: _Float
    start_reservation: _Float


class OutcomeDoc(_Strict):
    ending: _Line
    ending_text: _Prose  # not the engine's summary: that names every side's score
    turn: int
    terms: dict[str, _Seat]
    complete: bool
    actor: _Line | None
    score: ScoreDoc | None  # the seat's own score only


class SeatView(_Strict):
    """One seat's view of its table: `ActorView`'s public record plus this seat's own numbers.

    `log` holds the entries from `log_offset` on (a client keeps the earlier ones); `actions` is what the next
    `Act.seq` must say; `seats` tells, per seat, `you`, `student`, `away`, `ai` or `free` (public: who is at
    the table)."""

    type: Literal["view"] = "view"
    table: int
    seat: _Seat
    started: bool
    paused: bool = False  # by the teacher: nobody moves until play goes on
    timer_left: _Float | None = None  # seconds left in the move being made, when the teacher's move timer runs
    briefed: bool = True  # whether this seat has read its brief (`Briefed`); the window opens it until then
    actions: _Count
    turn: int
    turns: int
    current_actor: _Seat | None
    my_move: bool
    over: bool
    action_points: int
    offers_left: int
    meters: dict[str, _Float]
    reservation: _Float
    reservation_history: list[_Float]
    settled: dict[str, _Seat]
    offers: list[OfferDoc]
    public_red_lines: dict[str, list[list[_Seat]]]
    removed_options: list[list[_Seat]]
    levers: list[LeverDoc]
    estimates: dict[str, EstimateDoc]
    log_offset: _Count
    log: list[EntryDoc]
    seats: dict[str, Literal["you", "student", "away", "ai", "free"]]
    outcome: OutcomeDoc | None


class Welcome(_Strict):
    """The reply to a successful `Join`: the seat, its rejoin token (kept on the client), and its brief."""

    type: Literal["welcome"] = "welcome"
    protocol: Literal[1] = 1
    table: int
    seat: _Seat
    token: _Token
    brief: Brief


class Ok(_Strict):
    """An `Act` was played: the seat's view follows."""

    type: Literal["ok"] = "ok"
    seq: _Count


class Pong(_Strict):
    type: Literal["pong"] = "pong"


class Error(_Strict):
    """A refused message: `code` for programs (bad_message, too_big, not_joined, bad_code, no_seat, not_yours,
    stale, illegal, rate_limited, ...), `message` for people. The connection stays open."""

    type: Literal["error"] = "error"
    code: _Line
    message: _Prose
    seq: _Count | None = None


class SeatList(_Strict):
    """The reply to `Seats`: the free seats of every table still playing, and each seat's name to show."""

    type: Literal["seats"] = "seats"
    title: _Line
    free: dict[str, list[_Seat]]  # table number (as text: JSON keys) -> free seat ids
    names: dict[str, _Line]
    teams: dict[str, list[_Seat]] = {}  # of the free seats, those taken whose team has room (`host --team-size`)


class EventBrief(_Strict):
    id: _Seat
    name: _Line


class SeatLineDoc(_Strict):
    seat: _Seat
    status: Literal["student", "reading", "away", "ai", "free"]  # reading: connected, its brief still open
    name: _Line  # the student's name, or a team's ("Ana + Ben")


class OfferLineDoc(_Strict):
    id: int
    proposer: _Seat
    terms: list[list[_Seat]]
    to: list[_Seat]
    status: _Line


class TableDoc(_Strict):
    """One table as the teacher's screen shows it (`negotiator.host.overview.TableOverview`): public state only,
    the zone of agreement as a package count."""

    number: int
    started: bool
    paused: bool
    timer: _Count = 0  # the move timer's length in seconds (0: off)
    timer_left: _Float | None = None  # seconds left in the student's move being made
    over: bool
    ending: _Prose
    turn: int
    turns: int
    current_actor: _Seat | None
    actions: _Count
    seats: list[SeatLineDoc]
    offers: list[OfferLineDoc]
    meters: dict[str, _Float]
    settled: dict[str, _Seat]
    zone: _Count


class Overview(_Strict):
    """The reply to `Watch`: the scenario's public structure and every table."""

    type: Literal["overview"] = "overview"
    title: _Line
    actors: list[ActorBrief]
    issues: list[IssueBrief]
    meters: list[MeterBrief]
    events: list[EventBrief]
    tables: list[TableDoc]


class Taught(_Strict):
    """The reply to `Teach`: one line per table, done or why not."""

    type: Literal["taught"] = "taught"
    lines: list[_Prose]


HostMessage = Annotated[
    Welcome | SeatView | Ok | Pong | Error | SeatList | Overview | Taught, Field(discriminator="type")
]
_HOST = TypeAdapter(HostMessage)


class ProtocolError(Exception):
    """A message that cannot be accepted: `code` and a sentence for the sender."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _decode(raw: str | bytes, limit: int, who: str) -> Any:
    if len(raw) > limit:
        raise ProtocolError("too_big", f"a message is at most {limit:,} bytes; this one is {len(raw):,}")
    try:
        return files.load_json(raw, who, "message")
    except FileReadError as exc:
        raise ProtocolError("bad_message", textrules.visible(exc.message)[:300]) from None


def _invalid(exc: ValidationError) -> ProtocolError:
    return ProtocolError("bad_message", textrules.visible(files.validation_message(exc))[:500])


def parse_client(raw: str | bytes) -> Join | Act | Ping | Briefed | Seats | Watch | Teach:
    """A client's message, checked; ProtocolError says what is wrong."""
    data = _decode(raw, MAX_CLIENT_BYTES, "message")
    if (
        isinstance(data, dict)
        and "type" in data
        and data["type"] not in ("join", "act", "ping", "briefed", "seats", "watch", "teach")
    ):
        raise ProtocolError("unknown", f"unknown message type {textrules.visible(str(data['type']))[:40]!r}")
    try:
        return _CLIENT.validate_python(data)  # type: ignore[no-any-return]
    except ValidationError as exc:
        raise _invalid(exc) from None


def parse_host(raw: str | bytes) -> Welcome | SeatView | Ok | Pong | Error | SeatList | Overview | Taught:
    """A host's message, checked the same way (the client trusts nothing it did not validate)."""
    data = _decode(raw, MAX_HOST_BYTES, "host message")
    try:
        return _HOST.validate_python(data)  # type: ignore[no-any-return]
    except ValidationError as exc:
        raise _invalid(exc) from None


def encode(message: BaseModel) -> str:
    """A message as sent: compact JSON."""
    return message.model_dump_json()
