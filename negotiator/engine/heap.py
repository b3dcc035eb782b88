"""Keep the garbage collector's full collections short during play.

A full collection walks every tracked object: the loaded scenario, its compiled rules, utility tables and
the modules, tens of thousands of objects that live as long as the process. Walking them paused single
decisions for 20-40 ms (`benchmarks/engine.py`). `settle()` collects once and then freezes what is alive
(`gc.freeze`), so later collections look only at what play creates. Call it when loading is done: a game
set up in the window, a simulation or tournament worker ready to play. It changes no result, only timing.

Each call first returns what an earlier call froze to the collector (`gc.unfreeze`): frozen objects that later
die inside reference cycles (a window's old scenes and widgets are full of them) are otherwise never freed,
and the window grew by 10-40 MB with every new game.

Between games of one batch (`simulate`, the tournament) `between_games()` freezes again without collecting: the
caches the games fill (estimates, look-ahead memos, lever tables) would otherwise grow the set a full collection
walks, and one full collection in a few hundred games paused a decision for 7 ms of CPU (more on a loaded
machine). Play makes no garbage cycles (the collections during 200 games free nothing), so what is frozen
there and later dropped is still freed by reference counting.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect now (what an earlier call froze too), then exempt every surviving object from future
    collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def between_games() -> None:
    """Exempt everything alive now from collections, without collecting (`gc.freeze` takes constant time); the
    next `settle()` returns it to the collector."""
    gc.freeze()
