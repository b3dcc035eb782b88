"""Scenario elements in plain words and small HTML blocks, shared by the briefs and the debrief report.

Students read printed pages, not YAML: an effect `{kind: meter, meter: reserves, who: authority,
change: -8}` must read "Authority's reserves −8". Every function here takes the scenario and an
optional `you` (the actor a brief addresses) so the same words serve a role brief ("your") and the
teacher's guide (names).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from negotiator.classroom.html import Markup, el, join
from negotiator.engine.outcome import opening_reservations as game_opening_reservations
from negotiator.engine.state import new_game
from negotiator.engine.utility import UtilityModel
from negotiator.scenario.models import Condition, Effect, Lever, Reservation, Scenario, Trigger
from negotiator.words import count

MINUS = "\u2212"


def signed(value: float, digits: int = 0) -> str:
    """+5 / −0.02 with a true minus sign (it reads and prints better than a hyphen)."""
    text = f"{abs(value):.{digits}f}"
    return ("+" if value >= 0 else MINUS) + text


def number(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace("-", MINUS)


def actor_name(scenario: Scenario, actor_id: str | None) -> str:
    if actor_id is None:
        return ""
    found = next((a for a in scenario.actors if a.id == actor_id), None)
    return found.short_name if found else actor_id


def colour(scenario: Scenario, actor_id: str | None, default: str = "#888888") -> str:
    found = next((a for a in scenario.actors if a.id == actor_id), None)
    return found.colour if found else default


def whose(
    scenario: Scenario,
    who: str | None,
    owner: str | None,
    you: str | None,
    capital: bool = True,
    target: str | None = None,
) -> str:
    """The possessive for an effect's `who`: "Your", "the Authority's", "The target's", "Every actor's"."""
    if who in (None, "self"):
        text = "your" if owner is not None and owner == you else (f"{actor_name(scenario, owner)}'s" if owner else "")
    elif who == "target":
        text = ("your" if target == you else f"{actor_name(scenario, target)}'s") if target else "the target's"
    elif who in ("all", "any"):
        text = "every actor's"
    elif who == "others":
        text = "everyone else's" if owner == you else f"everyone but {actor_name(scenario, owner)}'s"
    else:
        text = "your" if who == you else f"{actor_name(scenario, who)}'s"
    return text[:1].upper() + text[1:] if capital and text else text


def effect_text(
    scenario: Scenario, effect: Effect, owner: str | None = None, you: str | None = None, target: str | None = None
) -> str:
    """One effect in words: "Escalation +6", "Your domestic support −4", "The target's no-deal value −0.03"
    ("" for a hidden bookkeeping meter)."""
    scaled = ""
    if effect.scaled_by:
        scale = scenario.meter(effect.scaled_by.meter)
        scaled = ", scaled by a hidden factor" if scale.hidden else f", scaled by {scale.name.lower()}"
    if effect.kind == "meter" and effect.meter:
        meter = scenario.meter(effect.meter)
        if meter.hidden:
            return ""
        if meter.scope == "shared":
            return f"{meter.name} {signed(effect.change)}{scaled}"
        holder = whose(scenario, effect.who, owner, you, target=target)
        return f"{holder} {meter.name.lower()} {signed(effect.change)}{scaled}"
    if effect.kind == "remove_option":
        return f"“{_option(scenario, effect)}” is taken off the table for everyone"
    possessive = whose(scenario, effect.who, owner, you, target=target)
    if effect.kind == "red_line":
        return f"{possessive} public red line: “{_option(scenario, effect)}” (crossing it later is a broken commitment)"
    if effect.kind == "reservation":
        direction = "walking away is worth more" if effect.change > 0 else "walking away is worth less"
        return f"{possessive} no-deal value {signed(effect.change, 2)} ({direction}{scaled})"
    direction = "more" if effect.change > 0 else "less"
    note = f"a deal, if one is signed, is worth {direction}{scaled}"
    return f"{possessive} value of a deal {signed(effect.change, 2)} ({note})"


def _option(scenario: Scenario, effect: Effect) -> str:
    issue_id, option_id = effect.issue or "", effect.option or ""
    return f"{scenario.issue(issue_id).name}: {scenario.option_label(issue_id, option_id)}"


def effects_text(
    scenario: Scenario,
    effects: Iterable[Effect],
    owner: str | None = None,
    you: str | None = None,
    target: str | None = None,
) -> str:
    parts = [t for t in (effect_text(scenario, e, owner, you, target) for e in effects) if t]
    return "; ".join(parts) if parts else "nothing"


OPS = {"<": "<", "<=": "\u2264", ">": ">", ">=": "\u2265", "==": "="}


