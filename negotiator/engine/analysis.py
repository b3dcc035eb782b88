"""Bargaining analysis of an outcome space: Pareto frontier, Nash bargaining point, zone of agreement.

All functions work on a `UtilityModel` (see `negotiator.engine.utility`) and consider the *parties*
(negotiating actors) unless given `actors`. `settled` terms restrict the analysis to the packages that
agree with issues already settled, so the same functions serve the start of the game and any later turn.

Definitions used throughout:
- A package is **feasible** when it crosses none of the considered actors' red lines.
- A package is on the **Pareto frontier** when no other candidate is at least as good for every actor and
  strictly better for one. Packages with identical utility vectors are all on the frontier.
- The **ZOPA** (zone of possible agreement) holds the packages the parties can reach: the feasible ones with
  `U_i >= r_i` for every actor (agreed as a whole), and, for the parties, those that can be agreed in parts:
  split into bundles of issues (`scenario.bundles`), each bundle accepted by its own signatories alone, each
  judging it by its open value (the weighted mean of its values over the bundle's issues) against its no-deal
  value, and crossing none of their red lines on it. A party that signs none of a bundle's issues has no say
  on it, exactly as in play, where an offer needs the consent of its issues' signatories and nobody else.
- The **Nash point** maximises `prod_i (U_i - r_i)` over the packages agreed as a whole, with no-deal values
  as the disagreement point; `None` when there are none (a zone that exists only in parts has no Nash point:
  some party would end below its no-deal value).
Ties always go to the lowest package index, so results are deterministic. A space of more than
`utility.TABLE_LIMIT` packages is not listed: `analyze` then answers from candidates (`engine.sampled`) and
marks the result `estimated`; the per-package functions below need a space small enough to list.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter

import numpy as np

from negotiator.engine.frontier import non_dominated
from negotiator.engine.sampled import dominated, sampled_analysis
from negotiator.engine.utility import Package, Terms, UtilityModel, utility_model
from negotiator.scenario.bundles import bundle_signatories, ways_to_agree
from negotiator.scenario.models import Scenario

# Products closer than this count as equal, so float noise cannot override the lowest-index tie-break.
_TIE = 1e-12
# A part's open value is computed here, not read from the rounded tables; this absorbs the rounding.
_PART_TOLERANCE = 1e-9


def _actors(model: UtilityModel, actors: Sequence[str] | None) -> tuple[str, ...]:
    return model.parties if actors is None else tuple(actors)


def candidate_indexes(
    model: UtilityModel,
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
    feasible_only: bool = True,
) -> list[int]:
    """Indexes of packages compatible with `settled` (and, if `feasible_only`, crossing no red line)."""
    indexes = model.compatible_indexes(settled)
    if not feasible_only:
        return indexes
    who = _actors(model, actors)
    if who == model.parties:
        feasible = model.feasible
        return [i for i in indexes if feasible[i]]
    tables = [model.red_line_violations[a] for a in who]
    return [i for i in indexes if not any(t[i] for t in tables)]


def _vectors(model: UtilityModel, indexes: Sequence[int], who: Sequence[str]) -> list[tuple[float, ...]]:
    """Each indexed package's utilities to `who`, as tuples: one column per actor, zipped (a generator per
    package cost a tenth of a 6-party `analyze`)."""
    tables = [model.package_utilities[a] for a in who]
    if not tables or len(indexes) < 2:
        return [tuple(t[i] for t in tables) for i in indexes]
    pick = itemgetter(*indexes)
    return list(zip(*[pick(t) for t in tables], strict=True))


# -- Pareto frontier ----------------------------------------------------------------------------------


def pareto_indexes(
    model: UtilityModel,
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
    feasible_only: bool = True,
) -> list[int]:
    """Indexes of the Pareto-optimal candidates, ascending. Memoised on the model (independent of r_i)."""
    who = _actors(model, actors)
    key = ("pareto", tuple(sorted(settled.items())) if settled else (), who, feasible_only)
    cached = model.cache.get(key)
    if cached is None:
        indexes = candidate_indexes(model, settled, actors=who, feasible_only=feasible_only)
        vectors = _vectors(model, indexes, who)
        keep = non_dominated(vectors)
        cached = tuple(indexes[j] for j in keep)
        model.cache[key] = cached
    return list(cached)  # type: ignore[arg-type]


def pareto_frontier(
    model: UtilityModel,
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
    feasible_only: bool = True,
) -> list[Package]:
    """The Pareto-optimal packages (see module docstring), in index order."""
    return [model.package_at(i) for i in pareto_indexes(model, settled, actors=actors, feasible_only=feasible_only)]


def is_pareto_optimal(
    model: UtilityModel,
    package: Package,
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
    feasible_only: bool = True,
) -> bool:
    """Whether no candidate package dominates `package` (which itself need not be a candidate)."""
    who = _actors(model, actors)
    target = model.utilities(package, who)
    tables = [model.package_utilities[a] for a in who]
    for i in candidate_indexes(model, settled, actors=who, feasible_only=feasible_only):
        better = False
        for t, x in zip(tables, target, strict=True):
            u = t[i]
            if u < x:
                break
            better = better or u > x
        else:
            if better:
                return False
    return True


# -- ZOPA and Nash point --------------------------------------------------------------------------------


def whole_zone_indexes(
    model: UtilityModel,
    reservations: Mapping[str, float],
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
) -> list[int]:
    """Indexes of feasible packages worth at least the no-deal value to every actor as a whole, ascending."""
    who = _actors(model, actors)
    indexes = candidate_indexes(model, settled, actors=who)
    if not who or not indexes:
        return indexes
    # The same comparisons a package at a time, for every package at once (a generator per package was a
    # sixth of a 6-party `analyze`).
    good = np.ones(model.size, dtype=bool)
    for a in who:
        good &= _utility_array(model, a) >= reservations[a]
    chosen = np.asarray(indexes)
    return chosen[good[chosen]].tolist()  # type: ignore[no-any-return]


def _utility_array(model: UtilityModel, actor: str) -> np.ndarray:
    """`model.package_utilities[actor]` as a numpy array (memoised on the model)."""
    key = ("utility array", actor)
    found = model.cache.get(key)
    if found is None:
        found = model.cache[key] = np.array(model.package_utilities[actor])
    return found  # type: ignore[return-value]


def zone_in_parts(model: UtilityModel, reservations: Mapping[str, float], settled: Terms | None = None) -> set[int]:
    """Indexes of the packages (compatible with `settled`) the parties can agree in parts: in some split of
    the open issues into bundles, each bundle is accepted by its signatories (see the module notes)."""
    terms = dict(settled or {})
    open_issues = [k for k in range(len(model.issue_ids)) if k not in terms]
    ways = ways_to_agree(model.signatories, open_issues) if model.signatories else []
    everyone = frozenset(model.parties)
    if not ways or (
        not terms and all(len(way) == 1 and bundle_signatories(model.signatories, way[0]) >= everyone for way in ways)
    ):
        return set()  # nothing to split, or all at once by every party over every issue: the whole zone itself
    indexes = np.asarray(model.compatible_indexes(terms), dtype=np.int64)
    sizes = [len(o) for o in model.option_ids]
    digits = {k: (indexes // model.strides[k]) % sizes[k] for k in open_issues}
    accepted: dict[tuple[int, ...], np.ndarray] = {}
    found = np.zeros(len(indexes), dtype=bool)
    for way in ways:
        ok = np.ones(len(indexes), dtype=bool)
        for bundle in way:
            if bundle not in accepted:
                accepted[bundle] = _accepted_bundle(model, reservations, bundle)
            sub = np.zeros(len(indexes), dtype=np.int64)
            for k in bundle:  # the package's choice on the bundle, as an index into its accepted table
                sub = sub * sizes[k] + digits[k]
            ok &= accepted[bundle][sub]
        found |= ok
    return {int(i) for i in indexes[found]}


def _accepted_bundle(model: UtilityModel, reservations: Mapping[str, float], bundle: tuple[int, ...]) -> np.ndarray:
    """For every choice of options on `bundle`'s issues (in `itertools.product` order), whether every party
    signing any of them accepts it on its own."""
    judges = [a for a in model.parties if a in bundle_signatories(model.signatories, bundle)]
    choices = itertools.product(*(range(len(model.option_ids[k])) for k in bundle))
    return np.array(
        [all(_accepts_part(model, a, reservations[a], bundle, choice) for a in judges) for choice in choices],
        dtype=bool,
    )


def _accepts_part(
    model: UtilityModel, actor: str, reservation: float, bundle: tuple[int, ...], choice: tuple[int, ...]
) -> bool:
    weights, values, lines = model.weights[actor], model.values[actor], model.red_lines[actor]
    if any(o in lines[k] for k, o in zip(bundle, choice, strict=True)):
        return False
    total = sum(weights[k] for k in bundle)
    if total <= 0:
        return True  # it cares about none of these issues
    value = sum(weights[k] * values[k][o] for k, o in zip(bundle, choice, strict=True)) / total
    return value >= reservation - _PART_TOLERANCE


def zopa_indexes(
    model: UtilityModel,
    reservations: Mapping[str, float],
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
) -> list[int]:
    """Indexes of the packages in the zone of agreement, ascending: agreed as a whole, or (for the parties)
    in parts."""
    who = _actors(model, actors)
    return _with_parts(model, reservations, settled, who, whole_zone_indexes(model, reservations, settled, actors=who))


def _with_parts(
    model: UtilityModel, reservations: Mapping[str, float], settled: Terms | None, who: Sequence[str], whole: list[int]
) -> list[int]:
    """The zone: `whole` and, when the parties are analysed, what they can agree in parts, ascending."""
    parts = zone_in_parts(model, reservations, settled) if tuple(who) == model.parties else set()
    return sorted(parts.union(whole)) if parts else whole


def zopa(
    model: UtilityModel,
    reservations: Mapping[str, float],
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
) -> list[Package]:
    """The zone of possible agreement as packages, in index order."""
    return [model.package_at(i) for i in zopa_indexes(model, reservations, settled, actors=actors)]


def nash_index(
    model: UtilityModel,
    reservations: Mapping[str, float],
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
) -> int | None:
    """Index of the Nash bargaining point, or None when no package suits every party as a whole."""
    who = _actors(model, actors)
    return _nash_among(model, reservations, who, whole_zone_indexes(model, reservations, settled, actors=who))


def _nash_among(
    model: UtilityModel, reservations: Mapping[str, float], who: Sequence[str], indexes: list[int]
) -> int | None:
    checks = [(model.package_utilities[a], reservations[a]) for a in who]
    best: int | None = None
    best_product = -1.0
    for i in indexes:
        product = 1.0
        for t, r in checks:
            product *= t[i] - r
        if product > best_product + _TIE:
            best, best_product = i, product
    return best


def nash_point(
    model: UtilityModel,
    reservations: Mapping[str, float],
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
) -> Package | None:
    """The Nash bargaining package (disagreement point = no-deal values), or None if there is no ZOPA."""
    index = nash_index(model, reservations, settled, actors=actors)
    return None if index is None else model.package_at(index)


def nash_distance(package_utilities: Sequence[float], nash_utilities: Sequence[float]) -> float:
    """Euclidean distance between two utility vectors divided by sqrt(n).

    Utilities lie in [0, 1], so the result lies in [0, 1] whatever the number of actors, which makes
    distances comparable across scenarios: 0 is the Nash point itself, 1 the opposite corner.
    """
    if len(package_utilities) != len(nash_utilities):
        raise ValueError("utility vectors differ in length")
    if not nash_utilities:
        return 0.0
    squares = sum((a - b) ** 2 for a, b in zip(package_utilities, nash_utilities, strict=True))
    return math.sqrt(squares / len(nash_utilities))


# -- the whole picture --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Analysis:
    """The bargaining picture for given no-deal values and settled terms. Build with `analyze`."""

    model: UtilityModel
    actors: tuple[str, ...]
    reservations: dict[str, float]
    settled: dict[int, int]
    outcome_space_size: int
    feasible_size: int
    zopa_size: int
    frontier: tuple[Package, ...]
    nash: Package | None
    nash_utilities: dict[str, float] | None
    estimated: bool = False  # a large space, sampled (`engine.sampled`): the zone's size is an estimate
    in_parts_only: int = 0  # of the zone's packages, those reachable only when agreed in separate bundles

    @property
    def zopa_text(self) -> str:
        """The zone's size in words: exact, or 'about N' (estimated from a sample) in a large space."""
        noun = "package" if self.zopa_size == 1 else "packages"
        size = f"about {self.zopa_size:,}" if self.estimated else f"{self.zopa_size:,}"
        parts = ""
        if self.in_parts_only:
            few = "all" if self.in_parts_only >= self.zopa_size else f"{self.in_parts_only:,}"
            parts = f"; {few} only when agreed in parts, each by the parties that sign it"
        sample = " (estimated from a sample)" if self.estimated else ""
        return f"{size} {noun}{sample}{parts}"

    def utilities(self, package: Package) -> dict[str, float]:
        """The package's utility for each analysed actor."""
        return dict(zip(self.actors, self.model.utilities(package, self.actors), strict=True))

    def to_ids(self, package: Package) -> dict[str, str]:
        """`{issue_id: option_id}` for a package."""
        return self.model.package_to_ids(package)

    def labels(self, package: Package) -> dict[str, str]:
        """`{issue_id: option label}` for a package, for people."""
        return {self.model.issue_ids[k]: self.model.option_labels[k][o] for k, o in enumerate(package)}

    def is_pareto_optimal(self, package: Package) -> bool:
        """Whether the package is on this analysis's frontier (sampled: whether nothing found dominates it)."""
        if self.estimated:
            return package in self._frontier_set or not dominated(self.model, package, self.frontier, self.actors)
        return package in self._frontier_set

    def distance_to_nash(self, package: Package) -> float | None:
        """`nash_distance` from the package to the Nash point; None without a Nash point."""
        if self.nash_utilities is None:
            return None
        return nash_distance(self.model.utilities(package, self.actors), [self.nash_utilities[a] for a in self.actors])

    @cached_property
    def _frontier_set(self) -> frozenset[Package]:
        # cached_property writes to the instance __dict__, which a frozen (non-slots) dataclass allows.
        return frozenset(self.frontier)


