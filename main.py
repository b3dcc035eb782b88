"""Entry point in a source checkout: `python main.py [COMMAND ...]` does what the `negotiator` console script does.

It plays this checkout's own scenarios, themes, fonts and sounds (the top-level folders that a built wheel carries
as package data), whether or not the checkout is installed.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    from negotiator import resources
    from negotiator.cli import main

    resources.use_source_tree(Path(__file__).resolve().parent)
    sys.exit(main())
