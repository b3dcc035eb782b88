"""What an ending says and imposes, and what it is worth to each actor.

`turn._check_end` decides *when* a game ends (deal issues settled, an early ending's conditions, the
deadline); this module says *what* the ending is: the text players read (the scenario's own, or a neutral
default that names what was settled), the terms an arbitrator imposes on the open issues, and each actor's
ending points. Everything comes from the scenario; nothing here knows any particular negotiation.

Arbitration (`rules.arbitration`) replaces "no deal" at the deadline (`at_deadline`) or when an ending of
kind `arbitration` fires. Its `midpoint` rule splits the difference on each open issue: between the two
furthest-apart options that the signatories' latest offers proposed, the option halfway along the issue's
option order, so an arbitrator rewards parties who moved towards each other. Of two middles it takes the one
nearer the option `package` names for that issue (the author's say in which way the arbitrator leans), else
the earlier in the issue's order.
An arbitrator never imposes an option taken off the table (`remove_option`).

A ruling is a package the parties to it (the signatories of the issues it rules on, and whoever must consent
to an option in it) are bound by, and like any package no party accepts one that crosses its private red
line: the first such party (in actor order) refuses it, nothing is imposed, and the game ends as it would
have without arbitration: with no agreement (kind `deadline`, its points, the refusing party named).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from negotiator.engine.compiled import Compiled
from negotiator.engine.core import Core, Ending
from negotiator.engine.offers import Offer
from negotiator.scenario.models import Arbitration, Rules

DEADLINE_TEXT = "The deadline passes without a full agreement."
# Headlines by ending kind, for the debrief and the report (the scenario's texts say the rest).
KIND_NAMES = {
    "deal": "A deal is signed",
    "deadline": "The deadline passed",
    "walk_away": "A party walked away",
    "collapse": "The talks collapsed",
    "escalation": "Escalation",
    "arbitration": "Referred to arbitration",
}
DEFAULT_POINTS_KEY = "default"


def deal_ending(core: Core) -> Ending:
    c = core.c
    text = c.rules.deal_text
    if text is None:
        deal_issues = c.rules.deal_issues or list(c.issues)
        if len(deal_issues) == len(c.issues):
            text = "All the issues on the table are settled: a deal is signed."
        else:
            names = ", ".join(c.issues[i].name for i in deal_issues)
            text = f"The issues that make a deal ({names}) are settled: a deal is signed."
    return Ending("deal", text, core.turn)


def deadline_ending(core: Core) -> Ending:
    arbitration = core.c.rules.arbitration
    if arbitration is not None and arbitration.at_deadline:
        return arbitration_ending(core, arbitration, arbitration.text, None, None)
    return Ending("deadline", core.c.rules.deadline_text or DEADLINE_TEXT, core.turn)


def early_ending(core: Core, index: int, actor: str | None) -> Ending:
    ending = core.c.rules.endings[index]
    arbitration = core.c.rules.arbitration
    if ending.kind == "arbitration" and arbitration is not None:
        return arbitration_ending(core, arbitration, ending.text, actor, index)
    return Ending(ending.kind, ending.text, core.turn, actor, index)


def arbitration_ending(core: Core, arbitration: Arbitration, text: str, actor: str | None, index: int | None) -> Ending:
    imposed = imposed_terms(core, arbitration)
    refused = refusal(core.c, imposed)
    if refused is not None:
        return refused_ending(core.c, text, core.turn, *refused)
    return Ending("arbitration", text, core.turn, actor, index, tuple(imposed.items()))  # in issue order


def refusal(c: Compiled, imposed: Mapping[str, str], who: Collection[str] | None = None) -> tuple[str, str, str] | None:
    """The first party to a ruling (among `who`, if given) whose private red line it crosses, with that
    term, as (actor, issue, option); None when every party can accept it."""
    parties: set[str] = set()
    for term in imposed.items():
        parties |= c.signatories[term[0]] | c.consent.get(term, frozenset())
    for actor in c.actor_ids:
        if actor not in parties or (who is not None and actor not in who):
            continue
        lines = c.red_lines.get(actor, frozenset())
        for term in imposed.items():
            if term in lines:
                return actor, term[0], term[1]
    return None


def refused_ending(c: Compiled, text: str, turn: int, actor: str, issue_id: str, option_id: str) -> Ending:
    """No agreement: the ruling `text` announced was refused by `actor` (its red line on the issue)."""
    why = (
        f"{c.short_name(actor)} refuses the ruling ({c.issues[issue_id].name}: {c.option_labels[issue_id, option_id]}"
        " crosses one of its red lines): nothing is imposed, and the talks end without an agreement."
    )
    return Ending("deadline", f"{text} {why}", turn, actor)


def imposed_terms(core: Core, arbitration: Arbitration) -> dict[str, str]:
    """The arbitrator's option for every open issue it rules on (see the module docstring)."""
    return arbitrated_terms(core.c, arbitration, core.settled, core.offers, core.removed_options)