def condition_text(scenario: Scenario, condition: Condition, owner: str | None = None, you: str | None = None) -> str:
    meter = scenario.meter(condition.meter)
    op = OPS[condition.op]
    if meter.hidden:  # bookkeeping: players (and the briefs they read) never see it named
        return "a hidden condition"
    if meter.scope == "shared":
        return f"{meter.name} {op} {condition.value:g}"
    if condition.actor == "any":
        return f"any actor's {meter.name.lower()} {op} {condition.value:g}"
    return f"{whose(scenario, condition.actor, owner, you)} {meter.name.lower()} {op} {condition.value:g}"


def trigger_text(scenario: Scenario, trigger: Trigger) -> str:
    """When an event fires, in words."""
    parts: list[str] = []
    if trigger.turn is not None:
        parts.append(f"in turn {trigger.turn}")
    else:
        if trigger.until_turn is not None:
            parts.append(f"between turns {trigger.from_turn} and {trigger.until_turn}")
        elif trigger.from_turn > 1:
            parts.append(f"from turn {trigger.from_turn}")
        else:
            parts.append("any turn")
    if trigger.when:
        parts.append("when " + " and ".join(condition_text(scenario, c) for c in trigger.when))
    if trigger.chance < 1:
        parts.append(f"with a {trigger.chance:.0%} chance per turn")
    if not trigger.once:
        parts.append("(can repeat)")
    return ", ".join(parts[:1]) + (" " + " ".join(parts[1:]) if len(parts) > 1 else "")


def opening_reservations(scenario: Scenario) -> dict[str, float]:
    """Each party's no-deal value at its first move, as the game shows it.

    The scenario's base value is already moved by the starting meters (and any turn-1 event) before anyone
    moves, so a brief quoting the bare base would disagree with the screen (Washington: 0.50 printed, 0.49
    shown). Briefs and reports quote this instead."""
    found = game_opening_reservations(new_game(scenario, 0))  # what scores count from, too
    return {a.id: found[a.id] for a in scenario.negotiators if a.id in found}


def reservation_sentences(
    scenario: Scenario, actor: str, reservation: Reservation, you: bool, start: float | None = None
) -> list[str]:
    """The no-deal value in words: its value at the first move (`start`, default the opening value), its drift,
    what moves it, and (for the teacher) the computer's optimism."""
    subject, obj = ("you", "you") if you else (actor_name(scenario, actor), "it")
    if start is None:
        start = opening_reservations(scenario).get(actor, reservation.value)
    lines = [
        f"At the first move, failing to agree is worth {number(start)} to {obj}, on the same scale "
        f"from 0 to 1 as every package on the table. A package worth less than this leaves "
        f"{'you' if you else obj} worse off than no deal."
    ]
    if reservation.drift_per_turn:
        way = "rises" if reservation.drift_per_turn > 0 else "falls"
        why = f"time is on {'your' if you else 'its'} side" if reservation.drift_per_turn > 0 else "time pressure"
        lines.append(f"It {way} by {number(abs(reservation.drift_per_turn), 3)} every turn by itself ({why}).")
    for driver in reservation.moved_by:
        meter = scenario.meter(driver.meter)
        if meter.hidden:
            lines.append("It also moves with something the game keeps track of but does not show.")
            continue
        if meter.scope == "shared":
            what = meter.name.lower()
        else:
            holder = driver.actor if driver.actor not in (None, "self") else actor
            owner = "your" if you and holder == actor else f"{actor_name(scenario, holder)}'s"
            what = f"{owner} {meter.name.lower()}"
        way = "rises" if driver.per_point > 0 else "falls"
        lines.append(
            f"It {way} by {number(abs(driver.per_point), 3)} for every point {what} is above {driver.pivot:g} "
            f"(and moves the other way below it)."
        )
    if reservation.optimism > 0 and you:
        lines.append(
            "Your advisers believe time is on your side and expect your no-deal value to improve. They may be "
            "wrong: watch how it actually moves."
        )
    elif reservation.optimism > 0:
        lines.append(
            f"{subject} believes time is on its side: when the computer plays it, it overestimates how its no-deal "
            "value will develop, so it concedes slowly until the trend turns."
        )
    return lines


