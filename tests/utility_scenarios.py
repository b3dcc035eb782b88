"""Minimal valid scenarios built in code, for tests of the utility model and the bargaining analysis."""

from __future__ import annotations

from typing import Any

from negotiator.scenario.models import Scenario


def make_scenario(
    issues: dict[str, list[str]],
    prefs: dict[str, dict[str, Any]],
    *,
    observers: tuple[str, ...] = (),
) -> Scenario:
    """A minimal valid scenario. prefs: actor -> {"r": r, issue: (weight, {option: value}, [red lines])}."""
    actor_ids = [*prefs, *observers]
    return Scenario.model_validate(
        {
            "format_version": 1,
            "metadata": {"id": "test", "title": "Test", "summary": "s", "period": "p", "version": "1"},
            "actors": [
                {
                    "id": a,
                    "name": a.title(),
                    "short_name": a,
                    "colour": "#123456",
                    "public_brief": "b",
                    "confidential_brief": "c",
                    "negotiates": a not in observers,
                }
                for a in actor_ids
            ],
            "issues": [
                {
                    "id": issue,
                    "name": issue.title(),
                    "description": "d",
                    "options": [{"id": o, "label": o.upper()} for o in options],
                    "signatories": list(prefs),
                }
                for issue, options in issues.items()
            ],
            "preferences": {
                a: {
                    "reservation": {"value": p["r"]},
                    "issues": {
                        issue: {
                            "weight": spec[0],
                            "values": spec[1],
                            "red_lines": list(spec[2]) if len(spec) > 2 else [],
                        }
                        for issue, spec in p.items()
                        if issue != "r"
                    },
                }
                for a, p in prefs.items()
            },
            "rules": {"turns": 5},
        }
    )
