"""The scenario format: pydantic models for everything a negotiation is written in.

A scenario is static data. The engine reads every number and every word from it; nothing about any
particular negotiation lives in code. Models are strict (no silent coercion: YAML 1.1's `NO` is not a
string, `1.10` is not a version) and forbid unknown keys, so an author's typo becomes a located error
instead of a silently ignored field. Cross-references between sections (an actor id in a lever, an option
id in a preference) are checked in `negotiator.scenario.references`, not here, so that every problem in a
file is reported at once with its line number.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, model_validator

from negotiator.scenario.textrules import LINE_PATTERN, TEXT_PATTERN

FORMAT_VERSION = 1

# Bounds on what a file may hold (docs/scenario-format.md, "Limits"). They keep every later computation
# finite and fast: meters and conditions within +-1e6, no-deal shifts on the 0-1 scale, a few dozen of
# everything, and at most MAX_PACKAGES packages (checked in negotiator.scenario.references).
MAX_MAGNITUDE = 1_000_000
# Up to SLOW_PACKAGES packages the AI and the analysis weigh every package quickly and exactly; above it they
# slow down, and above SAMPLED_PACKAGES the AI scores a seeded sample of each bundle and the analysis samples
# the space (engine.sampled): memory stays flat and decisions within milliseconds, but results are
# approximate. Above MAX_PACKAGES a sample is too thin a share to bargain over (benchmarks/large_space.py).
SLOW_PACKAGES = 100_000
SAMPLED_PACKAGES = 200_000  # engine.utility.TABLE_LIMIT: no per-package tables above it
MAX_PACKAGES = 1_000_000_000
MAX_ACTORS = 50
MAX_ISSUES = 20
MAX_OPTIONS = 20
MAX_ITEMS = 50  # meters, sources, signatories, targets, holders, effects per list, endings
MAX_CONDITIONS = 20
MAX_LEVERS = 200
MAX_EVENTS = 200
MAX_TURN = 100

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$"),
    Field(description="An identifier: lower-case letters, digits and underscores, starting with a letter."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=TEXT_PATTERN)]
OptionalText = Annotated[str, StringConstraints(max_length=4000, pattern=TEXT_PATTERN)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=LINE_PATTERN)]
QuoteContext = Annotated[str, StringConstraints(max_length=400, pattern=LINE_PATTERN)]
SourceQuote = Annotated[
    str,
    StringConstraints(min_length=1, max_length=400, pattern=TEXT_PATTERN),
    Field(description="A short quote from the source material that this element is derived from."),
]
Url = Annotated[
    str,
    StringConstraints(max_length=2000, pattern=r"^[hH][tT][tT][pP][sS]?://[^\s\x00-\x1f\x7f-\x9f]+$"),
    Field(description="An http:// or https:// address."),
]
# Finite numbers within documented ranges (YAML's .inf and .nan are refused when the file is read).
Number = Annotated[float, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE, allow_inf_nan=False)]
Points = Annotated[float, Field(ge=-10_000, le=10_000, allow_inf_nan=False)]
Shift = Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)]
Colour = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$"),
    Field(description="A colour as #RRGGBB."),
]
Unit = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Probability = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False, description="A probability from 0 to 1.")]

Personality = Literal["hawk", "pragmatist", "dealmaker", "reciprocator"]
Language = Literal["en", "uk", "ru"]
Difficulty = Literal["easy", "normal", "hard"]
Comparison = Literal["<", "<=", ">", ">=", "=="]
# What each comparison means, for the engine's conditions and the validator's checks alike.
COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
}


def meter_key(meter_id: str, actor: str | None) -> str:
    """A meter's key in the flat meters dict: `meter_id` (shared) or `meter_id@actor_id` (per actor)."""
    return meter_id if actor is None else f"{meter_id}@{actor}"


# Who an effect or condition applies to. "self" is a lever's owner, "target" a lever's target; "all" every
# actor; "others" every actor but the owner; "any" (conditions only) at least one actor. An actor id names one.
Who = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$"),
    Field(description="An actor id, or one of: self, target, all, others, any."),
]
WHO_KEYWORDS = ("self", "target", "all", "others", "any")


class Model(BaseModel):
    """Base for every scenario model: strict, closed to unknown keys, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Source(Model):
    """Where the scenario's content comes from."""

    title: Text = Field(description="Title of the article, report or book.")
    outlet: ShortText = Field(description="Who published it.")
    date: ShortText = Field(description="When it was published, as written in the source (e.g. 2025-06-02).")
    url: Url | None = Field(default=None, description="Where to read it, if public (http:// or https://).")


