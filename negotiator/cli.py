"""The command line: `python main.py COMMAND` or `negotiator COMMAND`.

Each subcommand lives in its own module under `negotiator.commands` with `add_arguments(parser)` and
`run(args) -> int`; this file only maps names to modules. Only commands print or choose exit codes.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
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
    "host": ("host", "host a whole class: many tables, each student on their own computer (see docs/classroom.md)"),
    "join": ("join", "join a class someone is hosting and play your seat in the terminal"),
    "doctor": ("doctor", "check this installation: versions, display and sound, where files live, built-in scenarios"),
}

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
MAX_SEED = 2**63 - 1


def _install(handler: object) -> object:
    """Set the SIGINT handler (main thread only; elsewhere, as in some test runners, leave it) and return
    the previous one."""
    try:
        return signal.signal(signal.SIGINT, handler)  # type: ignore[arg-type]
    except (ValueError, TypeError):  # not the main thread, or no handler to restore
        return handler


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


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C while the command modules are still importing: stop quietly, without a traceback."""
    sys.stderr.write("interrupted\n")
    os._exit(130)


_interrupted_while_starting.starting = True  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    handler = _install(_interrupted_while_starting)
    try:
        parser = build_parser()
    finally:
        # from here on Ctrl-C is a KeyboardInterrupt again (text mode autosaves on it), unless it was ignored
        _install(signal.default_int_handler if getattr(handler, "starting", False) else handler)
    if not args_list:
        args_list = ["play"]
    args = parser.parse_args(args_list)
    seed = getattr(args, "seed", None)
    if isinstance(seed, int) and not -MAX_SEED <= seed <= MAX_SEED:  # a save keeps the seed as a 64-bit int
        parser.error(f"--seed must be a whole number between {-MAX_SEED} and {MAX_SEED}")
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
