"""The owner's commands: setup, backups, copying between engines, settings, staff, reports and the experiment."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cafe_loyalty.app import Cafe
from cafe_loyalty.cli.arguments import _new_passphrase, _owner, _passphrase, _safe_address
from cafe_loyalty.cli.chain import branch_of
from cafe_loyalty.cli.output import _auto_text, _backup_text, _completion_text, _experiment_text, _share
from cafe_loyalty.errors import AlreadyRunning, CafeError, NotFound, NotSetUp, ValidationError
from cafe_loyalty.services.auto_backups import check_passphrase
from cafe_loyalty.store.copying import copy_cafe
from cafe_loyalty.store.db import AppLock, connect, is_url, peek_version
from cafe_loyalty.store.migrations import check_version


def cmd_setup(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    cafe.set_up(args.cafe_name, args.owner or "", args.pin or "", args.language, args.country or "")
    settings = cafe.settings.all()
    return settings, f"Café set up: {settings['cafe_name']}"


def cmd_backup_create(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    out = Path(args.out) if args.out else cafe.path.parent / "backups"
    if not args.out:
        out.mkdir(parents=True, exist_ok=True)
    summary = cafe.backups.create(out, passphrase=_passphrase(args), by=owner)
    return summary.to_json(), "Backup written: " + _backup_text(summary)


def cmd_export_csv(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    tables = [t.strip() for t in args.tables.split(",") if t.strip()] if args.tables else None
    done = cafe.backups.export_spreadsheets(args.out, tables, by=owner)
    lines = [f"  {name}: {rows} rows" for name, rows in done.files.items()]
    return done.to_json(), "\n".join([f"Spreadsheets written to {done.folder}", *lines])


def cmd_backup_verify(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    summary = cafe.backups.verify(args.file, _passphrase(args), by=owner)
    return summary.to_json(), "Backup is good: " + _backup_text(summary)


def cmd_backup_restore(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    try:
        lock = AppLock(cafe.path).acquire()
    except CafeError as exc:
        raise AlreadyRunning("The till is open on this database. Close it, then restore.") from exc
    try:
        summary = cafe.backups.verify(args.file, _passphrase(args), by=owner)
        now = cafe.backups.current_counts()
        if not args.yes:
            question = (
                f"This replaces the current database ({now.get('customer', 0)} customers, {now.get('stamp', 0)} "
                f"stamps) with the backup of {summary.created_at} ({summary.counts.get('customer', 0)} customers, "
                f"{summary.counts.get('stamp', 0)} stamps). A safety copy is kept."
            )
            if not sys.stdin.isatty():
                raise ValidationError(question + " Add --yes to go ahead.")
            if input(question + " Restore? [y/N] ").strip().lower() not in ("y", "yes"):
                raise ValidationError("Nothing was restored.")
        result = cafe.backups.restore(args.file, _passphrase(args), by=owner)
    finally:
        lock.release()
    text = f"Restored {summary.path}. The previous database was saved as {result.safety_copy}"
    if result.forgotten_again:
        text += f"\n{result.forgotten_again} customer(s) forgotten since this backup was made were forgotten again."
    return result.to_json(), text


def cmd_backup_snapshots(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    shots = [str(p) for p in cafe.backups.snapshots()]
    return shots, "\n".join(shots) or "No snapshots yet (one is taken each day the till is opened)."


def cmd_backup_auto(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    """``--folder`` chooses the folder and ``--encrypt`` the passphrase (owner); ``run`` writes
    what is due (for a scheduled task)."""
    if args.encrypt and args.no_encrypt:
        raise ValidationError("Choose one of --encrypt and --no-encrypt.")
    changed = args.folder is not None or args.encrypt or args.no_encrypt
    if changed:
        owner = _owner(cafe, args)
        # Asked and checked before anything changes: a refused passphrase leaves the folder as it was.
        passphrase = check_passphrase(_new_passphrase(args)) if args.encrypt else None
        if args.folder is not None:
            status = cafe.auto_backups.choose_folder(args.folder, by=owner)
        if passphrase is not None:
            status = cafe.auto_backups.set_passphrase(passphrase, by=owner)
        elif args.no_encrypt:
            status = cafe.auto_backups.set_passphrase(None, by=owner)
        if args.what != "run":
            return status.to_json(), _auto_text(status)
    if args.what == "run":
        done = cafe.auto_backups.run(force=args.force)
        text = (f"Written and verified: {done.written}" if done.written else "Nothing due now.") + (
            f"\nRotated away: {len(done.deleted)} older backup(s)." if done.deleted else ""
        )
        return done.to_json(), text + "\n" + _auto_text(done.status)
    status = cafe.auto_backups.status()
    return status.to_json(), _auto_text(status)


def cmd_backup_status(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    status = cafe.auto_backups.status()
    reminder = cafe.backups.reminder()
    text = _auto_text(status) + ("\nThe monthly backup is due." if reminder.due else "\nThe monthly backup is done.")
    return {**status.to_json(), "monthly_due": reminder.due}, text


def cmd_db_copy(args: argparse.Namespace) -> tuple[Any, str]:
    """Everything from one database to another (a SQLite file or a PostgreSQL address each),
    verified table by table, in one transaction on the target."""
    for given in (args.source, args.target):
        if not str(given).strip():  # "" would mean the default café, which nobody named
            raise ValidationError("Name both databases: --from and --to cannot be empty.")
    if str(args.source) == str(args.target):
        raise ValidationError("The source and the target are the same database.")
    if not is_url(args.source) and not Path(args.source).is_file():
        raise NotSetUp("There is no café at {file}.", file=args.source)
    # Both files are read before anything is written or locked: another program's database
    # (or a newer café) is refused as it was found, with no lock file left beside it.
    for given in (args.source, args.target):
        if not is_url(given):
            check_version(peek_version(Path(given)))
    locks: list[AppLock] = []
    try:
        for given in (args.source, args.target):
            if not is_url(given):
                locks.append(AppLock(Path(given)).acquire())
    except CafeError:
        for lock in locks:
            lock.release()
        raise
    try:
        source = Cafe.open(args.source)
        try:
            if not source.is_set_up:
                raise NotSetUp("The café to copy is not set up; there is nothing to copy.")
            target = connect(args.target)
            try:
                result = copy_cafe(source.db, target, replace=args.yes)
            finally:
                target.close()
        finally:
            source.close()
    finally:
        for lock in locks:
            lock.release()
    shown = ", ".join(f"{n} {t}" for t, n in result.counts.items() if n and t in ("customer", "card", "stamp", "visit"))
    text = (
        f"Copied {result.rows} rows ({shown}) from {_safe_address(args.source)} to {_safe_address(args.target)}; "
        "every table was counted and checksummed on both sides."
    )
    return {"counts": result.counts, "checksums": result.checksums}, text


def cmd_db_password(args: argparse.Namespace) -> tuple[Any, str]:
    """Keep (or forget) this till's password for a server in the computer's password store."""
    import getpass

    from cafe_loyalty.store import passwords

    if not is_url(args.db or ""):
        raise ValidationError("Give the server's address: --db postgresql://user@host/database.")
    if args.forget:
        passwords.keep(args.db, None)
        return {"kept": False}, f"The password for {_safe_address(args.db)} is no longer kept on this computer."
    password = getpass.getpass(f"Password for {_safe_address(args.db)}: ")
    if not password:
        raise ValidationError("No password was typed; nothing was kept.")
    passwords.keep(args.db, password)
    return {"kept": True}, f"The password for {_safe_address(args.db)} is kept in this computer's password store."


def cmd_settings_show(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    settings = cafe.settings.all()
    return settings, "\n".join(f"{k} = {v}" for k, v in settings.items())


def cmd_settings_set(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    values = {}
    for pair in args.pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValidationError("Write settings as KEY=VALUE, not {pair!r}.", pair=pair[:60])
        values[key.strip()] = value
    settings = cafe.settings.update(by=_owner(cafe, args), **values)
    return settings, "\n".join(f"{k} = {v}" for k, v in settings.items())


def cmd_report(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    branch = branch_of(cafe, args)
    if args.what == "new-items":
        items = cafe.checkbacks.new_items(args.months, branch)
        lines = [
            f"{i.name}: added {i.added:%Y-%m-%d}; tried by {i.tried}, liked {i.liked} of {i.answered} asked, "
            f"had again by {i.again}"
            for i in items
        ]
        return [i.to_json() for i in items], "\n".join(lines) or "Nothing was added to the menu in that time."
    if args.what == "checkbacks":
        weeks = cafe.checkbacks.by_staff(args.weeks, branch)
        lines = [f"{w.staff}: {w.checkbacks} in the week of {w.week_of}" for w in weeks]
        return [w.to_json() for w in weeks], "\n".join(lines) or "No check-backs in that time."
    report = cafe.reports.programme(weeks=args.weeks, branch=branch)
    done = cafe.reports.completion(args.issued_from, args.issued_to, branch)
    c = done.completion
    lines = [
        f"Branch: {cafe.branches.get(branch).name}"
        if branch is not None
        else "The whole chain"
        if cafe.branches.is_chain()
        else "",
        f"Regulars: {report.regulars} ({report.active} came in the last 30 days, {report.new} new)",
        f"Last 30 days: {report.visits} visits, {report.rewards} rewards",
        f"Came back: {_share(report.return_rate)} ({report.came_back} of the {report.came_before} "
        "who came the 30 days before)",
        f"Cards issued {done.issued_from} to {done.issued_to}: {_completion_text(c)}",
        f"  median {c.median_days if c.median_days is not None else 'n/a'} days and "
        f"{c.median_purchases if c.median_purchases is not None else 'n/a'} purchases to the reward; "
        f"never a second purchase: {_share(c.one_purchase_share)}",
        f"  the study: {done.study_head_start:.0%} with a head start, {done.study_blank:.0%} with a blank card",
        "",
        "week of      visits  regulars  rewards",
        *(f"{w.start.isoformat()}  {w.visits:>6}  {w.regulars:>8}  {w.rewards:>7}" for w in report.weeks),
    ]
    lines = [line for n, line in enumerate(lines) if n or line]  # a single café's report starts at once
    return {**report.to_json(), "completion": done.to_json(), "branch": branch}, "\n".join(lines)


def cmd_experiment_start(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    status = cafe.experiments.start(args.arms, args.min_effect, args.seed, by=_owner(cafe, args))
    return status.to_json(), _experiment_text(status)


def cmd_experiment_status(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    status = cafe.experiments.current(branch_of(cafe, args))  # --branch: the regulars that branch enrolled
    if status is None:
        raise NotFound("There is no experiment yet. Start one with: experiment start")
    return status.to_json(), _experiment_text(status)


def cmd_experiment_stop(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    status = cafe.experiments.stop(args.keep, by=_owner(cafe, args))
    return status.to_json(), _experiment_text(status) + f"\nNew cards now use {status.kept}."


def cmd_experiment_export(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    path = cafe.experiments.export_cards(args.out, by=_owner(cafe, args))
    return {"path": str(path)}, f"Saved {path}"
