"""The owner's screen (the back office, behind the owner's PIN): a sidebar of sections (menu,
staff, settings, the customer side, backups, the programme, the experiment, check-backs,
regulars), and the owner's dialogs (import, merge, batch print, phone test, passphrase).
"""
