"""`heap.settle` freezes what is alive so play's collections stay short, and must not leak what it froze."""

from __future__ import annotations

import gc
import weakref

from negotiator.engine import heap


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_what_one_settle_froze_is_freed_by_the_next_once_it_dies() -> None:
    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the collector can free it
    alive = weakref.ref(a)
    try:
        heap.settle()  # frozen while alive (a window's scene, when a new game starts)
        del a, b
        gc.collect()
        assert alive() is not None  # frozen objects are exempt from collections during play...
        heap.settle()  # ...but the next game's settle collects them
        assert alive() is None
    finally:
        gc.unfreeze()


def test_between_games_exempts_what_is_alive_without_collecting_and_settle_frees_it() -> None:
    try:
        heap.settle()
        frozen = gc.get_freeze_count()
        a, b = Node(), Node()  # made during a game: a cycle only the collector can free
        a.other, b.other = b, a
        alive = weakref.ref(a)
        made = [Node() for _ in range(50)]  # what a game leaves alive: the caches it filled
        heap.between_games()
        assert gc.get_freeze_count() >= frozen + len(made) + 2  # exempt from the next game's collections
        del a, b
        gc.collect()
        assert alive() is not None  # frozen: no collection during play walks it
        heap.settle()
        assert alive() is None  # the next settle returns it to the collector
    finally:
        gc.unfreeze()
