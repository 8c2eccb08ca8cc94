"""Commands about regulars: adding, finding, importing, merging, forgetting; visits, feedback,
treats and check-backs."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cafe_loyalty.app import Cafe
from cafe_loyalty.cli.arguments import (
    MERGE_RULE,
    PERSONAL,
    _birthday_fields,
    _import_options,
    _moment,
    _owner,
    _staff_id,
)
from cafe_loyalty.cli.output import _REASON_TEXT, _card_text, _customer_text, _history_text, _import_text, _summary_text
from cafe_loyalty.errors import ValidationError
from cafe_loyalty.services.imports import NothingToImport
from cafe_loyalty.text import phone_tail


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
