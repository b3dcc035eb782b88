"""The bargaining picture of an outcome space too large to list (more than `utility.TABLE_LIMIT` packages).

The same questions as `engine.analysis` (the Pareto frontier, the zone of agreement, the Nash point), answered
from candidates instead of every package:
- **supported points**: for many weightings of the actors (drawn on the simplex, plus each actor alone), the
  package that maximises the weighted sum of their utilities. Utilities are additive, so that package is
  found issue by issue, exactly, in microseconds; every such package is Pareto-optimal;
- **a uniform sample** of the packages that cross no red line (`SAMPLE` of them).
The frontier is the non-dominated candidates; the zone's size is the sample's share of it times the number
of feasible packages (an estimate: `Analysis.estimated` says so), a package counting when it can be agreed
as a whole or in parts (`engine.analysis`); the Nash point is the best candidate in the
zone, then improved one issue at a time while the product of gains grows (a local search that the additive
utilities make cheap). Results are deterministic: the draws are seeded by the space itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from negotiator.engine.frontier import non_dominated
from negotiator.engine.utility import PRECISION, Package, UtilityModel
from negotiator.scenario.bundles import bundle_signatories, ways_to_agree

SAMPLE = 50_000
WEIGHTINGS = 600


@dataclass(frozen=True)
class Sampled:
    outcome_space_size: int
    feasible_size: int
    zopa_size: int
    frontier: tuple[Package, ...]
    nash: Package | None
    in_parts_only: int = 0  # estimated, as `zopa_size`


def sampled_analysis(
    model: UtilityModel, reservations: Mapping[str, float], settled: Mapping[int, int], who: Sequence[str]
) -> Sampled:
    n = len(model.issue_ids)
    allowed = _allowed(model, who, settled)
    outcome = math.prod(1 if k in settled else len(model.option_ids[k]) for k in range(n))
    feasible = math.prod(len(a) for a in allowed)
    if feasible == 0 or not who:
        return Sampled(outcome, feasible, 0, (), None)
    rng = np.random.default_rng(model.size + 7919 * len(settled))
    # contributions[a][k][o]: actor a's weight on issue k times its value of option o
    contributions = [[np.asarray(model.values[a][k]) * model.weights[a][k] for k in range(n)] for a in who]
    sample = np.stack([a[rng.integers(0, len(a), SAMPLE)] for a in allowed], axis=1)
    weightings = np.vstack([np.eye(len(who)), rng.dirichlet(np.ones(len(who)), WEIGHTINGS)])
    supported = np.empty((len(weightings), n), dtype=np.int64)
    for k in range(n):
        options = allowed[k]
        table = np.stack([contributions[j][k][options] for j in range(len(who))])  # actors x options
        supported[:, k] = options[np.argmax(weightings @ table, axis=1)]
    r = np.array([reservations[a] for a in who])

    def utilities(rows: np.ndarray) -> np.ndarray:
        total = np.zeros((len(rows), len(who)))
        for k in range(n):  # summed in issue order, as the exact tables are
            for j in range(len(who)):
                total[:, j] += contributions[j][k][rows[:, k]]
        return np.round(total, PRECISION)

    # Each distinct candidate is valued once; the sample's rows (drawn with repetition) map back to them.
    candidates, where = np.unique(np.vstack([supported, sample]), axis=0, return_inverse=True)
    values = utilities(candidates)
    whole = (values >= r).all(axis=1)
    zone = whole | _in_parts(model, candidates, reservations, settled) if tuple(who) == model.parties else whole
    sampled_rows = where.reshape(-1)[len(supported) :]
    in_zone = zone[sampled_rows]
    zopa_size = max(round(float(in_zone.mean()) * feasible), int(zone.sum()))
    in_parts_only = round(float((zone & ~whole)[sampled_rows].mean()) * feasible)
    nash = _nash(candidates[whole], values[whole], r, allowed, utilities) if whole.any() else None
    if nash is not None:
        candidates = np.vstack([candidates, np.asarray(nash)[None, :]])
        values = np.vstack([values, utilities(np.asarray(nash)[None, :])])
    keep = non_dominated([tuple(v) for v in values.tolist()])
    frontier = sorted({tuple(int(o) for o in candidates[j]) for j in keep}, key=model.index_of)
    return Sampled(outcome, feasible, zopa_size, tuple(frontier), nash, min(in_parts_only, zopa_size))


def _in_parts(
    model: UtilityModel, rows: np.ndarray, reservations: Mapping[str, float], settled: Mapping[int, int]
) -> np.ndarray:
    """Which rows the parties can agree in parts (`engine.analysis.zone_in_parts`, for sampled rows)."""
    open_issues = [k for k in range(len(model.issue_ids)) if k not in settled]
    ways = ways_to_agree(model.signatories, open_issues) if model.signatories else []
    found = np.zeros(len(rows), dtype=bool)
    for way in ways:
        ok = np.ones(len(rows), dtype=bool)
        for bundle in way:
            for actor in bundle_signatories(model.signatories, bundle):
                weights, values, lines = model.weights[actor], model.values[actor], model.red_lines[actor]
                total = sum(weights[k] for k in bundle)
                value = np.zeros(len(rows))
                for k in bundle:
                    value += weights[k] * np.asarray(values[k])[rows[:, k]]
                    if lines[k]:
                        ok &= ~np.isin(rows[:, k], list(lines[k]))
                if total > 0:
                    ok &= value / total >= reservations[actor] - 1e-9
        found |= ok
    return found


def _nash(rows: np.ndarray, values: np.ndarray, r: np.ndarray, allowed: list[np.ndarray], utilities: object) -> Package:
    """The zone's candidate with the largest product of gains, then improved one issue at a time."""
    gains = np.prod(values - r, axis=1)
    best = rows[int(np.argmax(gains))].copy()
    best_gain = float(gains.max())
    improved = True
    while improved:
        improved = False
        for k, options in enumerate(allowed):
            trials = np.repeat(best[None, :], len(options), axis=0)
            trials[:, k] = options
            u = utilities(trials)  # type: ignore[operator]
            product = np.where((u >= r).all(axis=1), np.prod(u - r, axis=1), -1.0)
            j = int(np.argmax(product))
            if product[j] > best_gain + 1e-12:
                best, best_gain, improved = trials[j].copy(), float(product[j]), True
    return tuple(int(o) for o in best)