class Metadata(Model):
    """What the scenario is, where it comes from, and how to present it."""

    id: Id = Field(description="A unique id for this scenario; saves refer to it.")
    title: ShortText = Field(description="The title shown in menus.")
    summary: Text = Field(description="Two or three neutral sentences shown when choosing a scenario.")
    period: ShortText = Field(description="The date or period the scenario depicts.")
    content_note: Text | None = Field(
        default=None, description="A note for players and teachers about sensitive content or framing."
    )
    sources: list[Source] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="The material the scenario is derived from."
    )
    version: ShortText = Field(description='The scenario\'s own version, as text (e.g. "1.0").')
    authors: list[ShortText] = Field(default_factory=list, max_length=MAX_ITEMS, description="Who wrote the scenario.")
    language: Language = Field(default="en", description="The language this file is written in (en, uk or ru).")
    translations: list[Language] = Field(
        default_factory=list,
        max_length=3,
        description="The languages this scenario is translated into. Each has a file beside this one, "
        "translations/<this file's name>.<language>.yaml, that must give every text (docs/scenario-format.md, "
        "Translations).",
    )

    @model_validator(mode="after")
    def _languages_once(self) -> Metadata:
        if self.language in self.translations or len(set(self.translations)) != len(self.translations):
            raise ValueError("each language appears once: metadata.translations lists the other languages")
        return self


class Meter(Model):
    """A number the game tracks: per actor (domestic support) or shared by all (escalation)."""

    id: Id = Field(description="Meter id, used in effects, conditions and endings.")
    name: ShortText = Field(description="The meter's name as players see it.")
    description: Text = Field(description="What the meter means, in one or two sentences.")
    scope: Literal["actor", "shared"] = Field(
        default="actor", description="`actor`: every actor has its own value; `shared`: one value for everyone."
    )
    min: Number = Field(default=0.0, description="Lowest value; changes are clamped to it.")
    max: Number = Field(default=100.0, description="Highest value; changes are clamped to it.")
    initial: Number = Field(description="Starting value (actors may override per-actor meters).")
    holders: list[Id] = Field(
        default_factory=list,
        max_length=MAX_ACTORS,
        description="For per-actor meters: the actors who hold it (e.g. only the mediator has patience). "
        "Leave empty for every actor.",
    )
    higher_is_better: bool = Field(
        default=True, description="Whether a rise is good for the actor who holds it (for display and scoring)."
    )
    hidden: bool = Field(
        default=False,
        description="A bookkeeping meter: rules, events and endings read it, but players never see it (not on the "
        "table, in briefs, charts or the turn log). It may not carry a score_weight.",
    )
    score_weight: float = Field(
        default=0.0,
        ge=0.0,
        le=1000.0,
        allow_inf_nan=False,
        description="Points in an actor's final score for moving this meter across its whole range in its favour.",
    )
    source: SourceQuote | None = None


class AIDefaults(Model):
    """How the AI plays this actor unless the player chooses otherwise."""

    personality: Personality = Field(
        default="pragmatist",
        description="hawk: concedes late; pragmatist: concedes steadily; dealmaker: concedes early; "
        "reciprocator: matches the others' concessions.",
    )
    difficulty: Difficulty = Field(default="normal", description="easy, normal or hard.")
    risk_tolerance: Unit = Field(
        default=0.0,
        description="How lightly the AI takes the risk of an early ending it fears when it chooses pressure, and "
        "the score points of the meters that ending reads: 0 weighs the full loss, 1 ignores it. Scores are "
        "unchanged: this is the actor's attitude, not its payoff.",
    )
    fears: list[Id] | None = Field(
        default=None,
        max_length=MAX_ITEMS,
        description="The early endings the AI counts against this actor when it chooses pressure, by ending `id` "
        "or kind (e.g. [escalation] or [strike_fund_runs_out]). Leave out to weigh every ending by the points "
        "it would cost; an empty list fears none.",
    )


class Actor(Model):
    """Someone at (or near) the table."""

    id: Id = Field(description="Actor id, used everywhere else in the file.")
    name: ShortText = Field(description="Full name, e.g. a government or a union.")
    short_name: Annotated[str, StringConstraints(min_length=1, max_length=24, pattern=LINE_PATTERN)] = Field(
        description="A short name for tight spaces."
    )
    colour: Colour = Field(description="The actor's colour in the interface.")
    playable: bool = Field(default=True, description="Whether a human may play this actor.")
    negotiates: bool = Field(
        default=True,
        description="Whether the actor takes turns at the table. A Senate, the press or a mediator can be "
        "present without negotiating: events and levers still move their meters.",
    )
    public_brief: Text = Field(description="What everyone knows about this actor's position.")
    confidential_brief: Text = Field(description="What only this actor's player knows.")
    goals: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS, description="The actor's goals, in words.")
    ai: AIDefaults = Field(default_factory=AIDefaults, description="Defaults for the AI negotiator.")
    meters: dict[Id, Number] = Field(
        default_factory=dict,
        max_length=MAX_ITEMS,
        description="Starting values of per-actor meters that differ from the meter's initial.",
    )
    source: SourceQuote | None = None


