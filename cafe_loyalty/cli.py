"""``cafe-loyalty <command>``: the same services as the till, for scripts and the owner.

Every command takes ``--db PATH`` and ``--json``. With ``--json`` exactly one JSON value goes
to stdout. Errors go to stderr with a non-zero exit code and change nothing (every service
call is one transaction).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__, backup
from .app import Cafe
from .db import AppLock
from .errors import AlreadyRunning, CafeError, TooSoon, ValidationError
from .services.views import CardView, CustomerSummary, CustomerView, HistoryEntry

COMMANDS = ("setup", "customer", "stamp", "redeem", "undo", "card", "settings", "staff", "backup")


def wants_cli(argv: Sequence[str]) -> bool:
    """True when ``argv`` names a CLI command (the first word that is not an option)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--db", "--lang"):
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return arg in COMMANDS
    return False


# -- output --------------------------------------------------------------------------------


def _slots(card: CardView) -> str:
    head = "◆" * min(card.head_start, card.filled)
    earned = "●" * card.earned
    return head + earned + "○" * max(0, card.slots - card.filled)


def _card_text(card: CardView) -> str:
    state = "  READY TO REDEEM" if card.redeemable else ""
    return f"card {card.code}  {_slots(card)}  {card.filled} of {card.slots}{state}"


def _customer_text(c: CustomerView) -> str:
    lines = [f"#{c.id}  {c.display_name}", f"  {_card_text(c.card)}"]
    for label, value in (("phone", c.phone), ("email", c.email), ("usual", c.usual), ("notes", c.notes)):
        if value:
            lines.append(f"  {label}: {value}")
    return "\n".join(lines)


def _summary_text(s: CustomerSummary) -> str:
    return f"#{s.id:<6} {(s.first_name + ' ' + s.last_name).strip():<32} {s.filled}/{s.slots}  {s.phone}"


def _history_text(h: HistoryEntry) -> str:
    what = {
        "issued": f"new card, {h.detail} stamps head start",
        "purchase": "stamp" + (" (guard overridden)" if h.forced else ""),
        "redemption": f"redeemed: {h.detail}",
    }[h.kind]
    void = f"  [undone: {h.void_reason}]" if h.voided else ""
    return f"  {h.at:%Y-%m-%d %H:%M} UTC  {what}  {h.staff}{void}"


def _customer_json(cafe: Cafe, c: CustomerView) -> dict[str, Any]:
    data = c.to_json()
    data["history"] = [h.to_json() for h in cafe.ledger.history(c.id, limit=20)]
    return data


# -- commands ------------------------------------------------------------------------------


def _staff_id(cafe: Cafe, args: argparse.Namespace) -> int:
    if getattr(args, "staff", None):
        return cafe.staff.get(int(args.staff)).id
    return cafe.staff.default().id


