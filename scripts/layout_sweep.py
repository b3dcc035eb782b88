"""The full layout sweep (issue 12): every scene at 1024x600, 1280x720 and 1920x1080, every text size, on the
built-in scenario, plus the table on the long-names scenario (tests/fixtures/layout/long_names.yaml); prints each
string the painter had to cut with an ellipsis, each pygame_gui "too small for text" warning and each drop-down
option wider than its drop-down and each button label wider than its button, then the totals.

The test suite checks the two worst sizes (tests/ui/test_text_fits.py); this is the whole matrix (a few minutes).
With `--lang qps` every text is the pseudo-locale (English made about 40% longer and accented), so what a
translation would overflow shows before one exists; `--lang uk` / `--lang ru` sweep the real translations.
Usage: python scripts/layout_sweep.py [--quick] [--lang en|uk|ru|qps] [--scenes title setup ...]
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):  # keep the player's saves out of it
    os.environ[variable] = tempfile.mkdtemp(prefix="sweep-")
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]

from negotiator import i18n, resources  # noqa: E402

resources.use_source_tree(ROOT)

from scene_catalogue import SCENES, clipped_buttons, clipped_drop_downs, open_scene  # noqa: E402
from table_helpers import frames, open_table, session_for  # noqa: E402

from negotiator.scenario import load_scenario  # noqa: E402
from negotiator.ui.app import App  # noqa: E402
from negotiator.ui.scenes.title import TitleScene  # noqa: E402
from negotiator.ui.settings import TEXT_SCALE, Settings  # noqa: E402
from negotiator.ui.table import paint  # noqa: E402
from negotiator.ui.table.layout import SIDE_TABS  # noqa: E402

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]
LONG_NAMES = ROOT / "tests" / "fixtures" / "layout" / "long_names.yaml"
Where = tuple[str, str, str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the smallest and largest text sizes")
    parser.add_argument("--scenes", nargs="+", choices=list(SCENES), help="only these scenes (default: all)")
    parser.add_argument("--lang", default="en", choices=[*i18n.LANGUAGES, i18n.PSEUDO], help="the interface language")
    args = parser.parse_args()
    texts = ["normal", "x_large"] if args.quick else list(TEXT_SCALE)
    cuts: collections.Counter[tuple[Where, str]] = collections.Counter()
    clipped: collections.Counter[tuple[Where, str]] = collections.Counter()
    where: list[Where] = [("", "", "")]
    real = paint.ellipsis

    def spy(font, string: str, width: int) -> str:  # type: ignore[no-untyped-def]
        out = real(font, string, width)
        if out != string:
            cuts[(where[0], string[:50])] += 1
        return out

    paint.ellipsis = spy  # type: ignore[assignment]
    long_scenario = load_scenario(LONG_NAMES)
    long_seat = next(a.id for a in long_scenario.actors if a.playable)
    for size in SIZES:
        for text in texts:
            jobs = [(name, lambda app, n=name: open_scene(app, n)) for name in args.scenes or SCENES]
            for tab in SIDE_TABS if not args.scenes else ():
                jobs.append((f"long-names table/{tab}", lambda app, t=tab: _long_table(app, long_seat, t)))
            for name, job in jobs:
                where[0] = (f"{size[0]}x{size[1]}", text, name)
                app = App(Settings(window_size=size, text_size=text, language=args.lang), title_factory=TitleScene)
                try:
                    app.reset_to_title()
                    with warnings.catch_warnings(record=True) as caught:
                        warnings.simplefilter("always")
                        job(app)
                    for w in caught:
                        if "too small for text" in str(w.message):
                            clipped[(where[0], str(w.message)[:80])] += 1
                    for option in clipped_drop_downs(app):
                        clipped[(where[0], f"drop-down too narrow for {option!r}")] += 1
                    for label in clipped_buttons(app):
                        clipped[(where[0], f"button too narrow for {label!r}")] += 1
                finally:
                    app.close()
    for (place, string), n in sorted(cuts.items()):
        print("cut    ", " ".join(place), repr(string), f"x{n}" if n > 1 else "")
    for (place, message), n in sorted(clipped.items()):
        print("clipped", " ".join(place), message, f"x{n}" if n > 1 else "")
    configs = len(SIZES) * len(texts) * (len(args.scenes) if args.scenes else len(SCENES) + len(SIDE_TABS))
    print(
        f"{configs} scene views ({args.lang}): {sum(cuts.values())} strings cut, {sum(clipped.values())} labels clipped"
    )


def _long_table(app: App, seat: str, tab: str) -> None:
    session = session_for(LONG_NAMES, (seat,))
    session.autosaves = False
    table = open_table(app, session)
    table.show_side(tab)
    frames(app, 2)


if __name__ == "__main__":
    main()