class Option(Model):
    """One possible settlement of an issue."""

    id: Id = Field(description="Option id, unique within its issue.")
    label: ShortText = Field(description="A short label shown on the issue board.")
    description: OptionalText = Field(default="", description="What choosing this option means.")
    consent: list[Id] = Field(
        default_factory=list,
        max_length=MAX_ACTORS,
        description="Negotiating actors who must also accept any offer that chooses this option, though they do "
        "not sign the issue (inspections on one party's soil need that party's consent).",
    )
    source: SourceQuote | None = None


class Issue(Model):
    """Something on the table, with its possible settlements in order."""

    id: Id = Field(description="Issue id.")
    name: ShortText = Field(description="The issue's name.")
    description: Text = Field(description="What is at stake.")
    options: list[Option] = Field(
        min_length=2, max_length=MAX_OPTIONS, description="The possible settlements, in a meaningful order."
    )
    signatories: list[Id] = Field(
        min_length=1, max_length=MAX_ACTORS, description="Actors who must all agree for this issue to be settled."
    )
    source: SourceQuote | None = None


class IssuePreference(Model):
    """How much an actor cares about an issue and how it ranks the options."""

    weight: float = Field(
        ge=0.0,
        le=1000.0,
        allow_inf_nan=False,
        description="Relative importance; an actor's weights are normalised to sum to 1 by the engine.",
    )
    values: dict[Id, Unit] = Field(
        max_length=MAX_OPTIONS,
        description="Value of each option from 0 (worst) to 1 (best) for this actor; every option needs one.",
    )
    red_lines: list[Id] = Field(
        default_factory=list,
        max_length=MAX_OPTIONS,
        description="Options this actor will never accept (the AI never does).",
    )
    source: SourceQuote | None = None


class ReservationDriver(Model):
    """A meter that moves an actor's no-deal value: the value of walking away depends on the situation."""

    meter: Id = Field(description="The meter that moves the no-deal value.")
    actor: Who | None = Field(
        default=None,
        description="Whose value of a per-actor meter is read: an actor id, or `self` (the default). "
        "Leave out for shared meters.",
    )
    per_point: Shift = Field(description="Change of the no-deal value per point the meter is above `pivot`.")
    pivot: Number = Field(description="The meter value at which this driver has no effect.")


class Reservation(Model):
    """An actor's no-deal value (reservation value): what fighting on, or walking away, is worth to it."""

    value: Unit = Field(description="The starting no-deal value, on the same 0-1 scale as package utilities.")
    drift_per_turn: Shift = Field(
        default=0.0, description="How the no-deal value changes every turn by itself (time pressure)."
    )
    moved_by: list[ReservationDriver] = Field(
        default_factory=list,
        max_length=MAX_CONDITIONS,
        description="Meters that move the no-deal value as they change.",
    )
    optimism: Shift = Field(
        default=0.0,
        description="How much the actor overestimates the trend of its own no-deal value, per turn. A positive "
        "value makes it believe time is on its side, so the AI concedes slowly until the trend turns.",
    )
    source: SourceQuote | None = None


class ActorPreferences(Model):
    """One actor's private preferences over every issue, and its no-deal value."""

    reservation: Reservation
    issues: dict[Id, IssuePreference] = Field(
        max_length=MAX_ISSUES, description="A preference for every issue, by issue id."
    )


class Condition(Model):
    """A test on a meter: `meter` of `actor` compared with `value`."""

    meter: Id = Field(description="The meter to test.")
    actor: Who | None = Field(
        default=None,
        description="Whose value of a per-actor meter: an actor id, self, target, any or all. "
        "Leave out for shared meters.",
    )
    op: Comparison = Field(description="How to compare: <, <=, >, >= or ==.")
    value: Number = Field(description="The value to compare with.")


