"""A small bounded memo on a scenario's utility model, shared by every game of that scenario.

The AI's derived tables (bundles, opponent estimates, redacted scenarios) depend only on their keys, so they are
computed once and looked up; entries of the kinds that grow during play are dropped when the memo is full.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from negotiator.engine.utility import UtilityModel

MEMO_LIMIT = 4096
VOLATILE = ("estimate", "ai")  # key kinds that grow with play; the others are a handful per scenario


def memo(model: UtilityModel, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    found = model.cache.get(key)
    if found is None:
        if len(model.cache) > MEMO_LIMIT:
            for stale in [k for k in model.cache if isinstance(k, tuple) and k and k[0] in VOLATILE]:
                del model.cache[stale]
        found = model.cache[key] = build()
    return found
