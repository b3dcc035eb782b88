"""AI personalities and difficulty levels as plain parameter tables (GENIUS-style time-dependent tactics).

`concession` is the exponent e in target(t) = top - (top - floor) * t^(1/e): below 1 concedes late
(Boulware, the hawk), 1 steadily, above 1 early (Conceder, the dealmaker). The reciprocator starts
steady and matches the others' concessions. Difficulty sets how well the AI models its opponents, how
noisy its bids are, and how much surplus it insists on keeping above its no-deal value.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Personality:
    name: str
    concession: float
    reciprocity: float  # 0: ignore the others' concessions; 1: concede exactly as they do
    lever_appetite: float  # expected gain (utility) a lever must promise before this AI uses it
    declares_red_lines: int  # how many of its private red lines it announces publicly on its first move
    description: str


@dataclass(frozen=True)
class Difficulty:
    name: str
    opponent_model: bool  # use estimates of others' preferences to pick bids they can accept
    noise: float  # random spread added to bid scores (0 = none)
    keep_surplus: float  # share of the gap between no-deal value and best package it never gives up


PERSONALITIES: dict[str, Personality] = {
    p.name: p
    for p in (
        Personality("hawk", 0.35, 0.0, 0.004, 3, "concedes late and little, leans on pressure"),
        Personality("pragmatist", 1.0, 0.3, 0.008, 3, "concedes steadily as the deadline nears"),
        Personality("dealmaker", 2.5, 0.2, 0.02, 1, "concedes early to close a deal"),
        Personality("reciprocator", 1.0, 1.0, 0.01, 2, "matches the concessions the others make"),
    )
}

DIFFICULTIES: dict[str, Difficulty] = {
    d.name: d
    for d in (
        Difficulty("easy", opponent_model=False, noise=0.08, keep_surplus=0.0),
        Difficulty("normal", opponent_model=True, noise=0.02, keep_surplus=0.05),
        Difficulty("hard", opponent_model=True, noise=0.0, keep_surplus=0.12),
    )
}