class Scale(Model):
    """How a meter scales something: 1 + per_point x (meter - pivot), never below 0 (or a chance: added)."""

    meter: Id = Field(description="The meter that scales it.")
    actor: Who | None = Field(
        default=None,
        description="Whose value of a per-actor meter: an actor id, or (in a lever) self or target. Leave out for "
        "shared meters.",
    )
    per_point: Number = Field(description="How much each point above `pivot` adds (negative: takes away).")
    pivot: Number = Field(default=0.0, description="The meter value at which the scale is neutral.")


class Effect(Model):
    """A change the game makes when a lever succeeds, an event fires or a rule applies.

    Every kind changes something a score, an ending or a no-deal value reads, so it bites a human player
    exactly as it bites the computer:
    kind `meter` adds `change` to a meter; `reservation` adds it to a no-deal value (0-1 scale: a negative
    change makes walking away worth less, so the actor should accept less); `deal_bonus` adds it to what a deal
    is worth to the actor if the game ends in a deal, and nothing otherwise (a promise that pays only on
    signature, such as sanctions relief once an agreement is signed); `red_line` declares `option` of `issue` a
    public red line of each actor it applies to (as if it had declared it: crossing it later is a broken
    commitment); `remove_option` takes `option` of `issue` off the table for everyone (no offer may name it).
    """

    kind: Literal["meter", "reservation", "deal_bonus", "red_line", "remove_option"] = Field(
        description="What the effect changes."
    )
    meter: Id | None = Field(default=None, description="The meter to change (kind `meter` only).")
    issue: Id | None = Field(default=None, description="The issue (kinds `red_line` and `remove_option`).")
    option: Id | None = Field(default=None, description="The option (kinds `red_line` and `remove_option`).")
    who: Who | None = Field(
        default=None,
        description="Whom it applies to: an actor id, self, target, all or others. Leave out for shared meters.",
    )
    change: Number = Field(default=0.0, description="How much to add (negative to subtract).")
    scaled_by: Scale | None = Field(
        default=None,
        description="Scale the change with a meter: multiplied by 1 + per_point x (meter - pivot), never below 0.",
    )

    @model_validator(mode="before")
    @classmethod
    def _removed_kinds(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("kind") == "concession":
            raise ValueError(
                "kind 'concession' was removed: it moved only a computer player's mind, so it did nothing to a "
                "human. Use 'reservation' with a negative change (walking away becomes worth less, for anyone) "
                "or a 'meter' that drives the no-deal value"
            )
        return data


class Lever(Model):
    """A pressure an actor can apply: sanctions, aid, strikes, statements, prisoner swaps."""

    id: Id = Field(description="Lever id.")
    owner: Id = Field(description="The actor who can use it.")
    name: ShortText = Field(description="The lever's name on its card.")
    description: Text = Field(description="What using it means.")
    cost: int = Field(default=1, ge=0, le=20, description="Action points it costs the owner in the turn it is used.")
    costs: list[Effect] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="What it costs beyond action points (e.g. standing or escalation), applied whether or not it "
        "succeeds. `who` defaults to the owner.",
    )
    cooldown: int = Field(default=0, ge=0, le=MAX_TURN, description="Turns to wait before it can be used again.")
    uses: int | None = Field(
        default=None, ge=1, le=MAX_TURN, description="How often it can be used in a game; leave out for no limit."
    )
    available_from_turn: int = Field(default=1, ge=1, le=MAX_TURN, description="The first turn it may be used.")
    conditions: list[Condition] = Field(
        default_factory=list, max_length=MAX_CONDITIONS, description="All must hold for the lever to be usable."
    )
    targets: list[Id] = Field(
        default_factory=list,
        max_length=MAX_ACTORS,
        description="Actors it can be aimed at; leave empty for a lever with no target.",
    )
    success_chance: Probability = Field(default=1.0, description="Chance that it works when used.")
    effects: list[Effect] = Field(default_factory=list, max_length=MAX_ITEMS, description="What happens when it works.")
    failure_effects: list[Effect] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="What happens when it fails."
    )
    news: Text = Field(
        description="The news line when it works. {owner} and {target} are replaced by short names; "
        "write {{ and }} for literal braces."
    )
    failure_news: Text | None = Field(default=None, description="The news line when it fails.")
    source: SourceQuote | None = None


