"""A log entry's scenario-written words in the reader's language: the engine writes each entry once, in the
scenario's own language; a lever's or an event's news, and an ending's text, are rendered again here from the
translated scenario and the ids the entry records, so each seat reads the same records in its own language.

Entries the engine words itself (offers, answers, upkeep, ratification, the facilitator's changes) are worded
again by `negotiator.i18n.engine_words`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from negotiator.i18n import t
from negotiator.i18n.engine_words import RENDERERS, translated_changes, translated_engine_entry
from negotiator.i18n.names import actor_name
from negotiator.scenario.models import Scenario
from negotiator.scenario.text_template import escape, render


def translated_entry(entry: Any, base: Scenario, shown: Scenario) -> Any:
    """`entry` (a LogEntry) with its scenario text from `shown`, the translation of `base` being read."""
    if shown is base:
        return entry
    if entry.kind in RENDERERS:
        return translated_engine_entry(entry, base, shown)
    data = entry.data
    text, extra = entry.text, {}
    if entry.kind == "lever" and data.get("lever"):
        lever = next((lv for lv in shown.levers if lv.id == data["lever"]), None)
        if lever is not None:
            names = {"owner": actor_name(shown, entry.actor), "target": actor_name(shown, data.get("target"))}
            words = t("news.lever_failed", shown.metadata.language, lever=escape(lever.name), owner="{owner}")
            failed = lever.failure_news or words
            text = render(lever.news if data.get("success") else failed, names)
    elif entry.kind == "event" and data.get("event"):
        event = next((e for e in shown.events if e.id == data["event"]), None)
        if event is not None:
            text = event.news
            extra["name"] = event.name
            if event.quote is not None and data.get("quote"):
                quote = event.quote
                extra["quote"] = {**data["quote"], "speaker": quote.speaker, "context": quote.context}
                if quote.translation:
                    extra["quote"]["translation"] = quote.translation
    elif entry.kind == "ending":
        text = ending_text(entry.text, base, shown)
    changes = translated_changes(entry, base, shown)
    if changes is not None:
        extra["changes"] = changes
    if text == entry.text and not extra:
        return entry
    return dataclasses.replace(entry, text=text, data={**data, **extra})


_DEAL_ALL = "All the issues on the table are settled: a deal is signed."
_DEAL_SOME = re.compile(r"^The issues that make a deal \((.*)\) are settled: a deal is signed\.$")
_DEADLINE = "The deadline passes without a full agreement."


def ending_text(text: str, base: Scenario, shown: Scenario) -> str:
    """An ending's text (the scenario's, or the engine's own default, as recorded) in `shown`'s language."""
    lang = shown.metadata.language
    if text == _DEAL_ALL:
        return t("ending.deal_all", lang)
    if text == _DEADLINE:
        return t("ending.deadline", lang)
    if _DEAL_SOME.match(text):
        names = ", ".join(i.name for i in shown.issues if i.id in (shown.rules.deal_issues or []))
        return t("ending.deal_some", lang, issues=names)
    for mine, theirs in zip(base.rules.endings, shown.rules.endings, strict=False):
        if mine.text == text:
            return theirs.text
    for key in ("deal_text", "deadline_text"):
        if getattr(base.rules, key) == text and getattr(shown.rules, key):
            return getattr(shown.rules, key)
    mine, theirs = base.rules.arbitration, shown.rules.arbitration
    if mine is not None and theirs is not None and mine.text == text:
        return theirs.text
    return text


def outcome_summary(outcome: Any, state: Any, shown: Scenario) -> str:
    """The outcome's summary (what `Outcome.summary` says in English) in `shown`'s language: the ending, what was
    agreed or imposed, the scores and who crossed their own public red lines."""
    from negotiator.i18n import number
    from negotiator.words import count

    lang = shown.metadata.language
    name = {a.id: a.short_name for a in shown.actors}
    ending = state.ending
    parts = [
        t(
            "summary.after",
            lang,
            turns=count(ending.turn, "turn", lang=lang),
            text=ending_text(ending.text, state.scenario, shown),
        )
    ]
    imposed = dict(ending.imposed)
    agreed = {i: o for i, o in state.settled.items() if i not in imposed}
    terms = lambda ts: "; ".join(f"{shown.issue(i).name}: {shown.option_label(i, o)}" for i, o in ts.items())  # noqa: E731
    if agreed:
        key = "summary.agreed" if outcome.complete and not imposed else "summary.partly"
        parts.append(t(key, lang, terms=terms(agreed)))
    else:
        parts.append(t("summary.nothing", lang))
    if imposed:
        parts.append(t("summary.imposed", lang, terms=terms(imposed)))
    scores = ", ".join(f"{name[a]} {number(s.total, 1, lang, sign=True)}" for a, s in outcome.scores.items())
    parts.append(t("summary.scores", lang, scores=scores))
    broken = [name[a] for a, n in state.broken_commitments.items() if n]
    if broken:
        parts.append(t("summary.broken", lang, names=", ".join(broken)))
    return " ".join(parts)
