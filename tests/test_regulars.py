"""Knowing the regular: usual order, birthdays, suggestions, treats, feedback, milestones,
lapsed regulars, referrals, and forgetting."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from cafe_loyalty.errors import InvalidCode, NotFound, ValidationError
from cafe_loyalty.rules.birthdays import Birthday, in_birthday_week
from cafe_loyalty.store.models import Treat


@pytest.fixture
def menu(cafe, clock):
    items = {}
    for name, category in (("Latte", "coffee"), ("Flat white", "coffee"), ("Croissant", "pastry")):
        items[name] = cafe.menu.add(name, category, by=cafe.staff.owner_id()).id
        clock.advance(days=1)
    return items


def visit(cafe, clock, customer_id, item, modifiers="", hours=24):
    clock.advance(hours=hours)
    return cafe.visits.record(customer_id, [item], modifiers)


def test_usual_is_learned_from_visits_with_recency_breaking_ties(cafe, clock, menu):
    sara = cafe.customers.add("Sara")
    assert cafe.regulars.usual(sara.id) is None
    visit(cafe, clock, sara.id, menu["Latte"], "low-fat milk, not too hot")
    visit(cafe, clock, sara.id, menu["Flat white"])
    visit(cafe, clock, sara.id, menu["Latte"], "Not too hot,  low-fat milk")  # same order, other words order
    usual = cafe.regulars.usual(sara.id)
    assert (usual.item, usual.modifiers, usual.source) == ("Latte", "low-fat milk, not too hot", "learned")
    visit(cafe, clock, sara.id, menu["Flat white"])  # 2-2 now: the more recent wins
    assert cafe.regulars.usual(sara.id).item == "Flat white"


def test_pinned_usual_wins_until_unpinned(cafe, clock, menu):
    sara = cafe.customers.add("Sara", usual="something sweet")
    assert cafe.regulars.usual(sara.id).source == "note"
    visit(cafe, clock, sara.id, menu["Latte"])
    cafe.regulars.pin_usual(sara.id, menu["Croissant"], "warmed")
    assert cafe.regulars.usual(sara.id).text == "Croissant, warmed"
    cafe.regulars.pin_usual(sara.id, None)
    assert cafe.regulars.usual(sara.id).item == "Latte"


def test_a_visit_stamps_and_honours_the_guard(cafe, clock, menu):
    from cafe_loyalty.errors import TooSoon

    sara = cafe.customers.add("Sara")
    result = cafe.visits.record(sara.id, [menu["Latte"]])
    assert result.card.filled == 3 and result.stamped
    clock.advance(minutes=2)
    with pytest.raises(TooSoon):
        cafe.visits.record(sara.id, [menu["Croissant"]])
    assert cafe.visits.count(sara.id) == 1  # the refused stamp recorded no visit either
    cafe.visits.record(sara.id, [menu["Croissant"]], stamp=False)
    assert cafe.visits.count(sara.id) == 2 and cafe.ledger.current_card(sara.id).filled == 3


def test_visits_need_items_on_the_menu(cafe, menu):
    sara = cafe.customers.add("Sara")
    with pytest.raises(ValidationError):
        cafe.visits.record(sara.id, [])
    with pytest.raises(NotFound):
        cafe.visits.record(sara.id, [999])


@pytest.mark.parametrize(
    ("month", "day", "today", "inside"),
    [
        (3, 10, dt.date(2026, 3, 10), True),
        (3, 10, dt.date(2026, 3, 7), True),
        (3, 10, dt.date(2026, 3, 13), True),
        (3, 10, dt.date(2026, 3, 14), False),
        (1, 2, dt.date(2026, 12, 30), True),  # year-end wrap, forwards
        (12, 30, dt.date(2027, 1, 2), True),  # and backwards
        (12, 30, dt.date(2027, 1, 3), False),
        (2, 29, dt.date(2027, 2, 28), True),  # celebrated on the 28th in a common year
        (2, 29, dt.date(2027, 3, 3), True),
        (2, 29, dt.date(2028, 2, 29), True),
        (2, 29, dt.date(2028, 3, 4), False),
    ],
)
def test_birthday_week(month, day, today, inside):
    assert in_birthday_week(Birthday(month, day, None), today) is inside


@pytest.mark.parametrize(
    ("month", "day", "year", "message"),
    [
        (2, 30, None, "no day 30"),
        (2, 29, 2023, "no day 29"),
        (13, 1, None, "1 to 12"),
        (5, None, None, "both"),
        (5, 5, 1800, "between"),
    ],
)
def test_impossible_birthdays_are_refused(cafe, month, day, year, message):
    sara = cafe.customers.add("Sara")
    with pytest.raises(ValidationError, match=message):
        cafe.customers.update(sara.id, birthday_month=month, birthday_day=day, birthday_year=year)
    assert cafe.regulars.birthday(sara.id) is None


def test_upcoming_birthdays_and_a_treat_once_a_year(cafe, clock):
    today = cafe.regulars.today()
    soon = today + dt.timedelta(days=5)
    sara = cafe.customers.add("Sara")
    cafe.customers.update(sara.id, birthday_month=soon.month, birthday_day=soon.day, birthday_year=1990)
    reza = cafe.customers.add("Reza")
    later = today + dt.timedelta(days=40)
    cafe.customers.update(reza.id, birthday_month=later.month, birthday_day=later.day)
    assert [(d, name) for d, _id, name in cafe.regulars.upcoming_birthdays(14)] == [(soon, "Sara")]
    cafe.regulars.give_treat(sara.id, "a slice of cake", "birthday")
    clock.advance(days=40)
    with pytest.raises(ValidationError, match="already had a birthday treat"):
        cafe.regulars.give_treat(sara.id, "another cake", "birthday")
    clock.advance(days=330)
    cafe.regulars.give_treat(sara.id, "next year's cake", "birthday")  # a year on: allowed again
    assert [t.what for t in Treat.select().where(Treat.why == "birthday").order_by(Treat.id)] == [
        "a slice of cake",
        "next year's cake",
    ]


def test_treats_stay_occasional(cafe, clock):
    sara = cafe.customers.add("Sara")
    cafe.regulars.give_treat(sara.id, "a biscuit", "other")
    clock.advance(days=10)
    with pytest.raises(ValidationError, match="occasional"):
        cafe.regulars.give_treat(sara.id, "another biscuit", "new-item")
    clock.advance(days=21)
    cafe.regulars.give_treat(sara.id, "the new saffron cake", "new-item")


def test_suggestion_is_the_newest_item_never_had(cafe, clock, menu):
    sara = cafe.customers.add("Sara")
    assert cafe.regulars.suggestion(sara.id) == "Croissant"  # newest on the menu
    visit(cafe, clock, sara.id, menu["Croissant"])
    assert cafe.regulars.suggestion(sara.id) == "Flat white"
    visit(cafe, clock, sara.id, menu["Flat white"])
    visit(cafe, clock, sara.id, menu["Latte"])
    assert cafe.regulars.suggestion(sara.id) is None  # everything tried
    clock.advance(days=1)
    cafe.menu.add("Saffron cake", "cake", by=cafe.staff.owner_id())
    assert cafe.regulars.suggestion(sara.id) == "Saffron cake"


def test_feedback_lifecycle(cafe, barista):
    sara = cafe.customers.add("Sara")
    praise = cafe.feedback.add(sara.id, "Best latte in town", "praise", by=barista)
    complaint = cafe.feedback.add(sara.id, "The music was too loud", "complaint", by=barista)
    idea = cafe.feedback.add(sara.id, "Oat milk please", "idea", by=barista)
    assert praise.status == "resolved"  # nothing to follow up
    assert [f.id for f in cafe.feedback.open_for(sara.id)] == [complaint.id, idea.id]
    assert [f.id for f in cafe.feedback.follow_ups()] == [complaint.id, idea.id]
    cafe.feedback.resolve(complaint.id, "Turned it down, told her next visit", by=barista)
    assert [f.id for f in cafe.feedback.open_for(sara.id)] == [idea.id]
    with pytest.raises(ValidationError, match="already"):
        cafe.feedback.resolve(complaint.id)
    with pytest.raises(ValidationError):
        cafe.feedback.add(sara.id, "   ", "complaint")
    with pytest.raises(ValidationError):
        cafe.feedback.add(sara.id, "hmm", "rant")


def test_milestones_count_visits_and_plain_stamps(cafe, clock, barista, menu):
    sara = cafe.customers.add("Sara")
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    assert cafe.regulars.milestone(sara.id) is None  # no visit yet
    cafe.ledger.stamp(sara.card.id, by=barista)
    assert cafe.regulars.milestone(sara.id) == 1
    for i in range(8):
        card = cafe.ledger.current_card(sara.id)
        if card.redeemable:
            card = cafe.ledger.redeem(card.id, by=barista).card
        if i % 2:
            cafe.visits.record(sara.id, [menu["Latte"]])
        else:
            cafe.ledger.stamp(card.id, by=barista)
    assert cafe.visits.count(sara.id) == 9 and cafe.regulars.milestone(sara.id) is None
    cafe.visits.record(sara.id, [menu["Latte"]], stamp=False)
    assert cafe.regulars.milestone(sara.id) == 10
    cafe.ledger.undo(sara.id, "wrong", by=barista)
    assert cafe.visits.count(sara.id) == 9  # a voided stamp is not a visit


def test_first_hundred_days(cafe, clock):
    sara = cafe.customers.add("Sara")
    assert cafe.regulars.days_as_regular(sara.id) == 1
    clock.advance(days=41)
    assert cafe.regulars.days_as_regular(sara.id) == 42


def test_lapsed_regulars(cafe, clock, barista):
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    weekly, daily, twice = (cafe.customers.add(n) for n in ("Weekly", "Daily", "Twice"))

    def come(customer, times, every_days):
        for _ in range(times):
            cafe.ledger.stamp(cafe.ledger.current_card(customer.id).id, by=barista)
            clock.advance(days=every_days)

    come(weekly, 4, 7)  # days 0, 7, 14, 21: a gap of 7
    come(daily, 4, 1)  # days 28..31: a gap of 1
    come(twice, 2, 0)  # day 32, twice: too few visits to know a gap
    assert cafe.regulars.lapsed() == []  # day 32: Weekly away 11 days
    clock.advance(days=10)  # day 42: Weekly away 21 = 3 x 7; Daily 11 (3 x 1, but under the 3-week floor)
    assert [r.first_name for r in cafe.regulars.lapsed()] == ["Weekly"]
    clock.advance(days=12)  # day 54: Daily away 23 days
    lapsed = cafe.regulars.lapsed()
    assert [(r.first_name, r.days_since) for r in lapsed] == [("Weekly", 33), ("Daily", 23)]
    assert lapsed[0].usual_interval_days == 7.0 and lapsed[0].visits == 4


def test_visit_count_kept_on_the_customer_matches_the_visits(cafe, clock, barista):
    """``customer.visits`` and ``first_visit_at`` are kept in the stamp's own UPDATE; they must
    agree with the visits themselves through stamps, itemised visits, backdated ones and undo."""
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    latte = cafe.menu.add("Latte", by=cafe.staff.owner_id()).id
    sara = cafe.customers.add("Sara")

    def kept() -> tuple[int, str | None]:
        row = cafe.db.execute_sql("SELECT visits, first_visit_at FROM customer WHERE id = ?", (sara.id,)).fetchone()
        return row[0], row[1] and str(row[1])[:16]  # text on SQLite, a datetime on PostgreSQL

    assert kept() == (0, None)
    cafe.ledger.stamp(sara.card.id, by=barista)  # a purchase stamp
    cafe.visits.record(sara.id, [latte], by=barista)  # a visit with its stamp: one visit
    cafe.visits.record(sara.id, [latte], stamp=False, by=barista)  # a visit without one
    earlier = clock.current - dt.timedelta(days=3)
    cafe.visits.record(sara.id, [latte], at=earlier, stamp=False, by=barista)  # entered afterwards
    assert kept() == (4, earlier.isoformat(" ")[:16]) == (cafe.visits.count(sara.id), kept()[1])
    cafe.ledger.undo(sara.id, "wrong customer", by=barista)  # voids the visit's stamp and the visit
    assert kept()[0] == 3 == cafe.visits.count(sara.id)


def test_referrals(cafe):
    sara = cafe.customers.add("Sara")
    cafe.customers.add("Reza", referred_by=sara.id)
    cafe.customers.add("Mina", referred_by=sara.id)
    assert cafe.regulars.referrals() == [(sara.id, "Sara", 2)]
    with pytest.raises(ValidationError, match="no customer"):
        cafe.customers.add("Leo", referred_by=999)
    with pytest.raises(ValidationError, match="themselves"):
        cafe.customers.update(sara.id, referred_by=sara.id)


def test_allergies_and_dietary_flags(cafe):
    sara = cafe.customers.add("Sara", allergies="nuts, sesame", dietary="vegan, Lactose-free")
    assert (sara.allergies, sara.dietary) == ("nuts, sesame", "vegan,lactose-free")
    with pytest.raises(ValidationError, match="Unknown dietary"):
        cafe.customers.update(sara.id, dietary="keto")


def test_export_holds_everything_and_forget_leaves_no_personal_data(cafe, clock, barista, menu, db_path, request):
    reza = cafe.customers.add("Reza")
    sara = cafe.customers.add(
        "Sarabeth",
        last_name="Zarrinkolah",
        phone="0912 345 6789",
        email="sarabeth@example.com",
        usual="latte",
        notes="Window seat please",
        allergies="pistachio",
        referred_by=reza.id,
    )
    cafe.customers.update(sara.id, birthday_month=4, birthday_day=17, birthday_year=1990)
    cafe.visits.record(sara.id, [menu["Latte"]], "oat milk")
    cafe.feedback.add(sara.id, "Loved the cardamom buns", "praise")
    cafe.regulars.give_treat(sara.id, "cardamom bun", "other", note="for her daughter Roxana")
    exported = cafe.privacy.export(sara.id, by=cafe.staff.owner_id())
    assert exported["customer"]["last_name"] == "Zarrinkolah" and exported["visits"][0]["item"] == "Latte"
    assert exported["feedback"][0]["text"] == "Loved the cardamom buns" and exported["treats"]
    code = sara.card.code
    stamps_before = cafe.db.execute_sql("SELECT count(*) FROM stamp").fetchone()[0]

    cafe.privacy.forget(sara.id, by=cafe.staff.owner_id())

    with pytest.raises(NotFound):
        cafe.customers.get(sara.id)
    with pytest.raises(InvalidCode, match="no longer belongs"):
        cafe.cards.lookup(code)
    assert cafe.customers.search("Sarabeth") == [] and cafe.customers.search("0912") == []
    assert cafe.db.execute_sql("SELECT count(*) FROM stamp").fetchone()[0] == stamps_before  # counts kept
    assert cafe.visits.count(sara.id) == 1
    if cafe.url is not None:  # on a server: the tables' own files, read from its data folder
        server = request.getfixturevalue("pg_server")
        if server.data is None:
            pytest.skip("the server's files are not on this computer")
        files = [
            r[0]
            for r in cafe.db.execute_sql(
                "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.relname IN "
                "('customer', 'event', 'feedback', 'treat', 'card_code', 'import_row', 'visit_item')"
            )
        ]
        cafe.db.execute_sql("CHECKPOINT")  # what the server holds in memory, written to the files
        cafe.close()
        raw = b"".join(p.read_bytes() for f in files for p in server.data.glob(f + "*"))
        assert raw  # the files were found and read
    else:
        cafe.close()
        raw = b"".join(p.read_bytes() for p in db_path.parent.glob("cafe.db*"))
    for secret in (
        "Sarabeth",
        "Zarrinkolah",
        "0912 345 6789",
        "sarabeth@example",
        "Window seat",
        "pistachio",
        "cardamom buns",
        "Roxana",
        "sarabeth",
    ):
        assert secret.encode() not in raw, secret
    if cafe.url is not None:
        return
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT birthday_month, first_name FROM customer WHERE id = ?", (sara.id,)).fetchone() == (
        None,
        "(forgotten)",
    )
    con.close()


def test_birthday_is_part_of_add_and_edit(cafe):
    sara = cafe.customers.add("Sara", birthday_month=12, birthday_day=31)
    assert sara.birthday == {"month": 12, "day": 31, "year": None, "calendar": "gregorian"}
    with pytest.raises(ValidationError, match="no day 31"):
        cafe.customers.update(sara.id, birthday_month=11, birthday_day=31, usual="changed")
    assert cafe.customers.get(sara.id).usual == ""  # nothing written
    assert cafe.customers.update(sara.id, birthday_month=None, birthday_day=None).birthday is None


def test_export_to_a_file(cafe, tmp_path):
    import json

    sara = cafe.customers.add("Sara", allergies="nuts")
    path = cafe.privacy.save_export(sara.id, tmp_path / "sara.json", by=cafe.staff.owner_id())
    assert json.loads(path.read_text())["customer"]["allergies"] == "nuts"


def test_likely_now_puts_habitual_regulars_first(cafe, clock, barista):
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    ava, ben, cy, dee = (cafe.customers.add(n) for n in ("Ava", "Ben", "Cy", "Dee"))
    now = clock.now()
    for weeks_ago in (3, 2, 1):
        for person, shift in ((ava, dt.timedelta()), (cy, dt.timedelta(hours=5)), (dee, dt.timedelta(minutes=40))):
            card = cafe.ledger.current_card(person.id)
            cafe.ledger.stamp(card.id, by=barista, at=now - dt.timedelta(weeks=weeks_ago) + shift)
    cafe.ledger.stamp(ben.card.id, by=barista, at=now - dt.timedelta(weeks=1))  # only once at this time
    assert set(cafe.regulars.likely_now()) == {ava.id, dee.id}  # Ben came only once at this time
    clock.advance(hours=6)  # later in the day: nobody habitual (Cy comes 5 hours after Ava: 1 hour ago)
    assert cafe.regulars.likely_now() == [cy.id]
    clock.advance(weeks=20)  # habits older than 12 weeks no longer count
    assert cafe.regulars.likely_now() == []


def test_likely_now_with_no_stamps(cafe):
    assert cafe.regulars.likely_now() == []


def test_a_visit_entered_afterwards_does_not_move_last_seen_back(cafe, clock, menu):
    sara = cafe.customers.add("Sara")
    seen = cafe.customers.get(sara.id).last_seen_at
    cafe.visits.record(sara.id, [menu["Latte"]], at=clock.now() - dt.timedelta(days=30), stamp=False)
    cafe.visits.record(sara.id, [menu["Latte"]], at=clock.now() - dt.timedelta(days=20))
    assert cafe.customers.get(sara.id).last_seen_at == seen


def _weekly(cafe, barista, person, utc_times):
    for at in utc_times:
        cafe.ledger.stamp(cafe.ledger.current_card(person.id).id, by=barista, at=at)


def test_likely_now_reads_each_stamp_in_the_local_time_it_was_made(cafe, clock, barista):
    """Berlin moves to summer time on 29 March 2026. Ava comes on Mondays at 08:00 local
    time: 07:00 UTC before the change, 06:00 UTC after. Ben comes at 09:00 local time. On a
    Monday at 07:00 after the change, Ava is expected and Ben is not (an hour apart at most)."""
    owner = cafe.staff.owner_id()
    cafe.settings.update(guard_minutes=0, time_zone="Europe/Berlin", by=owner)
    ava, ben = cafe.customers.add("Ava"), cafe.customers.add("Ben")
    mondays_before = [dt.datetime(2026, 3, d) for d in (9, 16, 23)]  # winter time, UTC+1
    _weekly(cafe, barista, ava, [d.replace(hour=7) for d in mondays_before])
    _weekly(cafe, barista, ben, [d.replace(hour=8) for d in mondays_before])
    clock.current = dt.datetime(2026, 4, 6, 5, 0)  # Monday 07:00 in Berlin (UTC+2)
    assert cafe.regulars.likely_now() == [ava.id]
    # with one offset for the whole window (now's), Ava's winter visits would read as 09:00
    cafe.settings.update(time_zone="Etc/GMT-2", by=owner)  # a fixed UTC+2 all along
    assert cafe.regulars.likely_now() == []


def test_likely_now_in_tehran_half_an_hour_off_utc(cafe, clock, barista):
    """Iran keeps UTC+03:30 all year (no daylight saving since 2022)."""
    owner = cafe.staff.owner_id()
    cafe.settings.update(guard_minutes=0, time_zone="Asia/Tehran", by=owner)
    sara, reza = cafe.customers.add("Sara"), cafe.customers.add("Reza")
    saturdays = [dt.datetime(2026, 5, d) for d in (2, 9, 16)]
    _weekly(cafe, barista, sara, [d.replace(hour=4, minute=30) for d in saturdays])  # 08:00 in Tehran
    _weekly(cafe, barista, reza, [d.replace(hour=7, minute=30) for d in saturdays])  # 11:00 in Tehran
    clock.current = dt.datetime(2026, 5, 23, 4, 45)  # Saturday 08:15 in Tehran
    assert cafe.regulars.likely_now() == [sara.id]


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "Europe", "asia/tehran", "../../etc/passwd", "/etc/localtime", "A" * 150, "تهران"]
)
def test_an_unknown_time_zone_is_refused(cafe, name):
    from cafe_loyalty.errors import ValidationError

    with pytest.raises(ValidationError, match="not a time zone"):
        cafe.settings.update(time_zone=name, by=cafe.staff.owner_id())
    assert cafe.settings.get("time_zone") == ""


def test_a_stored_zone_this_computer_does_not_know_falls_back_to_its_own(cafe, clock, barista):
    """A café database moved to a computer without that zone's data: "likely now" still works."""
    from cafe_loyalty.store.models import Setting

    ava = cafe.customers.add("Ava")
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    for weeks_ago in (2, 1):
        cafe.ledger.stamp(ava.card.id, by=barista, at=clock.now() - dt.timedelta(weeks=weeks_ago))
    Setting.put("time_zone", "Gone/Nowhere")
    assert cafe.regulars.likely_now() == [ava.id]
