"""Synthesise the game's UI sounds into assets/sounds/*.wav (16-bit mono, 22050 Hz).

Only the standard library (`wave`, `math`): soft sine chimes with a few quiet overtones, a short attack and an
exponential decay, so every sound is calm, short and ours (no third-party audio, nothing to license).
Run `python scripts/make_sounds.py` after changing a recipe; the output is deterministic.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050
PEAK = 0.32  # of full scale: UI sounds sit well under the player's other audio
OUT = Path(__file__).resolve().parents[1] / "assets" / "sounds"

# A note: (start in seconds, frequency in Hz, relative loudness, decay time constant in seconds).
Note = tuple[float, float, float, float]

RECIPES: dict[str, tuple[float, list[Note]]] = {
    # An offer arrives: a two-note rising chime, like a doorbell heard from the next room.
    "offer": (0.45, [(0.0, 659.26, 0.8, 0.12), (0.11, 880.00, 1.0, 0.16)]),
    # A deal is ratified: a major arpeggio that settles.
    "deal": (0.62, [(0.0, 523.25, 0.7, 0.25), (0.09, 659.26, 0.7, 0.25), (0.18, 783.99, 0.9, 0.3)]),
    # A lever resolves: one low, soft bell.
    "lever": (0.40, [(0.0, 392.00, 1.0, 0.14), (0.0, 587.33, 0.25, 0.08)]),
    # The move timer is low: two quiet high pings.
    "timer": (0.42, [(0.0, 987.77, 0.7, 0.05), (0.2, 987.77, 0.7, 0.05)]),
    # A game ends: a falling, resolving figure.
    "end": (0.66, [(0.0, 783.99, 0.6, 0.2), (0.12, 659.26, 0.6, 0.2), (0.24, 523.25, 0.9, 0.3)]),
}
OVERTONES = ((1.0, 1.0), (2.0, 0.18), (3.0, 0.05))  # (multiple of the note, loudness): a soft, rounded timbre
ATTACK = 0.008  # seconds; long enough to avoid a click
FADE = 0.04  # seconds at the end, so nothing is cut off abruptly


def render(length: float, notes: list[Note]) -> list[float]:
    n = int(length * RATE)
    out = [0.0] * n
    for start, freq, loud, decay in notes:
        first = int(start * RATE)
        for i in range(first, n):
            t = (i - first) / RATE
            env = min(1.0, t / ATTACK) * math.exp(-t / decay)
            if env < 1e-4:
                break
            out[i] += loud * env * sum(w * math.sin(2 * math.pi * freq * k * t) for k, w in OVERTONES)
    fade = int(FADE * RATE)
    for i in range(max(0, n - fade), n):
        out[i] *= (n - i) / fade
    top = max(1e-9, max(abs(s) for s in out))
    return [s / top * PEAK for s in out]


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(RATE)
        f.writeframes(b"".join(struct.pack("<h", round(s * 32767)) for s in samples))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (length, notes) in RECIPES.items():
        path = OUT / f"{name}.wav"
        write(path, render(length, notes))
        print(f"{path.relative_to(OUT.parents[1])}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
