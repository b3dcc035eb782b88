"""The outcome space as one AI sees it: bundles of open issues, every combination of their options, and the
AI's own value of each, as numpy arrays so that scoring hundreds of packages costs a few vector operations.

A **bundle** is a set of open issues offered together. Issues are grouped by who signs them; a bundle is one
group, or several, so an AI can offer everything at once (logrolling across all issues) or settle only what it
and one other party sign when a third party blocks the rest (a partial deal). An offer over a bundle goes to
every other signatory of its issues. Values are *open values*: the weighted mean of the AI's values over the
bundle's issues, which compares directly with its no-deal value (an unsettled issue is worth the no-deal value
per unit of weight, so settling a bundle is worth it exactly when its open value beats the no-deal value).

numpy is a dependency for this: bids score every package of a bundle against two or three opponent models at
every decision, and vector arithmetic keeps that at microseconds instead of a Python loop per package.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from negotiator.engine.cached import cached
from negotiator.engine.memo import memo
from negotiator.engine.utility import UtilityModel
from negotiator.scenario import bundles

# Above this many packages a bundle is not enumerated in full (see `Bundle.rows`).
ENUMERATION_LIMIT = 200_000


@dataclass(frozen=True, eq=False)
class Bundle:
    """Some open issues and every combination of their options (row r, column j: option of issue `issues[j]`)."""

    model: UtilityModel
    issues: tuple[int, ...]
    rows: np.ndarray
    _own: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return int(self.rows.shape[0])

    @cached
    def columns(self) -> tuple[np.ndarray, ...]:
        """Each column of `rows` as a contiguous index array: indexing with a strided 16-bit column converted it
        on every use."""
        return tuple(np.ascontiguousarray(self.rows[:, j], dtype=np.intp) for j in range(self.rows.shape[1]))

    def column_sum(self, tables: list[np.ndarray]) -> np.ndarray:
        """Per row, the sum of `tables[j][option in column j]` (one table per issue of the bundle)."""
        total = np.zeros(self.size)
        for table, column in zip(tables, self.columns, strict=False):
            total += table[column]
        return total

    def own(self, actor: str) -> np.ndarray:
        """`actor`'s open value of each row (needs the actor's preferences in the model)."""
        found = self._own.get(actor)
        if found is None:
            weights = self.model.weights[actor]
            values = self.model.values[actor]
            total = sum(weights[k] for k in self.issues)
            if total <= 0:
                found = np.zeros(self.size)
            else:
                tables = [np.asarray(values[k]) * (weights[k] / total) for k in self.issues]
                found = self.column_sum(tables)
            self._own[actor] = found
        return found

    def crossing(self, lines: frozenset[tuple[int, int]]) -> np.ndarray:
        """Rows that contain any of the (issue index, option index) pairs in `lines` (cached per set of lines)."""
        key = ("crossing", lines)
        found = self._own.get(key)  # type: ignore[call-overload]
        if found is None:
            hit = np.zeros(self.size, dtype=bool)
            for j, k in enumerate(self.issues):
                for issue, option in lines:
                    if issue == k:
                        hit |= self.columns[j] == option
            found = self._own[key] = hit  # type: ignore[index]
        return found  # type: ignore[no-any-return]

    def allowed(self, lines: frozenset[tuple[int, int]]) -> np.ndarray:
        """`~crossing(lines)`, cached (read-only): the rows that cross none of the lines."""
        key = ("allowed", lines)
        found = self._own.get(key)  # type: ignore[call-overload]
        if found is None:
            found = self._own[key] = ~self.crossing(lines)  # type: ignore[index]
            found.setflags(write=False)
        return found  # type: ignore[no-any-return]

    def best(self, actor: str, lines: frozenset[tuple[int, int]]) -> float:
        """`actor`'s best open value among rows that cross none of `lines` (cached)."""
        key = ("best", actor, lines)
        found = self._own.get(key)  # type: ignore[call-overload]
        if found is None:
            own = self.own(actor)
            allowed = ~self.crossing(lines) if lines else None
            found = float(own[allowed].max()) if allowed is not None and allowed.any() else float(own.max())
            self._own[key] = found  # type: ignore[index]
        return found  # type: ignore[no-any-return]

    def terms(self, row: int) -> tuple[tuple[str, str], ...]:
        model = self.model
        return tuple(
            (model.issue_ids[k], model.option_ids[k][int(self.rows[row, j])]) for j, k in enumerate(self.issues)
        )

    @cached
    def weight_share(self) -> dict[str, float]:
        """Per actor with preferences: its total weight on the bundle's issues."""
        return {a: sum(self.model.weights[a][k] for k in self.issues) for a in self.model.actors}


