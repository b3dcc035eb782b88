"""Privacy by construction: whole games through the host, every message each seat was sent inspected.

The scenario is first given private numbers that occur nowhere else (each option value, weight and starting
no-deal value moved by a distinct millionth), so finding one of another seat's numbers anywhere in a message
is proof of a leak, not a coincidence. Seats are played by scripted clients (from their SeatView only), by
clients following the engine's AI, and by the host's own AI.
"""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator.engine.actions import EndTurn, SendBulletin, action_from_dict
from negotiator.engine.state import GameState, new_game
from negotiator.host import messages as m
from negotiator.host.scripted import scripted_action
from negotiator.scenario.models import Scenario

from .helpers import Recorder, act, ai_action, join, new_host, scenario


def distinct_scenario() -> Scenario:
    """The default scenario with every private number made unique (see the module docstring)."""
    data = scenario().model_dump()
    bump = iter(range(1, 100_000))
    for prefs in data["preferences"].values():
        r = prefs["reservation"]
        r["value"] = round(min(0.95, max(0.05, r["value"])) + next(bump) * 1e-6, 7)
        for issue in prefs["issues"].values():
            issue["weight"] = round(issue["weight"] + next(bump) * 1e-6, 7)
            issue["values"] = {
                k: round(min(0.99, max(0.01, v)) + next(bump) * 1e-6 * (1 if v < 0.5 else -1), 7)
                for k, v in issue["values"].items()
            }
    return Scenario.model_validate(data)


def _floats(value: Any) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for v in value.values() for f in _floats(v)]
    if isinstance(value, list):
        return [f for v in value for f in _floats(v)]
    return []


def _states(sc: Scenario, seed: int, settings_: Any, actions: tuple[dict[str, Any], ...]) -> list[GameState]:
    state = new_game(sc, seed, settings_)
    states = [state]
    for document in actions:
        state = state.apply(action_from_dict(document))
        states.append(state)
    return states


def _private_numbers(sc: Scenario, states: list[GameState], actor: str) -> set[float]:
    prefs = sc.preferences[actor]
    numbers = {prefs.reservation.value}
    for issue in prefs.issues.values():
        numbers.add(issue.weight)
        numbers.update(issue.values.values())
    for state in states:
        numbers.add(state.reservation(actor))
        for record in state.records:
            numbers.add(record.reservations[actor])

    return {round(n, 9) for n in numbers if n not in (0.0, 1.0)}


def _play_class(sc: Scenario) -> tuple[Any, dict[tuple[int, str], list[Recorder]]]:
    """Three tables: all AI-following clients; one scripted client and the host's AI; two scripted clients and
    one AI-following client. Every seat's connections, by (table, seat)."""
    host = new_host(tables=3, sc=sc)
    plans = {1: ["ai", "ai", "ai"], 2: ["script"], 3: ["script", "script", "ai"]}
    conns: dict[tuple[int, str], list[Recorder]] = {}
    kinds: dict[tuple[int, str], str] = {}
    briefs: dict[tuple[int, str], m.Brief] = {}
    for table, plan in plans.items():
        for n, kind in enumerate(plan):
            conn = Recorder(f"t{table}s{n}")
            welcome = join(host, conn, table=table)
            conns[(table, welcome.seat)] = [conn]
            kinds[(table, welcome.seat)] = kind
            briefs[(table, welcome.seat)] = welcome.brief
    host.start()
    rng = random.Random(5)
    for guard in range(5000):
        busy = [t for t in host.tables if not t.state.is_over()]
        if not busy:
            break
        for t in busy:
            seat = t.state.current_actor
            assert seat is not None
            key = (t.number, seat)
            conn = conns[key][-1]
            if kinds[key] == "ai":
                action = ai_action(host, t.number, seat)
            else:
                action = scripted_action(conn.last(m.SeatView), briefs[key], rng)
            reply = act(host, conn, action, len(t.state.actions))
            if isinstance(reply, m.Error):  # a scripted move the rules refused: end the move instead
                assert reply.code == "illegal", reply
                assert isinstance(act(host, conn, EndTurn(seat), len(t.state.actions)), m.Ok)
            if guard == 40 and key == (3, "moscow"):  # a student drops and rejoins with the token
                host.disconnect(conn)
                again = Recorder("t3-rejoined")
                join(host, again, token=conn.last(m.Welcome).token)
                conns[key].append(again)
    assert all(t.state.is_over() for t in host.tables)
    return host, conns


