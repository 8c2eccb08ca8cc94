"""A till whose network to the server breaks (#30, section 6), through a TCP proxy that cuts,
stalls and half-opens real connections to a real PostgreSQL server (tests/tcp_proxy.py).

What must hold: a silent path never freezes the till past its deadline (the stamp is queued);
a half-open connection holding the café's write lock does not stop the other tills for hours
(the server ends it; meanwhile their stamps are queued, not refused); a stamp whose answer was
lost is not refused by a stale copy."""

from __future__ import annotations

import threading

import pytest

from cafe_loyalty.app import Cafe
from cafe_loyalty.replica.till import SERVER_DEADLINE, ReplicaTill
from cafe_loyalty.store.db import WRITE_LOCK, postgresql_database

from .tcp_proxy import Proxy
from .test_offline import server_stamps


@pytest.fixture
def proxy(pg_url):
    proxy = Proxy(pg_url)
    yield proxy
    proxy.close()


@pytest.fixture
def cafe_with_sara(pg_url, clock):
    cafe = Cafe.open(pg_url, clock=clock)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    cafe.sara = cafe.customers.add("Sara")
    yield cafe
    cafe.close()


def until(condition, limit: float = 60.0, every: float = 0.2) -> bool:
    """Waits for ``condition()`` (checked every ``every`` s, up to ``limit`` s)."""
    stop = threading.Event()
    waited = 0.0
    while not condition():
        if waited >= limit:
            return False
        stop.wait(every)
        waited += every
    return True


def test_a_silent_path_is_cut_at_the_deadline_and_the_stamp_queued(cafe_with_sara, proxy, clock):
    till = Cafe.open(proxy.url, clock=clock)  # this till reaches the server through the proxy
    try:
        counter = till.till
        assert isinstance(counter, ReplicaTill)
        counter.refresh()
        proxy.stall()  # the path stops relaying; nothing is closed, TCP still acknowledges
        view = counter.stamp(cafe_with_sara.sara.card, by=None)
        assert view.filled == 3 and counter.waiting() == 1 and counter.offline
        assert till.db.deadlines.cut >= 1  # the call was cut, not waited out
        assert server_stamps(cafe_with_sara, cafe_with_sara.sara.id) == []
        proxy.relay()
        counter.back()
        sent = counter.send_waiting()
        assert (sent.sent, sent.waiting) == (1, 0)
        assert len(server_stamps(cafe_with_sara, cafe_with_sara.sara.id)) == 1
    finally:
        till.close()


def test_a_half_open_connection_does_not_stop_the_other_tills(cafe_with_sara, proxy, clock):
    """Another till took the write lock and was cut off mid-change; the server's side of its
    connection stays open. This till's stamp is queued (not refused), and the server ends the
    stuck session by itself (idle_in_transaction_session_timeout), so the queue then goes."""
    stuck = postgresql_database(proxy.url)
    stuck.connect()
    conn = stuck.connection()
    conn.execute("BEGIN")
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    proxy.half_open()
    counter = cafe_with_sara.till
    assert isinstance(counter, ReplicaTill)
    counter.refresh()
    view = counter.stamp(cafe_with_sara.sara.card, by=None)
    assert view.filled == 3 and counter.waiting() == 1  # kept, not refused
    assert server_stamps(cafe_with_sara, cafe_with_sara.sara.id) == []

    def sent() -> bool:
        counter.back()
        return counter.send_waiting().sent == 1

    assert until(sent, limit=60), "the server never ended the stuck session"
    assert len(server_stamps(cafe_with_sara, cafe_with_sara.sara.id)) == 1
    stuck.close()


def test_the_deadline_is_longer_than_the_lock_timeout():
    """A wait for another till's change must end as "busy" from the server (5 s), before the
    till's own deadline cuts the connection."""
    assert SERVER_DEADLINE > 5.0
