"""What counts as a visit, in one place: an itemised Visit, or a purchase stamp that came
without one (a café that only stamps records no Visit rows). Every count of visits uses this
union; the ledger, which the visits service builds on, needs it too when an undo takes one away.
"""

from cafe_loyalty.store.dialect import Dialect

VISIT_EVENTS = """
    SELECT v.customer_id AS customer_id, v.at AS at FROM visit v WHERE v.voided_at IS NULL
    UNION ALL
    SELECT d.customer_id, s.at FROM stamp s JOIN card d ON d.id = s.card_id
     WHERE s.source = 'purchase' AND s.voided_at IS NULL AND s.visit_id IS NULL
"""


# One more visit (a purchase stamp, or an itemised visit without one). A visit entered
# afterwards (``at`` in the past) must not make someone look long gone, nor newer than they are.
# ``customer.last_seen_at``, ``first_visit_at`` and ``visits`` are caches kept by this statement.
def seen(d: Dialect) -> str:
    return (
        f"UPDATE customer SET last_seen_at = {d.latest('last_seen_at', '?1')}, "
        f"first_visit_at = {d.earliest('first_visit_at', '?1')}, visits = visits + 1 WHERE id = ?2"
    )
