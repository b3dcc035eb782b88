"""What the offer builder shows as the player picks options: their own value and each addressee's chance to accept.

Pure (no pygame), so it is tested on its own and the table only renders the numbers. The chance to accept is
`negotiator.engine.estimates`: calibrated on AI games, from public information only (the view's estimates of the
others, the offers, public red lines, the clock), never anyone's real preferences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from negotiator import i18n
from negotiator.engine.estimates import Acceptance, package_estimates
from negotiator.engine.moves import addressees
from negotiator.engine.utility import utility_model
from negotiator.engine.view import ActorView
from negotiator.i18n import t


def own_value(view: ActorView, terms: Mapping[str, str]) -> float | None:
    """The viewer's utility if `terms` were agreed on top of what is settled (the rest at its no-deal value)."""
    if view.preferences is None:
        return None
    model = utility_model(view.scenario)
    merged = {**view.settled, **terms}
    return model.partial_utility(view.actor, model.terms_from_ids(merged), view.reservation)


def own_red_lines(view: ActorView, terms: Mapping[str, str]) -> list[tuple[str, str]]:
    """The viewer's own (private) red lines that `terms` cross."""
    if view.preferences is None:
        return []
    prefs = view.preferences.issues
    return [(i, o) for i, o in terms.items() if i in prefs and o in prefs[i].red_lines]


def value_readout(own: float | None, reservation: float) -> str:
    """ "0.71 vs no-deal 0.55": the one wording of a package's value against the seat's no-deal value, which the
    offer cards and the builder both print from the same view, so side by side they always show one number."""
    if own is None:
        return ""
    return t("predict.value_readout", value=i18n.number(own, 2), reservation=i18n.number(reservation, 2))


@dataclass(frozen=True)
class Prediction:
    """The builder's readout for one draft offer. `problem` says why it cannot be sent now, if it cannot."""

    terms: dict[str, str]
    own: float | None
    reservation: float
    red_lines: tuple[tuple[str, str], ...]
    addressees: tuple[str, ...]
    chances: dict[str, Acceptance]
    problem: str | None

    @property
    def worth_it(self) -> bool:
        return self.own is not None and self.own > self.reservation + 1e-9

    @property
    def readout(self) -> str:
        return value_readout(self.own, self.reservation)


def predict_offer(view: ActorView, terms: Mapping[str, str]) -> Prediction:
    """Own value, red lines crossed, addressees and their estimated chances for a draft offer."""
    chosen = {i: o for i, o in terms.items() if i not in view.settled}
    to = addressees(view.scenario, view.actor, tuple(chosen.items())) if chosen else ()
    chances = package_estimates(view, chosen) if to else {}
    red = tuple(own_red_lines(view, chosen))
    problem = None
    if not view.my_move:
        problem = "It is not your move."
    elif not chosen:
        problem = "Pick an option on at least one issue."
    elif view.offers_left <= 0:
        problem = "You have made all the offers this turn allows."
    elif red:
        problem = "It crosses one of your red lines."
    elif not to:
        problem = "Nobody else signs these issues."
    return Prediction(dict(chosen), own_value(view, chosen), view.reservation, red, to, chances, problem)
