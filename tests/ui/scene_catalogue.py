"""Every scene the player can reach, built on a fresh app: for layout checks and for looking at frames.

Each builder pushes its scene (and whatever it needs below it) onto the app's stack and returns the scene.
Games are played to the end by the computer first where a scene needs a finished game.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache

import pygame
from table_helpers import ISTANBUL, frames, session_for  # type: ignore[import-not-found]

from negotiator.engine.saves import LoadedGame, load_game
from negotiator.ui.app import App
from negotiator.ui.scene import Scene
from negotiator.ui.session import GameSession


def _finished(humans: tuple[str, ...] = ()) -> GameSession:
    session = session_for(ISTANBUL, humans, seed=5)
    session.autosaves = False
    while session.step_ai():
        pass
    return session


@cache
def _finished_state() -> object:
    return _finished().state


def finished_session() -> GameSession:
    """A computer-only game played to its end (memoised: the engine state is immutable)."""
    session = session_for(ISTANBUL, (), seed=5)
    session.autosaves = False
    session.state = _finished_state()  # type: ignore[assignment]
    return session


def saved_game(app: App) -> LoadedGame:
    from negotiator import paths

    session = finished_session()
    path = session.save(paths.saves_dir() / "catalogue.json")
    return load_game(path, ISTANBUL)


def _title(app: App) -> Scene:
    return app.top  # type: ignore[return-value]


def _chooser(app: App) -> Scene:
    from negotiator.ui.scenes.chooser import ScenarioChooser

    app.push(ScenarioChooser(app))
    return app.top  # type: ignore[return-value]


def _setup(app: App) -> Scene:
    from negotiator.scenario import load_scenario
    from negotiator.ui.scenes.setup import SetupScene

    scene = SetupScene(app, ISTANBUL, load_scenario(ISTANBUL))
    scene.roles["kyiv"] = replace(scene.roles["kyiv"], human=True)
    app.push(scene)
    return scene


def _briefing(app: App) -> Scene:
    from negotiator.ui.scenes.briefing import BriefingScene

    scene = BriefingScene(app, session_for(ISTANBUL, ("kyiv",)), "kyiv")
    app.push(scene)
    return scene


def _table(app: App) -> Scene:
    from negotiator.ui.scenes.table import TableScene

    session = session_for(ISTANBUL, ("kyiv",))
    session.autosaves = False
    while session.step_ai():
        pass
    scene = TableScene(app, session)
    app.push(scene)
    return scene


def _table_picked(app: App) -> Scene:
    """The table with the longest option of every issue picked: chosen labels and the offer's summary line must fit
    too (a bold chosen label once cut 'Guaranteed 30 minutes' where the unpicked board fitted)."""
    scene = _table(app)
    for issue in scene.session.state.scenario.issues:  # type: ignore[attr-defined]
        longest = max(issue.options, key=lambda o: len(o.label))
        scene.pick(issue.id, longest.id)  # type: ignore[attr-defined]
    return scene


def _resolution(app: App) -> Scene:
    from negotiator.ui.scenes.resolution import ResolutionScene

    session = finished_session()
    scene = ResolutionScene(app, session, session.state.records[0], None)
    app.push(scene)
    scene.reveal(len(scene.blocks))
    return scene


def _debrief(app: App) -> Scene:
    from negotiator.ui.scenes.debrief import DebriefScene

    scene = DebriefScene(app, finished_session(), auto_seconds=1e9)
    app.push(scene)
    return scene


def _facilitator(app: App) -> Scene:
    from negotiator.ui.scenes.facilitator import FacilitatorPanel

    _table(app)
    table = app.top
    scene = FacilitatorPanel(app, table.session)  # type: ignore[attr-defined]
    app.push(scene)
    return scene


def _note(app: App) -> Scene:
    from negotiator.ui.scenes.note import NoteDialog

    table = _table(app)
    scene = NoteDialog(app, table.session, "kyiv")  # type: ignore[attr-defined]
    app.push(scene)
    return scene


def _save(app: App) -> Scene:
    from negotiator.ui.scenes.saves_dialog import SaveDialog

    _table(app)
    scene = SaveDialog(app, app.top.session)  # type: ignore[attr-defined]
    app.push(scene)
    return scene


def _load(app: App) -> Scene:
    from negotiator.ui.scenes.saves_dialog import LoadDialog

    saved_game(app)
    scene = LoadDialog(app)
    app.push(scene)
    return scene


def _replay(app: App) -> Scene:
    from negotiator.ui.scenes.replay import ReplayScene

    scene = ReplayScene(app, saved_game(app))
    app.push(scene)
    return scene


def _help(app: App) -> Scene:
    app.open_help()
    return app.top  # type: ignore[return-value]


def _settings(app: App) -> Scene:
    from negotiator.ui.scenes.settings_dialog import SettingsDialog

    app.push(SettingsDialog(app))
    return app.top  # type: ignore[return-value]


def _class(tables: int = 10):  # type: ignore[no-untyped-def]
    """A hosted class in this process: a student at table 1, the rest played by the computer."""
    from negotiator import i18n
    from negotiator.host.control import ClassControl
    from negotiator.host.session import LocalSession
    from tests.host.helpers import new_host

    host = new_host(tables=tables)
    seat = LocalSession(host, table=1, seat="kyiv", name="Ana", lang=i18n.current())  # as the Join dialog asks
    LocalSession(host, table=2, name="Ben")
    host.start()
    return host, seat, ClassControl(host, address="ws://192.168.100.200:8765")


def _join(app: App) -> Scene:
    from negotiator.ui.scenes.join import JoinDialog

    _title(app)
    app.push(JoinDialog(app, address="192.168.100.200:8765", code="K7MPQ3", student="Ana"))
    return app.top  # type: ignore[return-value]


def _remote_table(app: App) -> Scene:
    from negotiator.ui.scenes.remote_table import RemoteTableScene

    _title(app)
    _, seat, _ = _class(2)
    app.push(RemoteTableScene(app, seat))
    return app.top  # type: ignore[return-value]


def _teacher(app: App) -> Scene:
    from negotiator.ui.scenes.teacher import TeacherScene

    app.push(TeacherScene(app, _class()[2]))
    return app.top  # type: ignore[return-value]


def _room(app: App) -> Scene:
    from negotiator.ui.scenes.teacher import RoomScene

    _teacher(app)
    app.push(RoomScene(app, _class()[2]))
    return app.top  # type: ignore[return-value]


def _class_debrief(app: App) -> Scene:
    from negotiator.ui.scenes.class_debrief import ClassDebriefScene

    _teacher(app)
    app.push(ClassDebriefScene(app, _class()[2]))  # tables 3 to 10 finished (the computer played them)
    return app.top  # type: ignore[return-value]


SCENES: dict[str, Callable[[App], Scene]] = {
    "title": _title,
    "chooser": _chooser,
    "setup": _setup,
    "briefing": _briefing,
    "table": _table,
    "table-picked": _table_picked,
    "resolution": _resolution,
    "debrief": _debrief,
    "facilitator": _facilitator,
    "note": _note,
    "save": _save,
    "load": _load,
    "replay": _replay,
    "help": _help,
    "settings": _settings,
    "join": _join,
    "remote_table": _remote_table,
    "teacher": _teacher,
    "room": _room,
    "class_debrief": _class_debrief,
}


def open_scene(app: App, name: str, n_frames: int = 3) -> Scene:
    scene = SCENES[name](app)
    frames(app, n_frames)
    return scene


def shoot(app: App, path: str) -> None:
    pygame.image.save(pygame.display.get_surface(), path)


def clipped_drop_downs(app: App) -> list[str]:
    """Options of the visible drop-downs too wide for the closed drop-down's button: pygame_gui clips them
    without a warning, so the painter's ellipsis spy never sees them."""
    from pygame_gui.elements import UIDropDownMenu

    out = []
    for element in app.manager.get_sprite_group().sprites():
        if not isinstance(element, UIDropDownMenu) or not element.visible:
            continue
        shown = getattr(element.current_state, "selected_option_button", None)
        if shown is None or shown.font is None:
            continue
        for option in element.options_list:
            text = option[0] if isinstance(option, tuple) else option
            if shown.font.size(text)[0] + 12 > shown.rect.width:
                out.append(text)
    return out


def clipped_buttons(app: App) -> list[str]:
    """Labels of visible buttons wider than the button: pygame_gui clips them without a warning too."""
    from pygame_gui.elements import UIButton

    return [
        element.text
        for element in app.manager.get_sprite_group().sprites()
        if isinstance(element, UIButton)
        and element.visible
        and element.text
        and element.font is not None
        and element.font.size(element.text)[0] > element.rect.width - 4
    ]
