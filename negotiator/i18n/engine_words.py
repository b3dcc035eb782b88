"""The engine's own sentences in a log (offers, answers, red lines, upkeep, ratification, the facilitator's
changes) in the reader's language, rendered again from catalogue keys (`log.*`) and what the entry records.

The engine writes each entry once, in English, and a save proves itself by replaying to the same state hash, so
the records cannot change: an entry is re-worded here from its data (offer id, terms, lever, issue and option)
and, where the data does not carry something, from the engine's fixed English sentence itself (who an offer is
addressed to, which issues an agreement settled, a facilitator's meter change). Anything that does not read as
the engine wrote it (an older sentence, a name that does not map back) is returned as it is: the reader sees
English rather than a wrong translation. `tests/test_engine_words.py` renders every entry of many games in
English from these parts and requires the engine's own text back, so a change to an engine sentence that is not
made here fails there.

The reasons the AI gives for its moves, which an entry records, are worded again by `i18n.reason_words`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from negotiator.i18n import number, t
from negotiator.i18n.names import actor_id, actor_name, issue_name, shown_option
from negotiator.i18n.reason_words import reason_text
from negotiator.scenario.models import Scenario

Renderer = Callable[[Any, Scenario, Scenario, str], str | None]


def engine_text(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    """The entry's engine sentence in `lang`, with `shown`'s names (None: not an engine sentence, or one that
    does not read as the engine wrote it)."""
    render = RENDERERS.get(entry.kind)
    return None if render is None else render(entry, base, shown, lang)


def translated_engine_entry(entry: Any, base: Scenario, shown: Scenario) -> Any:
    """`entry` with its engine sentence and its recorded changes in `shown`'s language (the same object when
    there is nothing to do)."""
    text = engine_text(entry, base, shown, shown.metadata.language)
    text = entry.text if text is None else text
    changes = translated_changes(entry, base, shown)
    reason = entry.data.get("reason")
    shown_reason = reason_text(reason, base, shown, shown.metadata.language) if reason else reason
    if text == entry.text and changes is None and shown_reason == reason:
        return entry
    data = dict(entry.data)
    if changes is not None:
        data["changes"] = changes
    if shown_reason != reason:
        data["reason"] = shown_reason
    return dataclasses.replace(entry, text=text, data=data)


def translated_changes(entry: Any, base: Scenario, shown: Scenario) -> list[str] | None:
    """The entry's recorded changes in `shown`'s language, or None when that changes none of them."""
    changes = entry.data.get("changes")
    if not changes:
        return None
    shown_changes = [change_text(c, base, shown, shown.metadata.language) for c in changes]
    return None if shown_changes == list(changes) else shown_changes


# --- the changes an entry records ("Kyiv Economy 35 -> 30", "Moscow no-deal value -0.03") -----------------

_METER_CHANGE = re.compile(r"^(.+) (-?\d+) -> (-?\d+)$")
_PRIVATE = re.compile(r"^(.+) (no-deal value|value of a deal) ([+-]?\d+(?:\.\d+)?(?:e-?\d+)?)$")
_PRIVATE_WORDS = {  # `engine.public_text.PRIVATE_SCALES`, as the table reads another side's change
    "walking away is worth more to ": "change.walk_away_up",
    "walking away is worth less to ": "change.walk_away_down",
    "a deal is worth more to ": "change.deal_up",
    "a deal is worth less to ": "change.deal_down",
}


def change_text(change: str, base: Scenario, shown: Scenario, lang: str) -> str:
    """One recorded change (`engine.effects`, or its words from `engine.public_text`) in `lang`; as it is
    when it does not read as the engine wrote it."""
    for head, key in _PRIVATE_WORDS.items():
        actor = actor_id(base, change[len(head) :]) if change.startswith(head) else None
        if actor is not None:
            return t(key, lang, actor=actor_name(shown, actor))
    found = _PRIVATE.match(change)
    if found is not None and actor_id(base, found.group(1)) is not None:
        key = "change.no_deal" if found.group(2) == "no-deal value" else "change.deal_value"
        amount = found.group(3)
        digits = len(amount.partition(".")[2]) if "e" not in amount else 6
        shown_amount = number(float(amount), digits, lang, sign=True)
        return t(key, lang, actor=actor_name(shown, actor_id(base, found.group(1))), amount=shown_amount)
    found = _METER_CHANGE.match(change)
    if found is not None:
        words = _meter_words(found.group(1), base, shown)
        if words is not None:
            key, values = words
            before, after = number(int(found.group(2)), lang=lang), number(int(found.group(3)), lang=lang)
            return t(key, lang, **values, before=before, after=after)
    for actor in base.actors:
        head = f"{actor.short_name} rules out "
        option = shown_option(base, shown, change[len(head) :]) if change.startswith(head) else None
        if option is not None:
            return t("change.rules_out", lang, actor=actor_name(shown, actor.id), option=option)
    if change.endswith(" is off the table"):
        option = shown_option(base, shown, change[: -len(" is off the table")])
        if option is not None:
            return t("change.off_table", lang, option=option)
    return change


def _meter_words(label: str, base: Scenario, shown: Scenario) -> tuple[str, dict[str, str]] | None:
    """A meter slot's label ("Kyiv Economy", "Escalation") as a key and its names in `shown`."""
    for mine, theirs in zip(base.meters, shown.meters, strict=False):
        if label == mine.name:
            return "change.meter", {"meter": theirs.name}
        if label.endswith(f" {mine.name}"):
            holder = actor_id(base, label[: -len(mine.name) - 1])
            if holder is not None:
                return "change.meter_held", {"meter": theirs.name, "actor": actor_name(shown, holder)}
    return None


