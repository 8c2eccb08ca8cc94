"""Files in and out that are not backups: reading a customer list without trusting it
(``tabular`` for the file, ``import_rows`` for each row), and spreadsheets of the café's data
(``spreadsheets``, formulas neutralised).

Never imports: replica, page, cli, Qt.
"""
