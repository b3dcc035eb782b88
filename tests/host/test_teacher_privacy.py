"""The teacher's screen receives only the overview: nothing in it is any team's private number or text."""

from __future__ import annotations

import dataclasses
import json

from negotiator.host.control import ClassControl
from negotiator.host.overview import SeatLine, TableOverview
from negotiator.host.session import LocalSession

from .helpers import new_host, play_scripted
from .test_privacy import _floats, distinct_scenario

ALLOWED = {
    "number", "started", "paused", "timer", "timer_left", "over", "ending", "turn", "turns", "current_actor",
    "actions", "seats", "offers", "meters", "settled", "zone",
}  # fmt: skip


def _private_numbers(host) -> set[float]:  # type: ignore[no-untyped-def]
    sc = host.scenario
    numbers = set()
    for prefs in sc.preferences.values():
        numbers.add(prefs.reservation.value)
        for issue in prefs.issues.values():
            numbers.add(issue.weight)
            numbers.update(issue.values.values())
    for table in host.tables:
        numbers.update(table.state.reservation(a.id) for a in sc.negotiators)
    return {round(n, 9) for n in numbers}


def test_the_overview_holds_no_private_number_or_text_at_any_point_of_a_class() -> None:
    sc = distinct_scenario()
    host = new_host(tables=3, sc=sc)
    sessions = [LocalSession(host, table=1, name=f"s{i}") for i in range(3)]
    sessions += [LocalSession(host, table=2, name="solo")]
    host.start()  # table 2's other seats and all of table 3 are played by the computer
    control = ClassControl(host)
    confidential = [a.confidential_brief for a in sc.actors if a.confidential_brief] + [
        g for a in sc.actors for g in (a.goals or [])
    ]
    seen = 0
    for _ in range(40):
        overview = control.overview()
        assert all(isinstance(t, TableOverview) for t in overview)
        for t in overview:
            assert {f.name for f in dataclasses.fields(t)} == ALLOWED
            assert all(isinstance(s, SeatLine) for s in t.seats)
        text = json.dumps([dataclasses.asdict(t) for t in overview])
        private = _private_numbers(host)
        leaked = {round(f, 9) for f in _floats(json.loads(text))} & private
        assert not leaked, leaked
        assert not [c for c in confidential if c[:60] in text]
        assert "reservation" not in text and "red_line" not in text
        seen += 1
        if play_scripted(sessions, stop_after=2) == 0:
            break
    assert seen > 3
    assert any(t.offers for t in control.overview()) or any(t.over for t in control.overview())


def test_the_leak_detector_finds_a_seats_own_number_in_its_own_view() -> None:
    """The check above can fail: a seat's own view (which rightly holds its no-deal value) trips it."""
    host = new_host(tables=1, sc=distinct_scenario())
    session = LocalSession(host, seat="kyiv")
    own = json.loads(session.view().model_dump_json())
    assert {round(f, 9) for f in _floats(own)} & _private_numbers(host)
