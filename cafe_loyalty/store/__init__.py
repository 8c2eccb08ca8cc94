"""Storage: opening the database (SQLite file or PostgreSQL server), one durable transaction per
write (``db.write``/``db.read``), the tables (``models``), the frozen schema steps
(``migrations``, ``pg_schema``), what the engines spell or do differently (``dialect``,
``engine``), shared SQL fragments, copying a café between engines, and turning a driver's failure
into what the till says (``failures``).

Never imports: services, replica, backup, page, printing, io, cli, the till interface, Qt.
"""
