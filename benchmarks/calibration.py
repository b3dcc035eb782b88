"""Are the shown acceptance estimates honest? AI-vs-AI games, every estimate that would be shown, what happened.

Every offer an AI makes is estimated, just before it is sent, from the proposer's own view (what a player in
that seat would see in the offer builder), for each addressee; the record is whether that addressee accepted
it, among the addressees that answered (refused, let it lapse, or accepted): one who never got to answer because
another refused first, or because the issue was settled elsewhere, says nothing about its own answer. Printed
per lineup (each scenario's default AIs; a mixed lineup of random personalities and difficulties per seat) and
over both: the reliability table by decile, the same by band
(`negotiator.engine.estimates.BANDS`) and the Brier score.

Targets (issue 12): every decile within 10 points of its observed rate (deciles with fewer than 30 records
are not judged); where that is missed, every band's observed rate inside the band's range.

`--fit` refits the logistic's coefficients on other seeds (never the evaluated ones) and prints them for
`COEFFICIENTS` in negotiator/engine/estimates.py.

    python benchmarks/calibration.py [--games 60] [--fit] [--fit-games 150]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from negotiator.engine import new_game, view  # noqa: E402
from negotiator.engine.actions import Counter, MakeOffer  # noqa: E402
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES  # noqa: E402
from negotiator.engine.estimates import (  # noqa: E402
    BANDS,
    COEFFICIENTS,
    FEATURES,
    acceptance,
    calibrated,
    end_turn,
    features,
)
from negotiator.engine.players import AISpec, make_ais, role_settings  # noqa: E402
from negotiator.engine.reliability import Row, bands, brier, deciles  # noqa: E402
from negotiator.engine.state import GameSettings  # noqa: E402
from negotiator.scenario import load_scenario  # noqa: E402
from negotiator.scenario.models import Scenario  # noqa: E402

SCENARIOS = [ROOT / "scenarios" / "istanbul_talks.yaml", ROOT / "scenarios" / "tutorial.yaml"]
LINEUPS = ("default", "mixed")


@dataclass(frozen=True)
class Shown:
    """One estimate as it would be shown, and whether it came true."""

    lineup: str
    row: tuple[float, ...]
    chance: float  # the calibrated figure (0 for an offer across an announced red line)
    accepted: bool


def lineup_overrides(scenario: Scenario, lineup: str, seed: int) -> dict[str, AISpec]:
    if lineup == "default":
        return {}
    pick = random.Random(seed * 7919 + 13)
    return {
        a.id: AISpec(pick.choice(sorted(PERSONALITIES)), pick.choice(sorted(DIFFICULTIES)))
        for a in scenario.negotiators
    }


def play(scenario: Scenario, lineup: str, seed: int) -> Iterator[Shown]:
    """One AI game; every offer's estimates, with what became of them."""
    overrides = lineup_overrides(scenario, lineup, seed)
    state = new_game(scenario, seed, GameSettings(roles=role_settings(scenario, overrides)))
    ais = make_ais(scenario, seed, overrides)
    pending: list[tuple[int, str, tuple[float, ...], float]] = []
    while not state.is_over():
        actor = state.current_actor
        assert actor is not None
        v = view(state, actor)
        action = ais[actor].decide(v)
        after = state.apply(action)
        if isinstance(action, MakeOffer | Counter) and len(after.offers) > len(state.offers):
            offer = after.offers[-1]
            terms = offer.terms_dict()
            end = end_turn(v)
            for to in offer.to:
                est = v.estimates[to]
                others = len(offer.to) - 1
                shown = acceptance(est, terms, v.offers, v.turn, end, v.public_red_lines.get(to, ()), others)
                row = features(est, terms, v.offers, v.turn, end, others)
                pending.append((offer.id, to, row if shown.why is None else (), shown.chance))
        state = after
    final = {o.id: o for o in state.offers}
    for offer_id, to, row, chance in pending:
        offer = final[offer_id]
        if to in offer.accepted_by or offer.rejected_by == to:  # it answered (a lapse is a refusal)
            yield Shown(lineup, row, chance, to in offer.accepted_by)


def collect(games: int, first_seed: int) -> list[Shown]:
    records: list[Shown] = []
    for path in SCENARIOS:
        scenario = load_scenario(path)
        for lineup in LINEUPS:
            for seed in range(first_seed, first_seed + games):
                records.extend(play(scenario, lineup, seed))
    return records


