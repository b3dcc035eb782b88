"""The window joins a hosted class: a host on loopback, the title's Join dialog, the remote table, a move played."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from negotiator.host.server import Running, serve_in_thread
from negotiator.host.session import LocalSession, RemoteSession
from negotiator.ui.app import App
from negotiator.ui.scenes.join import JoinDialog
from negotiator.ui.scenes.remote_table import RemoteTableScene, SeatBriefDialog
from tests.host.helpers import new_host
from tests.ui.table_helpers import click, frames


@pytest.fixture
def served() -> Iterator[tuple[object, Running]]:
    host = new_host(tables=2)
    running = serve_in_thread(host)
    yield host, running
    running.stop()


def _until(app: App, done, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < end, "timed out"
        frames(app)
        time.sleep(0.01)


def _join_dialog(app: App, address: str, code: str) -> JoinDialog:
    title = app.top
    click(app, next(b for b, k in title.menu.items() if k == "join"))  # type: ignore[union-attr]
    frames(app, 2)
    dialog = app.top
    assert isinstance(dialog, JoinDialog)
    dialog.entries["address"].set_text(address)
    dialog.entries["code"].set_text(code)
    dialog.entries["student"].set_text("Ana")
    return dialog


def _press(app: App, dialog: JoinDialog, key: str) -> None:
    click(app, next(b for b, k in dialog.choice_buttons.items() if k == key))
    frames(app, 2)


def test_a_student_joins_from_the_title_and_plays_a_move(ui_app: App, served) -> None:  # type: ignore[no-untyped-def]
    host, running = served
    dialog = _join_dialog(ui_app, running.address.removeprefix("ws://"), host.code.lower())
    _press(ui_app, dialog, "find")
    _until(ui_app, lambda: dialog.seats is not None)
    assert dialog.seats.free["1"] == ["kyiv", "moscow", "washington"]
    assert ("Table 2 · Moscow", "2:moscow") in dialog.seat_options()
    dialog.seat_menu.selected_option = ("Table 2 · Moscow", "2:moscow")
    _press(ui_app, dialog, "join")
    _until(ui_app, lambda: isinstance(ui_app.top, SeatBriefDialog))  # a new seat reads its brief first
    assert not host.table(2).seats["moscow"].briefed
    ui_app.top.on_choice("close")
    _until(ui_app, lambda: host.table(2).seats["moscow"].briefed)  # the host now times the seat's moves
    table = ui_app.top
    assert isinstance(table, RemoteTableScene)
    assert table.session.view().table == 2 and table.session.view().seat == "moscow"
    assert host.table(2).seats["moscow"].name == "Ana"
    running.server.call(host.start, 2)  # the computer takes the free seats
    _until(ui_app, lambda: table.session.view().my_move)
    frames(ui_app, 2)
    assert table.end_btn.is_enabled
    before = len(host.table(2).state.actions)
    click(ui_app, table.end_btn)
    frames(ui_app, 2)
    played = host.table(2).state.actions[before:]
    assert played and played[0].actor == "moscow" and played[0].verb == "end"


def test_the_dialog_says_what_is_wrong_and_keeps_what_was_typed(ui_app: App, served) -> None:  # type: ignore[no-untyped-def]
    host, running = served
    dialog = _join_dialog(ui_app, running.address, "ABCDEF" if host.code != "ABCDEF" else "BCDEFG")
    _press(ui_app, dialog, "find")
    _until(ui_app, lambda: dialog.job is None)
    assert dialog.status.startswith("Wrong class code.")
    assert dialog.entries["address"].get_text() == running.address
    dialog.entries["code"].set_text("O0")
    _press(ui_app, dialog, "find")
    assert "6 letters and digits" in dialog.status
    dialog.entries["address"].set_text("127.0.0.1:1")
    dialog.entries["code"].set_text(host.code)
    _press(ui_app, dialog, "find")
    _until(ui_app, lambda: dialog.job is None)
    assert dialog.status.startswith("No host answers")
    assert isinstance(ui_app.top, JoinDialog)


def test_a_taken_seat_is_refused_with_a_sentence(ui_app: App, served) -> None:  # type: ignore[no-untyped-def]
    host, running = served
    dialog = _join_dialog(ui_app, running.address, host.code)
    _press(ui_app, dialog, "find")
    _until(ui_app, lambda: dialog.seats is not None)
    LocalSession(host, table=1, seat="kyiv")  # someone else takes it meanwhile
    dialog.seat_menu.selected_option = ("Table 1 · Kyiv", "1:kyiv")
    _press(ui_app, dialog, "join")
    _until(ui_app, lambda: dialog.job is None)
    assert dialog.status.startswith("That seat is taken.")
    assert isinstance(ui_app.top, JoinDialog)


def test_a_dropped_connection_rejoins_with_the_kept_token(ui_app: App, served) -> None:  # type: ignore[no-untyped-def]
    host, running = served
    dialog = _join_dialog(ui_app, running.address, host.code)
    _press(ui_app, dialog, "find")
    _until(ui_app, lambda: dialog.seats is not None)
    _press(ui_app, dialog, "join")
    _until(ui_app, lambda: isinstance(ui_app.top, SeatBriefDialog))
    ui_app.top.on_choice("close")
    _until(ui_app, lambda: isinstance(ui_app.top, RemoteTableScene) and ui_app.top.session.view().briefed)
    seat = ui_app.top.session.view().seat  # type: ignore[union-attr]
    ui_app.reset_to_title()  # the window left the table (or was closed): the token stays on this computer
    dialog = _join_dialog(ui_app, running.address, host.code)
    assert dialog.seat_options()[0][1] == "kept"
    _press(ui_app, dialog, "find")
    _until(ui_app, lambda: dialog.seats is not None)
    assert dialog.choice == "kept"
    _press(ui_app, dialog, "join")
    _until(ui_app, lambda: isinstance(ui_app.top, RemoteTableScene))  # the brief was read: not shown again
    assert ui_app.top.session.view().seat == seat  # type: ignore[union-attr]
    assert sum(t.free_seats().count(seat) for t in host.tables[:1]) == 0


def test_the_remote_table_reads_only_the_seat_session(ui_app: App) -> None:
    """The same scene plays a seat of a host in this process (LocalSession): it never needs the engine state."""
    host = new_host(tables=1)
    session = LocalSession(host, seat="kyiv")
    host.start()
    ui_app.push(RemoteTableScene(ui_app, session))
    frames(ui_app, 3)
    scene = ui_app.top
    assert isinstance(scene, RemoteTableScene)
    assert scene.status.text  # the header says whose move it is


def test_offers_levers_and_red_lines_go_to_the_host(ui_app: App) -> None:
    host = new_host(tables=1)
    session = LocalSession(host, seat="kyiv")
    host.start()
    assert session.view().my_move
    ui_app.push(RemoteTableScene(ui_app, session))
    frames(ui_app, 2)
    scene = ui_app.top
    assert isinstance(scene, RemoteTableScene)
    table = host.table(1)
    lever = scene.lever_menu.selected_option[1].partition("|")[0]
    assert scene.lever_btn.is_enabled
    click(ui_app, scene.lever_btn)
    frames(ui_app, 2)
    assert table.state.actions[-1].verb == "lever" and table.state.actions[-1].lever == lever
    scene = ui_app.top
    menu, issue = next(iter(scene.issue_menus.items()))  # type: ignore[union-attr]
    option = menu.options_list[1]
    menu.selected_option = option
    click(ui_app, scene.propose_btn)  # type: ignore[union-attr]
    frames(ui_app, 2)
    last = table.state.actions[-1]
    assert (last.verb, last.actor, last.terms) == ("offer", "kyiv", ((issue, option[1]),))
    scene = ui_app.top
    menu = next(m for m, i in scene.issue_menus.items() if i != issue)  # type: ignore[union-attr]
    menu.selected_option = menu.options_list[1]
    click(ui_app, scene.red_line_btn)  # type: ignore[union-attr]
    frames(ui_app, 2)
    last = table.state.actions[-1]
    assert (last.verb, last.actor, last.option) == ("redline", "kyiv", menu.options_list[1][1])


def test_the_table_says_reconnecting_while_the_host_is_gone_and_carries_on_in_the_same_seat(ui_app: App) -> None:
    host = new_host(tables=1)
    running = serve_in_thread(host)
    port = running.server.port
    session = RemoteSession(running.address, host.code, seat="moscow", name="Ana")
    ui_app.push(RemoteTableScene(ui_app, session))
    frames(ui_app, 2)
    scene = ui_app.top
    assert isinstance(scene, RemoteTableScene)
    running.stop()  # the teacher's laptop drops off the network
    _until(ui_app, lambda: not session.connected)
    frames(ui_app, 2)
    assert ui_app.top is scene and "Reconnecting" in scene.status.text
    assert not scene.end_btn.is_enabled
    running = serve_in_thread(host, port=port)  # back: the session rejoins with its token by itself
    try:
        _until(ui_app, lambda: session.connected, seconds=15)
        running.server.call(host.start, None)
        _until(ui_app, lambda: session.view().started)
        assert session.view().seat == "moscow" and host.table(1).seats["moscow"].connections == 1
        frames(ui_app, 2)
        assert "Reconnecting" not in ui_app.top.status.text  # type: ignore[union-attr]
    finally:
        running.stop()


def test_join_window_opens_the_table_on_the_seat_and_keeps_the_token_where_the_dialog_looks(served) -> None:  # type: ignore[no-untyped-def]
    """`negotiator join ADDRESS CODE --window`: the window on the joined seat, its token kept under the key the Join
    dialog reads (an address typed with or without ws://)."""
    from negotiator.host.session import host_address
    from negotiator.host.tokens import save_token, saved_tokens, token_key
    from negotiator.ui.game import run_remote_seat

    host, running = served
    bare = running.address.removeprefix("ws://")
    session = RemoteSession(bare, host.code, seat="washington", name="Ana")
    save_token(token_key(host_address(bare), host.code.lower()), session.token)
    assert run_remote_seat(session, max_frames=5) == 0
    assert not session.connected  # the window closed it on leaving
    assert saved_tokens()[token_key(host_address(running.address), host.code)] == session.token
    assert host.table(1).seats["washington"].name == "Ana"


def test_the_remote_table_shows_the_move_timer_counting_down(ui_app: App) -> None:
    host = new_host(tables=1)
    session = LocalSession(host, seat="kyiv")
    host.start()
    session.briefed()
    ui_app.push(RemoteTableScene(ui_app, session))
    frames(ui_app, 2)
    scene = ui_app.top
    assert ":" not in scene.status.text  # type: ignore[union-attr]  # no timer: no countdown
    host.set_timer(None, 120)
    frames(ui_app, 3)
    assert scene.status.text.endswith(("2:00", "1:59"))  # type: ignore[union-attr]


def test_the_seat_menu_says_which_seats_join_a_team(ui_app: App) -> None:
    from negotiator.host import messages as m

    dialog = JoinDialog(ui_app, address="127.0.0.1:1", code="K7MPQ3", student="Ana")
    ui_app.push(dialog)
    dialog.seats = m.SeatList(
        title="T", free={"1": ["moscow", "kyiv"]}, names={"kyiv": "Kyiv", "moscow": "Moscow"}, teams={"1": ["kyiv"]}
    )
    labels = [label for label, _ in dialog.seat_options()]
    assert "Table 1 · Moscow" in labels and "Table 1 · Kyiv (join the team)" in labels