def cmd_setup(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    cafe.set_up(args.cafe_name, args.owner or "", args.pin or "")
    settings = cafe.settings.all()
    return settings, f"Café set up: {settings['cafe_name']}"


def cmd_customer_add(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    fields = {k: getattr(args, k) for k in ("last_name", "phone", "email", "usual", "notes") if getattr(args, k)}
    c = cafe.customers.add(args.first_name, by=_staff_id(cafe, args), **fields)
    return c.to_json(), "Added " + _customer_text(c)


def cmd_customer_edit(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    fields = {
        k: getattr(args, k)
        for k in ("first_name", "last_name", "phone", "email", "usual", "notes")
        if getattr(args, k) is not None
    }
    c = cafe.customers.update(cafe.customers.resolve(args.id), by=_staff_id(cafe, args), **fields)
    return c.to_json(), "Saved " + _customer_text(c)


def cmd_customer_find(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    found = cafe.customers.search(args.query, limit=args.limit)
    text = "\n".join(_summary_text(s) for s in found) or "No regular matches."
    return [s.to_json() for s in found], text


def cmd_customer_show(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    c = cafe.customers.get(cafe.customers.resolve(args.id))
    history = "\n".join(_history_text(h) for h in cafe.ledger.history(c.id, limit=20))
    return _customer_json(cafe, c), _customer_text(c) + "\n" + history


def cmd_stamp(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    card = cafe.ledger.current_card(cafe.customers.resolve(args.target))
    try:
        card = cafe.ledger.stamp(card.id, by=_staff_id(cafe, args), force=args.force)
    except TooSoon as exc:
        raise TooSoon(f"{exc.message} Use --force to stamp again anyway.", exc.minutes_ago) from exc
    return card.to_json(), "Stamped " + _card_text(card)


def cmd_redeem(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    card = cafe.ledger.current_card(cafe.customers.resolve(args.target))
    result = cafe.ledger.redeem(card.id, by=_staff_id(cafe, args))
    return result.to_json(), f"Redeemed: {result.reward}\nNew {_card_text(result.card)}"


def cmd_undo(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    result = cafe.ledger.undo(cafe.customers.resolve(args.target), args.reason, by=_staff_id(cafe, args))
    return result.to_json(), f"Undid the last {result.undone}. Now {_card_text(result.card)}"


def cmd_card_show(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    card = cafe.ledger.current_card(cafe.customers.resolve(args.target))
    return card.to_json(), _card_text(card)


def cmd_card_print(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    customer_id = cafe.customers.resolve(args.target)
    written = []
    if args.pdf:
        written.append(str(cafe.cards.save_pdf(customer_id, args.pdf)))
    if args.png:
        written.append(str(cafe.cards.save_png(customer_id, args.png)))
    if not written:
        raise ValidationError("Say where to save the card: --pdf FILE and/or --png FILE.")
    return {"customer_id": customer_id, "files": written}, "Saved " + ", ".join(written)


def cmd_card_sheet(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    ids = [cafe.customers.resolve(t) for t in args.targets]
    if args.new_since:
        try:
            day = dt.date.fromisoformat(args.new_since)
        except ValueError as exc:
            raise ValidationError(f"--new-since takes a date as YYYY-MM-DD, not {args.new_since!r}.") from exc
        ids += [i for i in cafe.cards.added_since(day) if i not in ids]
    path = cafe.cards.save_sheets(ids, args.pdf)
    pages = (len(ids) + 9) // 10
    return (
        {"customer_ids": ids, "cards": len(ids), "pages": pages, "file": str(path)},
        f"Saved {len(ids)} card(s) on {pages} A4 page(s) to {path}",
    )


def cmd_card_lookup(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    customer = cafe.cards.lookup(args.payload)
    return {"customer": customer.to_json(), "card": customer.card.to_json()}, _customer_text(customer)


def cmd_card_reissue(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    result = cafe.cards.reissue(cafe.customers.resolve(args.target), by=_staff_id(cafe, args))
    data = result.card.to_json()
    data["revoked_code"] = result.revoked_code
    return data, f"Card {result.revoked_code} revoked. New {_card_text(result.card)}"


def _owner(cafe: Cafe, args: argparse.Namespace) -> int:
    """Owner-only commands need the owner's PIN (``--owner-pin`` or CAFE_LOYALTY_OWNER_PIN)."""
    pin = getattr(args, "owner_pin", None) or os.environ.get("CAFE_LOYALTY_OWNER_PIN")
    return cafe.staff.unlock_owner(pin).id


def _passphrase(args: argparse.Namespace) -> str | None:
    return getattr(args, "passphrase", None) or os.environ.get("CAFE_LOYALTY_PASSPHRASE") or None


def _backup_text(summary: backup.BackupSummary) -> str:
    counts = summary.counts
    return (
        f"{summary.path}\n  made {summary.created_at} by cafe-loyalty {summary.app_version}, schema "
        f"{summary.schema_version}{', encrypted' if summary.encrypted else ''}\n  café: {summary.cafe_name}\n"
        f"  {counts.get('customer', 0)} customers, {counts.get('card', 0)} cards, {counts.get('stamp', 0)} stamps, "
        f"{counts.get('redemption', 0)} rewards; integrity {summary.integrity}"
    )


def cmd_backup_create(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    out = Path(args.out) if args.out else cafe.path.parent / "backups"
    if not args.out:
        out.mkdir(parents=True, exist_ok=True)
    summary = cafe.backups.create(out, passphrase=_passphrase(args), csv=not args.no_csv, by=owner)
    return summary.to_json(), "Backup written: " + _backup_text(summary)


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
    return result.to_json(), f"Restored {summary.path}. The previous database was saved as {result.safety_copy}"


def cmd_backup_snapshots(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    shots = [str(p) for p in cafe.backups.snapshots()]
    return shots, "\n".join(shots) or "No snapshots yet (one is taken each day the till is opened)."


def cmd_settings_show(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    settings = cafe.settings.all()
    return settings, "\n".join(f"{k} = {v}" for k, v in settings.items())


def cmd_settings_set(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    values = {}
    for pair in args.pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise CafeError(f"Write settings as KEY=VALUE, not {pair!r}.")
        values[key.strip()] = value
    settings = cafe.settings.update(by=_owner(cafe, args), **values)
    return settings, "\n".join(f"{k} = {v}" for k, v in settings.items())


def cmd_staff_list(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    staff = cafe.staff.list()
    return [vars(s) for s in staff], "\n".join(f"#{s.id}  {s.name}  ({s.role})" for s in staff)


# -- parser --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="database file")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    common.add_argument("--staff", metavar="STAFF_ID", default=argparse.SUPPRESS, help="act as this staff member")
    common.add_argument(
        "--owner-pin",
        metavar="PIN",
        default=argparse.SUPPRESS,
        help="owner's PIN for owner-only commands (or set CAFE_LOYALTY_OWNER_PIN)",
    )
    common.add_argument(
        "--passphrase", metavar="TEXT", default=argparse.SUPPRESS, help="backup passphrase (or CAFE_LOYALTY_PASSPHRASE)"
    )

    parser = argparse.ArgumentParser(
        prog="cafe-loyalty",
        description="Loyalty cards for a café: the till's services on the command line.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"cafe-loyalty {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(subparsers: Any, name: str, func: Callable[..., Any], help_text: str) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = command(sub, "setup", cmd_setup, "name the café (first run) and optionally create the owner")
    p.add_argument("cafe_name")
    p.add_argument("--owner", metavar="NAME")
    p.add_argument("--pin", metavar="PIN")

    customer = sub.add_parser("customer", help="add, find, show and edit regulars").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = command(customer, "add", cmd_customer_add, "add a regular (they get a card with its head start)")
    p.add_argument("first_name")
    for opt in ("--last-name", "--phone", "--email", "--usual", "--notes"):
        p.add_argument(opt)
    p = command(customer, "edit", cmd_customer_edit, "change a regular's details")
    p.add_argument("id", metavar="ID_OR_CARD_CODE")
    for opt in ("--first-name", "--last-name", "--phone", "--email", "--usual", "--notes"):
        p.add_argument(opt)
    p = command(customer, "find", cmd_customer_find, "search by name, phone or card code")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--limit", type=int, default=50)
    p = command(customer, "show", cmd_customer_show, "a regular's details, card and history")
    p.add_argument("id", metavar="ID_OR_CARD_CODE")

    for name, func, help_text in (
        ("stamp", cmd_stamp, "add one stamp to the regular's card"),
        ("redeem", cmd_redeem, "give the reward for a full card and start the next one"),
        ("undo", cmd_undo, "void the last stamp or redemption"),
    ):
        p = command(sub, name, func, help_text)
        p.add_argument("target", metavar="ID_OR_CARD_CODE")
        if name == "stamp":
            p.add_argument("--force", action="store_true", help="stamp even within the double-tap guard")
        if name == "undo":
            p.add_argument("--reason", required=True, help="why (kept in the history)")

    card = sub.add_parser("card", help="stamp cards").add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(card, "show", cmd_card_show, "show a regular's current card")
    p.add_argument("target", metavar="ID_OR_CARD_CODE")
    p = command(card, "print", cmd_card_print, "save a regular's printable QR card (85.6 x 54 mm)")
    p.add_argument("target", metavar="ID_OR_CARD_CODE")
    p.add_argument("--pdf", metavar="FILE")
    p.add_argument("--png", metavar="FILE")
    p = command(card, "sheet", cmd_card_sheet, "A4 sheets of 10 cards with crop marks")
    p.add_argument("targets", nargs="*", metavar="ID_OR_CARD_CODE")
    p.add_argument("--new-since", metavar="YYYY-MM-DD", help="every regular added on or after this date")
    p.add_argument("--pdf", metavar="FILE", required=True)
    p = command(card, "lookup", cmd_card_lookup, "who a scanned code or card URL belongs to")
    p.add_argument("payload", metavar="CODE_OR_PAYLOAD")
    p = command(card, "reissue", cmd_card_reissue, "replace a lost card: new code, same progress")
    p.add_argument("target", metavar="ID_OR_CARD_CODE")

    settings = sub.add_parser("settings", help="show or change settings").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    command(settings, "show", cmd_settings_show, "list every setting")
    p = command(settings, "set", cmd_settings_set, "change settings, e.g. card_slots=10 head_start=2")
    p.add_argument("pairs", nargs="+", metavar="KEY=VALUE")

    backups = sub.add_parser("backup", help="export, check and restore backups (owner)").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = command(backups, "create", cmd_backup_create, "write a backup file (database + CSV + manifest)")
    p.add_argument("--out", metavar="DIR_OR_FILE", help="folder or file (default: backups/ beside the database)")
    p.add_argument("--no-csv", action="store_true", help="leave out the spreadsheet files (faster for huge databases)")
    p = command(backups, "verify", cmd_backup_verify, "check a backup file and summarise it")
    p.add_argument("file")
    p = command(backups, "restore", cmd_backup_restore, "replace the database with a backup (keeps a safety copy)")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    command(backups, "snapshots", cmd_backup_snapshots, "list the automatic daily snapshots")

    staff = sub.add_parser("staff", help="staff members").add_subparsers(dest="action", required=True, metavar="ACTION")
    command(staff, "list", cmd_staff_list, "list staff")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    as_json = getattr(args, "json", False)
    try:
        cafe = Cafe.open(getattr(args, "db", None))
    except CafeError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    try:
        data, text = args.func(cafe, args)
    except CafeError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    finally:
        cafe.close()
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(text)
    return 0
