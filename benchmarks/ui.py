"""Front-end speed, rest and memory with the dummy video driver at 1280x720.

Targets: median frame under 4 ms and 95th percentile under 8 ms at a 60 FPS cap, start-up to the first
interactive frame under 1 s (issue 4); a still window (the title, or a table waiting for the player) costs under
2% of a core, every scene opens in under 100 ms, and memory stays flat: under 10 MB of growth per game over ten
games and no growth from opening and closing a dialog again and again (issue 12). CPU is the UI thread's own
(`time.thread_time`), so background work (the par) does not count against the loop. Prints the numbers and
PASS/FAIL; exit code 1 if any target is missed.

Usage: python benchmarks/ui.py [--frames N] [--idle-seconds S] [--games N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from negotiator import resources  # noqa: E402

resources.use_source_tree(ROOT)  # this checkout's themes and scenarios, not an installed copy's (as main.py does)
from negotiator.engine import EndTurn  # noqa: E402
from negotiator.scenario import load_scenario  # noqa: E402
from negotiator.ui.app import FPS, App  # noqa: E402
from negotiator.ui.scenes.debrief import DebriefScene  # noqa: E402
from negotiator.ui.scenes.resolution import ResolutionScene  # noqa: E402
from negotiator.ui.scenes.table import TableScene  # noqa: E402
from negotiator.ui.scenes.title import TitleScene  # noqa: E402
from negotiator.ui.session import GameSession  # noqa: E402
from negotiator.ui.settings import Settings  # noqa: E402

SCENARIO = ROOT / "scenarios" / "istanbul_talks.yaml"
TARGETS = {
    "median_frame_ms": 4.0,
    "p95_frame_ms": 8.0,
    "startup_ms": 1000.0,
    "scene_switch_ms": 100.0,
    "idle_cpu_percent": 2.0,
    "growth_per_game_mb": 10.0,
    "growth_per_dialog_mb": 0.5,
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def frame_times(app: App, frames: int, wiggle: bool) -> list[float]:
    """Work per frame (events, update, draw, flip), ticking at the 60 FPS cap; the mouse roams if `wiggle`."""
    times = []
    for k in range(frames):
        app.clock.tick(FPS)
        events = []
        if wiggle:
            pos = (360 + (k * 7) % 500, 130 + (k * 3) % 380)
            events.append(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
        start = time.perf_counter()
        app.step(1 / FPS, events)
        times.append((time.perf_counter() - start) * 1000)
    return times


def idle_cpu(app: App, seconds: float) -> float:
    """Percent of a core the UI thread spends over `seconds` of the real loop with no input (after the
    app's settle time, so it measures the still window, not the fading of the last hover)."""
    from negotiator.ui.app import SETTLE

    settle_until = time.monotonic() + SETTLE + 0.2
    while time.monotonic() < settle_until:
        app.step(app.clock.tick(FPS) / 1000, [])
    cpu, wall = time.thread_time(), time.monotonic()
    while time.monotonic() - wall < seconds:
        app.step(app.clock.tick(30 if app.idle else FPS) / 1000, [])
    return 100 * (time.thread_time() - cpu) / (time.monotonic() - wall)


def rss_mb() -> float:
    """The process's resident memory now (Linux /proc; elsewhere the peak, from getrusage)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def memory_over_games(app: App, scenario, games: int) -> list[float]:  # type: ignore[no-untyped-def]
    """RSS after each of `games` games, each opened from the title, played out by the computer on the table,
    shown in the debrief and closed back to the title, as a player starting game after game would. Frames read
    the event queue as the real loop does (the toolkit posts events that hold its widgets until read)."""
    import gc

    sizes = []
    for seed in range(games):
        session = GameSession.quick(SCENARIO, scenario, 100 + seed, humans=())
        session.autosaves = False
        app.reset_to_title()
        table = TableScene(app, session, demo=True, speed=1000.0)
        app.push(table)
        while not session.state.is_over():
            session.step_ai()
        app.step(1 / FPS)
        app.replace(DebriefScene(app, session))
        for _ in range(3):
            app.step(1 / FPS)
        app.reset_to_title()
        app.step(1 / FPS)
        gc.collect()
        sizes.append(rss_mb())
    return sizes


def memory_over_dialogs(app: App, opens: int) -> tuple[float, float]:
    """RSS before and after opening and closing the help overlay `opens` times on the title."""
    import gc

    app.reset_to_title()
    for _ in range(3):  # the first opens warm caches (fonts, theme images): not growth
        app.open_help()
        app.step(1 / FPS)
        app.open_help()
        app.step(1 / FPS)
    gc.collect()
    before = rss_mb()
    for _ in range(opens):
        app.open_help()
        app.step(1 / FPS)
        app.open_help()
        app.step(1 / FPS)
    gc.collect()
    return before, rss_mb()


def scene_opens(app: App) -> dict[str, float]:
    """Milliseconds to open each scene a player reaches from the title (built and first drawn)."""
    from negotiator.ui.scenes.briefing import BriefingScene
    from negotiator.ui.scenes.chooser import ScenarioChooser
    from negotiator.ui.scenes.help import HelpOverlay
    from negotiator.ui.scenes.setup import SetupScene

    scenario = load_scenario(SCENARIO)
    human = next(a.id for a in scenario.negotiators if a.playable)
    session = GameSession.quick(SCENARIO, scenario, 1, humans=(human,))
    session.autosaves = False
    builders = {
        "chooser": lambda: ScenarioChooser(app),
        "setup": lambda: SetupScene(app, SCENARIO, scenario),
        "help": lambda: HelpOverlay(app),
        "briefing": lambda: BriefingScene(app, session, human),
    }
    found = {}
    for name, build in builders.items():
        app.reset_to_title()
        app.step(1 / FPS, [])
        found[name] = timed(lambda b=build: (app.push(b()), app.step(1 / FPS, [])))
    return found


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    """Milliseconds of the UI thread's CPU that `fn` takes (steady on a loaded machine, unlike wall time)."""
    start = time.thread_time()
    fn()
    return (time.thread_time() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=360, help="frames per measurement (default 360: 6 s)")
    parser.add_argument("--idle-seconds", type=float, default=5.0, help="real seconds per still-window measurement")
    parser.add_argument("--games", type=int, default=10, help="games for the memory measurement (default 10)")
    args = parser.parse_args()
    env = {**os.environ, "NEGOTIATOR_DATA_DIR": str(Path(os.environ.get("TMPDIR", "/tmp")) / "negotiator-bench")}
    out = subprocess.run(
        [sys.executable, "main.py", "demo", "--frames", "1", "--stats"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    startup = json.loads(out.stdout.strip().splitlines()[-1])["startup_ms"]

    os.environ["NEGOTIATOR_DATA_DIR"] = env["NEGOTIATOR_DATA_DIR"]
    app = App(Settings(), title_factory=TitleScene)
    app.reset_to_title()
    scenario = load_scenario(SCENARIO)
    human = next(a.id for a in scenario.negotiators if a.playable)
    session = GameSession.quick(SCENARIO, scenario, 1, humans=(human,))
    table = TableScene(app, session, speed=1000.0)
    switch = {"title -> table": timed(lambda: app.push(table))}
    for _ in range(600):  # let the computer sides move until the human is to move
        if session.human_to_move and app.top is table:
            break
        if isinstance(app.top, ResolutionScene):
            app.top.close()
        app.step(1 / FPS, [])
    interactive = frame_times(app, args.frames, wiggle=True)
    idle_table = idle_cpu(app, args.idle_seconds)

    record = session.state.records[-1] if session.state.records else None
    if record is not None:
        resolution = ResolutionScene(app, session, record, human)
        switch["table -> resolution"] = timed(lambda: app.push(resolution))
        switch["resolution -> table"] = timed(lambda: app.pop(resolution))
    while not session.state.is_over():  # finish the game quickly: the human only ends its moves
        if session.step_ai() is None and session.human_to_move:
            session.act(EndTurn(human))
    switch["table -> debrief"] = timed(lambda: app.replace(DebriefScene(app, session)))
    app.step(1 / FPS, [])

    demo_session = GameSession.quick(SCENARIO, scenario, 2, humans=())
    app.reset_to_title()
    demo = TableScene(app, demo_session, demo=True, speed=1.0)
    switch["title -> watching table"] = timed(lambda: app.push(demo))
    watching = frame_times(app, args.frames, wiggle=False)
    app.reset_to_title()
    idle_title = idle_cpu(app, args.idle_seconds)
    opens = scene_opens(app)
    switch.update({f"title -> {name}": ms for name, ms in opens.items()})
    games = memory_over_games(app, scenario, args.games)
    dialog_before, dialog_after = memory_over_dialogs(app, 20)
    app.close()
    per_game = (games[-1] - games[0]) / max(1, len(games) - 1)

    results = {
        "table_median_frame_ms": statistics.median(interactive),
        "table_p95_frame_ms": percentile(interactive, 0.95),
        "table_max_frame_ms": max(interactive),
        "demo_median_frame_ms": statistics.median(watching),
        "demo_p95_frame_ms": percentile(watching, 0.95),
        "demo_max_frame_ms": max(watching),
        "startup_ms": startup,
        "scene_switch_ms": max(switch.values()),
        "idle_cpu_percent": max(idle_table, idle_title),
        "growth_per_game_mb": per_game,
        "growth_per_dialog_mb": (dialog_after - dialog_before) / 20,
    }
    checks = [
        ("median frame (table, mouse moving)", results["table_median_frame_ms"], TARGETS["median_frame_ms"]),
        ("p95 frame (table, mouse moving)", results["table_p95_frame_ms"], TARGETS["p95_frame_ms"]),
        ("median frame (demo, AI moving)", results["demo_median_frame_ms"], TARGETS["median_frame_ms"]),
        ("p95 frame (demo, AI moving)", results["demo_p95_frame_ms"], TARGETS["p95_frame_ms"]),
        ("start-up to first frame", results["startup_ms"], TARGETS["startup_ms"]),
        ("slowest scene switch", results["scene_switch_ms"], TARGETS["scene_switch_ms"]),
    ]
    checks_other = [
        ("still window, UI thread (% of a core)", results["idle_cpu_percent"], TARGETS["idle_cpu_percent"], "%"),
        ("memory growth per game", results["growth_per_game_mb"], TARGETS["growth_per_game_mb"], "MB"),
        ("memory growth per dialog open", results["growth_per_dialog_mb"], TARGETS["growth_per_dialog_mb"], "MB"),
    ]
    failed = False
    for name, value, target, unit in [(*c, "ms") for c in checks] + checks_other:
        ok = value < target
        failed = failed or not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name:38s} {value:8.2f} {unit:2s}  (target < {target:g} {unit})")
    print(f"      still window: table {idle_table:.2f}%, title {idle_title:.2f}% of a core")
    print(f"      memory after each game (MB): {', '.join(f'{m:.0f}' for m in games)}")
    print(f"      help overlay opened 20 times: {dialog_before:.0f} -> {dialog_after:.0f} MB")
    print(f"      max frame: table {results['table_max_frame_ms']:.2f} ms, demo {results['demo_max_frame_ms']:.2f} ms")
    for name, ms in switch.items():
        print(f"      switch {name:28s} {ms:8.2f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
