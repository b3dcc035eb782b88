"""Open the game window (the default command): title, scenario choice, setup, the table.

On a machine without a display this prints one line pointing to the text mode and exits with 2.
"""

from __future__ import annotations

import argparse

from negotiator.cli_support import file_arg


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", type=file_arg, help="scenario file to open (default: choose in the window)")
    parser.add_argument(
        "--role", action="append", default=[], metavar="ID", help="actor id played by a human (repeatable)"
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed for the game")
    parser.add_argument("--frames", type=int, default=None, help=argparse.SUPPRESS)  # smoke tests: stop after N
    # the last frame as a PNG (smoke tests)
    parser.add_argument("--screenshot", type=file_arg, default=None, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from negotiator.ui.game import run_game  # pygame loads only when the window is wanted

    return run_game(args.scenario, tuple(args.role), args.seed, max_frames=args.frames, screenshot=args.screenshot)
