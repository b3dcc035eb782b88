"""The numbers behind the debrief's charts, from a finished game's state. Pure (no pygame), so it is tested alone.

- `meter_history`: every meter over time (turn 0 = the start), one series per actor for personal meters.
- `offer_history`: each offer's utility for each party (their real preferences, revealed now the game is over),
  unsettled issues at that party's no-deal value in the offer's turn; plus each party's no-deal value per turn.
- `bargaining`: for two parties, every feasible package, the Pareto frontier, the Nash point and the final deal.
"""

from __future__ import annotations

from dataclasses import dataclass

from negotiator.engine.analysis import analyze, candidate_indexes, pareto_indexes
from negotiator.engine.frontier import non_dominated
from negotiator.engine.meters import initial_meters, meter_key
from negotiator.engine.outcome import opening_reservations
from negotiator.engine.sampled import feasible_sample
from negotiator.engine.state import GameState
from negotiator.engine.utility import utility_model

Points = list[tuple[float, float]]


def meter_history(state: GameState) -> dict[str, dict[str | None, Points]]:
    """meter id -> actor id (None for shared meters) -> [(turn, value)]."""
    scenario = state.scenario
    snapshots = [(0, initial_meters(scenario))] + [(r.turn, r.meters) for r in state.records]
    out: dict[str, dict[str | None, Points]] = {}
    for meter in scenario.shown_meters:
        owners: list[str | None] = [None] if meter.scope == "shared" else list(scenario.holders(meter.id))
        out[meter.id] = {
            owner: [(float(turn), values.get(meter_key(meter.id, owner), meter.initial)) for turn, values in snapshots]
            for owner in owners
        }
    return out


def reservation_at(state: GameState, actor: str, turn: int) -> float:
    """The actor's no-deal value at the start of `turn` (for turn 1 the value its first move showed, after the
    turn's events, as the briefs, the report and the scores count from)."""
    start = opening_reservations(state)[actor]
    earlier = [r.reservations.get(actor, start) for r in state.records if r.turn < turn]
    return earlier[-1] if earlier else start


@dataclass(frozen=True)
class OfferHistory:
    x: list[float]  # turn of each offer, spread within the turn so offers of one turn do not overlap
    labels: list[str]
    utilities: dict[str, list[float]]
    reservations: dict[str, Points]


def offer_history(state: GameState) -> OfferHistory:
    model = utility_model(state.scenario)
    parties = list(model.parties)
    per_turn: dict[int, int] = {}
    for offer in state.offers:
        per_turn[offer.turn] = per_turn.get(offer.turn, 0) + 1
    seen: dict[int, int] = {}
    xs: list[float] = []
    labels: list[str] = []
    utilities: dict[str, list[float]] = {a: [] for a in parties}
    for offer in state.offers:
        k = seen.get(offer.turn, 0)
        seen[offer.turn] = k + 1
        xs.append(offer.turn - 0.8 + 0.6 * (k + 1) / (per_turn[offer.turn] + 1))
        labels.append(f"#{offer.id}")
        terms = model.terms_from_ids(dict(offer.terms))
        for a in parties:
            utilities[a].append(model.partial_utility(a, terms, reservation_at(state, a, offer.turn)))
    opening = opening_reservations(state)
    reservations = {
        a: [(0.0, opening[a])] + [(float(r.turn), r.reservations.get(a, 0.0)) for r in state.records] for a in parties
    }
    return OfferHistory(xs, labels, utilities, reservations)


@dataclass(frozen=True)
class Bargaining:
    pair: tuple[str, str]
    cloud: list[tuple[float, float]]
    frontier: list[tuple[float, float]]
    nash: tuple[float, float] | None
    deal: tuple[float, float]
    reservations: tuple[float, float]
    offers: list[tuple[float, float]]
    #: The deal is on the frontier of all parties, yet this pair's picture shows it below the pair's frontier
    #: (moving it would cost a third party): the chart says so, as the report's does.
    optimal_but_below: bool = False


def bargaining(state: GameState, pair: tuple[str, str], max_cloud: int = 3000) -> Bargaining:
    """Utilities of two parties: packages, their Pareto frontier, the Nash point of all parties and the outcome."""
    model = utility_model(state.scenario)
    a, b = pair
    analysis = analyze(model)
    if model.large:  # too many to list: a sample, and the pair's frontier among it and the analysis's frontier
        packages = [*feasible_sample(model, model.parties, max_cloud), *analysis.frontier]
        points = [model.utilities(p, pair) for p in packages]
        cloud = [(u[0], u[1]) for u in points[:max_cloud]]
        frontier = sorted({(points[j][0], points[j][1]) for j in non_dominated(points)})
    else:
        ua, ub = model.package_utilities[a], model.package_utilities[b]
        indexes = candidate_indexes(model)
        step = max(1, len(indexes) // max_cloud)
        cloud = [(ua[i], ub[i]) for i in indexes[::step]]
        frontier = [(ua[i], ub[i]) for i in pareto_indexes(model, actors=pair)]
    nash = None
    if analysis.nash_utilities is not None:
        nash = (analysis.nash_utilities[a], analysis.nash_utilities[b])
    settled = model.terms_from_ids(state.settled)
    deal = (
        model.partial_utility(a, settled, state.reservation(a)),
        model.partial_utility(b, settled, state.reservation(b)),
    )
    offers = []
    for offer in state.offers:
        terms = model.terms_from_ids(dict(offer.terms))
        offers.append(
            (
                model.partial_utility(a, terms, reservation_at(state, a, offer.turn)),
                model.partial_utility(b, terms, reservation_at(state, b, offer.turn)),
            )
        )
    opening = opening_reservations(state)
    start = (opening[a], opening[b])
    complete = all(i.id in state.settled for i in state.scenario.issues)
    hidden = (
        complete
        and len(model.parties) > 2
        and analysis.is_pareto_optimal(model.package_from_ids(state.settled))
        and any(x >= deal[0] + 0.005 and y >= deal[1] + 0.005 for x, y in frontier)
    )
    return Bargaining(pair, cloud, frontier, nash, deal, start, offers, hidden)