def arbitrated_terms(
    c: Compiled,
    arbitration: Arbitration,
    settled: Mapping[str, str],
    offers: Sequence[Offer],
    removed: Collection[tuple[str, str]],
) -> dict[str, str]:
    """`imposed_terms` from public facts only (the settled terms, the offers made, the options taken off the
    table), so a computer player can foresee what arbitration would bring it exactly as the engine rules."""
    imposed: dict[str, str] = {}
    for issue_id in c.issues:
        if issue_id in settled:
            continue
        leaning = arbitration.package.get(issue_id)
        choice = _midpoint(c, issue_id, offers, removed, leaning) if arbitration.rule == "midpoint" else None
        if choice is None:
            choice = arbitration.package.get(issue_id)
        if choice is not None and (issue_id, choice) not in removed:  # off the table for anyone
            imposed[issue_id] = choice
    return imposed


def _midpoint(
    c: Compiled, issue_id: str, offers: Sequence[Offer], removed: Collection[tuple[str, str]], leaning: str | None
) -> str | None:
    """Halfway between the signatories' furthest-apart latest proposals; of two middles, the one nearer the
    package's option for the issue (`leaning`), else the earlier."""
    order = [o for o in c.options[issue_id] if (issue_id, o) not in removed]
    latest: dict[str, int] = {}
    for offer in offers:  # in the order they were made: the last one per proposer wins
        if offer.proposer in c.issues[issue_id].signatories:
            for i, option in offer.terms:
                if i == issue_id and option in order:
                    latest[offer.proposer] = order.index(option)
    if not latest:
        return None
    low, high = min(latest.values()), max(latest.values())
    first, second = order[(low + high) // 2], order[(low + high + 1) // 2]
    if (
        first != second
        and leaning in order
        and abs(order.index(leaning) - order.index(second)) < abs(order.index(leaning) - order.index(first))
    ):
        return second
    return first


def ending_points(rules: Rules, ending: Ending | None, actor: str) -> float:
    """The actor's points for how the game ended."""
    return 0.0 if ending is None else points_of(rules, ending.kind, actor, ending.index)


def points_of(rules: Rules, kind: str, actor: str, index: int | None = None) -> float:
    """An ending's points for the actor: the early ending's own `points` (by `index`), else its kind's."""
    if index is not None and rules.endings[index].points is not None:
        return points_for(rules.endings[index].points, actor)
    return kind_points(rules, kind, actor)


def kind_points(rules: Rules, kind: str, actor: str) -> float:
    return points_for(rules.scoring.ending_points.get(kind), actor)


def points_for(points: float | Mapping[str, float] | None, actor: str) -> float:
    if points is None:
        return 0.0
    if type(points) is float or type(points) is int:  # most scenarios: one number (no ABC check)
        return float(points)
    if isinstance(points, Mapping):
        return float(points.get(actor, points.get(DEFAULT_POINTS_KEY, 0.0)))
    return float(points)
