"""Additive multi-issue utilities, precomputed once per scenario.

`U_i(x) = sum_k w_ik * v_ik(x_k)` with each actor's weights normalised to sum to 1 (see
docs/architecture.md, "Utility"). Scenarios have a few hundred to a few thousand packages, so every
actor's utility of every package is computed once, on first use, and then looked up: the AI and the
analysis scan whole outcome spaces many times per game and must stay within milliseconds. Above
`TABLE_LIMIT` packages nothing is tabulated; utilities are summed when asked for and the space is sampled.

A **package** is a tuple of option indexes, one per issue, in scenario issue order: `(0, 2, 1)` means
the first option of the first issue, the third of the second, the second of the third. Packages are
numbered in `itertools.product` order (the last issue varies fastest); that number is the *package
index* used by the precomputed tables. A partial outcome (**terms**) maps issue indexes to option indexes.

Utilities are rounded to `PRECISION` decimals so that packages of mathematically equal value compare
equal (floating-point sums otherwise differ in the last bit and break ties and dominance checks).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from negotiator.engine.per_scenario import PerScenario

if TYPE_CHECKING:
    import numpy as np
from negotiator.scenario.models import SAMPLED_PACKAGES, Scenario

Package = tuple[int, ...]
Terms = Mapping[int, int]

PRECISION = 12
# Above this many packages no per-package table is built: the AI samples bundles (engine.ai.space) and the
# analysis samples the space (engine.sampled), so memory stays flat however many issues a scenario has. The
# validator warns authors at the same size.
TABLE_LIMIT = SAMPLED_PACKAGES


@dataclass(frozen=True)
class UtilityModel:
    """Every actor's utility over a scenario's outcome space. Build with `utility_model(scenario)`.

    Only actors with preferences have utilities (`actors`); `parties` are those that also negotiate.
    Per-actor tables are keyed by actor id; per-issue tuples follow scenario issue order. Treat every
    field as read-only.
    """

    scenario_id: str
    issue_ids: tuple[str, ...]
    option_ids: tuple[tuple[str, ...], ...]
    option_labels: tuple[tuple[str, ...], ...]
    actors: tuple[str, ...]
    parties: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    values: dict[str, tuple[tuple[float, ...], ...]]
    red_lines: dict[str, tuple[frozenset[int], ...]]
    reservations: dict[str, float]
    strides: tuple[int, ...]
    size: int
    # Per issue, the negotiating actors who sign it: who must accept a bundle containing it (`analysis`).
    signatories: tuple[frozenset[str], ...] = ()
    # Memo for derived results (e.g. Pareto frontiers) keyed by their arguments; not part of identity.
    cache: dict[object, object] = field(default_factory=dict, compare=False, repr=False, hash=False)

    # -- per-package tables (built on first use; never for a large space) -----------------------------

    @property
    def large(self) -> bool:
        """Whether the space is too large to tabulate: the AI and the analysis then sample it instead."""
        return self.size > TABLE_LIMIT

    @property
    def package_utilities(self) -> dict[str, tuple[float, ...]]:
        """Every actor's utility of every package, by package index."""
        return self._tables()[0]

    @property
    def red_line_violations(self) -> dict[str, tuple[bool, ...]]:
        """Per actor and package index: whether the package crosses one of the actor's red lines."""
        return self._tables()[1]

    @property
    def feasible(self) -> tuple[bool, ...]:
        """Per package index: whether it crosses no party's red line."""
        return self._tables()[2]

    def _tables(self) -> tuple[dict[str, tuple[float, ...]], dict[str, tuple[bool, ...]], tuple[bool, ...]]:
        found = self.cache.get("tables")
        if found is None:
            if self.large:
                raise ValueError(
                    f"{self.size:,} packages are too many to tabulate (at most {TABLE_LIMIT:,}); sample them"
                )
            found = self.cache["tables"] = _build_tables(self)
        return found  # type: ignore[return-value]

    # -- packages and indexes -------------------------------------------------------------------------

    def index_of(self, package: Package) -> int:
        """The package's position in `all_packages()` and in the per-package tables."""
        return sum(option * stride for option, stride in zip(package, self.strides, strict=True))

    def package_at(self, index: int) -> Package:
        """The package with this index (inverse of `index_of`)."""
        if not 0 <= index < self.size:
            raise IndexError(f"package index {index} outside 0..{self.size - 1}")
        return tuple(
            (index // stride) % len(options) for stride, options in zip(self.strides, self.option_ids, strict=True)
        )

    def all_packages(self) -> Iterator[Package]:
        """Every package, in index order."""
        return itertools.product(*(range(len(options)) for options in self.option_ids))

    def compatible_indexes(self, settled: Terms | None = None) -> list[int]:
        """Indexes of the packages that agree with the settled terms, ascending."""
        indexes = [0]
        for k, options in enumerate(self.option_ids):
            stride = self.strides[k]
            choices = [settled[k]] if settled and k in settled else range(len(options))
            offsets = [c * stride for c in choices]
            indexes = [i + off for i in indexes for off in offsets]
        return indexes

    # -- utilities -----------------------------------------------------------------------------------

    def utility(self, actor: str, package: Package) -> float:
        """`U_actor(package)`, from the table (or, in a large space, summed: the same number)."""
        if self.large:
            return self._sum(actor, package)
        return self.package_utilities[actor][self.index_of(package)]

    def utilities(self, package: Package, actors: Sequence[str] | None = None) -> tuple[float, ...]:
        """The package's utility for each of `actors` (default: the parties), in that order."""
        who = self.parties if actors is None else actors
        if self.large:
            return tuple(self._sum(a, package) for a in who)
        index = self.index_of(package)
        return tuple(self.package_utilities[a][index] for a in who)

    def _sum(self, actor: str, package: Package) -> float:
        # Summed in issue order from 0.0, as `_combine` builds the table, so the two agree to the bit.
        total = 0.0
        for w, vs, o in zip(self.weights[actor], self.values[actor], package, strict=True):
            total += w * vs[o]
        return round(total, PRECISION)

    def partial_utility(self, actor: str, terms: Terms, reservation: float) -> float:
        """Value of a partial outcome: settled issues count as agreed, unsettled ones at the no-deal value.

        With nothing settled this is `reservation`; with everything settled it is `utility(package)`.
        """
        weights = self.weights[actor]
        values = self.values[actor]
        total = 0.0
        for k, w in enumerate(weights):
            option = terms.get(k)
            total += w * (reservation if option is None else values[k][option])
        return round(total, PRECISION)

    def violates_red_line(self, actor: str, package_or_terms: Package | Terms) -> bool:
        """Whether a package (or partial terms) contains one of the actor's red-line options."""
        lines = self.red_lines[actor]
        items = package_or_terms.items() if isinstance(package_or_terms, Mapping) else enumerate(package_or_terms)
        return any(option in lines[k] for k, option in items)

    # -- ids ------------------------------------------------------------------------------------------

    def package_to_ids(self, package: Package) -> dict[str, str]:
        """`{issue_id: option_id}` for a package (for JSON, saves and messages)."""
        return {self.issue_ids[k]: self.option_ids[k][o] for k, o in enumerate(package)}

    def terms_to_ids(self, terms: Terms) -> dict[str, str]:
        """`{issue_id: option_id}` for partial terms, in issue order."""
        return {self.issue_ids[k]: self.option_ids[k][terms[k]] for k in sorted(terms)}

    def terms_from_ids(self, terms: Mapping[str, str]) -> dict[int, int]:
        """Inverse of `terms_to_ids`; raises KeyError for unknown ids."""
        index = self.term_index
        result: dict[int, int] = {}
        for term in terms.items():
            k, o = index[term]
            result[k] = o
        return result

    @property
    def term_index(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(issue id, option id) -> (issue index, option index)."""
        found = self.cache.get("term_index")
        if found is None:
            found = self.cache["term_index"] = {
                (issue_id, option_id): (k, o)
                for k, (issue_id, options) in enumerate(zip(self.issue_ids, self.option_ids, strict=True))
                for o, option_id in enumerate(options)
            }
        return found  # type: ignore[return-value]

    def term_values(self, actor: str) -> dict[tuple[str, str], tuple[float, float]]:
        """(issue id, option id) -> (the actor's weight on the issue, weight x value of the option)."""
        key = ("term_values", actor)
        found = self.cache.get(key)
        if found is None:
            weights, values = self.weights[actor], self.values[actor]
            found = self.cache[key] = {
                term: (weights[k], weights[k] * values[k][o]) for term, (k, o) in self.term_index.items()
            }
        return found  # type: ignore[return-value]

    def package_from_ids(self, terms: Mapping[str, str]) -> Package:
        """A package from `{issue_id: option_id}` covering every issue."""
        indexed = self.terms_from_ids(terms)
        missing = [self.issue_ids[k] for k in range(len(self.issue_ids)) if k not in indexed]
        if missing:
            raise ValueError(f"package leaves issues unsettled: {', '.join(missing)}")
        return tuple(indexed[k] for k in range(len(self.issue_ids)))


# -- building ---------------------------------------------------------------------------------------


def normalised_weights(raw: Sequence[float]) -> tuple[float, ...]:
    """Weights scaled to sum to 1; all-zero weights become equal weights (the actor cares equally)."""
    total = sum(raw)
    if total <= 0:
        return tuple(1.0 / len(raw) for _ in raw)
    return tuple(w / total for w in raw)


def _combine(tables: Sequence[Sequence[float]]) -> list[float]:
    """Sums of one entry per table over the product of the tables, in `itertools.product` order."""
    sums = [0.0]
    for table in tables:
        sums = [s + c for s in sums for c in table]
    return sums


def build_utility_model(scenario: Scenario) -> UtilityModel:
    """Compute the model from scratch; prefer the cached `utility_model(scenario)`."""
    issues = scenario.issues
    issue_ids = tuple(i.id for i in issues)
    option_ids = tuple(tuple(o.id for o in i.options) for i in issues)
    option_labels = tuple(tuple(o.label for o in i.options) for i in issues)
    sizes = [len(opts) for opts in option_ids]
    strides = tuple(_stride(sizes, k) for k in range(len(sizes)))
    size = _stride(sizes, -1)

    actors = tuple(a.id for a in scenario.actors if a.id in scenario.preferences)
    parties = tuple(a.id for a in scenario.negotiators if a.id in scenario.preferences)
    weights: dict[str, tuple[float, ...]] = {}
    values: dict[str, tuple[tuple[float, ...], ...]] = {}
    red_lines: dict[str, tuple[frozenset[int], ...]] = {}
    for actor in actors:
        prefs = scenario.preferences[actor].issues
        # A missing issue or option value (reported by the reference checks) counts as weight/value 0.
        weights[actor] = normalised_weights([prefs[i.id].weight if i.id in prefs else 0.0 for i in issues])
        values[actor] = tuple(
            tuple(prefs[i.id].values.get(o.id, 0.0) if i.id in prefs else 0.0 for o in i.options) for i in issues
        )
        red_lines[actor] = tuple(
            frozenset(k for k, o in enumerate(i.options) if i.id in prefs and o.id in prefs[i.id].red_lines)
            for i in issues
        )
    return UtilityModel(
        scenario_id=scenario.metadata.id,
        issue_ids=issue_ids,
        option_ids=option_ids,
        option_labels=option_labels,
        actors=actors,
        parties=parties,
        weights=weights,
        values=values,
        red_lines=red_lines,
        reservations={a: scenario.preferences[a].reservation.value for a in actors},
        strides=strides,
        size=size,
        signatories=tuple(frozenset(a for a in i.signatories if a in parties) for i in issues),
    )


Tables = tuple[dict[str, tuple[float, ...]], dict[str, tuple[bool, ...]], tuple[bool, ...]]


def _build_tables(model: UtilityModel) -> Tables:
    """`_build_tables_reference` with numpy: the same sums (each package's contributions added one issue at a
    time, in issue order, from 0.0: the same IEEE additions), rounded as `round` does (`_rounded`). 65,536
    packages x 6 parties took 0.35 s in Python loops, most of a 6-party `analyze`."""
    import numpy as np  # deferred: the title screen needs no tables

    sizes = [len(options) for options in model.option_ids]
    utilities: dict[str, tuple[float, ...]] = {}
    violations: dict[str, tuple[bool, ...]] = {}
    crossing: dict[str, np.ndarray] = {}
    for actor in model.actors:
        contributions = [[w * v for v in vs] for w, vs in zip(model.weights[actor], model.values[actor], strict=True)]
        utilities[actor] = tuple(_rounded(_combine_array(contributions), PRECISION))
        flags = [
            [1.0 if k in lines else 0.0 for k in range(n)]
            for lines, n in zip(model.red_lines[actor], sizes, strict=True)
        ]
        crossing[actor] = _combine_array(flags) > 0
        violations[actor] = tuple(crossing[actor].tolist())
    infeasible = np.zeros(model.size, dtype=bool)
    for a in model.parties:
        infeasible |= crossing[a]
    return utilities, violations, tuple((~infeasible).tolist())


def _combine_array(tables: Sequence[Sequence[float]]) -> np.ndarray:
    """`_combine` as an array: entry s * len(table) + c is sums[s] + table[c], as there."""
    import numpy as np

    sums = np.zeros(1)
    for table in tables:
        sums = (sums[:, None] + np.asarray(table, dtype=float)[None, :]).ravel()
    return sums


def _rounded(values: np.ndarray, digits: int) -> list[float]:
    """`[round(v, digits) for v in values]`, exactly, mostly in numpy.

    `round` gives the double nearest to the decimal rounding of v, that is to n / 10**digits for the integer n
    nearest to v x 10**digits; `rint(v * 10**digits) / 10**digits` is that same division (both operands exact,
    IEEE division correctly rounded) whenever the product's own rounding error cannot move it across a
    half-integer. Where it could (within 1e-3 of one, or beyond 2**40 where that error grows), `round` itself
    decides."""
    import numpy as np

    scale = 10.0**digits
    y = values * scale
    out = np.rint(y) / scale
    doubtful = ~(np.abs(y - np.floor(y) - 0.5) >= 1e-3) | ~(np.abs(y) < 2.0**40)  # NaN: doubtful too
    for k in np.flatnonzero(doubtful).tolist():
        out[k] = round(float(values[k]), digits)
    return out.tolist()


def _build_tables_reference(model: UtilityModel) -> Tables:
    """The per-package tables in plain Python (what `_build_tables` computes with numpy)."""
    sizes = [len(options) for options in model.option_ids]
    utilities: dict[str, tuple[float, ...]] = {}
    violations: dict[str, tuple[bool, ...]] = {}
    for actor in model.actors:
        contributions = [[w * v for v in vs] for w, vs in zip(model.weights[actor], model.values[actor], strict=True)]
        utilities[actor] = tuple(round(u, PRECISION) for u in _combine(contributions))
        flags = [
            [1.0 if k in lines else 0.0 for k in range(n)]
            for lines, n in zip(model.red_lines[actor], sizes, strict=True)
        ]
        violations[actor] = tuple(s > 0 for s in _combine(flags))
    feasible = tuple(not any(violations[a][i] for a in model.parties) for i in range(model.size))
    return utilities, violations, feasible


def _stride(sizes: Sequence[int], k: int) -> int:
    """Product of the sizes after position k (k = -1: of all sizes)."""
    result = 1
    for n in sizes[k + 1 :]:
        result *= n
    return result


@PerScenario
def utility_model(scenario: Scenario) -> UtilityModel:
    """The scenario's utility model, built on first use and cached for the scenario's lifetime."""
    return build_utility_model(scenario)
