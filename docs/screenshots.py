"""Regenerate the README screenshots from a demo café (run under Xvfb for a real window):

xvfb-run -s "-screen 0 1366x860x24" python docs/screenshots.py            # English
xvfb-run -s "-screen 0 1366x860x24" python docs/screenshots.py --lang fa  # Persian (files end in -fa)
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["CAFE_LOYALTY_CONFIG_DIR"] = tempfile.mkdtemp()  # the display's screen: not this user's

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.app import make_app
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.till.window import TillWindow
from PySide6.QtCore import Qt

from cafe_loyalty.app import Cafe

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
REGULARS_FA = [
    ("سارا", "احمدی", "لاته، شیر کم‌چرب، نه خیلی داغ", "به گردو حساسیت دارد. میز کنار پنجره را دوست دارد.", 4),
    ("رضا", "صمدی", "اسپرسو دوبل", "", 1),
    ("مینا", "رحیمی", "چای لاته، دارچین بیشتر", "", 8),
    ("علی", "کریمی", "قهوه ترک، کم‌شیرین", "", 2),
    ("Tom", "Baker", "flat white", "", 0),
    ("نازنین", "فراهانی", "کاپوچینو، شیر جو دوسر", "", 5),
    ("لیلا", "مرادی", "هات چاکلت", "", 0),
    ("زهرا", "حسینی", "آمریکانو", "", 3),
    ("کاوه", "نوری", "کورتادو", "", 6),
]
DEMO = {
    "en": {
        "cafe": "Café Shirin",
        "owner": "Maryam",
        "regulars": REGULARS,
        "menu": [("Latte", "coffee"), ("Flat white", "coffee"), ("Saffron cake", "cake")],
        "allergies": "nuts",
        "modifiers": "low-fat milk, not too hot",
        "feedback": "The music was a bit loud on Friday",
        "search": "na",
    },
    "fa": {
        "cafe": "کافه شیرین",
        "owner": "مریم",
        "regulars": REGULARS_FA,
        "menu": [("لاته", "قهوه"), ("فلت وایت", "قهوه"), ("کیک زعفرانی", "کیک")],
        "allergies": "گردو",
        "modifiers": "شیر کم‌چرب، نه خیلی داغ",
        "feedback": "جمعه صدای موسیقی کمی بلند بود",
        "search": "نا",
    },
}


def experiment_shot(app, demo: dict, language: str, suffix: str) -> None:
    """The Programme tab of a café whose head-start test has run: simulated regulars whose
    cards are finished 34% (design A) and 19% (design B) of the time (bench/experiment_sim.py)."""
    from cafe_loyalty_ui.owner.dialog import OwnerDialog

    from bench.experiment_sim import fill
    from cafe_loyalty.clock import FakeClock

    now = dt.datetime.now().replace(microsecond=0)
    cafe = Cafe.open(Path(tempfile.mkdtemp()) / "test.db", clock=FakeClock(now))
    cafe.set_up(demo["cafe"], demo["owner"], "2468", language)
    cafe.experiments.start(min_effect=0.15, seed=8, by=cafe.staff.owner_id())
    fill(cafe.path, (0.34, 0.19), months=6, seed=8, now=now)
    owner = OwnerDialog(cafe, Operations(synchronous=True), cafe.staff.unlock_owner("2468"))
    owner.tabs.setCurrentWidget(owner.programme_scroll)
    owner.programme.resize(900, 1080)
    owner.programme.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
    app.processEvents()
    owner.programme.grab().save(str(OUT / f"owner-experiment{suffix}.png"))
    owner.close()
    cafe.close()


def customer_side_shots(app, window, cafe, sara_id: int, suffix: str) -> None:
    """The customer display (at rest, then following the till) and the phone page in headless
    Chromium, as a phone would show it."""
    display = window.display_link.open_display()
    display.showNormal()
    display.resize(1280, 800)
    window.close_panel()
    display.rest()
    app.processEvents()
    display.grab().save(str(OUT / f"display-rest{suffix}.png"))
    window.open_customer(sara_id)
    app.processEvents()
    display.grab().save(str(OUT / f"display-card{suffix}.png"))
    window.display_link.close_display()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        print("no Chromium: the phone page screenshot is skipped")
        return
    from cafe_loyalty.page.server import PageServer

    server = PageServer(cafe, "127.0.0.1", 0).start()
    code = cafe.customers.get(sara_id).card.code
    try:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=412,780",
                f"--screenshot={OUT / f'phone-page{suffix}.png'}",
                f"http://127.0.0.1:{server.port}/c/{code}",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    finally:
        server.stop()
    if not suffix:
        cafe.cards.save_sign(OUT / "sign.png")
        from PIL import Image

        with Image.open(OUT / "sign.png") as sign:
            sign.thumbnail((620, 880))
            sign.save(OUT / "sign.png")


def main() -> None:
    language = "fa" if "fa" in sys.argv[1:] else "en"
    demo = DEMO[language]
    suffix = "-fa" if language == "fa" else ""
    OUT.mkdir(parents=True, exist_ok=True)
    cafe = Cafe.open(Path(tempfile.mkdtemp()) / "demo.db")
    cafe.set_up(demo["cafe"], demo["owner"], "2468", language)
    owner = cafe.staff.owner_id()
    cafe.settings.update(guard_minutes=0, by=owner)
    staff = next(s.id for s in cafe.staff.list() if s.role == "barista")
    latte = cafe.menu.add(*demo["menu"][0], by=owner).id
    for item in demo["menu"][1:]:
        cafe.menu.add(*item, by=owner)
    today = cafe.regulars.today()
    soon = today + dt.timedelta(days=2)
    regulars = demo["regulars"]
    first_one, mina = regulars[0][0], regulars[2][0]
    for first, last, usual, notes, stamps in reversed(regulars):
        extra = {}
        if first == first_one:
            extra = {"allergies": demo["allergies"], "birthday_month": soon.month, "birthday_day": soon.day}
        c = cafe.customers.add(first, last_name=last, usual=usual, notes=notes, by=staff, **extra)
        for n in range(stamps):
            if first == first_one and n < 3:
                cafe.visits.record(c.id, [latte], demo["modifiers"], by=staff)
            else:
                cafe.ledger.stamp(c.card.id, by=staff)
        if first == first_one:
            cafe.feedback.add(c.id, demo["feedback"], "complaint", by=staff)
    # some weeks of history, so the owner's Programme tab has something to show
    everyone = cafe.customers.search("", limit=50)
    for week in range(1, 12):
        for n, regular in enumerate(everyone):
            if (n + week) % 3:
                when = cafe.clock.now() - dt.timedelta(weeks=week, hours=n)
                cafe.visits.record(regular.id, [latte], at=when, stamp=False, by=staff)
    # Two regulars served a few minutes ago: the check-back strip shows them above the tiles.
    cake = next(i.id for i in cafe.menu.list() if i.name == demo["menu"][2][0])
    served = cafe.clock.now() - dt.timedelta(minutes=3)
    for first, _last, _usual, _notes, stamps in regulars:
        if stamps == 0:  # nobody else's newer stamp hides the visit
            cafe.visits.record(cafe.customers.search(first)[0].id, [cake], at=served, stamp=False, by=staff)
    app = make_app()
    i18n.install(app, language)
    window = TillWindow(cafe.till, Operations(synchronous=True), cafe.settings.all())
    window.resize(1366, 768)
    window.show()
    window.staff_combo.setCurrentIndex(1)
    window.open_customer(cafe.customers.search(first_one)[0].id)
    window.checkbacks.choose(0)  # a barista tapped the first regular to check back on
    app.processEvents()
    window.grab().save(str(OUT / f"till{suffix}.png"))
    window.checkbacks.bar.hide()
    for due in cafe.checkbacks.due():  # the barista asked; one liked the cake, one not quite
        if due.visit_id is not None:
            result = "good" if due.first_name == regulars[6][0] else "not"
            cafe.checkbacks.record(due.customer_id, result, visit_id=due.visit_id, item_id=due.item_id, by=staff)
    window.search.setText(demo["search"])
    window.open_customer(cafe.customers.search(mina)[0].id)
    app.processEvents()
    window.grab().save(str(OUT / f"till-search-full-card{suffix}.png"))
    (OUT / f"card{suffix}.png").write_bytes(cafe.cards.card_png(cafe.customers.search(first_one)[0].id))
    window.search.clear()
    window.open_customer(cafe.customers.search(first_one)[0].id)
    window.owner.open_batch_print()
    app.processEvents()
    window.batch_dialog.grab().save(str(OUT / f"batch-print{suffix}.png"))
    window.batch_dialog.close()
    sara_id = cafe.customers.search(first_one)[0].id
    window.open_customer(sara_id)
    window.forms.open_edit_customer(sara_id)
    app.processEvents()
    window.dialog.grab().save(str(OUT / f"edit-regular{suffix}.png"))
    window.dialog.close()
    window.panel.flows.ask_visit()
    app.processEvents()
    window.panel.flows.visit_dialog.grab().save(str(OUT / f"items{suffix}.png"))
    window.panel.flows.visit_dialog.close()
    customer_side_shots(app, window, cafe, sara_id, suffix)
    window.owner._show_owner(cafe.staff.unlock_owner("2468"), "backup")
    window.owner_dialog.resize(1120, 660)
    app.processEvents()
    window.owner_dialog.grab().save(str(OUT / f"owner-backup{suffix}.png"))
    window.owner_dialog.tabs.setCurrentIndex(4)
    app.processEvents()
    window.owner_dialog.grab().save(str(OUT / f"owner-regulars{suffix}.png"))
    owner_dialog = window.owner_dialog
    owner_dialog.tabs.setCurrentIndex(owner_dialog.owner_tabs.index(owner_dialog.checkbacks))
    owner_dialog.checkbacks.reload()
    app.processEvents()
    owner_dialog.grab().save(str(OUT / f"owner-checkbacks{suffix}.png"))
    owner_dialog.tabs.setCurrentIndex(owner_dialog.owner_tabs.index(owner_dialog.customer_side))
    owner_dialog.customer_side.page_on.setChecked(True)
    app.processEvents()
    owner_dialog.grab().save(str(OUT / f"owner-customer-side{suffix}.png"))
    owner_dialog.customer_side.page_on.setChecked(False)  # only for the picture: nothing to save
    if not suffix:  # the import dialog, on the Square-style example the tests use
        from cafe_loyalty_ui.owner.import_dialog import ImportDialog

        dialog = ImportDialog(cafe, window.ops, owner, window.owner_dialog)
        dialog.show()
        dialog.load(str(Path(__file__).resolve().parent.parent / "tests" / "data" / "imports" / "square-customers.csv"))
        app.processEvents()
        dialog.grab().save(str(OUT / "import.png"))
        dialog.close()
        from PIL import Image

        slip = Path(tempfile.mkdtemp()) / "slip.png"
        slip.write_bytes(cafe.cards.slip_png(sara_id, 80))
        with Image.open(slip) as image:
            image.thumbnail((320, 900))
            image.save(OUT / "slip.png")
    window.owner_dialog.tabs.setCurrentWidget(window.owner_dialog.programme_scroll)
    app.processEvents()
    window.owner_dialog.grab().save(str(OUT / f"owner-programme{suffix}.png"))
    if not suffix:  # the café becomes a chain of three (issue #34): last, so the shots above stay a single café's
        owner_id = cafe.staff.owner_id()
        for name in ("Riverside", "Old Town"):
            cafe.branches.add(name, by=owner_id)
        cafe.choose_branch(cafe.branches.named("Riverside").id)
        owner_dialog.tabs.setCurrentWidget(owner_dialog.tabs.widget(owner_dialog.tabs.count() - 1))
        owner_dialog.branches.reload()
        window.load_branch()
        while not window.ops.idle:
            app.processEvents()
        app.processEvents()
        owner_dialog.grab().save(str(OUT / "owner-branches.png"))
        window.owner_dialog.close()
        app.processEvents()
        window.grab().save(str(OUT / "till-chain.png"))
    else:
        window.owner_dialog.close()
    window.close()
    from cafe_loyalty_ui import theme

    def till_shot(name: str, height: int) -> None:
        """The till, built afresh in the current look, with the first regular open."""
        i18n.install(app, language)
        till = TillWindow(cafe.till, Operations(synchronous=True), cafe.settings.all())
        till.resize(1366, height)
        till.show()
        till.staff_combo.setCurrentIndex(1)
        till.open_customer(sara_id)
        for _ in range(5):  # the top bar fits its buttons in a few layout passes (fit_top_bar)
            app.processEvents()
        till.grab().save(str(OUT / name))
        till.close()

    if not suffix:  # the same till in the dark theme (Settings ▸ Colours), for evening cafés
        theme.use("dark")
        till_shot("till-dark.png", 768)
        theme.use("light")
    if not suffix or "--large" in sys.argv:
        # Text at 150 % (Display ▸ Text size) on a 1366 x 768 screen less a 40 px taskbar.
        for percent in (150, 200) if "--large" in sys.argv else (150,):
            theme.set_text_size(percent)
            till_shot(f"till-{percent}{suffix}.png", 728)
        theme.set_text_size(100)
    i18n.install(app, language)
    cafe.close()
    experiment_shot(app, demo, language, suffix)
    print("wrote", *sorted(p.name for p in OUT.glob("*.png")))


if __name__ == "__main__":
    main()
