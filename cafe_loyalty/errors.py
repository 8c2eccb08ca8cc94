"""Errors a service raises. Each message is written to be shown to a barista or owner as is.

The UI turns any ``CafeError`` into a dialog and the CLI into a line on stderr with a non-zero
exit; anything else is a bug.
"""

from __future__ import annotations


class CafeError(Exception):
    """Base of every error meant for a person, not a traceback.

    The message is a template with named fields (``NotFound("There is no card {card_id}.",
    card_id=7)``), so the Persian till can translate the words and fill in the values; the
    templates are collected for translation by ``scripts/translations.py``.
    """

    exit_code = 1

    def __init__(self, template: str = "", **params: object):
        self.template = template or self.__class__.__name__
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.params) if self.params else self.template


class ValidationError(CafeError):
    """Input was refused before anything was written."""

    exit_code = 2


class NotFound(CafeError):
    """No customer, card or staff member matches what was asked for."""

    exit_code = 3


class InvalidCode(CafeError):
    """A scanned or typed card code is malformed, fails its check character or is foreign."""

    exit_code = 3


class RevokedCode(CafeError):
    """A code that once belonged to a card but was replaced; names the current code."""

    exit_code = 3

    def __init__(
        self, template: str, current_code: str | None = None, customer_id: int | None = None, **params: object
    ):
        super().__init__(template, **params)
        self.current_code = current_code
        self.customer_id = customer_id


class TooSoon(CafeError):
    """The double-tap guard: this card was stamped a moment ago. Retry with ``force=True``."""

    exit_code = 4

    def __init__(self, template: str, minutes_ago: float, **params: object):
        super().__init__(template, **params)
        self.minutes_ago = minutes_ago


class CardStateError(CafeError):
    """The card cannot do that now (stamp a full card, redeem an unfinished one, nothing to undo)."""

    exit_code = 4


class StorageError(CafeError):
    """The database could not be written (disk full, read-only, locked); nothing was changed."""

    exit_code = 5


class DamagedDatabase(StorageError):
    """The database file (or a table in it) is damaged or empty. The till offers the newest
    sound snapshot; the damaged file is always kept for a specialist."""


class NotACafe(StorageError):
    """The file or server database holds another program's tables; it is never written."""


class ServerUnreachable(StorageError):
    """The PostgreSQL server did not answer (stopped, network down). A till of several then
    keeps stamps in its own queue (:mod:`cafe_loyalty.replica.offline`) and refuses other writes."""


class ServerBusy(ServerUnreachable):
    """The server answered but kept the till waiting past its lock timeout (another till's
    change, or a connection cut mid-change that the server has not dropped yet): to the till,
    as good as away: a stamp is queued rather than refused."""


class NotSetUp(ValidationError):
    """A command that needs a café ran on a file where no café was ever set up."""


class AlreadyRunning(CafeError):
    """Another copy of the app holds this database file."""

    exit_code = 6


class SchemaTooNew(CafeError):
    """The database was written by a newer version of the app; opening it could damage it."""

    exit_code = 7


class PermissionDenied(CafeError):
    """An owner-only action without the owner's PIN."""

    exit_code = 8