def dominated(model: UtilityModel, package: Package, frontier: Sequence[Package], who: Sequence[str]) -> bool:
    """Whether a frontier member, or the package with one issue changed, is at least as good for everyone and
    better for one (the sampled frontier's test of Pareto optimality)."""
    mine = model.utilities(package, who)
    rivals = [*frontier]
    for k, options in enumerate(_allowed(model, who)):
        rivals += [(*package[:k], int(o), *package[k + 1 :]) for o in options if o != package[k]]
    for rival in rivals:
        theirs = model.utilities(rival, who)
        if all(t >= m for t, m in zip(theirs, mine, strict=True)) and theirs != mine:
            return True
    return False


def feasible_sample(model: UtilityModel, who: Sequence[str], count: int) -> list[Package]:
    """Up to `count` distinct packages crossing none of `who`'s red lines, drawn uniformly (seeded): the cloud a
    chart draws for a space too large to plot every package."""
    allowed = _allowed(model, who)
    if any(len(a) == 0 for a in allowed):
        return []
    rng = np.random.default_rng(model.size + 104729)
    rows = np.unique(np.stack([a[rng.integers(0, len(a), count)] for a in allowed], axis=1), axis=0)
    return [tuple(int(o) for o in row) for row in rows]


def _allowed(model: UtilityModel, who: Sequence[str], settled: Mapping[int, int] | None = None) -> list[np.ndarray]:
    """Per issue, the option indexes a package may take: the settled one, or those none of `who` rules out."""
    settled = settled or {}
    return [
        np.array([settled[k]])
        if k in settled
        else np.array([o for o in range(len(options)) if not any(o in model.red_lines[a][k] for a in who)])
        for k, options in enumerate(model.option_ids)
    ]
