"""Shared helpers for the classroom tests: games, saves, and a strict HTML well-formedness check."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from negotiator.engine import FACILITATOR, GameState, SendBulletin
from negotiator.engine.players import make_ais, play_ai_game, role_settings
from negotiator.engine.state import GameSettings, new_game
from negotiator.engine.view import view
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class StrictParser(HTMLParser):
    """Fails on end tags that close nothing or the wrong element, and on elements left open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> at {self.getpos()} but open: {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1] not in ("style", "title"):
            self.text.append(data)


def parse_html(text: str) -> StrictParser:
    """Parse a page; assert it is well-formed. `.text` joins the visible text, whitespace collapsed."""
    parser = StrictParser()
    parser.feed(text)
    parser.close()
    assert not parser.errors, parser.errors[:5]
    assert not parser.stack, f"unclosed elements: {parser.stack}"
    assert text.startswith("<!DOCTYPE html>")
    return parser


def page_text(text: str) -> str:
    """The page's text content (entities decoded), whitespace collapsed, for content checks."""
    return squash(" ".join(parse_html(text).text))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def scenarios() -> dict[Path, Scenario]:
    return {path: load_scenario(path) for path in SCENARIOS}


@pytest.fixture(scope="session")
def istanbul() -> Scenario:
    return load_scenario(ISTANBUL)


@pytest.fixture(scope="session")
def ai_game(istanbul: Scenario) -> GameState:
    return play_ai_game(istanbul, seed=4)


def mid_game_with_facilitator(scenario: Scenario, seed: int = 5, stop_turn: int = 3) -> GameState:
    """An AI game stopped during `stop_turn`, with a facilitator bulletin in turn 2."""
    state = new_game(scenario, seed, GameSettings(roles=role_settings(scenario)))
    ais = make_ais(scenario, seed)
    bulletin_sent = False
    while not state.is_over() and state.turn < stop_turn:
        if state.turn == 2 and not bulletin_sent:
            state = state.apply(
                SendBulletin(FACILITATOR, text="The teacher reminds everyone: <b>ten minutes</b> left.")
            )
            bulletin_sent = True
        actor = state.current_actor
        assert actor is not None
        state = state.apply(ais[actor].decide(view(state, actor)))
    # a couple of moves into the stop turn, so the save is mid-turn
    for _ in range(2):
        if state.is_over():
            break
        actor = state.current_actor
        assert actor is not None
        state = state.apply(ais[actor].decide(view(state, actor)))
    return state