def bundle(model: UtilityModel, issues: tuple[int, ...]) -> Bundle:
    """The bundle over these issue indexes (cached on the model)."""

    def build() -> Bundle:
        sizes = [len(model.option_ids[k]) for k in issues]
        count = math.prod(sizes) if sizes else 0
        if not sizes:  # nothing open (every issue settled, the game going on without a deal ending)
            grid = np.zeros((0, 0), dtype=np.int16)
        elif count <= ENUMERATION_LIMIT:
            grid = np.array(list(itertools.product(*(range(n) for n in sizes))), dtype=np.int16).reshape(count, -1)
        else:  # a spread of packages over a huge space: every option appears; the rest is a seeded sample
            rng = np.random.default_rng(len(issues) * 7919 + sum(sizes))
            grid = np.stack([rng.integers(0, n, ENUMERATION_LIMIT) for n in sizes], axis=1).astype(np.int16)
        return Bundle(model, issues, grid)

    return memo(model, ("bundle", issues), build)  # type: ignore[no-any-return]


def signatory_groups(
    model: UtilityModel, signatories: dict[str, frozenset[str]], open_issues: tuple[int, ...]
) -> list[tuple[frozenset[str], tuple[int, ...]]]:
    """Open issues grouped by the set of actors who sign them, in scenario order of each group's first issue
    (`scenario.bundles.signatory_groups`, with each group's signatories)."""
    by_issue = [signatories[i] for i in model.issue_ids]
    return [(by_issue[g[0]], g) for g in bundles.signatory_groups(by_issue, open_issues)]


def candidate_bundles(
    model: UtilityModel,
    signatories: dict[str, frozenset[str]],
    open_issues: tuple[int, ...],
    me: str,
    actor_ids: tuple[str, ...],
) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """The bundles worth considering and, for each, who would have to accept it (every other signatory, in
    actor order: sets of names iterate in an order that changes between processes, and the sums built from
    them must not).

    Everything open at once; each group of issues with the same signatories; and, with few groups, each pair.
    """
    key = ("candidates", open_issues, me)
    return memo(model, key, lambda: _candidate_bundles(model, signatories, open_issues, me, actor_ids))  # type: ignore[no-any-return]


def _candidate_bundles(
    model: UtilityModel,
    signatories: dict[str, frozenset[str]],
    open_issues: tuple[int, ...],
    me: str,
    actor_ids: tuple[str, ...],
) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    groups = signatory_groups(model, signatories, open_issues)
    choices: dict[tuple[int, ...], tuple[str, ...]] = {}
    order = {a: n for n, a in enumerate(actor_ids)}

    def add(parts: list[tuple[frozenset[str], tuple[int, ...]]]) -> None:
        issues = tuple(sorted(k for _, ks in parts for k in ks))
        who = tuple(sorted(frozenset().union(*(w for w, _ in parts)) - {me}, key=lambda a: (order.get(a, 0), a)))
        if issues and who:
            choices.setdefault(issues, who)

    add(groups)
    for group in groups:
        add([group])
    if 2 < len(groups) <= 4:
        for pair in itertools.combinations(groups, 2):
            add(list(pair))
    return list(choices.items())