# --- names ------------------------------------------------------------------------------------------------


def _terms(scenario: Scenario, terms: Any) -> str:
    """As `engine.moves.describe_terms` writes them, in scenario issue order."""
    chosen = dict(terms)
    return "; ".join(
        f"{i.name}: {scenario.option_label(i.id, chosen[i.id])}" for i in scenario.issues if i.id in chosen
    )


# --- one renderer per kind of entry -------------------------------------------------------------------------


def _offer(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    offer_id, terms = entry.data.get("offer_id"), entry.data.get("terms")
    head = f"{actor_name(base, entry.actor)} offers #{offer_id} to "
    if offer_id is None or not terms or not entry.text.startswith(head):
        return None
    tail = f": {_terms(base, terms)}."
    if not entry.text.endswith(tail):
        return None
    names = entry.text[len(head) : -len(tail)].split(", ")
    ids = [actor_id(base, n) for n in names]
    if None in ids:
        return None
    to = ", ".join(actor_name(shown, a) for a in ids)
    return t("log.offer", lang, actor=actor_name(shown, entry.actor), id=offer_id, to=to, terms=_terms(shown, terms))


def _simple(key: str) -> Renderer:
    """A sentence naming the actor and, when it records one, the offer."""

    def render(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
        values = {"actor": actor_name(shown, entry.actor), "id": entry.data.get("offer_id")}
        english = t(key, "en", actor=actor_name(base, entry.actor), id=values["id"])
        return t(key, lang, **values) if entry.text == english else None

    return render


AGREED = " Every party has now accepted; it will be ratified at the end of the turn."


def _accept(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    key = "log.accept_agreed" if entry.text.endswith(AGREED) else "log.accept"
    return _simple(key)(entry, base, shown, lang)


def _lever_queued(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    lever_id, target = entry.data.get("lever"), entry.data.get("target")
    mine = next((lv for lv in base.levers if lv.id == lever_id), None)
    theirs = next((lv for lv in shown.levers if lv.id == lever_id), None)
    if mine is None or theirs is None:
        return None
    key = "log.lever_queued_on" if target else "log.lever_queued"
    english = t(key, "en", actor=actor_name(base, entry.actor), lever=mine.name, target=actor_name(base, target))
    if entry.text != english:
        return None
    return t(key, lang, actor=actor_name(shown, entry.actor), lever=theirs.name, target=actor_name(shown, target))


def _red_line(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    issue, option = entry.data.get("issue"), entry.data.get("option")
    if issue is None or option is None:
        return None
    if entry.text != _about_option("log.red_line", "en", base, entry.actor, issue, option):
        return None
    return _about_option("log.red_line", lang, shown, entry.actor, issue, option)


def _about_option(key: str, lang: str, scenario: Scenario, actor: str | None, issue: str, option: str) -> str:
    """A sentence about one actor and one option of an issue (a red line declared, or backed down from)."""
    return t(
        key,
        lang,
        actor=actor_name(scenario, actor),
        option=scenario.option_label(issue, option),
        issue=issue_name(scenario, issue),
    )


_BROKEN = re.compile(r" backs down from its public red line on ([a-z][a-z0-9_]*)=([a-z][a-z0-9_]*)\.$")


def _broken(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    found = _BROKEN.search(entry.text)
    if found is None or entry.text[: found.start()] != actor_name(base, entry.actor):
        return None
    issue, option = found.groups()
    if not any(i.id == issue for i in shown.issues):
        return None
    return _about_option("log.commitment_broken", lang, shown, entry.actor, issue, option)


def _upkeep(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    words = {"Time passes.": "log.upkeep", "Time passes. No progress this turn.": "log.upkeep_stalled"}
    key = words.get(entry.text)
    return None if key is None else t(key, lang)


_VOID = re.compile(r"^Offer #(\d+) is void: an earlier agreement settled its issues\.$")


def _void(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    found = _VOID.match(entry.text)
    return None if found is None else t("log.void", lang, id=int(found.group(1)))


_SETTLED = re.compile(r"^Agreement ratified \(offer #(\d+)\): (.*) settled\.$")


def _settled(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    found = _SETTLED.match(entry.text)
    if found is None:
        return None
    by_name = {i.name: i.id for i in base.issues}
    ids = [by_name.get(name) for name in found.group(2).split(", ")]
    if None in ids:
        return None
    names = ", ".join(issue_name(shown, i) for i in ids if i is not None)
    return t("log.settled", lang, id=int(found.group(1)), issues=names)


def _arbitration(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    terms = entry.data.get("terms")
    if not terms or entry.text != t("log.arbitration", "en", terms=_terms(base, terms)):
        return None
    return t("log.arbitration", lang, terms=_terms(shown, terms))


_DEADLINE = re.compile(r"^The facilitator (extends|brings forward) the deadline to turn (\d+)\.$")


def _deadline(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    found = _DEADLINE.match(entry.text)
    if found is None:
        return None
    key = "log.deadline_later" if found.group(1) == "extends" else "log.deadline_sooner"
    return t(key, lang, turn=int(found.group(2)))


HIDDEN_ADJUSTED = "The facilitator adjusts something the game keeps hidden."
_ADJUST = re.compile(r"^The facilitator sets (.+) from (-?\d+) to (-?\d+)\.$")


def _adjust(entry: Any, base: Scenario, shown: Scenario, lang: str) -> str | None:
    if entry.text == HIDDEN_ADJUSTED:
        return t("log.adjust_hidden", lang)
    found = _ADJUST.match(entry.text)
    if found is None:
        return None
    what, before, after = found.group(1), int(found.group(2)), int(found.group(3))
    for mine, theirs in zip(base.meters, shown.meters, strict=False):
        if what == mine.name:
            return t(
                "log.adjust", lang, meter=theirs.name, before=number(before, lang=lang), after=number(after, lang=lang)
            )
        holder = actor_id(base, what[: -len(mine.name) - 1]) if what.endswith(f" {mine.name}") else None
        if holder is not None:
            return t(
                "log.adjust_held",
                lang,
                actor=actor_name(shown, holder),
                meter=theirs.name,
                before=number(before, lang=lang),
                after=number(after, lang=lang),
            )
    return None


RENDERERS: dict[str, Renderer] = {
    "offer": _offer,
    "reject": _simple("log.reject"),
    "counter": _simple("log.counter"),
    "accept": _accept,
    "lapse": _simple("log.lapse"),
    "end": _simple("log.end"),
    "lever_queued": _lever_queued,
    "red_line": _red_line,
    "commitment_broken": _broken,
    "upkeep": _upkeep,
    "void": _void,
    "settled": _settled,
    "arbitration": _arbitration,
    "deadline": _deadline,
    "adjust": _adjust,
}
