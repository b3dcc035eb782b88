"""A seat played from its SeatView alone, for load tests, benchmarks and protocol tests: it answers the offers
waiting for it, sometimes offers terms of its own, then ends its move. It sees exactly what a student's screen
shows (its own brief and view), so it cannot play on anything a student could not."""

from __future__ import annotations

import random

from negotiator.engine.actions import Action, EndTurn, MakeOffer, Respond
from negotiator.host import messages as m


def scripted_action(v: m.SeatView, brief: m.Brief, rng: random.Random) -> Action:
    """The seat's next action; `rng` decides (seed it from the seat and `v.actions` for a repeatable game)."""
    me = v.seat
    for offer in v.offers:
        if offer.status == "open" and me in offer.to and me not in offer.accepted_by:
            crosses = any(o in brief.values[i].red_lines for i, o in offer.terms if i in brief.values)
            return Respond(me, offer.id, accept=not crosses and rng.random() < 0.6)
    if v.offers_left and rng.random() < 0.5:
        terms = []
        for issue in brief.issues:
            if me not in issue.signatories or issue.id in v.settled:
                continue
            red = brief.values[issue.id].red_lines if issue.id in brief.values else []
            gone = {o for i, o in v.removed_options if i == issue.id}
            options = [o.id for o in issue.options if o.id not in red and o.id not in gone]
            if options:
                terms.append((issue.id, rng.choice(options)))
        if terms:
            return MakeOffer(me, tuple(terms))
    return EndTurn(me)


def repeatable(v: m.SeatView, brief: m.Brief) -> Action:
    """`scripted_action` with its random numbers drawn from the seat and the moment: the same game every time."""
    return scripted_action(v, brief, random.Random(f"{v.seat}-{v.actions}"))
