"""Entry point: `python main.py [COMMAND ...]` does what the `negotiator` console script does."""

import sys

from negotiator.cli import main

if __name__ == "__main__":
    sys.exit(main())
