"""The engine's own sentences re-worded in each reader's language (`negotiator.i18n.engine_words`).

The English catalogue rebuilds every engine sentence of many games exactly from what the entry records (so a
change to an engine sentence that is not made in the catalogue fails here), and in Ukrainian and Russian no such
sentence is left in English.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from negotiator.engine import new_game
from negotiator.engine.actions import (
    FACILITATOR,
    AdjustMeter,
    DeclareRedLine,
    EndTurn,
    MakeOffer,
    SendBulletin,
    SetDeadline,
)
from negotiator.engine.errors import IllegalActionError
from negotiator.engine.players import AISpec, play_ai_game
from negotiator.engine.public_text import shown_change, shown_entry
from negotiator.engine.records import LogEntry
from negotiator.engine.state import GameState
from negotiator.i18n.engine_words import RENDERERS, change_text, engine_text
from negotiator.i18n.news import translated_entry
from negotiator.i18n.reason_words import reason_text
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = [ROOT / "scenarios" / "istanbul_talks.yaml", ROOT / "scenarios" / "tutorial.yaml"]
ARBITRATION = ROOT / "tests" / "fixtures" / "author10" / "labour_arbitration.yaml"
REASON_MARKS = ("We ", "we ", " us", "our ", "above all", "time is up", "it is better", "should strengthen")
CHANGE_MARKS = ("->", "no-deal value", "value of a deal", "worth more", "worth less", "rules out", "off the table")
ENGLISH_MARKS = (
    "offers #",
    "offer #",
    "accepts",
    "rejects",
    "counters",
    "publicly rules out",
    "prepares ",
    "Time passes",
    "Agreement ratified",
    "The facilitator",
    "ends its move",
    "backs down",
    "arbitrator",
)


def entries(state: GameState) -> list[LogEntry]:
    return [e for r in state.records for e in r.entries] + list(state.entries)


def scripted(scenario: Scenario) -> GameState:
    """The sentences AI games rarely or never write: a lapse, a red line backed down from, the facilitator's
    meter changes (shared, held, hidden) and deadlines."""
    state = new_game(scenario, 3)
    first = state.current_actor
    assert first is not None
    issue = scenario.issues[0]
    for option in (o.id for o in issue.options):  # one it may propose (not one of its true red lines)
        try:
            declared = state.apply(DeclareRedLine(first, issue=issue.id, option=option))
            state = declared.apply(MakeOffer(first, terms=((issue.id, option),)))  # backs down from its own line
            break
        except IllegalActionError:
            continue
    state = state.apply(EndTurn(first))
    for meter in scenario.meters:
        holder = scenario.holders(meter.id)[0] if meter.scope == "actor" else None
        state = state.apply(AdjustMeter(FACILITATOR, meter=meter.id, holder=holder, change=-5))
    state = state.apply(SetDeadline(FACILITATOR, turns=state.turns + 1))
    state = state.apply(SetDeadline(FACILITATOR, turns=state.turns - 1))
    state = state.apply(SendBulletin(FACILITATOR, text="A bulletin is the teacher's own words."))
    while not state.is_over() and state.turn <= 2:
        actor = state.current_actor
        assert actor is not None
        state = state.apply(EndTurn(actor))  # the offer awaiting an answer lapses
    return state


def hidden_meter(scenario: Scenario) -> Scenario:
    meters = [m.model_copy(update={"hidden": True}) if i == 0 else m for i, m in enumerate(scenario.meters)]
    return scenario.model_copy(update={"meters": meters})


def games(scenario: Scenario, path: Path) -> list[GameState]:
    found = [play_ai_game(scenario, seed) for seed in range(12)]
    for level in ("easy", "normal"):
        spec = {a.id: AISpec(difficulty=level) for a in scenario.negotiators}
        found += [play_ai_game(scenario, seed, spec) for seed in range(4)]
    return [*found, scripted(scenario)]


@pytest.mark.parametrize("path", [*SHIPPED, ARBITRATION], ids=lambda p: p.stem)
def test_the_english_catalogue_rebuilds_every_engine_sentence(path: Path) -> None:
    scenario = load_scenario(path)
    seen: Counter[str] = Counter()
    states = games(scenario, path)
    hidden = hidden_meter(scenario)
    states.append(
        new_game(hidden, 1).apply(
            AdjustMeter(FACILITATOR, meter=hidden.meters[0].id, change=-5, holder=_holder(hidden))
        )
    )
    changes: Counter[str] = Counter()
    for state in states:
        for entry in entries(state):
            for change in entry.data.get("changes") or ():
                worded = [change, *(shown_change(state.scenario, change, ()),)]  # as another seat reads it
                for text in worded:
                    assert change_text(text, state.scenario, state.scenario, "en") == text
                    changes[_change_kind(text)] += 1
            if entry.kind not in RENDERERS:
                continue
            seen[entry.kind] += 1
            text = engine_text(entry, state.scenario, state.scenario, "en")
            if entry.kind == "commitment_broken":  # the engine names ids there; the catalogue, labels
                assert text is not None and issue_label_in(text, state.scenario), entry.text
            else:
                assert text == entry.text, entry
    assert {"meter", "private", "private words"} <= set(changes), changes
    expected = set(RENDERERS) - {"void", "reject"} - ({"arbitration"} if path != ARBITRATION else set())
    assert expected <= set(seen), f"no {sorted(expected - set(seen))} sentence in these games: the test misses them"


def _change_kind(text: str) -> str:
    if "->" in text:
        return "meter"
    if "no-deal value" in text or "value of a deal" in text:
        return "private"
    return "private words" if "worth" in text else "other"


def _holder(scenario: Scenario) -> str | None:
    return scenario.holders(scenario.meters[0].id)[0] if scenario.meters[0].scope == "actor" else None


def issue_label_in(text: str, scenario: Scenario) -> bool:
    return any(i.name in text for i in scenario.issues)


@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_no_engine_sentence_is_left_in_english(path: Path, lang: str) -> None:
    scenario = load_scenario(path)
    shown = scenario.translated(lang)
    assert shown is not scenario
    kinds: Counter[str] = Counter()
    changed = 0
    played = games(scenario, path)
    for state in [*played[::3], played[-1]]:
        for entry in (shown_entry(scenario, e) for e in entries(state)):  # as a seat's table reads it
            translated = translated_entry(entry, scenario, shown)
            recorded, worded = entry.data.get("changes") or [], translated.data.get("changes") or []
            assert len(worded) == len(recorded)
            for change, shown_text in zip(recorded, worded, strict=True):
                assert not any(mark in shown_text for mark in CHANGE_MARKS), (change, shown_text)
                changed += 1
            if entry.kind not in RENDERERS:
                continue
            text = translated.text
            kinds[entry.kind] += 1
            assert text != entry.text and not any(mark in text for mark in ENGLISH_MARKS), (entry.text, text)
            for actor in scenario.actors:  # names come from the translation
                if actor.short_name in text:
                    assert any(a.short_name in text for a in shown.actors if a.id == actor.id), text
    assert {"offer", "accept", "upkeep", "adjust", "deadline", "lapse"} <= set(kinds)
    assert changed > 0


def test_a_sentence_that_does_not_read_as_the_engine_wrote_it_stays_as_it_is() -> None:
    scenario = load_scenario(SHIPPED[0])
    shown = scenario.translated("uk")
    odd = [
        LogEntry(
            turn=1,
            phase="moves",
            kind="offer",
            text="Somebody offers something.",
            actor="kyiv",
            data={"offer_id": 1, "terms": {"territory": "freeze_contact_line"}},
        ),
        LogEntry(turn=1, phase="upkeep", kind="upkeep", text="Time passes slowly."),
        LogEntry(turn=1, phase="ratification", kind="settled", text="Agreement ratified (offer #2): Nothing settled."),
        LogEntry(turn=1, phase="facilitator", kind="adjust", text="The facilitator sets Mood from 3 to 4."),
    ]
    for entry in odd:
        assert translated_entry(entry, scenario, shown) is entry


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_ai_reason_is_rebuilt_in_english_and_worded_in_uk_and_ru(path: Path) -> None:
    """The AI's reasons follow a small grammar (`i18n.reason_words`): the English keys give every one of them
    back exactly, and in Ukrainian and Russian none is left in English."""
    scenario = load_scenario(path)
    shown = {lang: scenario.translated(lang) for lang in ("uk", "ru")}
    frames: Counter[str] = Counter()
    for state in games(scenario, path)[:-1]:  # the AI's games (the scripted one gives no reasons)
        for action in state.actions:
            reason = action.reason
            if not reason:
                continue
            frames[reason.split(" ", 2)[1] if reason.startswith("We ") else reason[:5]] += 1
            assert reason_text(reason, scenario, scenario, "en") == reason
            for lang, translated in shown.items():
                words = reason_text(reason, scenario, translated, lang)
                assert words != reason and not any(mark in words for mark in REASON_MARKS), (reason, words)
    assert {"accept:", "counter:", "propose", "have"} <= set(frames), frames


def test_a_reason_the_ai_did_not_write_stays_as_it_is() -> None:
    scenario = load_scenario(SHIPPED[0])
    shown = scenario.translated("uk")
    for reason in (
        "We accept: because I like it.",
        "Not enough.",
        "We counter: it crosses one of our red lines; nope.",
    ):
        assert reason_text(reason, scenario, shown, "uk") == reason
