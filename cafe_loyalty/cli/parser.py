"""The command line's grammar: every command, its arguments and its help, built once; the list of
commands the entry point knows is read from here."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from cafe_loyalty import __version__
from cafe_loyalty.cli.arguments import _bounded, _day, _fraction, _record_id, _target
from cafe_loyalty.cli.chain import (
    cmd_branch_add,
    cmd_branch_here,
    cmd_branch_list,
    cmd_branch_rename,
    cmd_staff_add,
    cmd_staff_list,
)
from cafe_loyalty.cli.counter import (
    cmd_card_lookup,
    cmd_card_print,
    cmd_card_reissue,
    cmd_card_sheet,
    cmd_card_show,
    cmd_card_slip,
    cmd_redeem,
    cmd_serve_page,
    cmd_sign,
    cmd_stamp,
    cmd_undo,
)
from cafe_loyalty.cli.owner import (
    cmd_backup_auto,
    cmd_backup_create,
    cmd_backup_restore,
    cmd_backup_snapshots,
    cmd_backup_status,
    cmd_backup_verify,
    cmd_db_copy,
    cmd_db_password,
    cmd_experiment_export,
    cmd_experiment_start,
    cmd_experiment_status,
    cmd_experiment_stop,
    cmd_export_csv,
    cmd_report,
    cmd_settings_set,
    cmd_settings_show,
    cmd_setup,
)
from cafe_loyalty.cli.regulars import (
    cmd_checkback_list,
    cmd_checkback_record,
    cmd_customer_add,
    cmd_customer_birthdays,
    cmd_customer_duplicates,
    cmd_customer_edit,
    cmd_customer_export,
    cmd_customer_find,
    cmd_customer_forget,
    cmd_customer_lapsed,
    cmd_customer_merge,
    cmd_customer_referrals,
    cmd_customer_show,
    cmd_customer_usual,
    cmd_feedback_add,
    cmd_feedback_list,
    cmd_feedback_resolve,
    cmd_import_customers,
    cmd_import_list,
    cmd_import_undo,
    cmd_menu_add,
    cmd_menu_list,
    cmd_treat,
    cmd_visit,
)
from cafe_loyalty.io.import_rows import FIELDS as IMPORT_FIELDS
from cafe_loyalty.services.feedback import KINDS as FEEDBACK_KINDS
from cafe_loyalty.services.regulars import TREAT_REASONS


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="database file")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    common.add_argument(
        "--staff",
        metavar="STAFF_ID",
        type=_record_id("staff id"),
        default=argparse.SUPPRESS,
        help="act as this staff member",
    )
    common.add_argument(
        "--owner-pin",
        metavar="PIN",
        default=argparse.SUPPRESS,
        help="owner's PIN for owner-only commands, or a branch manager's for their branch's staff "
        "(or set CAFE_LOYALTY_OWNER_PIN)",
    )
    common.add_argument(
        "--branch",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="a chain's branch: where stamps are recorded (default: this computer's till's), what a report covers "
        "(default: the whole chain)",
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

    _regular_commands(sub, command)
    _counter_commands(sub, command)
    _owner_commands(sub, command)
    return parser


def _regular_commands(sub: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Setting up, and everything about regulars: customers, the menu, visits, feedback, treats."""
    p = command(sub, "setup", cmd_setup, "name the café (first run) and optionally create the owner")
    p.add_argument("cafe_name")
    p.add_argument("--owner", metavar="NAME")
    p.add_argument("--pin", metavar="PIN")
    p.add_argument("--language", choices=("en", "fa"), default="en", help="the till's language (and card words)")
    p.add_argument(
        "--country", metavar="CODE", help="the café's country (IR, DE, GB…): phone numbers become international ones"
    )

    customer = sub.add_parser("customer", help="add, find, show and edit regulars").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = command(customer, "add", cmd_customer_add, "add a regular (they get a card with its head start)")
    p.add_argument("first_name")
    for opt in ("--last-name", "--phone", "--email", "--usual", "--notes", "--allergies", "--dietary"):
        p.add_argument(opt)
    p.add_argument("--birthday", metavar="MM-DD|YYYY-MM-DD")
    p.add_argument("--jalali", action="store_true", help="the birthday is in the Persian (Jalali) calendar")
    p.add_argument("--referred-by", metavar="CUSTOMER_ID", type=_record_id("customer id"))
    p.add_argument(
        "--paper-stamps", type=_bounded(0, 999), default=0, metavar="N", help="stamps already on their paper card"
    )
    p = command(customer, "edit", cmd_customer_edit, "change a regular's details")
    p.add_argument("id", metavar="ID_OR_CARD_CODE", type=_target)
    for opt in ("--first-name", "--last-name", "--phone", "--email", "--usual", "--notes", "--allergies", "--dietary"):
        p.add_argument(opt)
    p.add_argument("--birthday", metavar="MM-DD|YYYY-MM-DD", help="'' clears it")
    p.add_argument("--jalali", action="store_true", help="the birthday is in the Persian (Jalali) calendar")
    p.add_argument("--referred-by", metavar="CUSTOMER_ID", type=_record_id("customer id"))
    p.add_argument(
        "--paper-stamps", type=_bounded(0, 999), default=0, metavar="N", help="stamps already on their paper card"
    )
    p = command(customer, "find", cmd_customer_find, "search by name, phone or card code")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--limit", type=_bounded(1, 1000), default=50)
    p = command(customer, "show", cmd_customer_show, "a regular's details, card and history")
    p.add_argument("id", metavar="ID_OR_CARD_CODE", type=_target)
    p = command(customer, "usual", cmd_customer_usual, "pin a regular's usual order (or --unpin to learn it)")
    p.add_argument("id", metavar="ID_OR_CARD_CODE", type=_target)
    p.add_argument("item", nargs="?", metavar="ITEM")
    p.add_argument("--modifiers", metavar="TEXT")
    p.add_argument("--unpin", action="store_true")
    command(customer, "lapsed", cmd_customer_lapsed, "regulars to win back (away 3x their usual gap)")
    p = command(customer, "birthdays", cmd_customer_birthdays, "birthdays coming up")
    p.add_argument("--days", type=_bounded(1, 366), default=14)
    command(customer, "referrals", cmd_customer_referrals, "who brings friends")
    p = command(customer, "export", cmd_customer_export, "everything held about one customer, as JSON (owner)")
    p.add_argument("id", metavar="ID_OR_CARD_CODE", type=_target)
    command(customer, "duplicates", cmd_customer_duplicates, "regulars who may be the same person")
    p = command(customer, "merge", cmd_customer_merge, "merge a duplicate into the regular to keep (owner)")
    p.add_argument("keep", metavar="KEEP_ID", type=_target)
    p.add_argument("other", metavar="OTHER_ID", type=_target)
    p.add_argument("--use-name", choices=("keep", "other"), help="whose name stays (default: the kept one's)")
    p.add_argument("--use-phone", choices=("keep", "other"), help="whose phone stays (default: the kept one's)")
    p.add_argument("--use-notes", choices=("keep", "other", "both"), help="whose notes stay (default: both, joined)")
    p.add_argument("--yes", action="store_true")
    p = command(customer, "forget", cmd_customer_forget, "erase a customer's personal data for good (owner)")
    p.add_argument("id", metavar="ID_OR_CARD_CODE", type=_target)
    p.add_argument("--yes", action="store_true")
    p.add_argument(
        "--snapshots", action="store_true", help="also erase them now from the daily snapshots and safety copies"
    )

    menu = sub.add_parser("menu", help="the menu").add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(menu, "add", cmd_menu_add, "add a menu item (owner)")
    p.add_argument("name")
    p.add_argument("--category")
    command(menu, "list", cmd_menu_list, "list the menu")

    p = command(sub, "visit", cmd_visit, "record what a regular had (and stamp their card)")
    p.add_argument("target", metavar="ID_OR_CARD_CODE", type=_target)
    p.add_argument("items", nargs="+", metavar="ITEM", help="menu item names or ids")
    p.add_argument("--modifiers", metavar="TEXT", help="e.g. 'low-fat milk, not too hot'")
    p.add_argument("--at", metavar="ISO_TIME", help="when (default: now); local time unless it has an offset")
    p.add_argument("--no-stamp", action="store_true", help="record the visit without stamping")
    p.add_argument("--force", action="store_true", help="stamp even within the double-tap guard")

    feedback = sub.add_parser("feedback", help="praise, complaints and ideas").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = command(feedback, "add", cmd_feedback_add, "record feedback from a regular")
    p.add_argument("id", metavar="ID_OR_CARD_CODE", type=_target)
    p.add_argument("text")
    p.add_argument("--kind", choices=FEEDBACK_KINDS, required=True)
    p = command(feedback, "resolve", cmd_feedback_resolve, "mark feedback as acted on")
    p.add_argument("feedback_id", type=_record_id("feedback id"))
    p.add_argument("--note", metavar="TEXT", help="what was done")
    command(feedback, "list", cmd_feedback_list, "open feedback to follow up")

    p = command(sub, "treat", cmd_treat, "record a treat (kept occasional)")
    p.add_argument("id", metavar="ID_OR_CARD_CODE", type=_target)
    p.add_argument("what")
    p.add_argument("--why", choices=TREAT_REASONS, default="other")

    for name, func, help_text in (
        ("stamp", cmd_stamp, "add one stamp to the regular's card"),
        ("redeem", cmd_redeem, "give the reward for a full card and start the next one"),
        ("undo", cmd_undo, "void the last stamp or redemption"),
    ):
        p = command(sub, name, func, help_text)
        p.add_argument("target", metavar="ID_OR_CARD_CODE", type=_target)
        if name == "stamp":
            p.add_argument("--force", action="store_true", help="stamp even within the double-tap guard")
            p.add_argument(
                "--at",
                metavar="ISO_TIME",
                help="a purchase from a paper log, at this time (owner; local unless offset)",
            )
        if name == "undo":
            p.add_argument("--reason", required=True, help="why (kept in the history)")


