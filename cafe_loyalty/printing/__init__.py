"""What is printed: card codes (``codes``: unguessable, with a check character), the QR cards and
A4 sheets drawn with Pillow (``cards``), and slips sent to an ESC/POS receipt printer
(``receipt``).

Never imports: services, store, replica, cli, Qt (it draws what it is given).
"""
