"""Write printable classroom briefs: one HTML page per playable role, a teacher's guide with all
confidential information, every role in one file for printing, and an index linking them. The pages are
self-contained (no internet needed) and print on A4 or Letter. An invalid scenario, or a folder that cannot
be written (full, read-only, a file in the way), exits with code 2."""

from __future__ import annotations

import argparse
import sys

from negotiator.cli_support import DEFAULT_HELP, load_scenario_or_report, path_arg, scenario_or_default


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", type=path_arg, help=DEFAULT_HELP)
    parser.add_argument("--out", required=True, metavar="DIR", type=path_arg, help="folder to write the pages into")


def run(args: argparse.Namespace) -> int:
    from negotiator.classroom.briefs import write_briefs

    path = scenario_or_default("briefs", args.scenario)
    if path is None:
        return 2
    scenario = load_scenario_or_report("briefs", path, f"{path} is not a valid scenario; nothing was written")
    if scenario is None:
        return 2
    shown = f" --scenario {args.scenario}" if args.scenario else ""
    try:
        written = write_briefs(scenario, args.out, scenario_arg=shown)
    except OSError as error:
        print(f"briefs: {error}", file=sys.stderr)
        return 2
    print(f"{scenario.metadata.title}: wrote {len(written)} pages to {args.out}")
    for page in written:
        print(f"  {page}")
    return 0
