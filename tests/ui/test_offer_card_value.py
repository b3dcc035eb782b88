"""An offer card's value line and the builder beside it read one no-deal value, also after the facilitator moves
it in the middle of a move (the card used to keep the number it was first drawn with: 0.67 beside 0.63)."""

from __future__ import annotations

from table_helpers import ISTANBUL, frames, open_table, session_for

from negotiator.engine import EndTurn, InjectEvent
from negotiator.ui.app import App
from negotiator.ui.predict import own_red_lines
from negotiator.ui.session import GameSession

SEAT = "moscow"


def _offer_waiting() -> GameSession:
    session = session_for(ISTANBUL, (SEAT,), seed=3)

    def ready() -> bool:
        v = session.view_for(SEAT)
        return v.my_move and any(not own_red_lines(v, o.terms_dict()) for o in v.awaiting_me)

    while not ready():
        assert not session.state.is_over()
        if session.state.current_actor == SEAT:
            session.act(EndTurn(SEAT))
        else:
            session.step_ai()
    return session


def test_card_and_builder_show_the_same_no_deal_value_after_an_injected_event(ui_app: App) -> None:
    session = _offer_waiting()
    table = open_table(ui_app, session)
    v = session.view_for(SEAT)
    offer = next(o for o in v.awaiting_me if not own_red_lines(v, o.terms_dict()))
    table.pick(*next(iter(offer.terms_dict().items())))
    frames(ui_app, 2)
    before = session.view_for(SEAT).reservation
    panel = table.panels["offers"]
    assert f"vs no-deal {before:.2f}" in panel.readouts[offer.id]

    session.act(InjectEvent("facilitator", event="senate_vote"))  # Moscow's no-deal value falls by 0.06 now
    table.changed()  # as the facilitator panel tells the table below
    frames(ui_app, 3)
    after = session.view_for(SEAT).reservation
    assert f"{after:.2f}" != f"{before:.2f}"
    p = table.builder.prediction
    assert p is not None and p.reservation == after
    assert panel.readouts[offer.id].endswith(f"vs no-deal {after:.2f}")
    assert panel.readouts[offer.id].split(" vs ")[1] == p.readout.split(" vs ")[1]
