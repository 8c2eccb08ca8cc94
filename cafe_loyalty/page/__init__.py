"""The phone page (issue #14): the read-only page a customer's phone opens from the printed QR
card (``html``), served by waitress with the till's limits (``server``), started as a process of
its own (``host``), announced as ``<café>.local`` (``mdns``), at the address the settings give
(``address``).

Never imports: replica, cli, Qt; it reads through the services' customer-side view only.
"""
