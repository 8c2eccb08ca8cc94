"""Card scanners: what a scanner typing into any keyboard layout meant (``keymap``), and a
customer-facing scanner on a serial port read on its own thread (``serial_port``).

Never imports: services, store, replica, cli, Qt.
"""
