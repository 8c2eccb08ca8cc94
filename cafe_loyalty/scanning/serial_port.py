"""A customer-facing scanner on a serial port (issue #31).

Two keyboard-wedge scanners at one counter both type into whichever window has focus: the
customer's self check-in scan could land in the barista's search box, the barista's in the
display. Most 2D scanners can also run in USB serial mode (a virtual COM port: COM3 on Windows,
/dev/ttyACM0 on Linux) and send each code as a line to that port, whatever has focus. The till
reads the customer's scanner here, on a thread of its own (pyserial), and keeps the wedge for
the barista's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

MAX_LINE = 512  # a card's QR holds a code or a short address; anything longer is not a scan


def ports() -> list[tuple[str, str]]:
    """(device, description) of the serial ports this computer has now."""
    from serial.tools import list_ports

    return [(p.device, p.description or p.device) for p in sorted(list_ports.comports(), key=lambda p: p.device)]


class SerialScanner:
    """Reads ``port`` until :meth:`stop`, calling ``on_code`` with each line (a scan ends in
    CR, LF or both) and ``on_error`` with a reason when the port cannot be opened or goes away
    (unplugged); it then tries again every few seconds, so plugging the scanner back in works."""

    RETRY_SECONDS = 3.0

    def __init__(
        self,
        port: str,
        on_code: Callable[[str], None],
        on_error: Callable[[str], None] = lambda _reason: None,
        baudrate: int = 9600,
    ):
        self.port, self.baudrate = port, baudrate
        self._on_code, self._on_error = on_code, on_error
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"cafe-scanner-{port}", daemon=True)
        self.opened = threading.Event()  # set while the port is open (tests wait on it)

    def start(self) -> SerialScanner:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import serial

        while not self._stop.is_set():
            try:
                with serial.Serial(self.port, self.baudrate, timeout=0.2) as link:
                    self.opened.set()
                    self._read(link)
            except (serial.SerialException, OSError) as exc:
                self._on_error(str(exc) or type(exc).__name__)
            finally:
                self.opened.clear()
            self._stop.wait(self.RETRY_SECONDS)

    def _read(self, link: object) -> None:
        buffer = b""
        while not self._stop.is_set():
            waiting = getattr(link, "in_waiting", 0) or 1
            chunk = link.read(waiting)  # type: ignore[attr-defined]
            if not chunk:
                continue
            buffer += chunk
            *lines, buffer = buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
            if len(buffer) > MAX_LINE:  # noise, not a scan: dropped
                buffer = b""
            for line in lines:
                text = line.decode("utf-8", "replace").strip()
                if text and len(text) <= MAX_LINE:
                    self._on_code(text)