def analyze(
    source: Scenario | UtilityModel,
    reservations: Mapping[str, float] | None = None,
    settled: Terms | None = None,
    *,
    actors: Sequence[str] | None = None,
) -> Analysis:
    """Analyse the outcome space. Defaults: starting no-deal values, nothing settled, the parties."""
    model = source if isinstance(source, UtilityModel) else utility_model(source)
    who = _actors(model, actors)
    r = dict(model.reservations if reservations is None else reservations)
    terms = dict(settled or {})
    if model.large:
        found = sampled_analysis(model, r, terms, who)
        return Analysis(
            model=model,
            actors=who,
            reservations={a: r[a] for a in who},
            settled=terms,
            outcome_space_size=found.outcome_space_size,
            feasible_size=found.feasible_size,
            zopa_size=found.zopa_size,
            frontier=found.frontier,
            nash=found.nash,
            nash_utilities=None
            if found.nash is None
            else dict(zip(who, model.utilities(found.nash, who), strict=True)),
            estimated=True,
            in_parts_only=found.in_parts_only,
        )
    whole = whole_zone_indexes(model, r, terms, actors=who)
    nash = _nash_among(model, r, who, whole)
    zone = _with_parts(model, r, terms, who, whole)
    return Analysis(
        model=model,
        actors=who,
        reservations={a: r[a] for a in who},
        settled=terms,
        outcome_space_size=len(model.compatible_indexes(terms)),
        feasible_size=len(candidate_indexes(model, terms, actors=who)),
        zopa_size=len(zone),
        frontier=tuple(pareto_frontier(model, terms, actors=who)),
        nash=None if nash is None else model.package_at(nash),
        nash_utilities=None if nash is None else {a: model.package_utilities[a][nash] for a in who},
        in_parts_only=len(zone) - len(whole),
    )
