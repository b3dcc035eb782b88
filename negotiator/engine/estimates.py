"""How likely each addressee is to accept a package: a calibrated figure, its uncertainty and a coarse band.

The figure shown to a player must mean what it says ("60% likely" accepted about six times in ten), so it is
not the opponent model's raw guess. It starts from the same model the AI bids with (`beliefs.Estimate`: the
estimated open value against the estimated no-deal value, and the chance of an unannounced red line) and adds
what the public record says about the addressee's stance: whether it has proposed anything yet, how much of the
package echoes its last proposal, how it has answered so far, how many others must also agree, and how much time
is really left. A logistic over those features, fitted on AI-vs-AI games by `benchmarks/calibration.py --fit`
(`COEFFICIENTS`, then the monotone table `KNOTS`), turns them into a probability. Everything read here is
public (the view's estimates, offers, public red lines, the clock), so no seat's private preferences can reach
the figure.

The uncertainty is the opponent model's own: the same figure with the addressee's no-deal value guessed one
model spread lower and higher (wide early, narrow once it has shown its hand). The deciles of the figure miss the
10-point target for some lineups (the default AIs take more than a mixed lineup at the same public record), so
the UI leads with the band (`BANDS`), which is calibrated for both; `benchmarks/calibration.py` checks both.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from negotiator.engine.beliefs import Estimate
from negotiator.engine.moves import addressees
from negotiator.engine.offers import Offer
from negotiator.engine.view import ActorView

FEATURES = ("bias", "margin", "red", "echo", "proposed", "time", "last", "others", "record")
# fitted by benchmarks/calibration.py --fit
COEFFICIENTS = (-11.593, 0.430, 0.253, 0.977, 7.270, 4.503, -1.128, -1.610, 0.378)
# The logistic's output mapped through a monotone table (isotonic regression on the same fit), because the
# logistic alone is over-confident at the top: (logistic chance, observed rate) knots, interpolated.
KNOTS: tuple[tuple[float, float], ...] = (  # fitted by benchmarks/calibration.py --fit
    (0.000, 0.000),
    (0.001, 0.000),
    (0.003, 0.000),
    (0.045, 0.043),
    (0.081, 0.092),
    (0.113, 0.148),
    (0.249, 0.216),
    (0.399, 0.291),
    (0.505, 0.515),
    (0.679, 0.719),
    (0.841, 0.898),
    (0.917, 0.898),
    (0.982, 1.000),
    (1.000, 1.000),
)
MARGIN_CLIP = 8.0  # margins in units of the model's spread; beyond this the model says nothing more

# (label, lowest chance) from the top: a band is calibrated when its observed rate lies in its range.
BANDS = (("likely", 0.7), ("maybe", 0.2), ("unlikely", 0.0))
RULED_OUT = "ruled out"  # crosses a red line the addressee announced: the AI keeps its word, so never


@dataclass(frozen=True)
class Acceptance:
    """One addressee's estimated answer to a package. `low`-`high` is the range the opponent model allows."""

    addressee: str
    chance: float
    low: float
    high: float
    band: str
    why: str | None = None  # set when the answer is certain from the rules (an announced red line)

    @property
    def percent(self) -> str:
        """The figure with its range, e.g. `40% (25-55%)`, or `0%` when it is certain."""
        if self.why is not None or round(self.low * 100) == round(self.high * 100):
            return f"{self.chance:.0%}"
        return f"{self.chance:.0%} ({self.low * 100:.0f}-{self.high * 100:.0f}%)"

    @property
    def label(self) -> str:
        """What the UI shows: the band (calibrated) with the model's range, e.g. `maybe, 25-40%`. The single
        figure is not shown alone because its deciles miss the target for some lineups (see module doc)."""
        if self.why is not None:
            return self.band
        low, high = round(self.low * 100), round(self.high * 100)
        return f"{self.band}, {low}%" if low == high else f"{self.band}, {low}-{high}%"


def band(chance: float) -> str:
    """The coarse label of a calibrated chance: `likely`, `maybe` or `unlikely`."""
    return next(label for label, lowest in BANDS if chance >= lowest)


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


