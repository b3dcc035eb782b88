"""Tables derived from a scenario, built on first use and kept as long as the scenario object lives.

Scenarios are unhashable (they hold lists), so entries are keyed by `id()`; a weak reference drops an entry when
its scenario is collected, so a reused id never returns stale tables. The utility model and the compiled rules
are both cached this way.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from negotiator.scenario.models import Scenario

T = TypeVar("T")
Entries = dict[int, tuple["weakref.ref[Scenario]", object]]


class PerScenario(Generic[T]):
    """`build(scenario)`, computed once per scenario object."""

    def __init__(self, build: Callable[[Scenario], T]) -> None:
        self._build = build
        self.entries: Entries = {}
        functools.update_wrapper(self, build)  # type: ignore[arg-type]

    def __call__(self, scenario: Scenario) -> T:
        key = id(scenario)
        entry = self.entries.get(key)
        if entry is not None and entry[0]() is scenario:
            return entry[1]  # type: ignore[return-value]
        value = self._build(scenario)
        self.entries[key] = (weakref.ref(scenario, functools.partial(_evict, self.entries, key)), value)
        return value


def _evict(entries: Entries, key: int, ref: weakref.ref[Scenario]) -> None:
    # The entries are bound in a partial (not looked up as a global), because at interpreter exit module
    # globals may already be None.
    entry = entries.get(key)
    if entry is not None and entry[0] is ref:
        del entries[key]
