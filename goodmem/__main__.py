"""`python -m goodmem`: the `goodmem` command (see `goodmem --help`)."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
