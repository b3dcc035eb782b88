"""The opponent model's refusal learning: a refusal teaches about red lines as far as the refused offer was
otherwise worth taking (negotiator.engine.beliefs)."""

from __future__ import annotations

from pathlib import Path

from negotiator.engine.beliefs import RED_PRIOR, Evidence, learn
from negotiator.scenario import load_scenario

ISTANBUL = Path(__file__).resolve().parents[2] / "scenarios" / "istanbul_talks.yaml"
OPENING = (
    ("territory", "russian_withdrawal"),
    ("security", "nato_path"),
    ("prisoners", "all_for_all"),
    ("ceasefire", "immediate"),
)


def _red_after(refused: tuple[tuple[str, str], ...], times: int = 2) -> float:
    """Kyiv's estimated chance that 'guarantees with an EU path' is a red line, after refusing `refused`."""
    scenario = load_scenario(ISTANBUL)
    record = Evidence(((1, OPENING),), (), tuple((2 + n, refused) for n in range(times)), frozenset())
    return learn(scenario, "kyiv", record, "frequency", 4, 7).red["security"]["guarantees_eu_path"]


def test_refusing_an_attractive_offer_says_more_than_refusing_a_poor_one() -> None:
    """Close to its own opening but for one option: the refusal points at that option. Far from everything it
    asked for: the value alone explains the refusal. Counting both alike made the hard mediator take the
    others' opening demands for red lines (it then played Washington's seat worse than the normal AI)."""
    attractive = (*OPENING[:1], ("security", "guarantees_eu_path"), *OPENING[2:])
    poor = (
        ("territory", "ukrainian_withdrawal"),
        ("security", "guarantees_eu_path"),
        ("prisoners", "no_exchange"),
        ("ceasefire", "after_settlement"),
    )
    near, far = _red_after(attractive), _red_after(poor)
    assert near > 3 * RED_PRIOR, f"two refusals of an otherwise attractive offer left the belief at {near:.3f}"
    assert far < near / 2, f"refusing a poor offer raised the belief to {far:.3f} (an attractive one: {near:.3f})"
    assert _red_after(attractive, times=3) > near  # each refusal adds evidence


def test_basic_quality_learns_nothing_from_refusals() -> None:
    scenario = load_scenario(ISTANBUL)
    attractive = (*OPENING[:1], ("security", "guarantees_eu_path"), *OPENING[2:])
    record = Evidence(((1, OPENING),), (), ((2, attractive),), frozenset())
    assert learn(scenario, "kyiv", record, "basic", 3, 7).red["security"]["guarantees_eu_path"] == RED_PRIOR