def test_no_message_to_a_seat_holds_another_seats_private_information() -> None:
    sc = distinct_scenario()
    host, conns = _play_class(sc)
    stored = host.store.load()
    checked = 0
    for t, record in zip(host.tables, stored.tables, strict=True):
        states = _states(sc, record.seed, t.state.settings, record.actions)
        others_numbers = {a: _private_numbers(sc, states, a) for a in t.seats}
        for (table, seat), recorders in conns.items():
            if table != t.number:
                continue
            forbidden = set().union(*(nums for a, nums in others_numbers.items() if a != seat))
            own = others_numbers[seat]
            assert not forbidden & own  # the numbers are distinct, so a hit below is a leak
            secret_texts = [x.confidential_brief for x in sc.actors if x.id != seat] + [
                g for x in sc.actors if x.id != seat for g in x.goals
            ]
            for conn in recorders:
                for text in conn.sent:
                    checked += 1
                    message = m.parse_host(text)
                    hits = {round(f, 9) for f in _floats(json.loads(text))} & forbidden
                    assert not hits, f"table {table} seat {seat} was sent {hits} in {message.type}"
                    assert not any(s in text for s in secret_texts if len(s) > 20)
                    if isinstance(message, m.Welcome):
                        assert set(message.brief.values) <= set(sc.preferences[seat].issues)
                        assert message.brief.you == seat
                    if isinstance(message, m.SeatView):
                        state = states[message.actions]
                        announced = {a: [list(x) for x in lines] for a, lines in state.public_red_lines.items()}
                        assert message.public_red_lines == announced
                        others = [x.short_name for x in sc.actors if x.id != seat]
                        for entry in message.log:
                            assert entry.visibility == "public" or entry.actor == seat
                            assert entry.kind != "lever_queued" or entry.actor == seat
                            for change in entry.data.get("changes", []):  # others' private scales: in words only
                                assert not any(change.startswith(f"{o} no-deal value ") for o in others), change
                                assert not any(change.startswith(f"{o} value of a deal ") for o in others), change
                        assert set(message.estimates) == set(state.core.c.negotiators) - {seat}
                        if message.outcome is not None:  # the score shown is the seat's own, and only that
                            own_score = state.outcome().scores[seat]  # type: ignore[union-attr]
                            assert message.outcome.score is not None
                            assert message.outcome.score.total == own_score.total
                            assert "Scores:" not in text
    assert checked > 300


def test_a_client_acts_only_for_its_own_seat() -> None:
    host = new_host()
    conns = {}
    for n in range(3):
        conn = Recorder(f"s{n}")
        conns[join(host, conn).seat] = conn
    t = host.tables[0]
    mover = t.state.current_actor
    other = next(s for s in conns if s != mover)
    for action in (EndTurn(mover), SendBulletin("facilitator", text="all hands")):
        reply = act(host, conns[other], action, 0)
        assert isinstance(reply, m.Error) and reply.code == "not_yours"
    reply = act(host, conns[other], EndTurn(other), 0)
    assert isinstance(reply, m.Error) and reply.code == "illegal" and "move" in reply.message
    assert isinstance(act(host, conns[mover], EndTurn(mover), 0), m.Ok)
    replayed = act(host, conns[mover], EndTurn(mover), 0)  # the same message again
    assert isinstance(replayed, m.Error) and replayed.code == "stale"
    assert len(t.state.actions) == 1


JUNK = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    ).map(lambda v: json.dumps(v, allow_nan=True)),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["join", "act", "ping", "hello", ""])},
        optional={
            "code": st.text(max_size=8),
            "seq": st.integers(),
            "token": st.text(max_size=70),
            "table": st.integers(),
            "seat": st.text(max_size=10),
            "action": st.dictionaries(st.sampled_from(["type", "actor", "offer", "terms", "x"]), st.text(max_size=6)),
        },
    ).map(json.dumps),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=JUNK)
def test_junk_gets_an_error_reply_and_the_host_stays_up(junk: str | bytes) -> None:
    host = _JUNK_HOST
    conn = Recorder("fuzzer")
    host.receive(conn, junk)
    assert len(conn.sent) == 1
    reply = m.parse_host(conn.sent[0])
    assert isinstance(reply, m.Error | m.Pong), reply
    host.receive(conn, '{"type": "ping"}')
    assert isinstance(m.parse_host(conn.sent[-1]), m.Pong)
    host.disconnect(conn)


_JUNK_HOST = new_host()


def test_oversized_and_deep_messages_are_refused() -> None:
    host = new_host()
    conn = Recorder()
    host.receive(conn, json.dumps({"type": "ping", "pad": "x" * m.MAX_CLIENT_BYTES}))
    assert conn.last(m.Error).code == "too_big"
    host.receive(conn, "[" * 5000 + "]" * 5000)
    assert conn.last(m.Error).code == "bad_message"
    host.receive(conn, '{"type": "ping", "type": "join"}')
    assert conn.last(m.Error).code == "bad_message"
    host.receive(conn, '{"type": "shout"}')
    assert conn.last(m.Error).code == "unknown"
