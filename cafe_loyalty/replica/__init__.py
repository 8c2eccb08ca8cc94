"""A till of several on a server (issue #18, #33): the till's own file (``till_file``: the queue of
stamps made while the server was away and the copy of the regulars), the ``ReplicaTill`` that
falls back to them, and the listener that hears the other tills (``live``).

Never imports: page, cli, Qt. Reaches the services only through ``cafe_loyalty.till.Till`` and
the ledger's queue methods.
"""
