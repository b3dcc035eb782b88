"""The command line: `python main.py COMMAND` or `negotiator COMMAND`.

Each subcommand lives in its own module under `negotiator.commands` with `add_arguments(parser)` and
`run(args) -> int`; this file only maps names to modules. Only commands print or choose exit codes.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from negotiator import __version__

# name -> (module under negotiator.commands, one-line help). Order is the order shown in --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("play", "open the game window (the default when no command is given)"),
    "validate": ("validate", "check scenario files and report every problem with its line"),
    "schema": ("schema", "print the JSON Schema of the scenario format"),
    "new-scenario": ("new_scenario", "write a commented template scenario to fill in"),
    "analyze": ("analyze", "show the outcome space, Pareto frontier and Nash point"),
    "simulate": ("simulate", "let the AI play every role for many games and summarise the results"),
    "text": ("text", "play in the terminal against the AI (or hotseat with several --role)"),
    "demo": ("demo", "let the computer play every side on screen (for a projector or a shop window)"),
    "replay": ("replay", "re-run a saved game, verify it matches, and print its turn records"),
    "briefs": ("briefs", "write printable role briefs and a teacher's guide (HTML) for a classroom session"),
    "report": ("report", "write the debrief report of a saved game (HTML), or its turn log as JSON or CSV"),
    "doctor": ("doctor", "check this installation: versions, display and sound, where files live, built-in scenarios"),
}

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="negotiator",
        description="Negotiator: a diplomatic negotiation simulation. With no command, the game window opens.",
    )
    parser.add_argument("--version", action="version", version=f"negotiator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"negotiator.commands.{module_name}")
        cmd = sub.add_parser(name, help=help_text, description=(module.__doc__ or help_text).strip())
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list:
        args_list = ["play"]
    args = parser.parse_args(args_list)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
