"""Deterministic randomness: a counter-based generator keyed by the game's seed and what is drawn.

Every draw is `draw(seed, *keys)`, a pure function of its inputs (BLAKE2b of a canonical encoding), so a
game needs no mutable generator in its state and any draw can be recomputed in a replay. No module-level
`random`, no clock.
"""

from __future__ import annotations

import hashlib

_SCALE = float(1 << 53)


def draw(seed: int, *keys: object) -> float:
    """A uniform float in [0, 1) determined by `seed` and `keys` (ints and strings)."""
    text = "\x1f".join([str(seed), *map(str, keys)])
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return (int.from_bytes(digest, "big") >> 11) / _SCALE


def chance(seed: int, probability: float, *keys: object) -> bool:
    """True with the given probability; certain outcomes draw nothing."""
    if probability >= 1.0:
        return True
    if probability <= 0.0:
        return False
    return draw(seed, *keys) < probability
