"""``cafe-loyalty <command>``: the same services as the till, for scripts and the owner.

Every command takes ``--db PATH`` and ``--json``. With ``--json`` exactly one JSON value goes
to stdout. Errors go to stderr with a non-zero exit code and change nothing (every service
call is one transaction).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import math
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import peewee as pw

from . import __version__, backup, codes
from .app import Cafe, default_db_path
from .copying import copy_cafe
from .db import AppLock, connect, describe, is_url, peek_version
from .errors import AlreadyRunning, CafeError, NotFound, NotSetUp, StorageError, TooSoon, ValidationError
from .files import atomic_write
from .ids import is_id_text, parse_id
from .migrations import check_version
from .services.auto_backups import check_passphrase
from .services.completion import Completion
from .services.experiments import ExperimentStatus
from .services.feedback import KINDS as FEEDBACK_KINDS
from .services.imports import FIELDS as IMPORT_FIELDS
from .services.imports import NothingToImport
from .services.regulars import TREAT_REASONS
from .services.views import CardView, CustomerSummary, CustomerView, HistoryEntry
from .text import ascii_digits, phone_tail


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
        "carried": f"{h.detail} stamps carried over from a paper card",
        "redemption": f"redeemed: {h.detail}",
    }[h.kind]
    void = f"  [undone: {h.void_reason}]" if h.voided else ""
    return f"  {h.at:%Y-%m-%d %H:%M} UTC  {what}  {h.staff}{void}"


def _birthday(text: str | None) -> tuple[int | None, int | None, int | None] | None:
    """``MM-DD`` or ``YYYY-MM-DD``; "" clears it; None leaves it alone."""
    if text is None:
        return None
    if not text.strip():
        return (None, None, None)
    parts = text.strip().split("-")
    widths = [len(p) for p in parts]
    if widths not in ([1, 1], [1, 2], [2, 1], [2, 2], [4, 1, 1], [4, 1, 2], [4, 2, 1], [4, 2, 2]) or not all(
        p.isascii() and p.isdigit() for p in parts
    ):
        raise ValidationError("Write the birthday as MM-DD or YYYY-MM-DD, not {text!r}.", text=text[:40])
    numbers = [int(p) for p in parts]
    if len(numbers) == 2:
        return (numbers[0], numbers[1], None)
    return (numbers[1], numbers[2], numbers[0])


def _birthday_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The birthday as customer fields, so it is checked and saved with the rest in one write."""
    birthday = _birthday(args.birthday)
    if birthday is None:
        return {}
    month, day, year = birthday
    return {
        "birthday_month": month,
        "birthday_day": day,
        "birthday_year": year,
        "birthday_calendar": "jalali" if args.jalali else "gregorian",
    }


# -- commands ------------------------------------------------------------------------------


def _staff_id(cafe: Cafe, args: argparse.Namespace) -> int | None:
    if getattr(args, "staff", None):
        return cafe.staff.get(args.staff).id
    default = cafe.staff.default()
    return default.id if default else None


