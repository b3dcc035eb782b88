"""Open the window and run the game: the one entry point commands use.

Returns an exit code and prints at most one line; details of any failure go to the log file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from negotiator.ui.compat import StartupError, display_problem, require_pygame_ce

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_NO_DISPLAY = 2
EXIT_NO_DATA_FOLDER = 2


def window_refused() -> int | None:
    """Before opening any window: the exit code (after one line on stderr) when there is no display or
    pygame is not pygame-ce; None when the window can open. Shared by `play` and `demo`."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    try:
        require_pygame_ce()
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
    return None


def run_game(
    scenario: Path | None = None,
    roles: tuple[str, ...] = (),
    seed: int | None = None,
    *,
    max_frames: int | None = None,
    screenshot: Path | None = None,
) -> int:
    refused = window_refused()
    if refused is not None:
        return refused
    from negotiator.paths import check_data_folder

    problem = check_data_folder()  # saves, autosaves and settings live there: say so now, not mid-game
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_NO_DATA_FOLDER

    from negotiator import i18n
    from negotiator.ui.app import App, FatalUIError, LaunchOptions
    from negotiator.ui.scenes.chooser import ScenarioChooser
    from negotiator.ui.scenes.title import TitleScene
    from negotiator.ui.settings import load_settings

    settings, notice = load_settings()
    try:
        app = App(settings, title_factory=TitleScene, launch=LaunchOptions(scenario, tuple(roles), seed))
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return EXIT_NO_DISPLAY
    try:
        app.reset_to_title()
        if scenario is not None:
            title = app.top
            assert isinstance(title, TitleScene)
            app.push(ScenarioChooser(app, title.start_setup, preselect=scenario, heading=i18n.t("game.scenario")))
        if notice:
            app.show_message(i18n.t("game.settings_reset"), notice)
        return app.run(max_frames=max_frames, screenshot=screenshot)
    except FatalUIError as exc:
        print(f"negotiator: the game window failed ({exc}); details in {app.log_file}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # the screenshot could not be written
        print(f"negotiator: {exc}", file=sys.stderr)
        return EXIT_NO_DATA_FOLDER
    finally:
        app.close()


def run_teacher(control: object, *, max_frames: int | None = None, screenshot: Path | None = None) -> int:
    """The teacher's screen of a hosted class (`negotiator host --window`) until its window closes."""
    refused = window_refused()
    if refused is not None:
        return refused
    from negotiator.ui.app import App, FatalUIError
    from negotiator.ui.scenes.teacher import TeacherScene
    from negotiator.ui.settings import load_settings

    settings, _ = load_settings()
    try:
        app = App(settings, title_factory=lambda a: TeacherScene(a, control))  # type: ignore[arg-type]
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return EXIT_NO_DISPLAY
    try:
        app.reset_to_title()
        return app.run(max_frames=max_frames, screenshot=screenshot)
    except FatalUIError as exc:
        print(f"negotiator: the teacher's screen failed ({exc}); details in {app.log_file}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        app.close()


def run_remote_seat(session: object, *, max_frames: int | None = None) -> int:
    """The game window opened on a seat already joined (`negotiator join ... --window`); the title is beneath it,
    so leaving the table leaves the window usable (Join a class comes back to the seat)."""
    refused = window_refused()
    if refused is not None:
        session.close()  # type: ignore[attr-defined]
        return refused
    from negotiator.ui.app import App, FatalUIError
    from negotiator.ui.scenes.remote_table import open_remote_table
    from negotiator.ui.scenes.title import TitleScene
    from negotiator.ui.settings import load_settings

    settings, _ = load_settings()
    try:
        app = App(settings, title_factory=TitleScene)
    except StartupError as exc:
        session.close()  # type: ignore[attr-defined]
        print(exc, file=sys.stderr)
        return EXIT_NO_DISPLAY
    try:
        app.reset_to_title()
        open_remote_table(app, session)
        return app.run(max_frames=max_frames)
    except FatalUIError as exc:
        print(f"negotiator: the game window failed ({exc}); details in {app.log_file}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        app.close()
