"""No scene cuts a word or clips a label (issue 12's layout sweep, in the suite's time budget): every scene of
the catalogue, on the built-in scenario, at the smallest window with the largest text and at the default size,
draws no string shortened with an ellipsis, raises no pygame_gui "too small for text" warning and has no drop-down
narrower than one of its options and no button narrower than its label (pygame_gui clips those silently).

`scripts/layout_sweep.py` runs the full sweep (three window sizes, every text size, the long-names scenario).
"""

from __future__ import annotations

import warnings

import pytest
from scene_catalogue import SCENES, clipped_buttons, clipped_drop_downs, open_scene

from negotiator.ui.app import App
from negotiator.ui.scenes.title import TitleScene
from negotiator.ui.settings import MIN_WINDOW, Settings

CONFIGS = {"1024x600-x_large": (MIN_WINDOW, "x_large"), "1280x720-normal": ((1280, 720), "normal")}


@pytest.mark.parametrize("config", list(CONFIGS))
@pytest.mark.parametrize("name", list(SCENES))
def test_no_words_are_cut(name: str, config: str, cuts: list[str]) -> None:
    size, text = CONFIGS[config]
    app = App(Settings(window_size=size, text_size=text), title_factory=TitleScene)
    try:
        app.reset_to_title()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            open_scene(app, name)
        narrow = clipped_drop_downs(app) + clipped_buttons(app)
    finally:
        app.close()
    clipped = [str(w.message) for w in caught if "too small for text" in str(w.message)]
    assert not clipped, f"{name} at {config}: {clipped[:3]}"
    assert not cuts, f"{name} at {config} cuts {len(cuts)} string(s): {cuts[:5]}"
    assert not narrow, f"{name} at {config}: drop-downs or buttons too narrow for {narrow[:5]}"


def test_the_chooser_shows_a_long_title_whole_at_the_smallest_window(cuts: list[str]) -> None:
    """The tutorial's title (34 characters) at 1024x600 with x_large text: its list entry is wide enough and the
    details heading takes two lines rather than an ellipsis."""
    app = App(Settings(window_size=MIN_WINDOW, text_size="x_large"), title_factory=TitleScene)
    try:
        app.reset_to_title()
        chooser = open_scene(app, "chooser")
        chooser.selected = next(e.path for e in chooser.entries if e.scenario and e.scenario.tutorial)  # type: ignore[attr-defined]
        app.refresh(chooser)
        for _ in range(2):
            app.step(1 / 60, [])
        narrow = clipped_buttons(app)
    finally:
        app.close()
    assert not cuts and not narrow, (cuts, narrow)
