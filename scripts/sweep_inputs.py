"""Sweep hostile input through every input path, exhaustively, and report anything that escapes.

The property tests (tests/robustness/test_properties.py) sample these kinds of input; this script walks
all of them, for a release or after a change to a reader:

- scenarios: every node of every shipped scenario replaced by every hostile value; each file is validated
  and, when it is accepted, played (one AI game), analysed and turned into briefs;
- saves: a real save with every node retyped, nested and enlarged, truncated at and flipped near every
  few bytes, then replayed;
- settings: every node of a settings file replaced by every hostile value, then loaded;
- text mode: every pair of words from a vocabulary of commands, ids, numbers and hostile tokens typed as
  one line into a running game (and through the facilitator's commands);
- special files (FIFO, /dev/zero, /dev/null, folder, dangling link, socket) given to every command that
  reads a file.

A finding is an exception out of a command (a traceback), an exit code other than 0 or 2, an exit 2
without a message, or a control character in what was printed. Usage:

    python scripts/sweep_inputs.py [--quick] [--workers N]

Prints one line per kind with the number of cases and findings, the findings themselves, and exits 1 if
there were any.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import math
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from tests.robustness.helpers import (  # noqa: E402
    CONTROL,
    LOCATED,
    SPECIAL_FILES,
    make_special,
    node_paths,
    replaced,
)

HUGE = "SWEEP-HUGE-INTEGER"

HOSTILE: list[Any] = [
    "\x00",
    "Un\x00ion",
    "\x1b[31mred",
    "\x9b2J",
    "a\u200bb",
    "\u202etxet",
    "\ufeff",
    "line\nbreak",
    "\t",
    "{",
    "}",
    "{owner:>999999999}",
    "{0}",
    "{target} {onwer}",
    "x" * 5000,
    "",
    "NO",
    "javascript:alert(1)",
    0,
    -1,
    2**63,
    10**30,
    1e308,
    -1e308,
    math.inf,
    math.nan,
    HUGE,
    None,
    True,
    [],
    {},
    {"unknown_key": 1},
]


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def command(argv: list[str], stdin: str | None = None) -> tuple[int | str, str]:
    """Run a command in-process: (exit code, or 'exception: ...', and everything it printed)."""
    from negotiator.cli import main

    out = io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code: int | str = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    except BaseException as exc:  # this is what the sweep looks for
        code = "exception: " + "".join(traceback.format_exception_only(exc)).strip()[:300]
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue()


def verdict(argv: list[str], code: int | str, printed: str, located: bool = False) -> str | None:
    if isinstance(code, str):
        return f"{' '.join(argv[:2])}: {code}"
    if code not in (0, 2):
        return f"{' '.join(argv[:2])}: exit {code}"
    if code == 2 and not printed.strip():
        return f"{' '.join(argv[:2])}: exit 2 without a message"
    if located and code == 2:
        rows = [r for r in printed.splitlines() if r.strip() and not r.endswith("are invalid")]
        if not all(LOCATED.match(r) for r in rows):
            return f"{' '.join(argv[:2])}: unlocated problem: {rows[:1]}"
    if CONTROL.search(printed.replace("\n", "").replace("\t", "")):
        return f"{' '.join(argv[:2])}: a control character was printed"
    return None


# --- scenarios -------------------------------------------------------------------------------------------


def scenario_cases(quick: bool) -> list[tuple[str, tuple[Any, ...], int]]:
    from negotiator.scenario.yaml_source import parse_yaml

    cases = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        data, _ = parse_yaml(path.read_text(encoding="utf-8"))
        for node in node_paths(data):
            for index in range(len(HOSTILE) + 3):
                cases.append((str(path), node, index))
    return cases[::17] if quick else cases


_PARSED: dict[str, Any] = {}


def scenario_case(case: tuple[str, tuple[Any, ...], int]) -> tuple[str, str | None]:
    import yaml

    from negotiator.scenario.yaml_source import parse_yaml

    source, node, index = case
    if source not in _PARSED:
        _PARSED[source] = parse_yaml(Path(source).read_text(encoding="utf-8"))[0]
    data = _PARSED[source]
    original = data
    for part in node:
        original = original[part]
    extra = [[copy.deepcopy(original)] * 60, nested(70), {"x": copy.deepcopy(original)}]
    value = (HOSTILE + extra)[index]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(replaced(data, node, value), Dumper=dumper, allow_unicode=True, sort_keys=False)
    text = text.replace(HUGE, "9" * 5000)
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "hostile.yaml"
        file.write_text(text, encoding="utf-8")
        argv = ["validate", str(file)]
        code, printed = command(argv)
        found = verdict(argv, code, printed, located=True)
        outcome = "accepted" if code == 0 else "refused"
        if found is None and code == 0:
            for argv in (
                ["simulate", "--scenario", str(file), "--games", "1"],
                ["analyze", "--scenario", str(file)],
                ["briefs", "--scenario", str(file), "--out", str(Path(folder) / "kit")],
            ):
                code, printed = command(argv)
                found = verdict(argv, code, printed) or (None if code == 0 else f"{argv[0]}: exit {code}")
                if found:
                    break
    return outcome, None if found is None else f"{Path(source).name} {node} <- {value!r:.40}: {found}"


# --- saves -----------------------------------------------------------------------------------------------


def save_bytes() -> bytes:
    from negotiator.engine.saves import dumps_save, save_document
    from negotiator.scenario import scenario_content_hash
    from tests.robustness.helpers import TUTORIAL, scripted_game

    return dumps_save(save_document(scripted_game(), scenario_content_hash(TUTORIAL), str(TUTORIAL))).encode()


RETYPES: list[Any] = [None, True, 0, -1, 1.5, "x", "", [], {}, "\x1b[31m", "a\x00b", 2**70]
ENLARGE = ["9" * 5000, "1e999", "NaN", '"' + "x" * 1_000_000 + '"', "[" + ",".join(["1"] * 200_000) + "]"]


def save_cases(quick: bool) -> list[tuple[str, Any]]:
    data = save_bytes()
    doc = json.loads(data)
    cases: list[tuple[str, Any]] = []
    for node in node_paths(doc):
        cases += [("retype", (node, k)) for k in range(len(RETYPES))]
        cases += [("nest", (node, depth)) for depth in (65, 100_000)]
        cases += [("enlarge", (node, k)) for k in range(len(ENLARGE))]
    cases += [("truncate", n) for n in range(0, len(data), 7)]
    cases += [("flip", (n, bit)) for n in range(0, len(data), 11) for bit in (0, 5, 7)]
    return cases[::23] if quick else cases


_SAVE: bytes | None = None


def save_case(case: tuple[str, Any]) -> tuple[str, str | None]:
    global _SAVE
    if _SAVE is None:
        _SAVE = save_bytes()
    data = _SAVE
    kind, arg = case
    if kind == "truncate":
        damaged = data[:arg]
    elif kind == "flip":
        at, bit = arg
        damaged = data[:at] + bytes([data[at] ^ (1 << bit)]) + data[at + 1 :]
    else:
        node, k = arg
        marker = "SWEEP-MARKER"
        value = RETYPES[k] if kind == "retype" else marker
        text = json.dumps(replaced(json.loads(data), node, value))
        if kind == "nest":
            text = text.replace(json.dumps(marker), "[" * k + "1" + "]" * k)
        elif kind == "enlarge":
            text = text.replace(json.dumps(marker), ENLARGE[k])
        damaged = text.encode()
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "save.json"
        file.write_bytes(damaged)
        argv = ["replay", str(file)]
        code, printed = command(argv)
        found = verdict(argv, code, printed)
        if found is None and code == 2 and not printed.startswith(f"replay: {file}: "):
            found = f"replay: message does not name the file: {printed[:80]!r}"
    return ("replayed" if code == 0 else "refused"), None if found is None else f"save {kind} {arg!r:.60}: {found}"


# --- settings --------------------------------------------------------------------------------------------


def settings_cases(quick: bool) -> list[tuple[tuple[Any, ...], int]]:
    doc = {"window_size": [1280, 720], "fullscreen": False, "ui_scale": 1.0, "colourblind": False,
           "text_size": "normal", "animation_speed": 1.0, "sound": True}  # fmt: skip
    return [(node, k) for node in node_paths(doc) for k in range(len(HOSTILE) + 1)]


def settings_case(case: tuple[tuple[Any, ...], int]) -> tuple[str, str | None]:
    from negotiator.ui.settings import Settings, load_settings

    node, k = case
    doc = {"window_size": [1280, 720], "fullscreen": False, "ui_scale": 1.0, "colourblind": False,
           "text_size": "normal", "animation_speed": 1.0, "sound": True}  # fmt: skip
    value = [*HOSTILE, nested(100_000)][k]
    if value is HOSTILE[HOSTILE.index(HUGE)]:
        text = json.dumps(replaced(doc, node, "M")).replace('"M"', "9" * 5000)
    elif isinstance(value, list) and len(value) == 1 and isinstance(value[0], list):
        text = json.dumps(replaced(doc, node, "M")).replace('"M"', "[" * 100_000 + "]" * 100_000)
    else:
        text = json.dumps(replaced(doc, node, value))
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "settings.json"
        file.write_text(text)
        try:
            settings, notice = load_settings(file)
        except BaseException as exc:
            return "exception", f"settings {node} <- {value!r:.40}: {type(exc).__name__}: {exc}"[:300]
        if not isinstance(settings, Settings):
            return "bad", f"settings {node}: not a Settings"
        if notice is not None and not (Path(folder) / "settings.json.bad").exists():
            return "bad", f"settings {node} <- {value!r:.40}: the bad file was not kept aside"
        return ("kept" if notice is None else "defaults"), None


# --- text mode -------------------------------------------------------------------------------------------

WORDS = [
    "offer", "accept", "reject", "counter", "lever", "redline", "end", "status", "issues", "levers", "offers",
    "log", "help", "save", "fac", "inject", "adjust", "bulletin", "deadline", "events", "meters",
    "pay=pay_3", "breaks=breaks_30", "strike", "authority", "union", "disruption", "public_support@union",
    "editorial", "1", "0", "-1", "99999999999999999999999", "nan", "inf", "1e309", "=x", "{owner}", "a" * 300,
    "\x00", "\x1b[2J", "\u200b", "\x9b", "../../x", "~/sweep-home-file", "Київ", "'", '"', "\\",
]  # fmt: skip


def text_cases(quick: bool) -> list[list[str]]:
    lines = [f"{a} {b}" for a in WORDS for b in WORDS] + [f"fac {a} {b}" for a in WORDS[14:22] for b in WORDS]
    lines = [line for line in lines if not line.startswith(("save ~", "save ../"))]
    chunks = [lines[i : i + 60] for i in range(0, len(lines), 60)]
    return chunks[::9] if quick else chunks


def text_case(lines: list[str]) -> tuple[str, str | None]:
    from tests.robustness.helpers import TUTORIAL

    argv = ["text", "--scenario", str(TUTORIAL), "--facilitator"]
    code, printed = command(argv, "\n".join(lines) + "\nquit\n")
    found = verdict(argv, code, printed)
    if found is None and code != 0:
        found = f"text: exit {code}"
    return "played", None if found is None else f"text lines {lines[:2]!r:.80}...: {found}"


# --- special files ---------------------------------------------------------------------------------------


def special_cases(quick: bool) -> list[tuple[str, int]]:
    return [(kind, k) for kind in SPECIAL_FILES for k in range(6)]


def special_case(case: tuple[str, int]) -> tuple[str, str | None]:
    kind, k = case
    with tempfile.TemporaryDirectory() as folder:
        path, server = make_special(kind, Path(folder) / "special.json")
        argv = [
            ["replay", str(path)],
            ["report", str(path), "--out", str(Path(folder) / "r.html")],
            ["text", "--load", str(path)],
            ["validate", str(path)],
            ["analyze", "--scenario", str(path)],
            ["briefs", "--scenario", str(path), "--out", str(Path(folder) / "kit")],
        ][k]
        started = time.perf_counter()
        code, printed = command(argv, "quit\n")
        found = verdict(argv, code, printed) or (None if code == 2 else f"{argv[0]} on a {kind}: exit {code}")
        if time.perf_counter() - started > 10:
            found = f"{argv[0]} on a {kind}: took {time.perf_counter() - started:.0f} s"
        if server is not None:
            server.close()
            path.unlink()
    return "refused", None if found is None else f"{kind}: {found}"


# --- running ---------------------------------------------------------------------------------------------

KINDS = {
    "scenario values": (scenario_cases, scenario_case),
    "damaged saves": (save_cases, save_case),
    "settings values": (settings_cases, settings_case),
    "text-mode lines": (text_cases, text_case),
    "special files": (special_cases, special_case),
}


def _init() -> None:
    data = tempfile.mkdtemp(prefix="sweep-data-")
    os.environ["NEGOTIATOR_DATA_DIR"] = data
    os.environ["HOME"] = tempfile.mkdtemp(prefix="sweep-home-")


def _run(args: tuple[str, Any]) -> tuple[str, str, str | None]:
    kind, case = args
    outcome, found = KINDS[kind][1](case)
    return kind, outcome, found


def sweep(quick: bool, workers: int) -> Iterator[tuple[str, int, dict[str, int], list[str]]]:
    _init()
    for kind, (cases_of, _) in KINDS.items():
        cases = cases_of(quick)
        started = time.perf_counter()
        outcomes: dict[str, int] = {}
        findings: list[str] = []
        with ProcessPoolExecutor(max_workers=workers, initializer=_init) as pool:
            for _, outcome, found in pool.map(_run, [(kind, c) for c in cases], chunksize=8):
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                if found:
                    findings.append(found)
        outcomes["seconds"] = round(time.perf_counter() - started)
        yield kind, len(cases), outcomes, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a sample of every kind (a few minutes)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    total = bad = 0
    for kind, count, outcomes, findings in sweep(args.quick, args.workers):
        total += count
        bad += len(findings)
        detail = ", ".join(f"{k} {v}" for k, v in outcomes.items())
        print(f"{kind}: {count:,} cases ({detail}); {len(findings)} finding(s)", flush=True)
        for finding in findings[:50]:
            print(f"  {finding}", flush=True)
    print(f"total: {total:,} cases, {bad} finding(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
