"""The theme-id work-around (negotiator/ui/gui_speed.py) gives every widget the ids pygame_gui itself would."""

from __future__ import annotations

from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme
from scene_catalogue import open_scene

from negotiator.ui.app import App
from negotiator.ui.gui_speed import combined_ids


def test_the_cached_ids_are_the_libraries_own_for_every_widget_of_several_scenes(ui_app: App) -> None:
    theme = ui_app.manager.get_theme()
    asked: list[tuple[object, ...]] = []
    cached = theme.build_all_combined_ids

    def record(*args):  # type: ignore[no-untyped-def]
        asked.append(args)
        return cached(*args)

    theme.build_all_combined_ids = record
    for name in ("setup", "table", "help"):
        open_scene(ui_app, name, n_frames=1)
    assert len({repr(a) for a in asked}) > 20  # many distinct hierarchies, some several panels deep
    assert any(len(a[1]) >= 4 for a in asked)
    for args in asked:
        theirs = UIAppearanceTheme.build_all_combined_ids(theme, *args)
        assert combined_ids(theme, *args) == theirs
        assert cached(*args) == theirs
