"""``python -m cafe_loyalty <command>``: the CLI, with no Qt loaded."""

import sys

from .cli import main

sys.exit(main())
