"""Dialogs shared by the screens: the form dialogs, the owner's PIN, and the regular's
visit, feedback and treat dialogs.
"""
