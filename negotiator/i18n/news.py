"""A log entry's scenario-written words in the reader's language: the engine writes each entry once, in the
scenario's own language; a lever's or an event's news, and an ending's text, are rendered again here from the
translated scenario and the ids the entry records, so each seat reads the same records in its own language.

Entries the engine words itself (offers, answers, upkeep) are returned as they are.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from negotiator.i18n import t
from negotiator.scenario.models import Scenario
from negotiator.scenario.text_template import escape, render


def translated_entry(entry: Any, base: Scenario, shown: Scenario) -> Any:
    """`entry` (a LogEntry) with its scenario text from `shown`, the translation of `base` being read."""
    if shown is base:
        return entry
    data = entry.data
    text, extra = entry.text, {}
    if entry.kind == "lever" and data.get("lever"):
        lever = next((lv for lv in shown.levers if lv.id == data["lever"]), None)
        if lever is not None:
            names = {"owner": _name(shown, entry.actor), "target": _name(shown, data.get("target"))}
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
        text = _ending_text(entry.text, base, shown)
    if text == entry.text and not extra:
        return entry
    return dataclasses.replace(entry, text=text, data={**data, **extra})


def _name(scenario: Scenario, actor: str | None) -> str:
    return next((a.short_name for a in scenario.actors if a.id == actor), actor or "")


def _ending_text(text: str, base: Scenario, shown: Scenario) -> str:
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
