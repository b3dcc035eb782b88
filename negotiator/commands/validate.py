"""Check scenario files and report every problem with its line and column.

Exit 0 when every file is valid, 2 when any is not. Problems print as `PATH:LINE:COLUMN: error: MESSAGE`
(the format editors and CI jump to); `--json` prints one JSON document instead.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from negotiator.scenario import Problem, Scenario, ScenarioError, load_scenario

EXIT_OK = 0
EXIT_INVALID = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="scenario files to check")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON document")


def summary(scenario: Scenario) -> dict[str, int]:
    return {
        "actors": len(scenario.actors),
        "issues": len(scenario.issues),
        "levers": len(scenario.levers),
        "events": len(scenario.events),
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def check(path: str) -> dict[str, Any]:
    """Validate one file into a JSON-ready result; never raises."""
    warnings: list[Problem] = []
    try:
        scenario = load_scenario(path, warnings=warnings)
    except ScenarioError as exc:
        return {"path": path, "ok": False, "summary": None, "problems": [p.to_dict() for p in exc.problems]}
    except Exception as exc:  # a loader bug must still not print a traceback at an author
        problem = Problem(path, 1, 1, "", f"internal error while validating ({type(exc).__name__}: {exc})")
        return {"path": path, "ok": False, "summary": None, "problems": [problem.to_dict()]}
    return {
        "path": path,
        "ok": True,
        "summary": summary(scenario),
        "problems": [p.to_dict() for p in warnings],
    }


def run(args: argparse.Namespace) -> int:
    results = [check(path) for path in args.paths]
    if args.json:
        print(json.dumps({"files": results}, indent=2, ensure_ascii=False))
    else:
        for result in results:
            if result["ok"]:
                counts = result["summary"]
                words = ", ".join(_plural(counts[k], k[:-1]) for k in ("actors", "issues", "levers", "events"))
                print(f"{result['path']}: ok ({words})")
            for problem in result["problems"]:
                print(Problem(**problem))
        bad = sum(not r["ok"] for r in results)
        if bad and len(results) > 1:
            print(f"{bad} of {len(results)} files are invalid")
    return EXIT_OK if all(r["ok"] for r in results) else EXIT_INVALID
