"""What an AI derives from its view once per decision: its own utilities over the open packages, the
others' estimated utilities, and where it stands in time. Kept separate so bidding, acceptance and lever
choice share one computation and stay small."""

from __future__ import annotations

from dataclasses import dataclass

from negotiator.engine.utility import UtilityModel, utility_model
from negotiator.engine.view import ActorView


@dataclass(frozen=True)
class Context:
    view: ActorView
    model: UtilityModel
    me: str
    open_issues: tuple[int, ...]  # indexes of unsettled issues
    weight_open: float  # my total weight on unsettled issues
    candidates: tuple[tuple[int, ...], ...]  # packages over all issues, compatible with settled, no red line of mine
    own: tuple[float, ...]  # my utility of each candidate, on the open issues only, per unit of weight
    time: float  # 0 at the first turn, 1 at the last

    def open_value(self, terms: dict[int, int]) -> float:
        """My weighted mean value of the open issues named in `terms` (the part still negotiable)."""
        weights = self.model.weights[self.me]
        values = self.model.values[self.me]
        named = [k for k in self.open_issues if k in terms]
        total = sum(weights[k] for k in named)
        if total <= 0:
            return self.view.reservation
        return sum(weights[k] * values[k][terms[k]] for k in named) / total


MEMO_LIMIT = 512  # candidate sets kept per scenario; a game needs a handful


def memo(model: UtilityModel, key: tuple, build):  # type: ignore[no-untyped-def,type-arg]
    """A small bounded memo on the scenario's utility model (shared by every game of that scenario)."""
    found = model.cache.get(key)
    if found is None:
        if len(model.cache) > MEMO_LIMIT:
            for stale in [k for k in model.cache if isinstance(k, tuple) and k and k[0] in ("ai", "estimate")]:
                del model.cache[stale]
        found = model.cache[key] = build()
    return found


def _all_packages(model: UtilityModel) -> tuple[tuple[int, ...], ...]:
    return memo(model, ("ai", "packages"), lambda: tuple(model.all_packages()))  # type: ignore[no-any-return]


def _candidates(
    model: UtilityModel, me: str, settled: tuple[tuple[int, int], ...], blocked: frozenset[tuple[int, int]]
) -> tuple[tuple[tuple[int, ...], ...], tuple[float, ...]]:
    """Packages I may propose and my open-issue utility of each (see `Context`)."""
    packages = _all_packages(model)
    utilities = model.package_utilities[me]
    red = model.red_line_violations[me]
    weights = model.weights[me]
    values = model.values[me]
    fixed = dict(settled)
    settled_value = sum(weights[k] * values[k][o] for k, o in settled)
    weight_open = sum(w for k, w in enumerate(weights) if k not in fixed)
    compatible = [i for i in model.compatible_indexes(fixed) if not red[i]]
    open_issues = [k for k in range(len(weights)) if k not in fixed]
    # Avoid options someone has publicly ruled out, unless that leaves nothing to offer.
    chosen = [i for i in compatible if not any((k, packages[i][k]) in blocked for k in open_issues)] or compatible
    own = tuple((utilities[i] - settled_value) / weight_open if weight_open > 0 else 0.0 for i in chosen)
    return tuple(packages[i] for i in chosen), own


def build_context(view: ActorView) -> Context:
    model = utility_model(view.scenario)
    me = view.actor
    settled = model.terms_from_ids(view.settled)
    open_issues = tuple(k for k in range(len(model.issue_ids)) if k not in settled)
    weight_open = sum(model.weights[me][k] for k in open_issues)
    blocked = frozenset(
        (model.issue_ids.index(i), model.option_ids[model.issue_ids.index(i)].index(o))
        for lines in view.public_red_lines.values()
        for i, o in lines
    )
    settled_key = tuple(sorted(settled.items()))
    candidates, own = memo(
        model, ("ai", me, settled_key, blocked), lambda: _candidates(model, me, settled_key, blocked)
    )
    span = max(1, view.turns - 1)
    return Context(
        view=view,
        model=model,
        me=me,
        open_issues=open_issues,
        weight_open=weight_open,
        candidates=candidates,
        own=own,
        time=min(1.0, (view.turn - 1) / span),
    )
