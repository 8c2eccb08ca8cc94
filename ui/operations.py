"""Runs service calls off the GUI thread, one at a time, and hands results back on it.

Every write goes through here, so a slow disk never freezes the till, and a result is shown
only after the service returned, i.e. after the transaction committed. One worker thread means
writes from the till are applied in the order the barista made them. Tests can pass
``synchronous=True`` to run calls inline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from cafe_loyalty.errors import CafeError

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


class Operations(QObject):
    #: A person-facing error no caller handled (a ``CafeError`` message or a bug report).
    failed = Signal(str)
    #: Something was written; screens that show data refresh themselves.
    changed = Signal()
    busy_changed = Signal(bool)
    #: ``(done, total)`` from a call made with ``progress=True`` (see :meth:`run`).
    progress = Signal(int, int)
    _finished = Signal(object, object, object, object)  # on_done, on_error, result, error

    def __init__(self, parent: QObject | None = None, synchronous: bool = False):
        super().__init__(parent)
        self._executor = None if synchronous else ThreadPoolExecutor(1, thread_name_prefix="cafe-db")
        self._pending = 0
        self._finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        return self._pending

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callable[[Exception], bool | None] | None = None,
        writes: bool = True,
        progress: bool = False,
        **kwargs: Any,
    ) -> None:
        """Call ``fn(*args, **kwargs)`` on the database thread.

        ``on_error`` may return True to say it dealt with the error; otherwise ``failed`` is
        emitted with a message for the person at the till. With ``progress=True``, ``fn`` gets
        a ``progress(done, total)`` callback whose calls arrive as the ``progress`` signal.
        """
        if progress:
            kwargs["progress"] = self.progress.emit
        self._pending += 1
        meta = (on_done, (on_error, writes))
        if self._executor is None:
            if self._pending == 1:
                self.busy_changed.emit(True)
            try:
                result, error = fn(*args, **kwargs), None
            except Exception as exc:  # delivered to the caller's handler below
                result, error = None, exc
            self._deliver(meta[0], meta[1], result, error)
            return
        # Hand the work over first, then grey out buttons: the write does not wait on the UI.
        future = self._executor.submit(fn, *args, **kwargs)
        future.add_done_callback(lambda f: self._emit(f, meta))
        if self._pending == 1:
            self.busy_changed.emit(True)

    def _emit(self, future: Future, meta: tuple[Any, Any]) -> None:
        error = future.exception()
        self._finished.emit(meta[0], meta[1], None if error else future.result(), error)

    def _deliver(self, on_done: Callback | None, extra: tuple[Any, bool], result: Any, error: Any) -> None:
        on_error, writes = extra
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if error is not None:
            handled = on_error(error) if on_error else False
            if not handled:
                if isinstance(error, CafeError):
                    self.failed.emit(error.message)
                else:
                    log.error("operation failed", exc_info=error)
                    self.failed.emit(self.tr("Something went wrong and nothing was saved: {0}").format(error))
            return
        if writes:
            self.changed.emit()
        if on_done:
            on_done(result)

    def shutdown(self) -> None:
        """Wait for queued writes to finish (they are the barista's taps) before exiting."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
