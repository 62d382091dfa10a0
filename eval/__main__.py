"""`python -m secondround.eval` (or `python -m eval` from the repository root)."""

import sys

from .runner import main

raise SystemExit(main(sys.argv[1:]))
