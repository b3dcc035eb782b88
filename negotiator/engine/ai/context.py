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


def build_context(view: ActorView) -> Context:
    model = utility_model(view.scenario)
    me = view.actor
    settled = model.terms_from_ids(view.settled)
    open_issues = tuple(k for k in range(len(model.issue_ids)) if k not in settled)
    weights = model.weights[me]
    values = model.values[me]
    weight_open = sum(weights[k] for k in open_issues)
    red = model.red_line_violations[me]
    public_lines = {(i, o) for lines in view.public_red_lines.values() for i, o in lines}
    blocked = {(model.issue_ids.index(i), model.option_ids[model.issue_ids.index(i)].index(o)) for i, o in public_lines}
    compatible = [model.package_at(i) for i in model.compatible_indexes(settled) if not red[i]]
    # Avoid options someone has publicly ruled out, unless that leaves nothing to offer.
    candidates = [p for p in compatible if not any((k, p[k]) in blocked for k in open_issues)] or compatible
    own = [
        sum(weights[k] * values[k][p[k]] for k in open_issues) / weight_open if weight_open > 0 else 0.0
        for p in candidates
    ]
    span = max(1, view.turns - 1)
    return Context(
        view=view,
        model=model,
        me=me,
        open_issues=open_issues,
        weight_open=weight_open,
        candidates=tuple(candidates),
        own=tuple(own),
        time=min(1.0, (view.turn - 1) / span),
    )
