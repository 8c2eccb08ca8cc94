"""Commands of the counter: stamps, redemptions, undo, cards and their printing, the phone page."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from cafe_loyalty.app import Cafe
from cafe_loyalty.cli.arguments import _moment, _owner, _staff_id
from cafe_loyalty.cli.output import _card_text, _customer_text
from cafe_loyalty.errors import CafeError, TooSoon, ValidationError
from cafe_loyalty.files import atomic_write


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

    from cafe_loyalty.page.host import serve

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