def features(
    est: Estimate,
    terms: Mapping[str, str],
    offers: Sequence[Offer],
    turn: int,
    end_turn: int,
    others: int = 0,
    shift: float = 0.0,
) -> tuple[float, ...]:
    """The public features of one package for one addressee, in `FEATURES` order. `others` counts the other
    addressees (any of them refusing first ends the offer); `shift` moves the estimated no-deal value (for the
    uncertainty range)."""
    reservation = est.reservation + shift
    value = est.open_value(terms)
    margin = max(-MARGIN_CLIP, min(MARGIN_CLIP, (value - reservation) / est.spread))
    keep = 1.0
    for issue, option in terms.items():
        keep *= 1.0 - est.red.get(issue, {}).get(option, 0.0)
    own = next((o for o in reversed(offers) if o.proposer == est.actor), None)
    echo = 0.0
    if own is not None:
        mine = own.terms_dict()
        echo = sum(1.0 for i, o in terms.items() if mine.get(i) == o) / len(terms)
    time = min(1.0, max(0.0, (turn - 1) / max(1, end_turn - 1)))
    took = sum(1 for o in offers if est.actor in o.accepted_by)
    refused = sum(1 for o in offers if o.rejected_by == est.actor)
    return (
        1.0,
        margin,
        math.log(max(1e-6, keep)),
        echo,
        0.0 if own is None else 1.0,
        time,
        1.0 if turn >= end_turn else 0.0,
        float(others),
        math.log((took + 0.5) / (refused + 0.5)),
    )


def calibrated(
    row: Sequence[float],
    coefficients: Sequence[float] = COEFFICIENTS,
    knots: Sequence[tuple[float, float]] = KNOTS,
) -> float:
    """The fitted probability of acceptance for one feature row: the logistic, then the monotone table."""
    return remap(_logistic(sum(c * x for c, x in zip(coefficients, row, strict=True))), knots)


def remap(p: float, knots: Sequence[tuple[float, float]] = KNOTS) -> float:
    """`p` through the piecewise-linear table `knots` (sorted by their first value; non-decreasing second)."""
    if p <= knots[0][0]:
        return knots[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(knots):
        if p <= x1:
            return y0 if x1 <= x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)
    return knots[-1][1]


def acceptance(
    est: Estimate,
    terms: Mapping[str, str],
    offers: Sequence[Offer],
    turn: int,
    end_turn: int,
    ruled_out: Sequence[tuple[str, str]] = (),
    others: int = 0,
) -> Acceptance:
    """The calibrated estimate that `est.actor` accepts `terms` (the open issues of a package), from public data."""
    if not terms:
        return Acceptance(est.actor, 0.0, 0.0, 0.0, band(0.0), "there is nothing to accept")
    crossed = [term for term in terms.items() if term in ruled_out]
    if crossed:
        return Acceptance(est.actor, 0.0, 0.0, 0.0, RULED_OUT, "it crosses a red line they announced")
    chance = calibrated(features(est, terms, offers, turn, end_turn, others))
    lower = calibrated(features(est, terms, offers, turn, end_turn, others, est.spread))
    upper = calibrated(features(est, terms, offers, turn, end_turn, others, -est.spread))
    low, high = min(lower, upper, chance), max(lower, upper, chance)
    return Acceptance(est.actor, chance, low, high, band(chance))


def end_turn(v: ActorView) -> int:
    """The turn the game is expected to end at (the deadline, or sooner if an early ending is drawing near):
    public, and the same clock the AI paces itself by."""
    from negotiator.engine.ai.context import projected_end
    from negotiator.engine.compiled import compiled

    return projected_end(v, compiled(v.scenario))


def package_estimates(v: ActorView, terms: Mapping[str, str]) -> dict[str, Acceptance]:
    """Every addressee's estimated answer to `terms` proposed by the viewer, from what the viewer may know.
    Settled issues are left out (they cannot be offered)."""
    chosen = {i: o for i, o in terms.items() if i not in v.settled}
    if not chosen:
        return {}
    to = addressees(v.scenario, v.actor, tuple(chosen.items()))
    end = end_turn(v)
    estimates = v.estimates
    return {
        a: acceptance(estimates[a], chosen, v.offers, v.turn, end, v.public_red_lines.get(a, ()), len(to) - 1)
        for a in to
        if a in estimates
    }
