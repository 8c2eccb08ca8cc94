"""The owner's programme report: visits, who came back, cards finished, week by week; and the
Programme tab that shows it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cafe_loyalty.cli import main


@pytest.fixture
def history(cafe, clock, barista):
    """Regulars whose visits fall on known days before "now" (2026-03-02 08:30)."""
    cafe.settings.update(
        guard_minutes=0, card_slots=3, head_start=1, by=cafe.staff.owner_id()
    )  # two purchases fill a card
    now = clock.current
    latte = cafe.menu.add("Latte", by=cafe.staff.owner_id()).id

    def at(days_ago: float):
        clock.current = now - dt.timedelta(days=days_ago)

    at(100)
    sara = cafe.customers.add("Sara", by=barista)  # card issued 100 days ago
    cafe.ledger.stamp(sara.card.id, by=barista)
    at(45)
    cafe.ledger.stamp(sara.card.id, by=barista)  # full
    at(44)
    cafe.ledger.redeem(sara.card.id, by=barista)  # her next card is issued 44 days ago
    at(10)
    cafe.visits.record(sara.id, [latte], by=barista)  # an itemised visit with its stamp: one visit
    at(70)
    reza = cafe.customers.add("Reza", by=barista)  # card issued 70 days ago, never finished
    at(40)
    cafe.ledger.stamp(reza.card.id, by=barista)  # came 31-60 days ago, not since
    at(5)
    mina = cafe.customers.add("Mina", by=barista)
    cafe.visits.record(mina.id, [latte], stamp=False, by=barista)  # a visit without a stamp
    at(1)
    cafe.ledger.stamp(mina.card.id, by=barista)
    cafe.ledger.stamp(mina.card.id, by=barista)  # full
    cafe.ledger.redeem(mina.card.id, by=barista)  # a reward in the last 30 days
    cafe.ledger.stamp(cafe.customers.get(mina.id).card.id, by=barista)
    cafe.ledger.undo(mina.id, "stamped twice by mistake", by=barista)  # voided: not a visit
    at(3)
    gone = cafe.customers.add("Gone", by=barista)
    cafe.ledger.stamp(gone.card.id, by=barista)
    clock.current = now
    cafe.privacy.forget(gone.id, by=cafe.staff.owner_id())
    return {"sara": sara.id, "reza": reza.id, "mina": mina.id}


def test_programme_figures(cafe, history):
    report = cafe.reports.programme(weeks=12)
    assert report.regulars == 3  # the forgotten one is not counted
    assert report.new == 1  # Mina
    # In the last 30 days: Sara's visit, Mina's unstamped visit and her two stamps, the forgotten
    # regular's stamp (visits stay, anonymously); Mina's voided stamp is not one.
    assert report.visits == 5
    # One rule for forgotten customers (issue #16): figures about people leave them out, like
    # "of N regulars"; their visits stay in the visit counts, anonymously.
    assert report.active == 2 <= report.regulars  # Sara and Mina

    assert report.rewards == 1
    # 31-60 days ago: Sara (45) and Reza (40) came; only Sara came again since.
    assert (report.came_back, report.came_before, report.return_rate) == (1, 2, 0.5)
    # Cards issued 60-425 days ago: Sara's first (finished) and Reza's (not).
    assert (report.cards_finished, report.cards_counted, report.completion_rate) == (1, 2, 0.5)
    weeks = report.weeks
    assert len(weeks) == 12 and weeks[-1].start == (cafe.clock.now() - dt.timedelta(weeks=1)).date()
    assert [(w.visits, w.regulars, w.rewards) for w in weeks[-1:]] == [(4, 1, 1)]  # days 1, 3 (forgotten), 5 ago
    assert (weeks[-2].visits, weeks[-2].regulars) == (1, 1)  # Sara, 10 days ago
    assert sum(w.visits for w in weeks) == 7  # 40 and 45 days ago as well


def test_an_empty_cafe_reports_zeros_not_errors(cafe):
    report = cafe.reports.programme()
    assert (report.visits, report.active, report.return_rate, report.completion_rate) == (0, 0, None, None)
    assert all(w.visits == 0 for w in report.weeks)


def test_report_command(cafe, history, db_path, capsys):
    cafe.close()
    assert main(["report", "--weeks", "4", "--json", "--db", str(db_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["regulars"] == 3 and len(data["weeks"]) == 4 and "return_rate" in data
    assert main(["report", "--db", str(db_path)]) == 0
    assert "Came back:" in capsys.readouterr().out
    assert main(["report", "--weeks", "0", "--db", str(db_path)]) == 2


def test_programme_tab_shows_the_report(qtbot, cafe, history, make_till):
    window = make_till(synchronous=True)
    window._show_owner(cafe.staff.unlock_owner("2468"), "")
    owner = window.owner_dialog
    assert owner.programme.report is None  # nothing is worked out until the tab is opened
    owner.tabs.setCurrentWidget(owner.programme)
    tab = owner.programme
    assert tab.report is not None and not tab.status.isVisible()
    assert tab.figures["visits"][0].text() == "5"
    assert tab.figures["returned"][0].text() == "50%"
    assert tab.figures["finished"][1].text() == "of cards finished: 1 of 2"
    assert len(tab.chart.weeks) == 12 and tab.chart.accessibleName().endswith(": 4")
    assert not tab.chart.grab().isNull()
    owner.reject()  # a window-modal dialog left open would swallow the next tests' key presses
