"""Log entries as news items a player can read: a tag, the sentence, a quote or the actor's reason, the changes.

Pure (no pygame): the table's feed and the resolution screen both render these, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from negotiator.engine.records import LogEntry
from negotiator.i18n import t

# phase/kind -> (tag shown before the sentence, palette colour name)
TAGS: dict[str, tuple[str, str]] = {
    "event": ("NEWS", "accent"),
    "lever": ("PRESSURE", "warn"),
    "lever_queued": ("PLANNED", "neutral"),
    "offer": ("OFFER", "text"),
    "accept": ("ACCEPT", "good"),
    "reject": ("REJECT", "bad"),
    "counter": ("COUNTER", "warn"),
    "lapse": ("LAPSED", "neutral"),
    "red_line": ("RED LINE", "bad"),
    "commitment_broken": ("BACKS DOWN", "bad"),
    "settled": ("AGREED", "good"),
    "void": ("VOID", "neutral"),
    "upkeep": ("TIME", "neutral"),
    "ending": ("THE END", "accent"),
    "arbitration": ("RULING", "accent"),
    "end": ("DONE", "neutral"),
}
# What the facilitator did, after the FACILITATOR mark every one of their entries carries.
FACILITATOR_TAGS: dict[str, str] = {
    "event": "EVENT",
    "adjust": "METER",
    "bulletin": "BULLETIN",
    "deadline": "DEADLINE",
}


def by_facilitator(entry: LogEntry) -> bool:
    """Whether the teacher did this from the facilitator panel (the engine logs it in its own phase)."""
    return entry.phase == "facilitator" or bool(entry.data.get("facilitator"))


@dataclass(frozen=True)
class NewsItem:
    turn: int
    tag: str
    colour: str
    text: str
    actor: str | None
    quote: str = ""
    reason: str = ""
    changes: tuple[str, ...] = ()


def tag_text(kind: str) -> str:
    """A tag's word in the current language (`news.tag.<kind>`; the table's own in English)."""
    return t(f"news.tag.{kind}")


def news_item(entry: LogEntry, show_reason: bool = True) -> NewsItem:
    tag, colour = TAGS.get(entry.kind, (entry.phase.upper(), "neutral"))
    if entry.kind in TAGS:
        tag = tag_text(entry.kind)
    if by_facilitator(entry):
        what = tag_text("fac." + entry.kind) if entry.kind in FACILITATOR_TAGS else ""
        tag, colour = (tag_text("facilitator") + " · " + what if what else tag_text("facilitator")), "warn"
    data = entry.data
    quote = ""
    q = data.get("quote")
    if q:
        context = f", {q['context']}" if q.get("context") else ""
        quote = f"“{q['text']}” — {q['speaker']}{context}"
        if q.get("translation"):  # the words as said, with their translation beside them
            quote += f"  ({q['translation']})"
    if entry.kind == "lever" and data.get("success") is False:
        tag, colour = tag_text("failed"), "neutral"
    reason = str(data.get("reason") or "") if show_reason else ""
    return NewsItem(entry.turn, tag, colour, entry.text, entry.actor, quote, reason, tuple(data.get("changes") or ()))


def news_items(entries: tuple[LogEntry, ...] | list[LogEntry]) -> list[NewsItem]:
    """Items in order; a counter's reason is not repeated on the offer it makes in the same breath."""
    items: list[NewsItem] = []
    previous = ""
    for entry in entries:
        key = f"{entry.actor}:{entry.data.get('reason', '')}"
        items.append(news_item(entry, show_reason=key != previous))
        previous = key
    return items
