"""Runs service calls off the GUI thread and hands results back on it.

Every write goes through :meth:`Operations.run`: one worker thread, so a slow disk never
freezes the till, writes apply in the order the barista made them, and a result is shown only
after the service returned, i.e. after the transaction committed. Maintenance (the daily
snapshot, a health check) goes through :meth:`Operations.background` on a thread of its own,
so a stamp never waits behind it and no button greys out. Reads for the screen go through
:meth:`Operations.query` on the database thread too: the UI thread never runs SQL.

A write is recorded (``cafe_loyalty.changes``): ``changed`` carries what it touched, so each
screen refreshes only its own part (Anki's ``OpChanges``). Tests can pass ``synchronous=True``
to run calls inline.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import peewee as pw
import shiboken6
from PySide6.QtCore import QObject, Signal

from cafe_loyalty import changes
from cafe_loyalty.changes import Changes
from cafe_loyalty.errors import CafeError, DamagedDatabase, ServerUnreachable
from cafe_loyalty.store.failures import describe

from . import i18n

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorHandler = Callable[[Exception], bool | None]


@dataclass(frozen=True)
class _Job:
    on_done: Callback | None
    on_error: ErrorHandler | None
    writes: bool  # a successful write emits ``changed``
    counted: bool  # counts toward ``pending`` / ``busy_changed``


class Operations(QObject):
    #: A person-facing error no caller handled (a ``CafeError`` message or a bug report).
    failed = Signal(str)
    #: Something was written: carries the :class:`~cafe_loyalty.changes.Changes`; each screen
    #: refreshes the part it shows, if touched.
    changed = Signal(object)
    #: The database turned out damaged (any read or write found it so): offer a snapshot.
    damaged = Signal(str)
    #: A read for the screen found the database server away (a till of several, issue #18).
    unreachable = Signal()
    busy_changed = Signal(bool)
    #: ``(done, total)`` from a call made with ``progress=True`` (see :meth:`run`).
    progress = Signal(int, int)
    _finished = Signal(object, object, object)  # job, result, error

    def __init__(self, parent: QObject | None = None, synchronous: bool = False):
        super().__init__(parent)
        self._synchronous = synchronous
        self._executor = None if synchronous else ThreadPoolExecutor(1, thread_name_prefix="cafe-db")
        self._background: ThreadPoolExecutor | None = None
        self._closed = False
        self._pending = 0
        self._outstanding = 0  # every call not yet delivered: writes, queries and maintenance
        self._finished.connect(self._deliver)

    @property
    def idle(self) -> bool:
        """Nothing queued or running, reads included (tests wait for this)."""
        return self._outstanding == 0

    @property
    def pending(self) -> int:
        """Calls made with :meth:`run` that have not finished (background work excluded)."""
        return self._pending

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: ErrorHandler | None = None,
        writes: bool = True,
        progress: bool = False,
        **kwargs: Any,
    ) -> None:
        """Call ``fn(*args, **kwargs)`` on the database thread.

        ``on_error`` may return True to say it dealt with the error; otherwise ``failed`` is
        emitted with a message for the person at the till. With ``progress=True``, ``fn`` gets
        a ``progress(done, total)`` callback whose calls arrive as the ``progress`` signal.
        """
        if self._closed:
            raise RuntimeError("Operations.run after shutdown")  # a bug: the window is gone
        if progress:
            kwargs["progress"] = self.progress.emit
        job = _Job(on_done, on_error, writes, counted=True)
        self._pending += 1
        self._outstanding += 1
        if self._synchronous:
            if self._pending == 1:
                self.busy_changed.emit(True)
            self._deliver(job, *_call(_recorded, (fn, args, kwargs), {}))
            return
        assert self._executor is not None
        # Hand the work over first, then grey out buttons: the write does not wait on the UI.
        future = self._executor.submit(_recorded, fn, args, kwargs)
        future.add_done_callback(lambda f: self._emit(f, job))
        if self._pending == 1:
            self.busy_changed.emit(True)

    def query(
        self, fn: Callable[..., Any], *args: Any, on_done: Callback | None = None, on_error: ErrorHandler | None = None
    ) -> None:
        """A read for the screen, on the database thread, in order with the writes (a panel
        reloaded after a stamp sees the stamp). Does not grey out the buttons."""
        self._read(self._executor, fn, args, on_done, on_error)

    def background(
        self, fn: Callable[..., Any], *args: Any, on_done: Callback | None = None, on_error: ErrorHandler | None = None
    ) -> None:
        """Maintenance that reads the database through its own connection while the till writes.
        Dropped once the app is shutting down (it will run again at the next start)."""
        if self._background is None and not self._synchronous:
            self._background = ThreadPoolExecutor(1, thread_name_prefix="cafe-maintenance")
        self._read(self._background, fn, args, on_done, on_error)

    def _read(
        self,
        executor: ThreadPoolExecutor | None,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        on_done: Callback | None,
        on_error: ErrorHandler | None,
    ) -> None:
        if self._closed:
            return
        job = _Job(on_done, on_error, writes=False, counted=False)
        self._outstanding += 1
        if executor is None:  # synchronous (tests)
            self._deliver(job, *_call(fn, args, {}))
            return
        future = executor.submit(fn, *args)
        future.add_done_callback(lambda f: self._emit(f, job))

    def _emit(self, future: Future, job: _Job) -> None:
        error = future.exception()
        self._finished.emit(job, None if error else future.result(), error)

    def _deliver(self, job: _Job, result: Any, error: Any) -> None:
        self._outstanding -= 1
        if job.counted:
            self._pending -= 1
            if self._pending == 0 and not self._closed:
                self.busy_changed.emit(False)
        if self._closed and not self._synchronous:
            # A result that arrives after shutdown belongs to windows already closed (and
            # perhaps deleted): the write itself is done, nobody is left to show it to.
            return
        if error is not None:
            error = for_people(error)
            if not _alive(job.on_error):  # asked for by a window closed since: nobody to tell
                return
            handled = job.on_error(error) if job.on_error else False
            if not handled and isinstance(error, ServerUnreachable) and not job.writes:
                # A read for the screen while the server is away: the till says that once, in
                # its strip (issue #18), not again for every list it could not refresh.
                self.unreachable.emit()
            elif not handled:
                self.report(error)
            elif isinstance(error, DamagedDatabase):
                self.damaged.emit(i18n.error_text(error))
            return
        if job.counted:  # a recorded call (see ``run``)
            result, changed = result
            if job.writes and changed:
                self.changed.emit(changed)
        # A window closed since (a tab's reload when its dialog shut) is not called back; the
        # changes above still went out.
        if job.on_done and _alive(job.on_done):
            job.on_done(result)

    def report(self, error: BaseException) -> None:
        """Tell the person at the till about an error nobody handled (also for reads that the
        UI thread made itself)."""
        error = for_people(error)
        if isinstance(error, CafeError):
            self.failed.emit(i18n.error_text(error))
            if isinstance(error, DamagedDatabase):
                self.damaged.emit(i18n.error_text(error))
        else:
            log.error("operation failed", exc_info=error)
            self.failed.emit(self.tr("Something went wrong and nothing was saved: {0}").format(error))

    def shutdown(self) -> None:
        """Wait for queued work to finish (the writes are the barista's taps) before exiting."""
        self._closed = True
        for executor in (self._executor, self._background):
            if executor is not None:
                executor.shutdown(wait=True)


def _alive(callback: Any) -> bool:
    """False for a bound method of a Qt object that has been deleted."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def for_people(error: BaseException) -> BaseException:
    """SQLite's own failures that a service did not translate (a damaged table can surface in
    any read) as the error a person is shown; anything else unchanged."""
    if isinstance(error, pw.DatabaseError | sqlite3.DatabaseError) and not isinstance(
        error, pw.IntegrityError | sqlite3.IntegrityError
    ):
        return describe(error)
    return error


def _recorded(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Changes]:
    """Run ``fn`` on the database thread and note what it changed (nothing, if it raised)."""
    with changes.recording() as log:
        result = fn(*args, **kwargs)
    return result, log.freeze()


def _call(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
    try:
        return fn(*args, **kwargs), None
    except Exception as exc:  # delivered to the caller's handler
        return None, exc
