"""Play the guided tutorial headless, one step at a time, and save a screenshot of each step's card.

Each step is done the way a player does it (board picks and Send offer, a lever's Use, End move, an answer to
an offer) or, for the red line, by the engine action any red-line control sends. Usage:
python scripts/tutorial_screenshots.py [--size 1280x720] [--text-size normal] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("NEGOTIATOR_DATA_DIR", tempfile.mkdtemp(prefix="negotiator-shots-"))

import pygame  # noqa: E402

from negotiator import resources  # noqa: E402
from negotiator.engine.actions import DeclareRedLine, Respond, UseLever  # noqa: E402
from negotiator.scenario import load_scenario  # noqa: E402
from negotiator.ui.app import App, save_screenshot  # noqa: E402
from negotiator.ui.flow import begin_briefings  # noqa: E402
from negotiator.ui.scenes.briefing import BriefingScene  # noqa: E402
from negotiator.ui.scenes.debrief import DebriefScene  # noqa: E402
from negotiator.ui.scenes.resolution import ResolutionScene  # noqa: E402
from negotiator.ui.scenes.table import TableScene  # noqa: E402
from negotiator.ui.scenes.title import TitleScene  # noqa: E402
from negotiator.ui.session import GameSession  # noqa: E402
from negotiator.ui.settings import Settings  # noqa: E402

SEAT = "union"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--text-size", default="normal", choices=["small", "normal", "large", "x_large"])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    resources.use_source_tree(ROOT)
    app = App(Settings(window_size=(width, height), text_size=args.text_size), title_factory=TitleScene)
    app.reset_to_title()
    path = ROOT / "scenarios" / "tutorial.yaml"
    session = GameSession.quick(path, load_scenario(path), args.seed, humans=(SEAT,))
    progress = session.tutorial
    assert progress is not None
    shots: list[Path] = []

    def frames(n: int = 3) -> None:
        for _ in range(n):
            app.step(1 / 60, [])

    def shoot() -> None:
        frames(4)
        index = progress.current(session.state)
        name = f"tutorial-step-{index + 1}.png" if index is not None else "tutorial-done.png"
        shots.append(save_screenshot(pygame.display.get_surface(), args.out / name))

    def table() -> TableScene:
        """Play on (the computer's moves, each turn's results) until the human may move at the table."""
        for _ in range(5000):
            top = app.top
            if isinstance(top, ResolutionScene):
                top.close()
            elif isinstance(top, TableScene) and session.human_to_move == SEAT and top.ctx.data.my_move:
                return top
            elif isinstance(top, DebriefScene):
                raise StopIteration
            frames(1)
        raise RuntimeError("the table never waited for the player")

    begin_briefings(app, session)
    shoot()  # 1: read your brief
    top = app.top
    assert isinstance(top, BriefingScene)
    top.proceed()
    t = table()
    for issue, option in (("pay", "pay_3"), ("breaks", "breaks_30"), ("weekends", "rotating")):
        t.pick(issue, option)
    shoot()  # 2: build and send an offer (options picked, not yet sent)
    t.builder.submit()
    t.changed()
    shoot()  # 3: use a lever
    lever = next(s for s in session.view_for(SEAT).levers if s.lever.id == "union_statement")
    t.act(UseLever(SEAT, lever=lever.lever.id))
    shoot()  # 4: declare a red line (the engine action any red-line control sends)
    t.act(DeclareRedLine(SEAT, issue="breaks", option="breaks_unchanged"))
    shoot()  # 5: end your move
    t.end_move()
    try:
        t = table()
        shoot()  # 6: answer an offer (the computer's answer to ours usually waits here)
        waiting = t.ctx.data.awaiting_me
        if waiting:
            t.act(Respond(SEAT, offer_id=waiting[0].id, accept=False))
        shoot()  # 7: play to the end
        while True:
            t = table()
            t.end_move()
    except StopIteration:
        pass
    frames(5)
    shoot()  # 8: read the debrief
    debrief = app.top
    assert isinstance(debrief, DebriefScene)
    debrief._select("deal")
    frames(3)
    shoot()  # the closing card
    for shot in shots:
        print(shot)
    app.close()


if __name__ == "__main__":
    main()
