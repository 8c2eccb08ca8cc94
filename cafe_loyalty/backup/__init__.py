"""Backups as files: the ``.cafebackup`` archive (checked completely before a restore changes
anything), its encryption (``crypto``), forgetting a regular in any copy (``erasure``), and the
automatic backups' passphrase kept on this computer (``passphrases``).

Never imports: services, replica, page, cli, Qt. The services use it, not the other way round.
"""
