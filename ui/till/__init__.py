"""The counter: the till window (assembled from its presenters: ``counter_keys``,
``status_strips``, ``display_link``, ``regular_forms``, ``owner_access``), the customer panel
and its actions and flows, the tiles, the check-back and waiting strips, and the link to the
server. Reaches the core through a ``Till`` only.
"""
