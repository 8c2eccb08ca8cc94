"""Who may do what: the owner-only actions, checked by the services themselves.

The till and the CLI only collect the owner's PIN (``StaffService.unlock_owner`` /
``check_owner``) and pass the owner they get back as ``by``; the service refuses anyone else.
One list, so both front ends agree and a test walks every entry.
"""

from __future__ import annotations

from cafe_loyalty.store.models import Staff

from .errors import PermissionDenied

# service attribute on ``Cafe`` . method -> what the owner is doing (for the audit and tests)
OWNER_ONLY: dict[str, str] = {
    "settings.update": "change the café's settings",
    "staff.add": "add a staff member",
    "staff.set_pin": "set a PIN",
    "menu.add": "add to the menu",
    "menu.set_active": "take an item off the menu",
    "backups.create": "export a backup",
    "backups.export_spreadsheets": "export spreadsheets of the café's data",
    "backups.verify": "check a backup",
    "backups.restore": "restore a backup",
    "backups.restore_snapshot": "go back to a snapshot",
    "privacy.export": "export a customer's data",
    "privacy.save_export": "export a customer's data",
    "privacy.forget": "forget a customer",
    "experiments.start": "start a head-start experiment",
    "experiments.stop": "end a head-start experiment",
    "experiments.export_cards": "export an experiment's cards",
    "ledger.stamp_later": "add a stamp from a paper log",
    "ledger.keep_queued": "add a stamp the server refused",
    "ledger.drop_queued": "drop a stamp the server refused",
    "checkbacks.save_new_items": "export what regulars thought of new items",
    "checkbacks.save_by_staff": "export check-backs per staff member",
}


def require_owner(by: int | None) -> None:
    """Refuse unless ``by`` is an active owner. A café with no owner yet (never set up: the
    first restore on a new computer) has nothing to protect, so ``by=None`` passes there."""
    if by is None:
        if not Staff.select().where(Staff.active & (Staff.role == "owner")).exists():
            return
    else:
        row = Staff.get_or_none(Staff.id == by)
        if row is not None and row.active and row.role == "owner":
            return
    raise PermissionDenied("Only the owner can do this. Unlock it with the owner's PIN.")
