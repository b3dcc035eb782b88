"""Entry point: `python main.py [COMMAND ...]` does what the `negotiator` console script does."""

import _signal  # the C module, imported at once (`signal` builds enums: long enough to be interrupted)
import os
import sys


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C while the program is still importing: stop quietly (no traceback), as after start-up."""
    sys.stderr.write("interrupted\n")
    os._exit(130)


_interrupted_while_starting.starting = True  # type: ignore[attr-defined]  # negotiator.cli.main looks for it

if __name__ == "__main__":
    _signal.signal(_signal.SIGINT, _interrupted_while_starting)  # negotiator.cli.main restores the default
    from negotiator.cli import main

    sys.exit(main())