def _counter_commands(sub: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """The counter: stamps, redemptions, undo, cards and slips, imports, the phone page."""
    card = sub.add_parser("card", help="stamp cards").add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(card, "show", cmd_card_show, "show a regular's current card")
    p.add_argument("target", metavar="ID_OR_CARD_CODE", type=_target)
    p = command(card, "print", cmd_card_print, "save a regular's printable QR card (85.6 x 54 mm)")
    p.add_argument("target", metavar="ID_OR_CARD_CODE", type=_target)
    p.add_argument("--pdf", metavar="FILE")
    p.add_argument("--png", metavar="FILE")
    p = command(card, "sheet", cmd_card_sheet, "A4 sheets of 10 cards with crop marks")
    p.add_argument("targets", nargs="*", metavar="ID_OR_CARD_CODE", type=_target)
    p.add_argument("--new-since", metavar="YYYY-MM-DD", help="every regular added on or after this date")
    p.add_argument("--pdf", metavar="FILE", required=True)
    p = command(card, "slip", cmd_card_slip, "a regular's card on 58 or 80 mm receipt paper")
    p.add_argument("target", metavar="ID_OR_CARD_CODE", type=_target)
    p.add_argument("--width", type=int, choices=(58, 80), default=80, help="roll width in mm (default 80)")
    p.add_argument("--pdf", metavar="FILE")
    p.add_argument("--png", metavar="FILE")
    p.add_argument(
        "--escpos", metavar="PRINTER", help="send to a receipt printer: HOST[:PORT], usb:VID:PID or file:PATH"
    )
    p = command(card, "lookup", cmd_card_lookup, "who a scanned code or card URL belongs to")
    p.add_argument("payload", metavar="CODE_OR_PAYLOAD")
    p = command(card, "reissue", cmd_card_reissue, "replace a lost card: new code, same progress")
    p.add_argument("target", metavar="ID_OR_CARD_CODE", type=_target)

    imports = sub.add_parser("import", help="import regulars from a spreadsheet (owner)").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = command(imports, "customers", cmd_import_customers, "import regulars from CSV, XLSX, XLS or ODS")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--map", action="append", metavar="COLUMN=FIELD", help="map a column: " + ", ".join(IMPORT_FIELDS))
    p.add_argument("--dry-run", action="store_true", help="say what would happen; write nothing")
    p.add_argument("--duplicates", choices=("skip", "update", "add"), default="skip", help="for regulars already here")
    p.add_argument("--encoding", choices=("utf-8", "utf-8-sig", "utf-16", "cp1256", "cp1252"))
    p.add_argument("--date-order", choices=("dmy", "mdy"), help="how to read dates like 03/04/1990")
    p.add_argument("--rejected-out", metavar="FILE", help="save the rejected rows as CSV, to fix and import again")
    command(imports, "list", cmd_import_list, "the imports made, newest first")
    p = command(imports, "undo", cmd_import_undo, "take an import back while none of its regulars was served")
    p.add_argument("batch", type=_record_id("import id"), metavar="IMPORT_ID")
    p.add_argument("--yes", action="store_true")
    p = command(sub, "sign", cmd_sign, "the A5 counter sign for the phone page (both languages)")
    p.add_argument("--pdf", metavar="FILE")
    p.add_argument("--png", metavar="FILE")
    p = command(sub, "serve-page", cmd_serve_page, "serve the customers' phone page until Ctrl+C")
    p.add_argument("--host", metavar="ADDRESS", help="address to listen on (default: the setting, or 127.0.0.1)")
    p.add_argument(
        "--port", metavar="PORT", type=_bounded(0, 65535), help="port (default: the setting; 0 picks a free one)"
    )
    p.add_argument("--no-mdns", action="store_true", help="do not announce the café's .local name")
    p.add_argument(
        "--rate", type=float, default=5.0, metavar="N", help="requests a second one address may make (default 5)"
    )
    p.add_argument("--until-stdin-closes", action="store_true", help=argparse.SUPPRESS)


def _owner_commands(sub: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """The owner's: settings, databases, backups, exports, staff, reports, check-backs, the experiment."""
    settings = sub.add_parser("settings", help="show or change settings").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    command(settings, "show", cmd_settings_show, "list every setting")
    p = command(settings, "set", cmd_settings_set, "change settings, e.g. card_slots=10 head_start=2")
    p.add_argument("pairs", nargs="+", metavar="KEY=VALUE")

    database = sub.add_parser("db", help="move a café between databases (several tills: PostgreSQL)").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = command(
        database,
        "copy",
        cmd_db_copy,
        "copy a whole café from one database to another (a SQLite file or postgresql://user@host/db), "
        "verified, in one transaction on the target; no till may have either open",
    )
    p.add_argument("--from", dest="source", required=True, metavar="PATH_OR_URL")
    p.add_argument("--to", dest="target", required=True, metavar="PATH_OR_URL")
    p.add_argument("--yes", action="store_true", help="replace the café the target already holds")
    p.set_defaults(no_cafe=True)
    p = command(
        database,
        "password",
        cmd_db_password,
        "keep the password for --db postgresql://… in this computer's password store (asked, never shown)",
    )
    p.add_argument("--forget", action="store_true", help="remove the kept password instead")
    p.set_defaults(no_cafe=True)
    backups = sub.add_parser("backup", help="export, check and restore backups (owner)").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = command(backups, "create", cmd_backup_create, "write a backup file (database + manifest)")
    p.add_argument("--out", metavar="DIR_OR_FILE", help="folder or file (default: backups/ beside the database)")
    # Backups hold no spreadsheets any more ("export csv" writes them); kept so old scripts run.
    p.add_argument("--no-csv", action="store_true", help=argparse.SUPPRESS)
    p = command(backups, "verify", cmd_backup_verify, "check a backup file and summarise it")
    p.add_argument("file")
    p = command(backups, "restore", cmd_backup_restore, "replace the database with a backup (keeps a safety copy)")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    command(backups, "snapshots", cmd_backup_snapshots, "list the automatic daily snapshots")
    p = command(backups, "auto", cmd_backup_auto, "keep a backup a day in a folder (a USB stick, a synced folder)")
    p.add_argument("what", nargs="?", choices=("run",), help="run: write the backup now if one is due")
    p.add_argument("--folder", metavar="PATH", help="where the backups go ('' stops them; owner)")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt them with --passphrase (or CAFE_LOYALTY_PASSPHRASE, or typed twice), kept on this computer",
    )
    p.add_argument("--no-encrypt", action="store_true", help="stop encrypting them (owner)")
    p.add_argument("--force", action="store_true", help="with run: write one even if today's is done")
    command(backups, "status", cmd_backup_status, "when the last backup was made, where, and when the next is due")

    exports = sub.add_parser("export", help="spreadsheets of the café's data (owner)").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = command(exports, "csv", cmd_export_csv, "customers, cards, stamps and visits as CSV files in a new folder")
    p.add_argument("--out", metavar="DIR", help="a new folder (default: a dated one in backups/ beside the database)")
    p.add_argument("--tables", metavar="LIST", help="comma-separated: customers,cards,stamps,visits (default: all)")

    staff = sub.add_parser("staff", help="staff members").add_subparsers(dest="action", required=True, metavar="ACTION")
    command(staff, "list", cmd_staff_list, "list staff (with --branch: of one branch)")
    p = command(
        staff, "add", cmd_staff_add, "add a staff member (owner; a branch manager adds baristas to their branch)"
    )
    p.add_argument("name")
    p.add_argument("--role", choices=("barista", "manager", "owner"), default="barista")
    p.add_argument("--new-pin", metavar="PIN", help="their PIN (a manager needs one)")

    branches = sub.add_parser("branch", help="a chain's branches").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    command(branches, "list", cmd_branch_list, "list the branches")
    p = command(branches, "add", cmd_branch_add, "add a branch (owner)")
    p.add_argument("name")
    p = command(branches, "rename", cmd_branch_rename, "rename a branch (owner)")
    p.add_argument("old", metavar="NAME")
    p.add_argument("new", metavar="NEW_NAME")
    p = command(branches, "here", cmd_branch_here, "this computer's till stands in this branch from now on")
    p.add_argument("name")

    p = command(sub, "report", cmd_report, "how the programme is doing: visits, return rate, cards finished")
    p.add_argument(
        "what",
        nargs="?",
        default="programme",
        choices=("programme", "new-items", "checkbacks"),
        help="programme (default), new-items (new on the menu) or checkbacks (per staff member, per week)",
    )
    p.add_argument("--weeks", type=_bounded(1, 104), default=12, metavar="1-104")
    p.add_argument("--months", type=_bounded(1, 36), default=6, metavar="1-36", help="new-items: added since")
    p.add_argument("--issued-from", type=_day, metavar="YYYY-MM-DD", help="judge cards issued from this day")
    p.add_argument("--issued-to", type=_day, metavar="YYYY-MM-DD", help="judge cards issued up to this day")

    checkback = sub.add_parser("checkback", help="the two-minute check-back").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    command(checkback, "list", cmd_checkback_list, "regulars to check back on now or soon")
    p = command(checkback, "record", cmd_checkback_record, "what the regular said about a visit")
    p.add_argument("id", type=_record_id("visit id"), metavar="VISIT_ID")
    p.add_argument("--stamp", action="store_true", help="the id is a purchase stamp (a visit without items)")
    p.add_argument("--result", choices=("good", "not", "note"), required=True)
    p.add_argument("--text", metavar="TEXT", help="what they said (needed with --result note)")
    p.add_argument("--item", type=_record_id("menu item id"), help="the item it was about (default: the visit's)")

    experiment = sub.add_parser("experiment", help="test the head start in this café (owner)").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = command(experiment, "start", cmd_experiment_start, "give new regulars one of two card designs at random")
    p.add_argument(
        "--arms", default="10/2,8/0", metavar="A,B", help="two designs as slots/head start (default 10/2,8/0)"
    )
    p.add_argument(
        "--min-effect", type=_fraction, default=0.10, metavar="0.10", help="smallest difference worth finding"
    )
    p.add_argument("--seed", type=_bounded(0, 2**31 - 1), metavar="N", help="reproduces the draw (default: random)")
    command(experiment, "status", cmd_experiment_status, "both arms, their intervals and the verdict")
    p = command(experiment, "stop", cmd_experiment_stop, "end it and keep one design for new cards")
    p.add_argument("--keep", required=True, metavar="SLOTS/HEAD", help="the design new cards use from now on")
    p = command(experiment, "export", cmd_experiment_export, "one row per card of the experiment, as CSV")
    p.add_argument("--out", required=True, metavar="FILE")
