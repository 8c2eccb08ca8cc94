"""Power-cut safety: a process stamping in a loop is killed with SIGKILL at random moments.

After every kill the database opens, passes ``integrity_check``, keeps its invariants, and
holds every stamp the child had reported as committed (``synchronous=FULL`` + WAL)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cafe_loyalty.app import Cafe

pytestmark = pytest.mark.sqlite_only  # a till killed in the middle of a SQLite write

CHILD = Path(__file__).with_name("crash_child.py")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_while_stamping_loses_nothing_committed(tmp_path):
    db = tmp_path / "crash.db"
    rng = random.Random(20261123)
    reported: set[int] = set()
    for _round in range(24):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(db)], stdout=subprocess.PIPE, text=True, env={**os.environ}
        )
        assert child.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(1, 40)):
            line = child.stdout.readline()
            reported.add(int(line))
        child.send_signal(signal.SIGKILL)  # mid-way through whatever it was doing
        child.wait()
        child.stdout.close()

        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {r[0] for r in con.execute("SELECT id FROM stamp")}
        assert reported <= present, f"lost committed stamps: {sorted(reported - present)[:5]}"
        overfull = con.execute(
            "SELECT count(*) FROM card c WHERE (SELECT count(*) FROM stamp s WHERE s.card_id = c.id "
            "AND s.voided_at IS NULL) > c.slots"
        ).fetchone()[0]
        active = con.execute(
            "SELECT count(*) FROM customer u WHERE (SELECT count(*) FROM card WHERE customer_id = u.id "
            "AND status = 'active') != 1"
        ).fetchone()[0]
        con.close()
        assert overfull == 0 and active == 0
    assert len(reported) >= 24
    cafe = Cafe.open(db)  # and the app opens it normally afterwards
    assert cafe.customers.count() == 3
    cafe.close()
