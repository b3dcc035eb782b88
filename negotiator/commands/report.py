"""Write the debrief report of a saved game: one self-contained HTML page (charts inline, no internet
needed) to print, a projector version (--projector: large type, one idea per screen) or one team's copy
(--student ROLE: no other side's hidden numbers, with the team's own questions and a reflection sheet); or
the turn log as JSON or CSV (FILE and FILE-meters.csv), or a gradebook (--format gradebook: FILE, one row
per team, and FILE-offers.csv, each offer's value to each party) for grading in a spreadsheet. The save is
replayed and verified first: a truncated, edited or mismatched save (or a changed scenario file) exits with
code 2 and writes nothing, as does a file that cannot be written (a full disk, a read-only folder, a symbolic
link at FILE)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from negotiator.cli_support import builtin_scenarios, path_arg
from negotiator.engine.saves import SaveError, load_game

FORMATS = ("html", "json", "csv", "gradebook")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "save", metavar="SAVE", type=path_arg, help="a save file (from the game, `text`, or an autosave)"
    )
    parser.add_argument("--out", required=True, metavar="FILE", type=path_arg, help="the file to write")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="html (the report), json or csv (the turn log), gradebook (CSV: one row per team, and FILE-offers.csv "
        "with each offer's value to each party); default: from FILE's extension, else html",
    )
    view = parser.add_mutually_exclusive_group()
    view.add_argument(
        "--projector",
        action="store_true",
        help="the debrief to project: large type, one idea per screen (html only)",
    )
    view.add_argument(
        "--student",
        metavar="ROLE",
        help="the copy for the team playing ROLE: its own numbers only, its questions and a reflection sheet "
        "(html only)",
    )
    parser.add_argument("--scenario", type=path_arg, help="the scenario file, if it is not where the save says it was")
    parser.add_argument(
        "--no-par",
        action="store_true",
        help="leave out the comparison with computer-played games of each role (it takes a few seconds the first "
        "time for a scenario)",
    )


def output_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.out).suffix.lower().lstrip(".")
    return suffix if suffix in ("json", "csv") else "html"


def run(args: argparse.Namespace) -> int:
    from negotiator.classroom.report import write_report

    try:
        loaded = load_game(args.save, args.scenario, builtin_scenarios())
    except SaveError as error:
        print(f"report: {error.path}: {error.message}", file=sys.stderr)
        if error.hint:
            print(f"  hint: {error.hint}", file=sys.stderr)
        print("  nothing was written", file=sys.stderr)
        return 2
    fmt = output_format(args)
    projector, student = bool(getattr(args, "projector", False)), getattr(args, "student", None)
    if (projector or student) and fmt != "html":
        print(f"report: --{'projector' if projector else 'student'} writes html, not {fmt}", file=sys.stderr)
        return 2
    if student is not None:
        playable = [a.id for a in loaded.scenario.negotiators if a.id in loaded.scenario.preferences]
        if student not in playable:
            print(f"report: --student {student}: not a role here; choose from: {', '.join(playable)}", file=sys.stderr)
            return 2
    par = None
    if fmt in ("html", "gradebook") and loaded.state.is_over() and not args.no_par:
        from negotiator import paths
        from negotiator.engine.par import par_for

        par = par_for(loaded.scenario, loaded.state.settings.turns, cache_dir=paths.cache_dir())
    try:
        written = write_report(
            loaded.state,
            loaded.scenario,
            args.out,
            fmt,  # type: ignore[arg-type]
            par=par,
            projector=projector,
            student=student,
        )
    except OSError as error:
        print(f"report: {error}", file=sys.stderr)
        return 2
    state = loaded.state
    status = f"finished in turn {state.ending.turn}" if state.ending else f"saved during turn {state.turn}"
    print(
        f"{loaded.scenario.metadata.title}, seed {state.seed} ({status}): wrote " + ", ".join(str(p) for p in written)
    )
    return 0
