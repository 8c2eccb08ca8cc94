"""What counts as a visit, in one place: an itemised Visit, or a purchase stamp that came
without one (a café that only stamps records no Visit rows). Every count of visits uses this
union; the ledger, which the visits service builds on, needs it too when an undo takes one away.
"""

VISIT_EVENTS = """
    SELECT v.customer_id AS customer_id, v.at AS at FROM visit v WHERE v.voided_at IS NULL
    UNION ALL
    SELECT d.customer_id, s.at FROM stamp s JOIN card d ON d.id = s.card_id
     WHERE s.source = 'purchase' AND s.voided_at IS NULL AND s.visit_id IS NULL
"""
