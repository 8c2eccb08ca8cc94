"""Deterministic synthetic café data for benchmarks: realistic names (Persian and English),
skewed visit frequency (a few regulars come daily, most now and then), full card history.

Rows are written with plain sqlite3 in one transaction into a database created by the app's
own migrations, so the schema and indexes are exactly the app's. Stamps, visits and rewards are
generated one regular at a time but stored in time order, as a till appends them: the app
relies on that (``likely_now`` and the reports find "the last 12 weeks" by a binary search on
the id). SQLite sorts them through temporary tables on disk, so memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cafe_loyalty.app import Cafe
from cafe_loyalty.printing import codes
from cafe_loyalty.services.customers import search_key

FIRST = [
    "Sara",
    "Reza",
    "Mina",
    "Ali",
    "Zahra",
    "Mohammad",
    "Fatemeh",
    "Hossein",
    "Maryam",
    "Amir",
    "Nazanin",
    "Arash",
    "Leila",
    "Kian",
    "Parisa",
    "Omid",
    "Shirin",
    "Babak",
    "Niloufar",
    "Dariush",
    "Yasaman",
    "Kaveh",
    "Roya",
    "Farhad",
    "Mahsa",
    "Tom",
    "Hannah",
    "Leo",
    "Emma",
    "Noah",
    "Olivia",
    "Liam",
    "Ava",
    "Lucas",
    "Mia",
    "Ethan",
    "Zoë",
    "José",
    "Chloé",
    "Søren",
    "Aylin",
    "Yusuf",
    "Elif",
    "Mehmet",
    "Ana",
    "João",
    "Lena",
    "Jonas",
    "علی",
    "زهرا",
    "محمد",
    "فاطمه",
    "رضا",
    "مریم",
    "حسین",
    "سارا",
    "مهر\u200cناز",
    "کیان",
    "نیلوفر",
    "آرش",
]
LAST = [
    "Ahmadi",
    "Hosseini",
    "Karimi",
    "Rahimi",
    "Mohammadi",
    "Farahani",
    "Samadi",
    "Jafari",
    "Moradi",
    "Rezaei",
    "Kazemi",
    "Ghasemi",
    "Baker",
    "Weber",
    "Martin",
    "Smith",
    "Garcia",
    "Müller",
    "Rossi",
    "Dubois",
    "Novak",
    "Silva",
    "Yilmaz",
    "Kowalski",
    "Jensen",
    "Costa",
    "کریمی",
    "احمدی",
    "حسینی",
    "رحیمی",
    "محمدی",
    "فراهانی",
    "صمدی",
    "جعفری",
]


@dataclass(frozen=True)
class Size:
    name: str
    customers: int
    stamps: int


SIZES = {
    "tiny": Size("tiny", 200, 5_000),
    "small": Size("small", 1_000, 50_000),
    "issue3": Size("issue3", 10_000, 200_000),
    "medium": Size("medium", 10_000, 500_000),
    "issue5": Size("issue5", 100_000, 2_000_000),
    "large": Size("large", 100_000, 5_000_000),
}


def _code(rng: random.Random) -> str:
    data = "".join(rng.choice(codes.ALPHABET) for _ in range(codes.DATA_CHARS))
    return codes.format_code(data + codes._check_char(data))


def generate(path: Path, size: Size, seed: int = 7) -> dict[str, int]:
    """Create ``path`` holding ``size`` customers and about ``size.stamps`` stamp rows."""
    if path.exists():
        path.unlink()
    cafe = Cafe.open(path)
    cafe.set_up("Bench Café")
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    staff = cafe.staff.default().id
    cafe.close()

    con0 = sqlite3.connect(path)
    menu_names = ["Latte", "Flat white", "Cappuccino", "Espresso", "Chai latte", "Croissant", "Saffron cake"]
    con0.executemany(
        "INSERT INTO menu_item (name, category, active, created_at) VALUES (?, '', 1, ?)",
        [(n, f"2024-0{1 + i % 9}-01 08:00:00") for i, n in enumerate(menu_names)],
    )
    con0.commit()
    con0.close()
    modifiers = ["", "low-fat milk", "oat milk, not too hot", "extra hot", "no sugar"]
    rng = random.Random(seed)
    start = dt.datetime(2024, 1, 1, 7, 0)
    span = 700 * 24 * 3600
    # Zipf-like weights: the k-th most loyal regular visits about 1/k^0.8 as often.
    weights = [1 / (k + 1) ** 0.8 for k in range(size.customers)]
    total = sum(weights)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA temp_store = FILE")
    cur = con.cursor()
    cur.executescript(
        """
        CREATE TEMP TABLE gen_stamp (card_id, at, staff_id, source, gen_visit);
        CREATE TEMP TABLE gen_visit (gen_id INTEGER PRIMARY KEY, customer_id, at, staff_id);
        CREATE TEMP TABLE gen_item (gen_visit, item_id, modifiers);
        CREATE TEMP TABLE gen_redemption (card_id, next_card_id, at, staff_id);
        """
    )
    rows: dict[str, list] = {k: [] for k in ("customers", "codes", "cards", "stamps", "visits", "items", "rewards")}
    card_id = stamp_rows = visit_id = 0
    for cid in range(1, size.customers + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        phone = "09" + "".join(rng.choice("0123456789") for _ in range(9)) if rng.random() < 0.4 else ""
        code = _code(rng)
        created = start + dt.timedelta(seconds=rng.randrange(span // 2))
        purchases = max(1, round(size.stamps * weights[cid - 1] / total * 0.8))
        # Habits: most visits at the regular's own hour, the rest at any time of day.
        hour = rng.randrange(7, 19)
        times = sorted(
            (created + dt.timedelta(days=rng.randrange(span // 2 // 86400))).replace(
                hour=hour if rng.random() < 0.7 else rng.randrange(7, 20), minute=rng.randrange(60)
            )
            for _ in range(purchases)
        )
        favourite = rng.randrange(len(menu_names)) + 1
        usual_mods = rng.choice(modifiers)
        key = search_key(first, last, phone, code)
        rows["customers"].append((cid, first, last, phone, "", "", "", key, created, times[-1], len(times), times[0]))
        rows["codes"].append((cid, code, cid, created))
        # cards of 10 slots with a head start of 2: every 8 purchases fill one, then a reward
        for chunk_start in range(0, len(times), 8):
            chunk = times[chunk_start : chunk_start + 8]
            card_id += 1
            issued = created if chunk_start == 0 else times[chunk_start - 1]
            done = len(chunk) == 8 and chunk_start + 8 < len(times)
            rows["cards"].append(
                (card_id, cid, 10, 2, issued, "redeemed" if done else "active", chunk[-1] if done else None)
            )
            if done:
                rows["rewards"].append((card_id, card_id + 1, chunk[-1], staff))
            rows["stamps"] += [(card_id, issued, staff, "head_start", None)] * 2
            for t in chunk:
                visit = None
                if rng.random() < 0.5:  # about half of purchases are recorded with what was had
                    visit_id += 1
                    visit = visit_id
                    rows["visits"].append((visit_id, cid, t, staff))
                    item = favourite if rng.random() < 0.6 else rng.randrange(len(menu_names)) + 1
                    rows["items"].append((visit_id, item, usual_mods if item == favourite else ""))
                rows["stamps"].append((card_id, t, staff, "purchase", visit))
        if len(rows["stamps"]) > 200_000:
            stamp_rows += _flush(cur, rows)
    stamp_rows += _flush(cur, rows)
    _store_in_time_order(cur)
    con.commit()
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {"customers": size.customers, "cards": card_id, "stamps": stamp_rows, "visits": visit_id}


def _flush(cur: sqlite3.Cursor, rows: dict[str, list]) -> int:
    cur.executemany(
        "INSERT INTO customer (id, first_name, last_name, phone, email, usual, notes, search_key, created_at,"
        " last_seen_at, visits, first_visit_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows["customers"],
    )
    cur.executemany("INSERT INTO card_code (id, code, customer_id, issued_at) VALUES (?,?,?,?)", rows["codes"])
    cur.executemany(
        "INSERT INTO card (id, customer_id, slots, head_start, issued_at, status, closed_at) VALUES (?,?,?,?,?,?,?)",
        rows["cards"],
    )
    cur.executemany("INSERT INTO gen_visit VALUES (?,?,?,?)", rows["visits"])
    cur.executemany("INSERT INTO gen_item VALUES (?,?,?)", rows["items"])
    cur.executemany("INSERT INTO gen_stamp VALUES (?,?,?,?,?)", rows["stamps"])
    cur.executemany("INSERT INTO gen_redemption VALUES (?,?,?,?)", rows["rewards"])
    n = len(rows["stamps"])
    for batch in rows.values():
        batch.clear()
    return n


def _store_in_time_order(cur: sqlite3.Cursor) -> None:
    """Copy the generated rows into the app's tables ordered by time, renumbering visits."""
    cur.executescript(
        """
        CREATE TEMP TABLE visit_id_map AS
            SELECT gen_id, row_number() OVER (ORDER BY at, gen_id) AS id FROM gen_visit;
        CREATE INDEX temp.visit_id_map_gen ON visit_id_map (gen_id);
        INSERT INTO visit (id, customer_id, at, staff_id)
            SELECT m.id, g.customer_id, g.at, g.staff_id FROM gen_visit g JOIN visit_id_map m USING (gen_id)
            ORDER BY m.id;
        INSERT INTO visit_item (visit_id, item_id, modifiers)
            SELECT m.id, i.item_id, i.modifiers FROM gen_item i JOIN visit_id_map m ON m.gen_id = i.gen_visit
            ORDER BY m.id;
        INSERT INTO stamp (card_id, at, staff_id, source, forced, visit_id)
            SELECT s.card_id, s.at, s.staff_id, s.source, 0, m.id
            FROM gen_stamp s LEFT JOIN visit_id_map m ON m.gen_id = s.gen_visit
            ORDER BY s.at, s.rowid;
        INSERT INTO redemption (card_id, next_card_id, at, staff_id, reward)
            SELECT card_id, next_card_id, at, staff_id, 'a free drink' FROM gen_redemption ORDER BY at, rowid;
        DROP TABLE gen_stamp;
        DROP TABLE gen_visit;
        DROP TABLE gen_item;
        DROP TABLE gen_redemption;
        DROP TABLE visit_id_map;
        """
    )
