"""Regenerate the README screenshots from a demo café (run under Xvfb for a real window):

xvfb-run -s "-screen 0 1366x860x24" python docs/screenshots.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cafe_loyalty.app import Cafe
from ui.app import make_app
from ui.operations import Operations
from ui.till_window import TillWindow

OUT = Path(__file__).resolve().parent / "screenshots"
REGULARS = [
    ("Sara", "Ahmadi", "latte, low-fat milk, not too hot", "Allergic to nuts. Likes the window seat.", 4),
    ("Reza", "Samadi", "double espresso", "", 1),
    ("Mina", "Rahimi", "chai latte, extra cinnamon", "", 8),
    ("علی", "کریمی", "قهوه ترک، کم‌شیرین", "", 2),
    ("Tom", "Baker", "flat white", "", 0),
    ("Nazanin", "Farahani", "cappuccino, oat milk", "", 5),
    ("Leo", "Martin", "hot chocolate", "", 0),
    ("Zahra", "Hosseini", "americano", "", 3),
    ("Hannah", "Weber", "cortado", "", 6),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cafe = Cafe.open(Path(tempfile.mkdtemp()) / "demo.db")
    cafe.set_up("Café Shirin", "Maryam", "2468")
    cafe.settings.update(guard_minutes=0)
    staff = next(s.id for s in cafe.staff.list() if s.role == "barista")
    latte = cafe.menu.add("Latte", "coffee").id
    cafe.menu.add("Flat white", "coffee")
    cafe.menu.add("Saffron cake", "cake")
    today = cafe.regulars.today()
    soon = today + dt.timedelta(days=2)
    for first, last, usual, notes, stamps in reversed(REGULARS):
        extra = {}
        if first == "Sara":
            extra = {"allergies": "nuts", "birthday_month": soon.month, "birthday_day": soon.day}
        c = cafe.customers.add(first, last_name=last, usual=usual, notes=notes, by=staff, **extra)
        for n in range(stamps):
            if first == "Sara" and n < 3:
                cafe.visits.record(c.id, [latte], "low-fat milk, not too hot", by=staff)
            else:
                cafe.ledger.stamp(c.card.id, by=staff)
        if first == "Sara":
            cafe.feedback.add(c.id, "The music was a bit loud on Friday", "complaint", by=staff)
    app = make_app()
    window = TillWindow(cafe, Operations(synchronous=True))
    window.resize(1366, 768)
    window.show()
    window.staff_combo.setCurrentIndex(1)
    window.open_customer(cafe.customers.search("Sara")[0].id)
    app.processEvents()
    window.grab().save(str(OUT / "till.png"))
    window.search.setText("na")
    window.open_customer(cafe.customers.search("Mina")[0].id)
    app.processEvents()
    window.grab().save(str(OUT / "till-search-full-card.png"))
    (OUT / "card.png").write_bytes(cafe.cards.card_png(cafe.customers.search("Sara")[0].id))
    window.search.clear()
    window.open_customer(cafe.customers.search("Sara")[0].id)
    window.open_batch_print()
    app.processEvents()
    window.batch_dialog.grab().save(str(OUT / "batch-print.png"))
    window.batch_dialog.close()
    sara_id = cafe.customers.search("Sara")[0].id
    window.open_customer(sara_id)
    window.open_edit_customer(sara_id)
    app.processEvents()
    window.dialog.grab().save(str(OUT / "edit-regular.png"))
    window.dialog.close()
    window.panel.ask_visit()
    app.processEvents()
    window.panel.visit_dialog.grab().save(str(OUT / "items.png"))
    window.panel.visit_dialog.close()
    window._show_owner(cafe.staff.unlock_owner("2468"), "backup")
    window.owner_dialog.resize(760, 620)
    app.processEvents()
    window.owner_dialog.grab().save(str(OUT / "owner-backup.png"))
    window.owner_dialog.tabs.setCurrentIndex(4)
    app.processEvents()
    window.owner_dialog.grab().save(str(OUT / "owner-regulars.png"))
    window.owner_dialog.close()
    window.close()
    cafe.close()
    print("wrote", *sorted(p.name for p in OUT.glob("*.png")))


if __name__ == "__main__":
    main()
