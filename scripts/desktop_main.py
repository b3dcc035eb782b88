"""Entry point of the desktop build (scripts/build_desktop.py): the `negotiator` command, frozen.

Kept apart from main.py, which is the source checkout's launcher and hands the checkout's folders to the game;
a frozen build reads its built-in files from its own folder.
"""

import multiprocessing
import sys

from negotiator.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `simulate --workers N` starts worker processes from this executable
    sys.exit(main())
