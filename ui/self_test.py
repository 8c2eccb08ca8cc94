"""``cafe-loyalty --self-test``: proves a build works end to end, with no display and no data.

It uses a temporary database and exercises what a broken bundle would break first: the
database and migrations, the card rules, drawing and reading a QR card (fonts, Pillow, qrcode,
zxing-cpp), a verified backup (zip, hashing, SQLite backup API), the till window itself (Qt platform
plugin, SVG icons, style sheet), in English and in Persian (translations, font), and the phone
page's process (the program started again as ``serve-page``, waitress)."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path


def phone_page_step(cafe, code: str) -> None:
    """The till's way of serving the phone page: this same program started as ``serve-page``
    (in a frozen build, the executable itself), on loopback, read back over HTTP."""
    import http.client
    import socket

    from cafe_loyalty.page.host import PhonePageHost

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    owner = cafe.staff.owner_id()
    cafe.settings.update(
        by=owner, phone_page=1, phone_page_bind="127.0.0.1", phone_page_port=port, phone_page_address="127.0.0.1"
    )
    host = PhonePageHost(cafe)
    try:
        host.apply()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request("GET", f"/c/{code}")
        response = conn.getresponse()
        body = response.read().decode()
        assert response.status == 200 and "Sara" in body, (response.status, body[:200])
    finally:
        host.stop()


def run_self_test(out: Callable[[str], None] = print) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="cafe-self-test-") as work:
            work_dir = Path(work)
            from cafe_loyalty import __version__
            from cafe_loyalty.app import Cafe
            from cafe_loyalty.store.migrations import schema_version

            cafe = Cafe.open(work_dir / "cafe.db")
            cafe.set_up("Self-test Café", "Owner", "2468")
            sara = cafe.customers.add("Sara", last_name="Ahmadi")
            card = cafe.ledger.stamp(sara.card.id, by=None)
            assert card.filled == 3, card
            steps.append(f"database and card rules (schema {schema_version(cafe.db)})")

            from PIL import Image

            png = cafe.cards.card_png(sara.id)
            image = Image.open(io.BytesIO(png))
            try:
                import zxingcpp
            except ImportError:
                zxingcpp = None
                steps.append("QR card drawn (zxing-cpp not bundled: not decoded)")
            else:
                found = [r.text for r in zxingcpp.read_barcodes(image)]
                assert found == [sara.card.code], found
                steps.append("QR card drawn and read back")

            summary = cafe.backups.create(work_dir / "backup.cafebackup", by=cafe.staff.owner_id())
            assert cafe.backups.verify(summary.path, by=cafe.staff.owner_id()).counts == summary.counts
            steps.append("backup written and verified")

            from cafe_loyalty_ui.app import make_app
            from cafe_loyalty_ui.operations import Operations
            from cafe_loyalty_ui.till.window import TillWindow

            app = make_app()
            window = TillWindow(cafe.till, Operations(synchronous=True), cafe.settings.all())
            window.show()
            window.open_customer(sara.id)
            app.processEvents()
            assert window.panel.first_name.text() == "Sara"
            assert not window.grab().isNull()
            window.close()
            steps.append("till window shown")

            from cafe_loyalty_ui import i18n

            i18n.install(app, "fa")  # the .qm, Qt's own Persian and the Vazirmatn font are bundled
            cafe.settings.update(language="fa", by=cafe.staff.owner_id())
            window = TillWindow(cafe.till, Operations(synchronous=True), cafe.settings.all())
            window.show()
            app.processEvents()
            assert window.add_button.text() == "مشتری ثابت تازه", window.add_button.text()
            assert window.isRightToLeft() and app.font().family() == i18n.FONT_FAMILY
            from PySide6.QtCore import QCoreApplication

            # Qt's own Persian (qtbase_fa): the file dialog's "Look in:" and the standard buttons
            looked = QCoreApplication.translate("QFileDialog", "&Look in:")
            assert looked != "&Look in:", "the file dialog's Persian (qtbase_fa and ours) is missing"
            persian_card = Image.open(io.BytesIO(cafe.cards.card_png(sara.id)))
            if zxingcpp is not None:
                found = [r.text for r in zxingcpp.read_barcodes(persian_card)]
                assert found == [sara.card.code], found
            window.close()
            i18n.install(app, "en")
            steps.append("Persian till and Persian card")

            from cafe_loyalty.io.tabular import write_ods

            sheet = write_ods(work_dir / "regulars.ods", [["نام", "موبایل"], ["مینا", "۰۹۱۲۳۴۵۶۷۸۹"]])
            cafe.settings.update(phone_region="IR", by=cafe.staff.owner_id())
            imported = cafe.imports.run(sheet, by=cafe.staff.owner_id())
            mina = cafe.customers.get(cafe.customers.search("مینا")[0].id)
            assert imported.added == 1 and mina.phone == "+989123456789", (imported, mina.phone)
            steps.append("a spreadsheet imported (python-calamine, phonenumbers)")

            phone_page_step(cafe, sara.card.code)
            steps.append("phone page served by its own process (waitress) and read over HTTP")
            cafe.close()
    except Exception:
        for step in steps:
            out(f"ok   {step}")
        out("FAIL " + traceback.format_exc())
        return 1
    for step in steps:
        out(f"ok   {step}")
    out(f"self-test passed (cafe-loyalty {__version__}, Python {sys.version.split()[0]})")
    return 0
