"""The reasons the computer gives for its moves, in the reader's language.

An AI's reason is English text inside the action it played (`negotiator.engine.ai.negotiator`, its answers'
grounds from `negotiator.engine.ai.acceptance`), and a save keeps the actions as they are. The reasons follow a
small grammar: a move's frame ("We counter: {why}; {movement}.") around an answer's ground ("it crosses one of
our red lines", "we still expect better terms, above all on {issue}") and a proposal's movement ("we move on
Territory and Security arrangements"). `reason_text` reads a reason by that grammar and words it again from
`reason.*` keys with the translated scenario's names; a reason it cannot read (a person's own words, an older
wording) is returned as it is. `tests/test_engine_words.py` rebuilds every AI reason of many games from the
English keys, so a reason reworded in the AI and not here fails there.
"""

from __future__ import annotations

import re

from negotiator.i18n import t
from negotiator.i18n.names import actor_id, actor_name, shown_issue, shown_option
from negotiator.scenario.models import Scenario

# The grounds of an answer (`acceptance.acceptable`): English -> key; "above all on {issue}" ones take the issue.
GROUNDS = {
    "it crosses one of our red lines": "reason.why.crosses",
    "it is better than no deal and as good as anything we could ask for now": "reason.why.as_good",
    "it is better than what holding out is likely to bring before time runs out": "reason.why.holding_out",
    "time is up, and this is better than no deal": "reason.why.time_up",
    "time is up, and this is the best we have been offered": "reason.why.time_best",
    "time is up, and though we hoped for more, this is better than no deal": "reason.why.time_hoped",
}
GROUNDS_ON = {
    "it leaves us no better off than no deal at all": "reason.why.no_better",
    "arbitration at the deadline would give us more": "reason.why.arbitration",
    "we have been offered better than this": "reason.why.offered_better",
    "this does not give us enough for what we have conceded": "reason.why.not_enough",
    "we still expect better terms": "reason.why.expect_better",
    "we can propose better terms that the others should accept": "reason.why.better_bid_on",
}
MOVEMENTS = {"our opening position": "reason.move.opening", "we hold to our last proposal": "reason.move.hold"}

_FRAMES = [  # (pattern, how to word it); tried in order
    (re.compile(r"^We have said what we have to say this turn\.$"), "end"),
    (re.compile(r"^'(.+)' is unacceptable to us, and saying so publicly makes that credible\.$"), "red_line"),
    (re.compile(r"^We can do without '(.+)' on (.+), and a deal without it is within reach\.$"), "commit"),
    (re.compile(r"^We accept: (.+)\.$"), "accept"),
    (re.compile(r"^We reject: (.+)\.$"), "reject"),
    (re.compile(r"^We counter: (.+); (.+)\.$"), "counter"),
    (re.compile(r"^We propose this: (.+)\.$"), "propose"),
    (re.compile(r"^Using (.+) should strengthen our hand\.$"), "lever"),
]


TIME_RAN_OUT = "Time ran out"  # `ui.facilitation.TIME_RAN_OUT`: the move timer's reason (pygame-free here)
_COMPUTER_MOVED = re.compile(r"^Time ran out; the computer moved for this side(?:: (.+)|\.)$")


def reason_text(reason: str, base: Scenario, shown: Scenario, lang: str) -> str:
    """`reason` in `lang` with `shown`'s names, or `reason` itself when it does not read as the AI's."""
    if reason == TIME_RAN_OUT:
        return t("reason.time_ran_out", lang)
    found = _COMPUTER_MOVED.match(reason)
    if found is not None:  # the move timer handed the rest of the move to the computer (its reason after the colon)
        inner = found.group(1)
        if inner is None:
            return t("reason.computer_moved", lang)
        return t("reason.computer_moved_why", lang, why=reason_text(inner, base, shown, lang))
    for pattern, frame in _FRAMES:
        found = pattern.match(reason)
        if found is None:
            continue
        words = _word(frame, found.groups(), base, shown, lang)
        return reason if words is None else words
    return reason


def _word(frame: str, parts: tuple[str, ...], base: Scenario, shown: Scenario, lang: str) -> str | None:
    if frame == "end":
        return t("reason.end", lang)
    if frame == "red_line":
        option = shown_option(base, shown, parts[0])
        return None if option is None else t("reason.red_line", lang, option=option)
    if frame == "commit":
        option, issue = shown_option(base, shown, parts[0]), shown_issue(base, shown, parts[1])
        return None if option is None or issue is None else t("reason.commit", lang, option=option, issue=issue)
    if frame in ("accept", "reject"):
        why = _ground(parts[0], base, shown, lang)
        return None if why is None else t(f"reason.{frame}", lang, why=why)
    if frame == "counter":
        why, movement = _ground(parts[0], base, shown, lang), _movement(parts[1], base, shown, lang)
        return None if why is None or movement is None else t("reason.counter", lang, why=why, movement=movement)
    if frame == "propose":
        movement = _movement(parts[0], base, shown, lang)
        return None if movement is None else t("reason.propose", lang, movement=movement)
    return _lever(parts[0], base, shown, lang)


def _ground(text: str, base: Scenario, shown: Scenario, lang: str) -> str | None:
    if text in GROUNDS:
        return t(GROUNDS[text], lang)
    head, sep, issue_name = text.rpartition(", above all on ")
    issue = shown_issue(base, shown, issue_name) if sep else None
    if issue is None or head not in GROUNDS_ON:
        return None
    return t(GROUNDS_ON[head], lang, issue=issue)


def _movement(text: str, base: Scenario, shown: Scenario, lang: str) -> str | None:
    if text in MOVEMENTS:
        return t(MOVEMENTS[text], lang)
    if not text.startswith("we move on "):
        return None
    names = _split_and(text[len("we move on ") :])
    issues = [shown_issue(base, shown, n) for n in names]
    if not issues or None in issues:
        return None
    return t("reason.move.on", lang, issues=joined([i for i in issues if i is not None], lang))


def _lever(text: str, base: Scenario, shown: Scenario, lang: str) -> str | None:
    for mine, theirs in zip(base.levers, shown.levers, strict=False):
        if text == mine.name:
            return t("reason.lever", lang, lever=theirs.name)
        head = f"{mine.name} on "
        if text.startswith(head):
            target = actor_id(base, text[len(head) :])
            if target is not None:
                return t("reason.lever_on", lang, lever=theirs.name, target=actor_name(shown, target))
    return None


def joined(names: list[str], lang: str) -> str:
    """'A', 'A and B', 'A, B and C' in `lang` (as `engine.ai.negotiator._join` writes it in English)."""
    if len(names) == 1:
        return names[0]
    return t("reason.and", lang, rest=", ".join(names[:-1]), last=names[-1])


def _split_and(text: str) -> list[str]:
    rest, sep, last = text.rpartition(" and ")
    return [*rest.split(", "), last] if sep else [text]
