"""The teacher's screen: every table at a glance, pause one or all, a bulletin and an inject through the host."""

from __future__ import annotations

import pygame
import pytest

from negotiator.host.control import ClassControl
from negotiator.host.session import LocalSession
from negotiator.ui.app import App
from negotiator.ui.scenes.teacher import TeacherScene, grid
from negotiator.ui.table import paint
from tests.host.helpers import new_host
from tests.ui.table_helpers import click, frames


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string the painter draws from now on."""
    strings: list[str] = []
    real = paint.text

    def spy(surface, font, string, pos, fg, **kw):  # type: ignore[no-untyped-def]
        strings.append(string)
        return real(surface, font, string, pos, fg, **kw)

    monkeypatch.setattr(paint, "text", spy)
    return strings


def _screen(app: App, tables: int = 10, read: bool = True):  # type: ignore[no-untyped-def]
    host = new_host(tables=tables)
    students = [LocalSession(host, table=1, seat="kyiv", name="Ana"), LocalSession(host, table=2, name="Ben")]
    host.start()
    for student in students if read else ():
        student.briefed()
    scene = TeacherScene(app, ClassControl(host, address="ws://10.0.0.5:8765"))
    app.push(scene)
    frames(app, 2)
    return host, scene, students


def test_ten_tables_show_at_a_glance_with_who_is_connected(ui_app: App, drawn: list[str]) -> None:
    _host, scene, _ = _screen(ui_app)
    ui_app.invalidate()
    frames(ui_app, 1)
    assert len(scene.cards) == 10
    assert all(scene.layout.rect.contains(c) for c in scene.cards)
    assert not any(a.colliderect(b) for i, a in enumerate(scene.cards) for b in scene.cards[i + 1 :])
    assert [s for s in drawn if s.startswith("Table ")][:10] == [f"Table {n}" for n in range(1, 11)]
    assert "Kyiv: Ana · connected" in drawn
    assert any(s.startswith("Zone of agreement") for s in drawn)
    assert any(s.startswith("Turn 1/") for s in drawn)


def test_the_teacher_sees_who_is_still_reading_the_brief(ui_app: App, drawn: list[str]) -> None:
    _host, _scene, students = _screen(ui_app, tables=2, read=False)
    ui_app.invalidate()
    frames(ui_app, 1)
    assert "Kyiv: Ana · reading the brief" in drawn
    students[0].briefed()
    drawn.clear()
    frames(ui_app, 40)  # the screen asks for a new overview every REFRESH seconds
    assert "Kyiv: Ana · connected" in drawn


def test_pause_one_and_all_and_a_bulletin_reach_the_tables(ui_app: App) -> None:
    host, scene, students = _screen(ui_app, tables=3)
    pause_1 = next(b for b, n in scene.card_buttons.items() if n == 1)
    click(ui_app, pause_1)
    frames(ui_app, 2)
    assert host.table(1).paused and not host.table(2).paused
    assert students[0].view().paused
    scene = ui_app.top
    click(ui_app, scene.go_all)  # type: ignore[union-attr]
    frames(ui_app, 2)
    assert not any(t.paused for t in host.tables)
    scene = ui_app.top
    scene.bulletin.set_text("Ten minutes left in this round")  # type: ignore[union-attr]
    click(ui_app, scene.send_btn)  # type: ignore[union-attr]
    frames(ui_app, 2)
    for t in host.tables[:2]:  # table 3 has no student: the computer played it to the end at once
        assert any("Ten minutes left" in e.text for e in t.state.entries), t.number
    assert host.tables[2].state.is_over()
    assert scene.result == "Done at 2 tables; table 3: the game is over"  # type: ignore[union-attr]
    click(ui_app, scene.send_btn)  # an empty bulletin is refused with the host's reason  # type: ignore[union-attr]
    frames(ui_app, 2)
    assert scene.result.startswith("!") or "not done" in scene.result  # type: ignore[union-attr]


def test_the_grid_fills_the_area_nearly_square() -> None:
    cards = grid(10, pygame.Rect(0, 0, 1240, 560), 10)
    assert len({c.y for c in cards}) == 2 and len({c.x for c in cards}) == 5
    assert grid(1, pygame.Rect(0, 0, 400, 300), 10) == [pygame.Rect(0, 0, 400, 300)]


def test_the_room_view_shows_how_to_join_and_no_zone_or_names(ui_app: App, drawn: list[str]) -> None:
    from negotiator.ui.scenes.teacher import RoomScene

    host, scene, _ = _screen(ui_app, tables=4)
    click(ui_app, scene.room_btn)
    frames(ui_app, 2)
    room = ui_app.top
    assert isinstance(room, RoomScene)
    drawn.clear()  # only what the room view draws
    ui_app.invalidate()
    frames(ui_app, 1)
    assert any(host.code in s and "ws://10.0.0.5:8765" in s for s in drawn)
    assert "Kyiv: connected" in drawn and not any("Ana" in s for s in drawn)
    assert not any(s.startswith("Zone of agreement") for s in drawn)
    ui_app.step(1 / 60, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")])
    assert isinstance(ui_app.top, TeacherScene)


def test_the_same_screen_steers_a_host_on_another_computer(ui_app: App) -> None:
    from negotiator.host.control import RemoteClassControl
    from negotiator.host.server import serve_in_thread

    host = new_host(tables=2)
    host.teacher_pin = "4821"
    LocalSession(host, table=1, seat="kyiv", name="Ana")
    host.start()
    running = serve_in_thread(host)
    stopped = False
    try:
        control = RemoteClassControl(running.address, host.code, "4821")
        scene = TeacherScene(ui_app, control)
        ui_app.push(scene)
        frames(ui_app, 2)
        click(ui_app, next(b for b, n in scene.card_buttons.items() if n == 1))
        frames(ui_app, 2)
        assert host.table(1).paused and scene.result == "table 1: paused"
        running.stop()  # the host's laptop leaves the network: the screen says so and keeps the last picture
        stopped = True
        ui_app.top.refresh_overview()  # type: ignore[union-attr]
        assert ui_app.top.result.startswith("! no host answers")  # type: ignore[union-attr]
        assert len(ui_app.top.tables) == 2  # type: ignore[union-attr]
        control.close()
    finally:
        if not stopped:
            running.stop()


def test_a_meter_the_deadline_and_the_move_timer_are_steered_from_the_screen(ui_app: App) -> None:
    host, scene, students = _screen(ui_app, tables=3)
    assert "domestic_support@kyiv" in [key for _, key in scene.meter_choices()]
    assert ("Escalation", "escalation") in scene.meter_choices()
    scene.meter_menu.selected_option = ("Escalation", "escalation")
    scene.amount.set_text("4")
    before = host.table(1).state.meters["escalation"]
    click(ui_app, scene.raise_btn)
    frames(ui_app, 2)
    assert host.table(1).state.meters["escalation"] == before + 4
    assert host.table(1).state.actions[-1].verb == "adjust" and "Done at 2 tables" in scene.result
    scene = ui_app.top
    scene.deadline.set_text("9")  # type: ignore[union-attr]
    click(ui_app, scene.deadline_btn)  # type: ignore[union-attr]
    frames(ui_app, 2)
    assert host.table(1).state.turns == 9 and host.table(2).state.turns == 9
    scene.timer_menu.selected_option = ("1 min", "60")  # type: ignore[union-attr]
    click(ui_app, scene.timer_btn)  # type: ignore[union-attr]
    frames(ui_app, 2)
    assert [t.timer for t in host.tables] == [60, 60, 0]  # table 3 is over: nothing to time
    assert scene.result == (  # type: ignore[union-attr]
        "table 1: move timer 60 s, then the move ends; table 2: move timer 60 s, then the move ends"
    )
    scene.then_menu.selected_option = ("then: computer moves", "ai")  # type: ignore[union-attr]
    click(ui_app, scene.timer_btn)  # type: ignore[union-attr]
    frames(ui_app, 2)
    assert [t.on_timeout for t in host.tables[:2]] == ["ai", "ai"]
    assert students[0].view().timer_left is not None


def test_the_room_view_shows_the_join_line_as_a_qr_code(ui_app: App) -> None:
    from negotiator.host import qr
    from negotiator.ui.scenes.teacher import RoomScene

    _host, scene, _ = _screen(ui_app, tables=4)
    click(ui_app, scene.room_btn)
    frames(ui_app, 2)
    room = ui_app.top
    assert isinstance(room, RoomScene) and room.qr is not None
    rows = qr.matrix(qr.join_line("ws://10.0.0.5:8765", room.control.code))
    scale = room.qr.get_width() // len(rows)
    assert scale >= 3  # at least three pixels a module: a phone reads it off a projector
    drawn = [[room.qr.get_at((c * scale + scale // 2, r * scale + scale // 2))[0] < 128 for c in range(len(rows))]
             for r in range(len(rows))]  # fmt: skip
    assert drawn == rows
    assert not any(room.qr_rect.colliderect(card) for card in room.cards)


def test_the_debrief_shows_only_finished_tables_and_writes_the_class_files(ui_app: App, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from negotiator.ui.scenes import class_debrief, debrief_dialogs

    host = new_host(tables=3)
    LocalSession(host, table=1, seat="kyiv", name="Ana")  # table 1 waits for Ana: still playing
    host.start()
    control = ClassControl(host, address="ws://10.0.0.5:8765", debrief_to=tmp_path / "class.db")
    ui_app.push(TeacherScene(ui_app, control))
    frames(ui_app, 2)
    click(ui_app, ui_app.top.debrief_btn)  # type: ignore[union-attr]
    frames(ui_app, 2)
    scene = ui_app.top
    assert isinstance(scene, class_debrief.ClassDebriefScene) and scene.debrief is not None
    assert [t.number for t in scene.debrief.tables] == [2, 3]  # table 1's numbers stay private while it plays
    opened: list[object] = []
    monkeypatch.setattr(debrief_dialogs, "open_in_browser", lambda path: opened.append(path) or True)
    click(ui_app, scene.write_btn)
    frames(ui_app, 2)
    assert opened == [tmp_path / "class-report.html"] and scene.result.startswith("Written: ")
    assert "still playing" in (tmp_path / "class-report.html").read_text()  # the teacher's file has every table
    assert (tmp_path / "class-students.csv").exists() and (tmp_path / "class-tables.csv").exists()
    click(ui_app, scene.pair_btn)
    frames(ui_app, 1)
    assert scene.pair == 1
    ui_app.step(1 / 60, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")])
    assert isinstance(ui_app.top, TeacherScene)