class Trigger(Model):
    """When an event fires. Every part given must hold: a turn, conditions on meters, a chance per turn."""

    turn: int | None = Field(default=None, ge=1, le=MAX_TURN, description="Fires in exactly this turn.")
    from_turn: int = Field(default=1, ge=1, le=MAX_TURN, description="Cannot fire before this turn.")
    until_turn: int | None = Field(default=None, ge=1, le=MAX_TURN, description="Cannot fire after this turn.")
    when: list[Condition] = Field(
        default_factory=list, max_length=MAX_CONDITIONS, description="Conditions on meters that must all hold."
    )
    chance: Probability = Field(default=1.0, description="Chance per turn that it fires when the rest holds.")
    chance_moved_by: list[Scale] = Field(
        default_factory=list,
        max_length=MAX_CONDITIONS,
        description="Meters that move the chance: each adds per_point x (meter - pivot) to it (kept within 0..1), "
        "so a risk can rise with tension without an event per band.",
    )
    after_settled: list[Id] = Field(
        default_factory=list,
        max_length=MAX_ISSUES,
        description="Issues that must all be settled (it fires from the turn after they are).",
    )
    after_lever: Id | None = Field(
        default=None, description="A lever that must have worked in the previous turn (it fires the turn after)."
    )
    once: bool = Field(default=True, description="Fires at most once per game.")

    @model_validator(mode="before")
    @classmethod
    def _one_issue(cls, data: object) -> object:
        # `after_settled: wage` means the one issue, as `after_settled: [wage]` does.
        if isinstance(data, dict) and isinstance(data.get("after_settled"), str):
            return {**data, "after_settled": [data["after_settled"]]}
        return data


class Quote(Model):
    """An attributed quote shown with a news item."""

    text: Text = Field(description="The words quoted.")
    speaker: ShortText = Field(description="Who said it.")
    context: QuoteContext = Field(default="", description='Where or how it was said, e.g. "to CBS Sunday Morning".')
    translation: Text | None = Field(
        default=None,
        description="The quote in this file's language when the words were said in another; shown beside them. "
        "A translation file's `quote.text` lands here, so the original words are always shown.",
    )


class Event(Model):
    """Something that happens at the start of a turn when its trigger holds."""

    id: Id = Field(description="Event id.")
    name: ShortText = Field(description="The event's headline.")
    trigger: Trigger = Field(description="When it fires.")
    effects: list[Effect] = Field(default_factory=list, max_length=MAX_ITEMS, description="What it changes.")
    news: Text = Field(description="The news text shown when it fires.")
    quote: Quote | None = Field(default=None, description="An optional attributed quote.")
    actor: Id | None = Field(
        default=None,
        description="The actor the event is attributed to: the news shows it as that actor's doing, and its effects "
        "may use `who: self` (this actor) and `others`.",
    )
    happened: bool = Field(
        default=False,
        description="True if the source reports that this really happened. Such an event may fire in every game; "
        "`simulate` warns about any other event that fires in nearly every game (the story would always be the "
        "same).",
    )
    source: SourceQuote | None = None


def _one_or_many(schema: dict[str, Any], field: str) -> None:
    """In the JSON Schema, a list field that may also be written as its one item (as the loader accepts)."""
    many = schema["properties"][field]
    one = many["items"]
    schema["properties"][field] = {"anyOf": [one, {k: v for k, v in many.items() if k != "description"}]}
    schema["properties"][field]["description"] = many.get("description", "")


EndingPoints = Points | dict[Id, Points]
ENDING_POINTS_HELP = (
    "A number for every actor alike, or a mapping of actor ids to points (actors left out get `default`, "
    "or 0), e.g. {union: 10, management: -40}."
)


class Ending(Model):
    """A condition that ends the game early: a walk-away, a collapse, an escalation past a limit, a referral to
    arbitration."""

    id: Id | None = Field(default=None, description="An id for `ai.fears`, when one kind has several endings.")
    kind: Literal["walk_away", "collapse", "escalation", "arbitration"] = Field(
        description="What kind of ending this is. `arbitration` imposes `rules.arbitration`'s terms."
    )
    when: list[Condition] = Field(
        min_length=1,
        max_length=MAX_CONDITIONS,
        description="The game ends in this way at the end of a turn when this condition holds (or, for a list, "
        "when every condition in it holds).",
    )
    text: Text = Field(description="What players read when it happens.")
    actor: Id | None = Field(default=None, description="Who walks away, falls or refers the dispute, if one actor.")
    points: EndingPoints | None = Field(
        default=None,
        description="Points for this ending, replacing `scoring.ending_points` for its kind. " + ENDING_POINTS_HELP,
    )

    model_config = ConfigDict(json_schema_extra=lambda schema: _one_or_many(schema, "when"))

    @model_validator(mode="before")
    @classmethod
    def _one_condition(cls, data: object) -> object:
        # One condition may be written bare (the original form); several as a list, all of which must hold.
        if isinstance(data, dict) and isinstance(data.get("when"), dict):
            return {**data, "when": [data["when"]]}
        return data


