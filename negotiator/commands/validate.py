"""Check scenario files and report every problem with its line and column.

Exit 0 when every file is valid, 2 when any is not. Problems print as `PATH:LINE:COLUMN: error: MESSAGE`
(the format editors and CI jump to); `--json` prints one JSON document instead. `--watch` keeps going:
the files are checked again whenever one of them changes, until Ctrl-C (exit 0).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import time
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from negotiator.cli_support import path_arg
from negotiator.scenario import Problem, Scenario, ScenarioError, load_scenario
from negotiator.words import count

EXIT_OK = 0
EXIT_INVALID = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", type=path_arg, help="scenario files to check")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON document")
    parser.add_argument(
        "--watch",
        action="store_true",
        help="keep running and check the files again whenever one changes (polled once a second; Ctrl-C stops)",
    )


def summary(scenario: Scenario) -> dict[str, int]:
    return {
        "actors": len(scenario.actors),
        "issues": len(scenario.issues),
        "levers": len(scenario.levers),
        "events": len(scenario.events),
    }


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
        "languages": scenario.languages,
        "problems": [p.to_dict() for p in warnings],
    }


def run(args: argparse.Namespace) -> int:
    if args.watch:
        return _watch(args)
    results = [check(path) for path in args.paths]
    if args.json:
        print(json.dumps({"files": results}, indent=2, ensure_ascii=False))
    else:
        _print(results)
    return EXIT_OK if all(r["ok"] for r in results) else EXIT_INVALID


def _print(results: list[dict[str, Any]]) -> None:
    for result in results:
        if result["ok"]:
            counts = result["summary"]
            words = ", ".join(count(counts[k], k[:-1]) for k in ("actors", "issues", "levers", "events"))
            languages = result.get("languages") or []
            shown = f" in {', '.join(languages)}" if len(languages) > 1 else ""
            print(f"{result['path']}: ok ({words}){shown}")
        for problem in result["problems"]:
            print(Problem(**problem))
    bad = sum(not r["ok"] for r in results)
    if bad and len(results) > 1:
        print(f"{bad} of {len(results)} files are invalid")


def _watch(args: argparse.Namespace) -> int:
    """`--watch`: every check printed as it would be without it (with `--json`, one JSON document per line),
    then a line saying what is being watched; Ctrl-C ends it quietly."""

    def report() -> None:
        results = [check(path) for path in args.paths]
        if args.json:
            print(json.dumps({"files": results}, ensure_ascii=False), flush=True)
            return
        _print(results)
        files = count(len(args.paths), "file")
        print(f"-- {time.strftime('%H:%M:%S')}: watching {files} for changes (Ctrl-C to stop)", flush=True)

    with contextlib.suppress(KeyboardInterrupt):
        watch(args.paths, report)
    return EXIT_OK


Stamp = Hashable


def stamps(paths: Sequence[str]) -> tuple[Stamp, ...]:
    """What tells whether a file changed: its modification time (in nanoseconds), size and identity, or
    None for a path that cannot be read (missing, no permission): a file that appears counts as a change."""
    found: list[Stamp] = []
    for path in _with_translations(paths):
        try:
            st = os.stat(path)
        except (OSError, ValueError):  # ValueError: a path holding NUL
            found.append(None)
        else:
            found.append((st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev))
    return tuple(found)


def _with_translations(paths: Sequence[str]) -> list[str]:
    """The files and every translation file they could have (translations/<stem>.<lang>.yaml), so editing a
    translation checks the scenario again."""
    from negotiator.scenario.translations import LANGUAGE_NAMES, sidecar_path

    out = list(paths)
    for path in paths:
        with contextlib.suppress(ValueError):
            out += [str(sidecar_path(path, lang)) for lang in LANGUAGE_NAMES]
    return out


def watch(
    paths: Sequence[str],
    report: Callable[[], None],
    *,
    sleep: Callable[[float], None] | None = None,
    stamp: Callable[[Sequence[str]], Stamp] = stamps,
    interval: float = 1.0,
    rounds: int | None = None,
) -> int:
    """Call `report()` at once and again whenever `stamp(paths)` changes, polling every `interval` seconds
    through `sleep` (`time.sleep` unless given), for `rounds` polls (forever when None). Returns how many
    reports were made. KeyboardInterrupt from `sleep` or `report` propagates: the command ends on it."""
    pause = sleep if sleep is not None else time.sleep
    last = stamp(paths)
    report()
    reports, polls = 1, 0
    while rounds is None or polls < rounds:
        pause(interval)
        polls += 1
        now = stamp(paths)
        if now != last:
            last = now
            report()
            reports += 1
    return reports