def cmd_setup(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    cafe.set_up(args.cafe_name, args.owner or "", args.pin or "", args.language, args.country or "")
    settings = cafe.settings.all()
    return settings, f"Café set up: {settings['cafe_name']}"


PERSONAL = ("last_name", "phone", "email", "usual", "notes", "allergies", "dietary", "referred_by")


def cmd_customer_add(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    fields = {k: getattr(args, k) for k in PERSONAL if getattr(args, k)}
    fields.update(_birthday_fields(args))
    twins = cafe.customers.already_here(args.first_name, **fields)
    c = cafe.customers.add(args.first_name, by=_staff_id(cafe, args), paper_stamps=args.paper_stamps, **fields)
    for twin in twins:  # added all the same (a script may mean it); the owner is told how to merge
        same = "phone" if twin.phone and phone_tail(twin.phone) == phone_tail(c.phone) else "name and birthday"
        print(
            f"warning: #{twin.id} {(twin.first_name + ' ' + twin.last_name).strip()} has the same {same}. "
            f"If they are one person: cafe-loyalty customer merge {twin.id} {c.id}",
            file=sys.stderr,
        )
    return cafe.profiles.panel(c.id).to_json(), "Added " + _customer_text(c)


def cmd_customer_edit(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    fields = {k: getattr(args, k) for k in ("first_name", *PERSONAL) if getattr(args, k) is not None}
    customer_id = cafe.customers.resolve(args.id)
    fields.update(_birthday_fields(args))
    c = cafe.customers.update(customer_id, by=_staff_id(cafe, args), paper_stamps=args.paper_stamps, **fields)
    return cafe.profiles.panel(c.id).to_json(), "Saved " + _customer_text(c)


def cmd_customer_find(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    found = cafe.customers.search(args.query, limit=args.limit)
    text = "\n".join(_summary_text(s) for s in found) or "No regular matches."
    return [s.to_json() for s in found], text


def cmd_customer_show(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    profile = cafe.profiles.panel(cafe.customers.resolve(args.id))
    history = "\n".join(_history_text(h) for h in profile.history[:20])
    return profile.to_json(history=True), _customer_text(profile.customer) + "\n" + history


def cmd_customer_usual(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    customer_id = cafe.customers.resolve(args.id)
    item = None if args.unpin else cafe.menu.resolve(args.item).id if args.item else None
    if item is None and not args.unpin:
        raise ValidationError("Name the item to pin, or use --unpin.")
    cafe.regulars.pin_usual(customer_id, item, args.modifiers or "", by=_staff_id(cafe, args))
    usual = cafe.regulars.usual(customer_id)
    return (usual.to_json() if usual else None), f"Usual: {usual.text if usual else '(none yet)'}"


def cmd_customer_lapsed(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    found = cafe.regulars.lapsed()
    text = "\n".join(
        f"#{r.id:<6} {r.first_name} {r.last_name}: {r.days_since} days away "
        f"(usually every {r.usual_interval_days} days)"
        for r in found
    )
    return [r.to_json() for r in found], text or "Nobody has lapsed."


def cmd_customer_birthdays(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    found = cafe.regulars.upcoming_birthdays(args.days)
    data = [{"date": d.isoformat(), "customer_id": cid, "first_name": name} for d, cid, name in found]
    return data, "\n".join(f"{d:%a %d %b}  #{cid} {name}" for d, cid, name in found) or "No birthdays coming up."


def cmd_customer_referrals(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    found = cafe.regulars.referrals()
    data = [{"customer_id": cid, "first_name": name, "referred": n} for cid, name, n in found]
    return data, "\n".join(f"#{cid} {name}: {n} friend(s)" for cid, name, n in found) or "No referrals yet."


def cmd_customer_export(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    data = cafe.privacy.export(cafe.customers.resolve(args.id), by=owner)
    return data, json.dumps(data, ensure_ascii=False, indent=2, default=str)


def cmd_customer_forget(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    customer_id = cafe.customers.resolve(args.id)
    if not args.yes:
        raise ValidationError("Forgetting erases this customer's personal data for good. Add --yes to go ahead.")
    result = cafe.privacy.forget(customer_id, by=owner, copies=args.snapshots)
    text = f"Customer #{customer_id} forgotten. Their counts stay, anonymously."
    if args.snapshots:
        text += f"\nErased from {result.copies_erased} snapshot(s) and safety copies on this disk"
        text += f"; {result.copies_deleted} that could not be rewritten were deleted." if result.copies_deleted else "."
    if result.reason == "reader":
        text += (
            "\nAnother program is reading the database, so the erased text stays in the file until it closes. "
            "It is wiped at the till's next maintenance pass (or the next forget)."
        )
    elif result.in_file == "pending":
        text += (
            "\nThe space could not be reclaimed yet (the disk is full?), so the erased text is still in the "
            "file's free space. Free some space; it is wiped at the till's next maintenance pass (or the next forget)."
        )
    return {"forgotten": customer_id, **result.to_json()}, text


def _import_options(args: argparse.Namespace) -> dict[str, Any]:
    mapping = {}
    for pair in args.map or []:
        column, sep, target = pair.rpartition("=")
        if not sep or not column:
            raise ValidationError("Write a column mapping as COLUMN=field, not {pair!r}.", pair=pair[:60])
        mapping[column] = target
    return {
        "mapping": mapping,
        "encoding": args.encoding or "",
        "duplicates": args.duplicates,
        "date_order": args.date_order or "",
    }


def _import_text(plan: Any) -> str:
    lines = [
        f"{plan.file}: {plan.rows} row(s); {plan.to_add} to add, {plan.to_update} to update, "
        f"{plan.to_skip} already here (skipped), {len(plan.rejected)} rejected.",
        "Columns: " + ", ".join(f"{c} -> {f}" for c, f in plan.mapping.items()),
    ]
    lines += [f"  line {r.line}, {r.column or 'row'}: {r.value!r}: {r.reason}" for r in plan.rejected[:50]]
    if plan.warnings:
        lines.append(f"Kept, with a field left empty ({len(plan.warnings)}):")
        lines += [f"  line {w.line}, {w.column}: {w.value!r}: {w.reason}" for w in plan.warnings[:50]]
    return "\n".join(lines)


def cmd_import_customers(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    options = _import_options(args)
    plan = cafe.imports.plan(args.file, **options)
    if args.rejected_out:
        cafe.imports.save_rejected(plan, args.rejected_out)
    if args.dry_run and not plan.has_work:  # the real run would refuse: so does the dry run
        print("Dry run, nothing written.\n" + _import_text(plan), file=sys.stderr)
        raise NothingToImport()
    if args.dry_run:
        return {"dry_run": True, **plan.to_json()}, "Dry run, nothing written.\n" + _import_text(plan)
    result = cafe.imports.run(args.file, by=owner, **options)
    text = _import_text(plan) + f"\nImported as batch {result.batch_id} (undo with: import undo {result.batch_id})."
    return {**plan.to_json(), **result.to_json()}, text


def cmd_import_list(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    batches = cafe.imports.batches()
    lines = [
        f"#{b.id}  {b.at:%Y-%m-%d %H:%M}  {b.file_name}: +{b.added}, {b.updated} updated"
        + (f"  (undone {b.undone_at:%Y-%m-%d})" if b.undone_at else "")
        for b in batches
    ]
    return [b.to_json() for b in batches], "\n".join(lines) or "No imports yet."


def cmd_import_undo(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    if not args.yes:
        raise ValidationError("Undoing an import removes the regulars it added. Add --yes to go ahead.")
    result = cafe.imports.undo(args.batch, by=owner)
    return result.to_json(), f"Import {result.batch_id} undone: {result.removed} removed, {result.restored} restored."


MERGE_RULE = (
    "Every earned stamp, visit, reward, feedback and treat of #{other} moves to #{keep}; the head start is "
    "not counted twice; if the stamps fill #{keep}'s card it is ready to redeem and the rest start the next "
    "card. #{other}'s printed card then opens #{keep}."
)


def cmd_customer_duplicates(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    pairs = cafe.merging.possible_duplicates()
    why = {"phone": "same phone", "name_birthday": "same name and birthday"}
    lines = [f"#{p.first.id} {p.first.name}  ~  #{p.second.id} {p.second.name}   ({why[p.reason]})" for p in pairs]
    return [p.to_json() for p in pairs], "\n".join(lines) or "No possible duplicates."


def cmd_customer_merge(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    owner = _owner(cafe, args)
    keep, other = cafe.customers.resolve(args.keep), cafe.customers.resolve(args.other)
    if not args.yes:
        raise ValidationError(MERGE_RULE.format(keep=keep, other=other) + " Add --yes to go ahead.")
    choose = {f: getattr(args, f"use_{f}") for f in ("name", "phone", "notes") if getattr(args, f"use_{f}")}
    result = cafe.merging.merge(keep, other, by=owner, choose=choose)
    text = (
        f"#{other} merged into #{keep}: {result.stamps_moved} stamp(s) moved"
        + (f", {result.stamps_waiting} waiting for the next card" if result.stamps_waiting else "")
        + f"; the card is {result.card.filled} of {result.card.slots}."
    )
    return result.to_json(), text


def cmd_menu_add(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    item = cafe.menu.add(args.name, args.category or "", by=_owner(cafe, args))
    return item.to_json(), f"Added {item.name} to the menu."


def cmd_menu_list(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    items = cafe.menu.list()
    text = "\n".join(f"#{i.id:<4} {i.name:<28} {i.category:<14} added {i.added_on}" for i in items)
    return [i.to_json() for i in items], text or "The menu is empty. Add items with: menu add NAME"


def cmd_visit(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    customer_id = cafe.customers.resolve(args.target)
    items = [cafe.menu.resolve(i).id for i in args.items]
    at = _moment(args.at) if args.at is not None else None
    result = cafe.visits.record(
        customer_id,
        items,
        args.modifiers or "",
        at=at,
        stamp=not args.no_stamp,
        force=args.force,
        by=_staff_id(cafe, args),
    )
    text = f"Visit: {', '.join(result.items)}" + (f" ({result.modifiers})" if result.modifiers else "")
    if result.card:
        text += "\nStamped " + _card_text(result.card)
    return result.to_json(), text


def cmd_feedback_add(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    item = cafe.feedback.add(cafe.customers.resolve(args.id), args.text, args.kind, by=_staff_id(cafe, args))
    return item.to_json(), f"Feedback #{item.id} recorded ({item.kind}, {item.status})."


def cmd_feedback_resolve(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    item = cafe.feedback.resolve(args.feedback_id, args.note or "", by=_staff_id(cafe, args))
    return item.to_json(), f"Feedback #{item.id} marked as acted on."


def cmd_feedback_list(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    items = cafe.feedback.follow_ups()
    text = "\n".join(f"#{f.id:<5} {f.at:%Y-%m-%d} {f.first_name}: [{f.kind}] {f.text}" for f in items)
    return [f.to_json() for f in items], text or "Nothing to follow up."


def cmd_treat(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    treat_id = cafe.regulars.give_treat(cafe.customers.resolve(args.id), args.what, args.why, by=_staff_id(cafe, args))
    return {"treat_id": treat_id}, "Treat recorded."


def _moment(text: str) -> dt.datetime:
    """``--at``: an ISO time, local unless it names its offset, as stored (UTC, naive)."""
    try:
        at = dt.datetime.fromisoformat(text)
        if at.tzinfo is not None:
            return at.astimezone(dt.UTC).replace(tzinfo=None)
        return at.astimezone().astimezone(dt.UTC).replace(tzinfo=None)  # a local time, as a person types it
    except (ValueError, OverflowError) as exc:
        raise ValidationError("--at takes a time like 2026-03-02T08:30, not {at!r}.", at=text[:40]) from exc


def cmd_stamp(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    customer_id = cafe.customers.resolve(args.target)
    if args.at is not None:  # from a paper log: the owner's, and audited
        at = _moment(args.at)
        card = cafe.ledger.stamp_later(customer_id, at, by=_owner(cafe, args), force=args.force)
        return card.to_json(), f"Added later ({at.isoformat(' ', 'minutes')} UTC): " + _card_text(card)
    try:
        card = cafe.ledger.stamp_customer(customer_id, by=_staff_id(cafe, args), force=args.force)
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


def cmd_sign(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    written = [str(cafe.cards.save_sign(Path(f))) for f in (args.pdf, args.png) if f]
    if not written:
        raise ValidationError("Say where to save the sign: --pdf FILE and/or --png FILE.")
    return {"files": written}, "Saved " + ", ".join(written)


def cmd_serve_page(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    """The phone page in the foreground until Ctrl+C (or SIGTERM): what the till runs as its
    own process when the page is on, and what a back-office computer runs by hand."""
    import signal
    import threading

    from .page_host import serve

    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    if args.until_stdin_closes:  # started by the till: end with it, however it ends

        def watch() -> None:
            sys.stdin.read()
            stop.set()

        threading.Thread(target=watch, daemon=True).start()

    def started(url: str) -> None:
        if getattr(args, "json", False):
            print(json.dumps({"serving": url}), flush=True)
        else:
            print(f"Serving the phone page at {url} (press Ctrl+C to stop)", flush=True)

    try:
        url = serve(cafe, args.host, args.port, args.rate, not args.no_mdns, started, stop)
    except CafeError as exc:
        if getattr(args, "json", False):  # the till reads this line and shows the message in its language
            print(json.dumps({"error": exc.template, "params": {k: str(v) for k, v in exc.params.items()}}), flush=True)
        raise
    except KeyboardInterrupt:
        url = ""
    finally:
        signal.signal(signal.SIGTERM, previous)
    return {"url": url, "stopped": True}, "Stopped."


def cmd_card_slip(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    customer_id = cafe.customers.resolve(args.target)
    done = []
    if args.pdf:
        done.append(str(cafe.cards.save_slip_pdf(customer_id, args.pdf, args.width)))
    if args.png:
        png = cafe.cards.slip_png(customer_id, args.width)
        done.append(str(atomic_write(Path(args.png), lambda tmp: Path(tmp).write_bytes(png))))
    if args.escpos:
        cafe.cards.print_slip(customer_id, args.escpos, args.width)
        done.append(f"sent to {args.escpos}")
    if not done:
        raise ValidationError("Say where the slip goes: --pdf FILE, --png FILE and/or --escpos PRINTER.")
    return {"customer_id": customer_id, "width_mm": args.width, "done": done}, "Slip: " + ", ".join(done)


def cmd_card_sheet(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    ids = [cafe.customers.resolve(t) for t in args.targets]
    if args.new_since:
        try:
            day = dt.date.fromisoformat(args.new_since)
        except ValueError as exc:
            raise ValidationError(
                "--new-since takes a date as YYYY-MM-DD, not {day!r}.", day=args.new_since[:40]
            ) from exc
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


def _owner(cafe: Cafe, args: argparse.Namespace) -> int | None:
    """Owner-only commands need the owner's PIN (``--owner-pin`` or CAFE_LOYALTY_OWNER_PIN).

    A café never set up has no owner and nothing to protect: only restoring a backup into it
    (moving a café to a new computer) reaches here, and it acts as nobody in particular."""
    if not cafe.is_set_up:
        return None
    pin = getattr(args, "owner_pin", None) or os.environ.get("CAFE_LOYALTY_OWNER_PIN")
    return cafe.staff.check_owner(pin).id


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


def _auto_text(status: Any) -> str:
    if not status.folder:
        return "Automatic backups are off. Choose a folder: cafe-loyalty backup auto --folder PATH"
    lines = [f"Backups go to {status.folder}."]
    if status.last_at:
        lines.append(f"Last: {status.last_at:%Y-%m-%d %H:%M} UTC, {status.last_file} (verified).")
    else:
        lines.append("None written there yet.")
    if status.next_due:
        lines.append(f"Next due: {status.next_due:%Y-%m-%d %H:%M} UTC.")
    if status.encrypted:
        lines.append(
            "Encrypted with the passphrase kept on this computer."
            if status.passphrase_here
            else "Encrypted, but this computer does not hold the passphrase: cafe-loyalty backup auto --encrypt"
        )
    if status.failing_since:
        lines.append(f"Failing since {status.failing_since:%Y-%m-%d %H:%M} UTC: {status.problem}")
    return "\n".join(lines)


def _new_passphrase(args: argparse.Namespace) -> str:
    """From --passphrase or CAFE_LOYALTY_PASSPHRASE, else typed twice (never shown)."""
    given = _passphrase(args)
    if given:
        return given
    import getpass

    try:
        first = getpass.getpass("Backup passphrase (at least 8 characters): ")
        again = getpass.getpass("The same again: ")
    except EOFError:
        raise ValidationError("No passphrase was typed; nothing was changed.") from None
    if again != first:
        raise ValidationError("The two passphrases differ; nothing was changed.")
    return first


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

    from . import passwords

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


def _safe_address(target: str) -> str:
    """A database's address without a password in it (for messages)."""
    if not is_url(target):
        return str(target)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


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


def cmd_staff_list(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    staff = cafe.staff.list()
    return [vars(s) for s in staff], "\n".join(f"#{s.id}  {s.name}  ({s.role})" for s in staff)


def _share(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate:.0%}"


def _completion_text(c: Completion) -> str:
    if not c.judged:
        return f"none judged yet ({c.running} cards still inside their {c.window_days} days)"
    return (
        f"{_share(c.rate)} (95% CI {_share(c.ci_low)}-{_share(c.ci_high)}): {c.finished} of {c.judged} judged cards "
        f"finished within {c.window_days} days; {c.running} still running"
    )


def cmd_report(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    if args.what == "new-items":
        items = cafe.checkbacks.new_items(args.months)
        lines = [
            f"{i.name}: added {i.added:%Y-%m-%d}; tried by {i.tried}, liked {i.liked} of {i.answered} asked, "
            f"had again by {i.again}"
            for i in items
        ]
        return [i.to_json() for i in items], "\n".join(lines) or "Nothing was added to the menu in that time."
    if args.what == "checkbacks":
        weeks = cafe.checkbacks.by_staff(args.weeks)
        lines = [f"{w.staff}: {w.checkbacks} in the week of {w.week_of}" for w in weeks]
        return [w.to_json() for w in weeks], "\n".join(lines) or "No check-backs in that time."
    report = cafe.reports.programme(weeks=args.weeks)
    done = cafe.reports.completion(args.issued_from, args.issued_to)
    c = done.completion
    lines = [
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
    return {**report.to_json(), "completion": done.to_json()}, "\n".join(lines)


_REASON_TEXT = {
    "complaint": "complained last time",
    "new_item": "first time: {item}",
    "new_regular": "day {day} of 100",
    "first_visit": "first visit",
    "milestone": "visit {visits}",
    "usual": "{item}",
}


def cmd_checkback_list(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    due = cafe.checkbacks.due()
    now = cafe.clock.now()
    lines = []
    for d in due:
        what = f"visit {d.visit_id}" if d.visit_id else f"stamp {d.stamp_id}"
        why = _REASON_TEXT[d.reason].format(item=d.item or "a stamp", visits=d.visits, day=d.day)
        when = "now" if d.due_at <= now else f"from {d.due_at:%H:%M} UTC"
        lines.append(f"{d.first_name} ({what}): {why}; {when}, until {d.expires_at:%H:%M} UTC")
    return [d.to_json() for d in due], "\n".join(lines) or "Nobody to check back on."


def cmd_checkback_record(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    visit_id, stamp_id = (None, args.id) if args.stamp else (args.id, None)
    customer_id = cafe.checkbacks.customer_of(visit_id=visit_id, stamp_id=stamp_id)
    due = cafe.checkbacks.pending_for(customer_id)
    item_id = args.item if args.item is not None else (due.item_id if due and due.visit_id == visit_id else None)
    result = cafe.checkbacks.record(
        customer_id,
        args.result,
        visit_id=visit_id,
        stamp_id=stamp_id,
        item_id=item_id,
        text=args.text or "",
        by=_staff_id(cafe, args),
    )
    follow = " (on the owner's follow-up list)" if result.feedback_kind in ("complaint", "idea") else ""
    return result.to_json(), f"Checked back: {result.result}{follow}"


_VERDICTS = {
    "collecting": "No verdict yet: the planned cards are not all judged (looking early would find false wins).",
    "a_better": "Design A's cards are finished more often.",
    "b_better": "Design B's cards are finished more often.",
    "no_difference": "No difference as large as the one planned for was found.",
    "inconclusive": "Stopped early: inconclusive (an early stop needs p < 0.001).",
}


def _experiment_text(status: ExperimentStatus) -> str:
    state = "running" if status.ended_at is None else f"ended {status.ended_at:%Y-%m-%d}, kept {status.kept}"
    lines = [
        f"Experiment #{status.id}, started {status.started_at:%Y-%m-%d} ({state}), seed {status.seed}",
        f"Planned: {status.planned_cards_per_arm} regulars per arm (to find {status.min_effect:.0%} points at 80% "
        f"power, 5% significance); finished = reward within {status.window_days} days",
    ]
    for arm in status.arms:
        lines.append(
            f"  {arm.name} {arm.slots}/{arm.head_start}: {arm.regulars} regulars; sample {arm.cards} cards, "
            f"{arm.completed} finished, {arm.failed} not, {arm.running} running; " + _completion_text(arm.completion)
        )
    if status.difference is not None:
        lines.append(
            f"Difference A - B: {status.difference:+.0%} (95% CI {status.difference_low:+.0%} to "
            f"{status.difference_high:+.0%})" + (f", p = {status.p_value:.3f}" if status.p_value is not None else "")
        )
    lines.append(_VERDICTS[status.verdict])
    return "\n".join(lines)


def cmd_experiment_start(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    status = cafe.experiments.start(args.arms, args.min_effect, args.seed, by=_owner(cafe, args))
    return status.to_json(), _experiment_text(status)


def cmd_experiment_status(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    status = cafe.experiments.current()
    if status is None:
        raise NotFound("There is no experiment yet. Start one with: experiment start")
    return status.to_json(), _experiment_text(status)


def cmd_experiment_stop(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    status = cafe.experiments.stop(args.keep, by=_owner(cafe, args))
    return status.to_json(), _experiment_text(status) + f"\nNew cards now use {status.kept}."


def cmd_experiment_export(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    path = cafe.experiments.export_cards(args.out, by=_owner(cafe, args))
    return {"path": str(path)}, f"Saved {path}"


# -- parser --------------------------------------------------------------------------------
# Every id, number and code is checked here, once, by the argument's type: a bad one ends with
# argparse's usage line and exit 2 before the database is even opened.


def _record_id(what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            return parse_id(text, what)
        except ValidationError as exc:
            raise argparse.ArgumentTypeError(exc.message) from exc

    parse.__name__ = what  # argparse names the type in its message
    return parse


def _target(text: str) -> str:
    """A customer id or a card code (checked for shape here, for existence by the service)."""
    stripped = text.strip()
    if is_id_text(stripped):
        _record_id("customer id")(stripped)
    elif not stripped or len(stripped) > codes.MAX_PAYLOAD:
        raise argparse.ArgumentTypeError("give a customer id or a card code")
    return text


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-03-02: {text[:20]!r}") from None


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.02 <= value <= 0.5:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"a share from 0.02 to 0.5, like 0.10: not {text[:20]!r}")
    return value


def _bounded(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        stripped = ascii_digits(text.strip())
        if not (stripped.lstrip("-").isascii() and stripped.lstrip("-").isdigit()) or len(stripped) > 12:
            raise argparse.ArgumentTypeError(f"give a whole number from {low} to {high}")
        value = int(stripped)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"give a whole number from {low} to {high}")
        return value

    parse.__name__ = "number"
    return parse


STAMPS, PORT = _bounded(0, 999), _bounded(0, 65535)


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
    command(staff, "list", cmd_staff_list, "list staff")

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
    return parser


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