class Arbitration(Model):
    """An outcome imposed on the issues still open: at the deadline, or when an `arbitration` ending fires."""

    at_deadline: bool = Field(
        default=True, description="Whether the deadline refers the open issues to arbitration instead of no deal."
    )
    rule: Literal["package", "midpoint"] = Field(
        default="package",
        description="`package`: the options in `package`; `midpoint`: on each open issue, the option halfway "
        "(in the issue's option order) between the furthest apart options that the latest offers of the "
        "signatories proposed, or `package`'s option where nobody proposed one.",
    )
    package: dict[Id, Id] = Field(
        default_factory=dict,
        max_length=MAX_ISSUES,
        description="The imposed option by issue id. Issues left out stay unsettled (valued at no deal).",
    )
    text: Text = Field(description="What players read when the dispute goes to arbitration.")
    source: SourceQuote | None = None


class Commitments(Model):
    """What breaking a public red line costs: audience costs make public commitments credible."""

    score_penalty: float = Field(
        default=10.0,
        ge=0.0,
        le=10_000.0,
        allow_inf_nan=False,
        description="Points off the final score per broken commitment.",
    )
    effects: list[Effect] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="Effects on the actor who breaks a public red line (`who: self`), e.g. lost domestic support.",
    )


class Scoring(Model):
    """How a final score is computed for each actor."""

    deal_points: float = Field(
        default=100.0,
        ge=0.0,
        le=10_000.0,
        allow_inf_nan=False,
        description="Points for the outcome's utility, per unit of utility above the actor's starting no-deal value.",
    )
    ending_points: dict[Id, EndingPoints] = Field(
        default_factory=dict,
        max_length=MAX_ITEMS,
        description="Points added to the score by ending kind (deal, deadline, walk_away, collapse, escalation, "
        "arbitration); e.g. escalation: -30. " + ENDING_POINTS_HELP,
    )


class Rules(Model):
    """How long the game lasts, what a turn allows, and how it ends."""

    turns: int = Field(ge=1, le=100, description="The deadline: the game ends after this many turns.")
    action_points: int = Field(default=2, ge=0, le=20, description="Action points each actor gets per turn for levers.")
    offers_per_turn: int = Field(default=1, ge=1, le=5, description="How many offers an actor may make per turn.")
    deal_issues: list[Id] | None = Field(
        default=None,
        max_length=MAX_ISSUES,
        description="Issues that must all be settled for the game to end in a deal; leave out for every issue.",
    )
    deal_ending: bool = Field(default=True, description="Whether settling the deal issues ends the game.")
    each_turn: list[Effect] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="Effects applied at the end of every turn (upkeep, e.g. patience drains).",
    )
    each_turn_without_progress: list[Effect] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="Extra effects at the end of a turn in which no issue was settled and no offer accepted.",
    )
    endings: list[Ending] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Early endings and their conditions."
    )
    deal_text: Text | None = Field(
        default=None,
        description="What players read when the deal issues are settled; leave out for a neutral default that "
        "names them.",
    )
    deadline_text: Text | None = Field(
        default=None,
        description="What players read when the deadline passes without a deal (and without arbitration).",
    )
    arbitration: Arbitration | None = Field(
        default=None, description="An imposed outcome at the deadline or on an `arbitration` ending."
    )
    commitments: Commitments = Field(default_factory=Commitments)
    scoring: Scoring = Field(default_factory=Scoring)


class DiscussionQuestion(Model):
    """A question for the debrief; `role` limits it to one role's players."""

    text: Text = Field(description="The question.")
    role: Id | None = Field(default=None, description="An actor id if the question is for that role only.")


class GlossaryEntry(Model):
    term: ShortText = Field(description="The term.")
    definition: Text = Field(description="What it means, in plain words.")


class Timing(Model):
    """One phase of a classroom session and how long to give it."""

    phase: ShortText = Field(description="e.g. Reading the briefs, Negotiation, Debrief.")
    minutes: int = Field(ge=1, le=600, description="Suggested minutes.")
    notes: OptionalText = Field(default="", description="What the teacher does in this phase.")


class Job(Model):
    """A job within a team, so that every student at the table has something to do."""

    name: ShortText = Field(description="e.g. Negotiator, Analyst, Note-taker.")
    does: Text = Field(description="What the student in this job does during the game.")