def fit(records: list[Shown]) -> np.ndarray:
    """Logistic regression (Newton's method, a little ridge) on the records with features."""
    usable = [r for r in records if r.row]
    x = np.array([r.row for r in usable])
    y = np.array([1.0 if r.accepted else 0.0 for r in usable])
    w = np.zeros(x.shape[1])
    ridge = 1e-3 * np.eye(x.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
        grad = x.T @ (p - y) + ridge @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + ridge
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w


def isotonic(records: list[Shown], w: np.ndarray, bins: int = 20) -> list[tuple[float, float]]:
    """Knots of a monotone map from the logistic's chance to the observed rate: equal-count bins of the fit
    records, pooled where a bin's rate falls below the one before (pool adjacent violators)."""
    usable = sorted(
        (float(1.0 / (1.0 + np.exp(-np.clip(np.dot(w, r.row), -50, 50)))), r.accepted) for r in records if r.row
    )
    size = max(1, len(usable) // bins)
    blocks: list[list[float]] = []  # [sum of p, hits, count]
    for k in range(0, len(usable), size):
        chunk = usable[k : k + size]
        blocks.append([sum(p for p, _ in chunk), sum(1.0 for _, h in chunk if h), float(len(chunk))])
        while len(blocks) > 1 and blocks[-1][1] / blocks[-1][2] < blocks[-2][1] / blocks[-2][2]:
            last = blocks.pop()
            blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    knots = [(0.0, 0.0)] + [(b[0] / b[2], b[1] / b[2]) for b in blocks] + [(1.0, max(b[1] / b[2] for b in blocks))]
    return knots


def table(title: str, rows: list[Row], check: str) -> list[str]:
    lines = [title, f"  {'range':<12}{'n':>5}  {'shown':>6}  {'observed':>7}   ok"]
    for r in rows:
        ok = (r.decile_ok if check == "decile" else r.band_ok) if r.judged else "-"
        lines.append(f"  {r.label:<12}{r.count:>5}  {r.mean:6.1%}  {r.observed:7.1%}   {ok}")
    return lines


def report(name: str, records: list[Shown]) -> list[str]:
    pairs = [(r.chance, r.accepted) for r in records]
    dec = deciles(pairs)
    bnd = bands(pairs, BANDS)
    dec_ok = all(r.decile_ok for r in dec)
    band_ok = all(r.band_ok for r in bnd)
    accepted = sum(1 for _, hit in pairs if hit)
    lines = [f"== {name}: {len(pairs)} estimates, {accepted} accepted ({accepted / max(1, len(pairs)):.1%})"]
    lines += table("  by decile (target: within 10 points)", dec, "decile")
    lines += table("  by band (target: observed inside the band)", bnd, "band")
    base = brier([(accepted / max(1, len(pairs)), h) for _, h in pairs])
    lines.append(
        f"  Brier {brier(pairs):.4f} (always the base rate: {base:.4f})"
        f"; deciles {'MET' if dec_ok else 'MISSED'}; bands {'MET' if band_ok else 'MISSED'}"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=60, help="games per scenario and lineup")
    parser.add_argument("--fit", action="store_true", help="refit COEFFICIENTS on other seeds and print them")
    parser.add_argument("--fit-games", type=int, default=150, help="games per scenario and lineup to fit on")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.fit:
        records = collect(args.fit_games, 10_000)
        w = fit(records)
        print("COEFFICIENTS = (" + ", ".join(f"{c:.3f}" for c in w) + ")  # " + ", ".join(FEATURES))
        print("KNOTS = (" + ", ".join(f"({x:.3f}, {y:.3f})" for x, y in isotonic(records, w)) + ")")
        print("(paste into negotiator/engine/estimates.py, then run without --fit)")
        return
    records = collect(args.games, 1)
    for lineup in LINEUPS:
        print(*report(f"{lineup} lineup", [r for r in records if r.lineup == lineup]), sep="\n")
    print(*report("both lineups", records), sep="\n")
    assert all(abs(calibrated(r.row, COEFFICIENTS) - r.chance) < 1e-12 for r in records[:50] if r.row)
    print(f"({args.games} games per scenario and lineup, {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
