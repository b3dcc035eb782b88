"""Whether shown chances came true: a reliability table (by decile or by band) and the Brier score.

Pure arithmetic over (estimate, happened) pairs, so `benchmarks/calibration.py` and the tests share it. A row is
within tolerance when its observed rate is within `TOLERANCE` of the mean estimate in it (deciles), or inside
the band's own range (bands): a band that says "unlikely" must come true rarely, whatever its figures were.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

TOLERANCE = 0.10
MIN_COUNT = 30  # fewer records than this in a row say too little to judge it


@dataclass(frozen=True)
class Row:
    """One row of a reliability table: estimates in [`low`, `high`), their mean and how often they came true."""

    label: str
    low: float
    high: float
    count: int
    mean: float
    observed: float

    @property
    def judged(self) -> bool:
        return self.count >= MIN_COUNT

    @property
    def decile_ok(self) -> bool:
        """Observed rate within TOLERANCE of the mean estimate (rows with too few records pass)."""
        return not self.judged or abs(self.observed - self.mean) <= TOLERANCE + 1e-12

    @property
    def band_ok(self) -> bool:
        """Observed rate inside the row's own range (rows with too few records pass)."""
        return not self.judged or self.low - 1e-12 <= self.observed <= self.high + 1e-12


def _row(label: str, low: float, high: float, pairs: list[tuple[float, bool]]) -> Row:
    n = len(pairs)
    mean = sum(p for p, _ in pairs) / n if n else 0.0
    observed = sum(1 for _, hit in pairs if hit) / n if n else 0.0
    return Row(label, low, high, n, mean, observed)


def deciles(pairs: Sequence[tuple[float, bool]]) -> list[Row]:
    """Ten rows, [0, 0.1) ... [0.9, 1.0]; an estimate of exactly 1 falls in the last."""
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(10)]
    for p, hit in pairs:
        bins[min(9, max(0, int(p * 10)))].append((p, hit))
    return [_row(f"{k * 10:>2}-{k * 10 + 10}%", k / 10, (k + 1) / 10, b) for k, b in enumerate(bins)]


def bands(pairs: Sequence[tuple[float, bool]], cuts: Sequence[tuple[str, float]]) -> list[Row]:
    """One row per band; `cuts` is (label, lowest chance) from the top band down, the last lowest being 0."""
    rows = []
    high = 1.0
    for label, lowest in cuts:
        inside = [(p, hit) for p, hit in pairs if lowest <= p and (p < high or high == 1.0)]
        rows.append(_row(label, lowest, high, inside))
        high = lowest
    return rows


def brier(pairs: Sequence[tuple[float, bool]]) -> float:
    """Mean squared error of the estimates against what happened (0 perfect; 0.25 for always saying 50%)."""
    if not pairs:
        return 0.0
    return sum((p - (1.0 if hit else 0.0)) ** 2 for p, hit in pairs) / len(pairs)
