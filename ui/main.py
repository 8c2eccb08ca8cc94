"""The ``cafe-loyalty`` entry point: CLI commands go to the core without loading Qt;
anything else starts the till window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

# The core is imported here, before Qt: once PySide6.QtCore is loaded it reads the source of
# every module imported after it (for its opt-in ``__feature__`` switches), which made the
# core's imports about half as slow again (measured with bench/start.py).
from cafe_loyalty import __version__
from cafe_loyalty.cli import main as cli_main
from cafe_loyalty.cli import wants_cli


def parse_app_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cafe-loyalty",
        description="Start the till. Run 'cafe-loyalty --help-cli' for the command-line tools.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file (default: your user data folder), or postgresql://user@host/cafe for several tills",
    )
    parser.add_argument("--lang", choices=("en", "fa"), help="the language for this run (default: the café's setting)")
    parser.add_argument(
        "--customer-display", action="store_true", help="also open the customer display (on a second screen if any)"
    )
    parser.add_argument("--version", action="version", version=f"cafe-loyalty {__version__}")
    parser.add_argument("--help-cli", action="store_true", help="list the command-line commands")
    parser.add_argument("--self-test", action="store_true", help="check this installation end to end, then exit")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if wants_cli(argv):
        return cli_main(argv)
    args = parse_app_args(argv)
    if args.help_cli:
        return cli_main(["--help"])
    if args.self_test:
        from cafe_loyalty_ui.self_test import run_self_test

        return run_self_test()
    from cafe_loyalty_ui.platform_check import install_advice, missing_xcb_libraries

    missing = missing_xcb_libraries(os.environ)
    if missing:  # Qt would abort with a message nobody at a café can act on
        print(install_advice(missing), file=sys.stderr)
        return 1
    from cafe_loyalty_ui.app import run  # Qt is imported only when a window is wanted

    return run(db=args.db, language=args.lang, customer_display=args.customer_display)


if __name__ == "__main__":
    sys.exit(main())
