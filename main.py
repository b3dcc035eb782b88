"""Entry point in a source checkout: `python main.py [COMMAND ...]` does what the `negotiator` console script does.

It plays this checkout's own scenarios, themes, fonts and sounds (the top-level folders that a built wheel carries
as package data), whether or not the checkout is installed.
"""

import _signal  # the C module, imported at once (`signal` builds enums: long enough to be interrupted)
import os
import sys
from pathlib import Path


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C while the program is still importing: stop quietly (no traceback), as after start-up."""
    sys.stderr.write("interrupted\n")
    os._exit(130)


_interrupted_while_starting.starting = True  # type: ignore[attr-defined]  # negotiator.cli.main looks for it

if __name__ == "__main__":
    _signal.signal(_signal.SIGINT, _interrupted_while_starting)  # negotiator.cli.main restores the default
    from negotiator import resources
    from negotiator.cli import main

    resources.use_source_tree(Path(__file__).resolve().parent)
    sys.exit(main())
