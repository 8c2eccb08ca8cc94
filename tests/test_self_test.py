"""The --self-test a packaged build runs in CI, run here from the source tree."""

from __future__ import annotations

import subprocess
import sys

from cafe_loyalty_ui.self_test import run_self_test


def test_self_test_passes_and_reports_each_step():
    lines: list[str] = []
    assert run_self_test(lines.append) == 0
    assert [line.split("   ")[0] for line in lines[:-1]] == ["ok"] * 7
    assert lines[-4] == "ok   Persian till and Persian card"
    assert lines[-3] == "ok   a spreadsheet imported (python-calamine, phonenumbers)"
    assert lines[-2].startswith("ok   phone page served by its own process")
    assert lines[-1].startswith("self-test passed")


def test_self_test_reports_a_failure(monkeypatch):
    from cafe_loyalty.services import cards

    monkeypatch.setattr(cards.CardService, "card_png", lambda self, cid: b"not a png")
    lines: list[str] = []
    assert run_self_test(lines.append) == 1
    assert lines[0].startswith("ok   database") and lines[-1].startswith("FAIL")


def test_entry_point_flag():
    out = subprocess.run([sys.executable, "-m", "cafe_loyalty_ui.main", "--self-test"], capture_output=True, text=True)
    assert out.returncode == 0 and "self-test passed" in out.stdout
