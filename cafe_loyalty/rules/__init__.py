"""Pure rules, decided once and tested alone: whether a stamp may go on a card (``stamping``),
what the search box matches (``search``), birthdays in any calendar (``birthdays``), and the
statistics of the head-start experiment (``stats``).

Never imports: services, store, replica, backup, page, cli, Qt (no database, no clock of their own).
"""