class GroupPlan(Model):
    """How to seat a class of a given size: tables (one game each), one team per role, students per team."""

    students_from: int = Field(ge=1, le=500, description="The smallest class this row is for.")
    students_to: int = Field(ge=1, le=500, description="The largest class this row is for.")
    tables: int = Field(ge=1, le=50, description="Games played at once, each on its own computer.")
    team_size_from: int = Field(ge=1, le=20, description="The fewest students in a team.")
    team_size_to: int = Field(ge=1, le=20, description="The most students in a team.")
    notes: OptionalText = Field(default="", description="How to split the class, what to do with extra students.")

    @model_validator(mode="after")
    def _ranges(self) -> GroupPlan:
        if self.students_from > self.students_to:
            raise ValueError(f"students_from ({self.students_from}) is above students_to ({self.students_to})")
        if self.team_size_from > self.team_size_to:
            raise ValueError(f"team_size_from ({self.team_size_from}) is above team_size_to ({self.team_size_to})")
        return self


class LessonPlan(Model):
    """A session of a given length. Its phases add up to that length; the game's phase is checked against the
    deadline and move timer it sets (the teacher's guide shows the worst case)."""

    name: ShortText = Field(description='e.g. "One 50-minute lesson".')
    minutes: int = Field(ge=10, le=600, description="The length of the session; the phases add up to it.")
    homework: OptionalText = Field(default="", description="What students do before the session, if anything.")
    turns: int | None = Field(
        default=None, ge=1, le=200, description="The deadline to set for this plan (default: the scenario's)."
    )
    turn_timer_seconds: int | None = Field(
        default=None, ge=10, le=3600, description="The move timer to set for this plan, in seconds."
    )
    game_phase: ShortText = Field(description="The phase in which the game is played (one of `phases`).")
    phases: list[Timing] = Field(min_length=1, max_length=MAX_ITEMS, description="The session, phase by phase.")

    @model_validator(mode="after")
    def _adds_up(self) -> LessonPlan:
        total = sum(p.minutes for p in self.phases)
        if total != self.minutes:
            raise ValueError(f"the phases add up to {total} minutes, not the plan's {self.minutes}")
        if self.game_phase not in [p.phase for p in self.phases]:
            raise ValueError(f"game_phase {self.game_phase!r} is not one of the phases")
        return self


class Teaching(Model):
    """Optional material for classroom use: briefs, the facilitator panel and the debrief report read it."""

    learning_objectives: list[Text] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="What students should learn."
    )
    discussion_questions: list[DiscussionQuestion] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="Questions for after the game, for everyone or for one role.",
    )
    glossary: list[GlossaryEntry] = Field(
        default_factory=list, max_length=MAX_LEVERS, description="Terms students may not know."
    )
    timings: list[Timing] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="A suggested plan for the session."
    )
    plans: list[LessonPlan] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="Session plans of different lengths (e.g. 50 minutes with the briefs as homework, 100 minutes).",
    )
    groups: list[GroupPlan] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="How to seat classes of different sizes."
    )
    jobs: list[Job] = Field(default_factory=list, max_length=MAX_ITEMS, description="The jobs within a team.")
    facilitator_notes: Text | None = Field(default=None, description="Advice for the teacher running it.")
    turn_timer_seconds: int | None = Field(
        default=None, ge=10, le=3600, description="A suggested time limit per human move, in seconds."
    )
    on_timeout: Literal["pass", "ai"] = Field(
        default="pass",
        description="When a human's time runs out: `pass` ends the move; `ai` lets the AI finish it.",
    )


#: What a tutorial step waits for. Each is observed in the game (an action in the log, the game's end) or in the
#: screens a player has seen (the briefing left for the table, the debrief's chart of the deal).
TutorialGoal = Literal[
    "brief_read",
    "offer_sent",
    "offer_answered",
    "lever_used",
    "red_line_declared",
    "move_ended",
    "game_over",
    "debrief_read",
]


class TutorialStep(Model):
    """One prompt of the guided tutorial: what to do, and what shows it was done."""

    title: ShortText = Field(description="The step's heading, e.g. Build and send an offer.")
    text: Text = Field(description="What to do and why, in two or three short sentences.")
    done_when: TutorialGoal = Field(
        description=(
            "What completes the step: brief_read (left the briefing for the table), offer_sent (made or countered "
            "an offer), offer_answered (accepted, rejected or countered one), lever_used, red_line_declared, "
            "move_ended (ended a move; not a timed-out one), game_over, debrief_read (opened the debrief's "
            "Deal vs Nash tab)."
        )
    )


class Tutorial(Model):
    """Step prompts shown in the window when one human plays this scenario; the game plays as without them."""

    steps: list[TutorialStep] = Field(
        min_length=1, max_length=MAX_ITEMS, description="The prompts, in the order they are shown."
    )
    closing: Text | None = Field(default=None, description="Shown when every step is done.")


