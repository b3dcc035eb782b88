"""Demo mode: it runs N frames on the table, writes a non-blank PNG, prints its stats, and says so when there is
no display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame

ROOT = Path(__file__).resolve().parents[2]


def run_demo(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "demo", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_demo_runs_frames_and_writes_a_screenshot(tmp_path: Path) -> None:
    shot = tmp_path / "demo.png"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "NEGOTIATOR_DATA_DIR": str(tmp_path)}
    result = run_demo("--frames", "90", "--speed", "6", "--screenshot", str(shot), "--stats", env=env)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    assert stats["frames"] == 90
    assert set(stats) == {"startup_ms", "frames", "median_frame_ms", "p95_frame_ms", "max_frame_ms"}
    assert stats["max_frame_ms"] < 1000
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 720)
    colours = {tuple(image.get_at((x, y))) for x in range(0, 1280, 37) for y in range(0, 720, 29)}
    assert len(colours) > 20, "the screenshot is blank"
    autosaves = tmp_path / "autosaves"
    assert not autosaves.exists() or not any(autosaves.iterdir()), "a demo must not fill the player's autosaves"


def test_demo_without_a_display_says_so_in_one_line() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    result = run_demo("--frames", "1", env=env)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "text" in result.stderr


def test_demo_plays_through_to_the_debrief_and_starts_again(ui_app) -> None:  # type: ignore[no-untyped-def]
    from negotiator.commands.demo import start_demo
    from negotiator.scenario import load_scenario
    from negotiator.ui.scenes.debrief import DebriefScene
    from negotiator.ui.scenes.table import TableScene

    path = ROOT / "scenarios" / "tutorial.yaml"
    start_demo(ui_app, path, load_scenario(path), 1, 500.0)
    first = ui_app.top
    assert isinstance(first, TableScene)
    seen_debrief = False
    for _ in range(6000):
        ui_app.step(0.5)  # half a second a frame: resolution and debrief screens move on by themselves
        top = ui_app.top
        seen_debrief = seen_debrief or isinstance(top, DebriefScene)
        if seen_debrief and isinstance(top, TableScene) and top is not first:
            break
    assert seen_debrief and isinstance(ui_app.top, TableScene) and ui_app.top is not first