def preference_table(scenario: Scenario, model: UtilityModel, actor: str, caption: str | None = None) -> Markup:
    """An actor's weights, option values and red lines as a table (the private numbers)."""
    rows = []
    for k, issue in enumerate(scenario.issues):
        weight = model.weights[actor][k]
        options = []
        for o, option in enumerate(issue.options):
            value = model.values[actor][k][o]
            red = o in model.red_lines[actor][k]
            consent = scenario.consent_note(issue.id, option.id, you=actor)
            options.append(
                el(
                    "span",
                    el("span", option.label, cls="redline" if red else None),
                    " ",
                    el("b", number(value)),
                    " (red line)" if red else None,
                    f" ({consent})" if consent else None,
                    cls="opt",
                )
            )
        signs = "signs" if actor in issue.signatories else "does not sign"
        if actor not in issue.signatories and any(actor in o.consent for o in issue.options):
            signs += "; asked where an option needs your consent"
        rows.append(
            el(
                "tr",
                el("td", el("strong", issue.name), el("div", signs, cls="meta")),
                el("td", f"{weight:.0%}", cls="num"),
                el("td", options),
            )
        )
    return el(
        "table",
        el("caption", caption, style="caption-side:bottom;text-align:left", cls="meta") if caption else None,
        el(
            "thead",
            el("tr", el("th", "Issue"), el("th", "Importance", cls="num"), el("th", "Value of each option (0 to 1)")),
        ),
        el("tbody", rows),
    )


def red_line_items(scenario: Scenario, actor: str) -> list[str]:
    prefs = scenario.preferences.get(actor)
    if prefs is None:
        return []
    items = []
    for issue in scenario.issues:
        pref = prefs.issues.get(issue.id)
        for option in issue.options:
            if pref is not None and option.id in pref.red_lines:
                items.append(f"{issue.name}: {option.label}")
    return items


def lever_card(scenario: Scenario, lever: Lever, you: str | None = None, heading: str = "h3") -> Markup:
    """A lever as a card: what it does, what it costs, whom it targets, its chance and its effects."""
    facts = [count(lever.cost, "action point")]
    if lever.targets:
        facts.append("aimed at " + " or ".join(actor_name(scenario, t) for t in lever.targets))
    facts.append(f"{lever.success_chance:.0%} chance it works" if lever.success_chance < 1 else "always works")
    if lever.cooldown:
        facts.append(f"then {count(lever.cooldown, 'turn')} to wait")
    if lever.uses:
        facts.append(f"at most {count(lever.uses, 'use')}")
    if lever.available_from_turn > 1:
        facts.append(f"from turn {lever.available_from_turn}")
    target = lever.targets[0] if len(lever.targets) == 1 else None
    rows = [el("p", lever.description)]
    if lever.conditions:
        rows.append(
            el(
                "p",
                el("strong", "Only when: "),
                "; ".join(condition_text(scenario, c, lever.owner, you) for c in lever.conditions),
            )
        )
    if lever.costs:
        rows.append(
            el("p", el("strong", "Costs (always): "), effects_text(scenario, lever.costs, lever.owner, you, target))
        )
    rows.append(el("p", el("strong", "If it works: "), effects_text(scenario, lever.effects, lever.owner, you, target)))
    if lever.failure_effects or lever.success_chance < 1:
        rows.append(
            el(
                "p",
                el("strong", "If it fails: "),
                effects_text(scenario, lever.failure_effects, lever.owner, you, target),
            )
        )
    return el(
        "div",
        el(heading, lever.name),
        el("p", " \u00b7 ".join(facts), cls="meta"),
        rows,
        cls="card",
    )


def paragraphs(text: str) -> Markup:
    """Author text (folded YAML) as paragraphs: blank lines separate them."""
    return join(el("p", part.strip()) for part in text.split("\n\n") if part.strip())


def bullet_list(items: Sequence[object], cls: str | None = None) -> Markup | None:
    return el("ul", [el("li", i) for i in items], cls=cls) if items else None


def swatch(scenario: Scenario, actor_id: str) -> Markup:
    return el("span", "", cls="swatch", style=f"--role:{colour(scenario, actor_id)}", aria_hidden="true")


def sources_block(scenario: Scenario, quotes: Sequence[tuple[str, str]]) -> Markup:
    """Quoted `source:` lines with what they support, and the scenario's listed sources."""
    parts: list[Markup] = []
    if quotes:
        parts.append(
            el(
                "table",
                el("thead", el("tr", el("th", "In the game"), el("th", "From the source"))),
                el(
                    "tbody",
                    [
                        el("tr", el("td", what), el("td", "\u201c" + quote + "\u201d", cls="quote"))
                        for what, quote in quotes
                    ],
                ),
            )
        )
    for source in scenario.metadata.sources:
        bits = [el("strong", source.title), f". {source.outlet}, {source.date}."]
        if source.url:
            bits += [" ", el("a", source.url, href=source.url)]
        parts.append(el("p", bits, cls="meta"))
    if not parts:
        parts.append(el("p", "This scenario lists no sources.", cls="meta"))
    return join(parts)


def footer(scenario: Scenario, what: str) -> Markup:
    m = scenario.metadata
    authors = f" by {', '.join(m.authors)}" if m.authors else ""
    return el(
        "div",
        f"{what} \u00b7 {m.title} (scenario {m.id}, version {m.version}{authors}) \u00b7 made with Negotiator",
        cls="footer",
    )
