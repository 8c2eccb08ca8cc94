"""``cafe-loyalty <command>``: the same services as the till, for scripts and the owner.

Every command takes ``--db PATH`` and ``--json``. With ``--json`` exactly one JSON value goes
to stdout. Errors go to stderr with a non-zero exit code and change nothing (every service
call is one transaction). Split by command group (``regulars``, ``counter``, ``owner``), with the
grammar in ``parser``; the entry point's list of commands is read from the parser.

Never imports: replica, the till interface, Qt (the command line is the owner's and scripts'
front end on the services; the till's queue and copy are the till's own).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import peewee as pw

from cafe_loyalty.app import Cafe, default_db_path
from cafe_loyalty.cli.parser import build_parser
from cafe_loyalty.cli.regulars import cmd_customer_export
from cafe_loyalty.errors import CafeError, NotSetUp, StorageError, ValidationError
from cafe_loyalty.store.db import is_url
from cafe_loyalty.store.failures import describe


def wants_cli(argv: Sequence[str]) -> bool:
    """True when ``argv`` names a CLI command (the first word that is not an option)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--db", "--lang", "--branch"):
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return arg in command_names()
    return False


@functools.cache
def command_names() -> frozenset[str]:
    """The commands the parser knows: the one list, so the entry point can never forget one
    (it once lost ``db``, and ``cafe-loyalty db copy`` started the till's parser instead)."""
    return frozenset(subcommands(build_parser()))


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """A parser's subcommands by name (empty for a leaf command)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


# Commands that may run where no café was set up: setup makes one, and restoring a backup
# moves a café onto a new computer. Every other command is refused there and creates no file.
_WITHOUT_CAFE = ("cmd_setup", "cmd_backup_restore", "cmd_backup_verify")


def _bad_text(args: argparse.Namespace) -> str | None:
    """An argument that is not valid UTF-8 (the shell passes such bytes as lone surrogates)."""
    for value in vars(args).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and any("\ud800" <= ch <= "\udfff" for ch in item):
                return item.encode("utf-8", "backslashreplace").decode("ascii", "replace")[:60]
    return None


def _open(args: argparse.Namespace) -> Cafe:
    target = getattr(args, "db", None)
    if target is not None and not target.strip():  # "" would quietly mean the default café
        raise ValidationError("--db needs a file or a server address; it cannot be empty.")
    name = args.func.__name__
    if target and is_url(target):  # a PostgreSQL server: the café is there or it is not
        cafe = Cafe.open(target)
        if name not in _WITHOUT_CAFE and not cafe.is_set_up:
            cafe.close()
            raise NotSetUp(
                "This café is not set up yet. Set it up first: cafe-loyalty setup NAME --owner NAME --pin PIN"
            )
        return cafe
    path = Path(target) if target else default_db_path()
    if name not in _WITHOUT_CAFE and not path.exists():
        raise NotSetUp(
            "There is no café at {file} yet. Set it up first: cafe-loyalty setup NAME --owner NAME --pin PIN",
            file=path,
        )
    cafe = Cafe.open(path)
    if name not in _WITHOUT_CAFE and not cafe.is_set_up:
        cafe.close()
        raise NotSetUp("This café is not set up yet. Set it up first: cafe-loyalty setup NAME --owner NAME --pin PIN")
    return cafe


def _run(args: argparse.Namespace) -> tuple[Any, str]:
    """Open the café and run the command; every failure meant for a person is a CafeError."""
    bad = _bad_text(args)
    if bad is not None:
        raise ValidationError("An argument is not valid UTF-8 text: {text}", text=bad)
    try:
        if getattr(args, "no_cafe", False):  # works on two databases it opens itself
            return args.func(args)
        cafe = _open(args)
        try:
            if getattr(args, "branch", None) is not None:  # this command acts in that branch
                cafe.branches.choose(cafe.branches.named(args.branch).id)
            return args.func(cafe, args)
        finally:
            cafe.close()
    except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
        # A failure the service did not translate (a damaged table meets any read).
        if isinstance(exc, pw.IntegrityError | sqlite3.IntegrityError):
            raise
        raise describe(exc) from exc


def _emit(data: Any, text: str, as_json: bool) -> int:
    try:
        if as_json:
            json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
            sys.stdout.write("\n")
        else:
            print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): the command's work is done; say nothing more.
        # Python's own advice: point stdout at devnull so the exit flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        print(f"error: could not write the output: {exc.strerror or exc}", file=sys.stderr)
        return StorageError.exit_code
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    # A message quoting odd input must never fail to print.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # usage errors (exit 2, message printed), --help and --version
        return exc.code if isinstance(exc.code, int) else 2
    try:
        data, text = _run(args)
    except CafeError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    return _emit(data, text, getattr(args, "json", False) or args.func is cmd_customer_export)
