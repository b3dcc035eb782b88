"""Let the computer play every side on the negotiating table, at a pace people can follow: for a projector or
a shop window. With --frames it stops after that many frames; --screenshot saves the last frame as a PNG and
--stats prints one JSON line with start-up time and frame times. When a game ends it shows the debrief, then
starts the next game with the next seed."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from negotiator.cli_support import file_arg

EXIT_ERROR = 1
EXIT_NO_DISPLAY = 2
EXIT_BAD_INPUT = 2  # a scenario that does not load, a screenshot that cannot be written


def process_start_offset() -> float | None:
    """Seconds since this process started (Linux /proc), so start-up time includes the interpreter's own start."""
    try:
        import os

        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", type=file_arg, default=None, help="scenario file (default: the built-in one)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the first game (default: 1)")
    parser.add_argument("--speed", type=float, default=1.0, help="pace of play: 2 is twice as fast (default: 1)")
    parser.add_argument("--frames", type=int, default=None, help="stop after this many frames")
    parser.add_argument("--screenshot", type=file_arg, default=None, help="save the last frame as a PNG file")
    parser.add_argument("--stats", action="store_true", help="print one JSON line with start-up and frame times")


def run(args: argparse.Namespace) -> int:
    since_start = process_start_offset()
    started = time.perf_counter() - (since_start or 0.0)
    from negotiator.ui.game import window_refused

    refused = window_refused()
    if refused is not None:
        return refused
    from negotiator.cli_support import load_scenario_or_report, scenario_or_default
    from negotiator.ui.compat import StartupError

    path = scenario_or_default("demo", args.scenario)
    if path is None:
        return EXIT_ERROR
    scenario = load_scenario_or_report("demo", path, f"{path} is not a valid scenario")
    if scenario is None:
        return EXIT_BAD_INPUT
    if args.screenshot is not None:
        problem = screenshot_problem(args.screenshot)
        if problem:
            print(f"demo: --screenshot: {problem}", file=sys.stderr)
            return EXIT_BAD_INPUT

    from negotiator.ui.app import App, FatalUIError, save_screenshot
    from negotiator.ui.scenes.title import TitleScene
    from negotiator.ui.settings import load_settings

    settings, _ = load_settings()
    try:
        app = App(settings, title_factory=TitleScene)
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return EXIT_NO_DISPLAY
    try:
        start_demo(app, path, scenario, args.seed, args.speed)
        times, startup_ms = run_frames(app, args.frames, started)
        if args.screenshot is not None:
            save_screenshot(app.screen, args.screenshot)
    except FatalUIError as exc:
        print(f"demo: the game window failed ({exc}); details in {app.log_file}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # the screenshot could not be written: a full disk, a folder that went away
        print(f"demo: --screenshot: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        app.close()
    if args.stats:
        print(json.dumps(frame_stats(times, startup_ms)))
    return 0


def screenshot_problem(path: Path) -> str | None:
    """Why a screenshot could not be written to `path`, checked before the window opens (so a typo in the
    folder does not cost a whole demo run); None when it looks writable."""
    from negotiator.files import path_problem, shown_path

    problem = path_problem(path)
    if problem:
        return problem
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return f"{shown_path(path)}: the folder {shown_path(folder)} does not exist"
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return f"{shown_path(path)}: cannot write: it is a symbolic link or not a regular file"
    return None


def start_demo(app, path: Path, scenario, seed: int, speed: float) -> None:  # type: ignore[no-untyped-def]
    """Put a computer-only game on the table; when its debrief has been shown, the next seed plays."""
    from negotiator.ui.scenes.table import TableScene
    from negotiator.ui.session import GameSession

    session = GameSession.quick(path, scenario, seed, humans=())
    session.autosaves = False  # a shop-window demo must not become the player's "Continue"
    table = TableScene(app, session, demo=True, speed=speed)
    table.on_game_done = lambda: start_demo(app, path, scenario, seed + 1, speed)
    if app.stack:
        app.reset_to_title()
        while len(app.stack) > 1:
            app.pop()
    app.push(table)


def run_frames(app, frames: int | None, started: float) -> tuple[list[float], float]:  # type: ignore[no-untyped-def]
    """The frame loop, timing the work of each frame (not the wait for the 60 FPS cap)."""
    from negotiator.ui.app import FPS

    times: list[float] = []
    startup_ms = 0.0
    while app.running and (frames is None or len(times) < frames):
        dt = app.clock.tick(FPS) / 1000
        t0 = time.perf_counter()
        app.step(dt)
        times.append((time.perf_counter() - t0) * 1000)
        if len(times) == 1:
            startup_ms = (time.perf_counter() - started) * 1000
    return times, startup_ms


def frame_stats(times: list[float], startup_ms: float) -> dict[str, float | int]:
    ordered = sorted(times) or [0.0]
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "startup_ms": round(startup_ms, 1),
        "frames": len(times),
        "median_frame_ms": round(statistics.median(ordered), 2),
        "p95_frame_ms": round(p95, 2),
        "max_frame_ms": round(ordered[-1], 2),
    }
