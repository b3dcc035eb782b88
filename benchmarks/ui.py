"""Front-end speed on the negotiating table with the dummy video driver at 1280x720 (issue 4's targets):
median frame under 4 ms and 95th percentile under 8 ms at a 60 FPS cap, start-up to the first interactive frame
under 1 s, scene switches under 150 ms. Prints the numbers and PASS/FAIL; exit code 1 if any target is missed.

Usage: python benchmarks/ui.py [--frames N]
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
TARGETS = {"median_frame_ms": 4.0, "p95_frame_ms": 8.0, "startup_ms": 1000.0, "scene_switch_ms": 150.0}


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


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=360, help="frames per measurement (default 360: 6 s)")
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
    app.close()

    results = {
        "table_median_frame_ms": statistics.median(interactive),
        "table_p95_frame_ms": percentile(interactive, 0.95),
        "table_max_frame_ms": max(interactive),
        "demo_median_frame_ms": statistics.median(watching),
        "demo_p95_frame_ms": percentile(watching, 0.95),
        "demo_max_frame_ms": max(watching),
        "startup_ms": startup,
        "scene_switch_ms": max(switch.values()),
    }
    checks = [
        ("median frame (table, mouse moving)", results["table_median_frame_ms"], TARGETS["median_frame_ms"]),
        ("p95 frame (table, mouse moving)", results["table_p95_frame_ms"], TARGETS["p95_frame_ms"]),
        ("median frame (demo, AI moving)", results["demo_median_frame_ms"], TARGETS["median_frame_ms"]),
        ("p95 frame (demo, AI moving)", results["demo_p95_frame_ms"], TARGETS["p95_frame_ms"]),
        ("start-up to first frame", results["startup_ms"], TARGETS["startup_ms"]),
        ("slowest scene switch", results["scene_switch_ms"], TARGETS["scene_switch_ms"]),
    ]
    failed = False
    for name, value, target in checks:
        ok = value < target
        failed = failed or not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name:38s} {value:8.2f} ms  (target < {target:g} ms)")
    print(f"      max frame: table {results['table_max_frame_ms']:.2f} ms, demo {results['demo_max_frame_ms']:.2f} ms")
    for name, ms in switch.items():
        print(f"      switch {name:28s} {ms:8.2f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