class Scenario(Model):
    """A whole negotiation: who, what, how they value it, what they can do, and how it ends."""

    format_version: Literal[1] = Field(description="The version of this file format; currently 1.")
    metadata: Metadata
    meters: list[Meter] = Field(default_factory=list, max_length=MAX_ITEMS, description="The meters the game tracks.")
    actors: list[Actor] = Field(
        min_length=2, max_length=MAX_ACTORS, description="Everyone at or near the table; at least two."
    )
    issues: list[Issue] = Field(min_length=1, max_length=MAX_ISSUES, description="What is being negotiated.")
    preferences: dict[Id, ActorPreferences] = Field(
        max_length=MAX_ACTORS, description="Private preferences of every negotiating actor, by actor id."
    )
    levers: list[Lever] = Field(default_factory=list, max_length=MAX_LEVERS, description="Pressure levers.")
    events: list[Event] = Field(default_factory=list, max_length=MAX_EVENTS, description="Scripted and chance events.")
    rules: Rules
    teaching: Teaching | None = Field(default=None, description="Optional classroom material.")
    tutorial: Tutorial | None = Field(
        default=None, description="Optional guided-tutorial prompts for the window (a lesson, not a rule)."
    )

    # The same scenario in other languages (negotiator.scenario.translations), set by the loader.
    _translations: dict[str, Scenario] = PrivateAttr(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        """The languages this scenario can be shown in: its own first, then the translations loaded."""
        return [self.metadata.language, *self._translations]

    def translated(self, lang: str | None) -> Scenario:
        """This scenario with every text in `lang` (itself when it has no such translation): the same ids,
        numbers and rules, so the engine never needs to know which language a player reads."""
        if not lang or lang == self.metadata.language:
            return self
        return self._translations.get(lang, self)

    # Convenience lookups for the engine; scenarios are frozen, so these are cheap and safe.
    def actor(self, actor_id: str) -> Actor:
        return next(a for a in self.actors if a.id == actor_id)

    def issue(self, issue_id: str) -> Issue:
        return next(i for i in self.issues if i.id == issue_id)

    def option_label(self, issue_id: str, option_id: str) -> str:
        """The option's label as players read it (its id if the issue has no such option)."""
        issue = self.issue(issue_id)
        return next((o.label for o in issue.options if o.id == option_id), option_id)

    def consent_note(self, issue_id: str, option_id: str, you: str | None = None) -> str:
        """Who must consent to this option beyond the issue's signatories, as players read it ("" if nobody):
        "needs Cuba's consent" (or "your" for `you`). Text mode, the briefs and the issue board all say it so."""
        issue = self.issue(issue_id)
        option = next((o for o in issue.options if o.id == option_id), None)
        if option is None or not option.consent:
            return ""
        names = [
            "your" if a == you else f"{next((x.short_name for x in self.actors if x.id == a), a)}'s"
            for a in option.consent
        ]
        return f"needs {' and '.join(names)} consent"

    def meter(self, meter_id: str) -> Meter:
        return next(m for m in self.meters if m.id == meter_id)

    def lever(self, lever_id: str) -> Lever:
        return next(lv for lv in self.levers if lv.id == lever_id)

    def holds(self, meter_id: str, actor_id: str) -> bool:
        """Whether `actor_id` holds its own value of the per-actor meter `meter_id`."""
        meter = self.meter(meter_id)
        return meter.scope == "actor" and (not meter.holders or actor_id in meter.holders)

    def holders(self, meter_id: str) -> list[str]:
        """The actors holding a per-actor meter, in scenario order (none for shared meters)."""
        return [a.id for a in self.actors if self.holds(meter_id, a.id)]

    def starting_meters(self) -> dict[str, float]:
        """Every meter's value at the start, keyed by `meter_key` (an actor's override, else the initial)."""
        values: dict[str, float] = {}
        for meter in self.meters:
            if meter.scope == "shared":
                values[meter.id] = meter.initial
            else:
                for actor in self.actors:
                    if not meter.holders or actor.id in meter.holders:
                        values[meter_key(meter.id, actor.id)] = actor.meters.get(meter.id, meter.initial)
        return values

    @property
    def shown_meters(self) -> list[Meter]:
        """The meters players see (not `hidden` bookkeeping ones)."""
        return [m for m in self.meters if not m.hidden]

    @property
    def negotiators(self) -> list[Actor]:
        return [a for a in self.actors if a.negotiates]

    @property
    def playable(self) -> list[Actor]:
        return [a for a in self.actors if a.playable]
