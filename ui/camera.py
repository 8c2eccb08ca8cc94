"""Optional webcam scanning: camera frames decoded with zxing-cpp off the UI thread.

QtMultimedia ships in PySide6-Addons, which is large, so it is an optional extra
(``pip install ".[webcam]"``). Without it, or without a camera, the till offers no camera
button and nothing else changes. Frame decoding does not depend on the camera and is tested
on its own.
"""

from __future__ import annotations

import importlib
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PIL import Image


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def available_cameras() -> list[str]:
    """Names of the cameras Qt can open; empty without QtMultimedia, zxing-cpp or a camera."""
    multimedia = _module("PySide6.QtMultimedia")
    if multimedia is None or _module("zxingcpp") is None:
        return []
    return [device.description() for device in multimedia.QMediaDevices.videoInputs()]


def to_pil(image: QImage) -> Image.Image:
    from PIL import Image  # loaded with the first camera frame, not at start

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())
    return Image.frombuffer("L", (gray.width(), gray.height()), data, "raw", "L", gray.bytesPerLine(), 1)


class FrameDecoder(QObject):
    """Takes camera frames and reports the first QR code found. While a frame is being
    decoded, new frames are dropped: the camera never queues work faster than it is done."""

    decoded = Signal(str)
    _found = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="qr-decode")
        self._busy = False
        self._found.connect(self._deliver)

    def offer(self, image: QImage) -> bool:
        """Queue ``image`` for decoding unless one is in progress; True if taken."""
        if self._busy or image.isNull():
            return False
        self._busy = True
        frame = to_pil(image)  # copy now: the camera reuses its frame buffers
        self._pool.submit(self._decode, frame)
        return True

    def _decode(self, frame: Image.Image) -> None:
        zxingcpp = importlib.import_module("zxingcpp")
        try:
            results = zxingcpp.read_barcodes(frame, formats=zxingcpp.BarcodeFormat.QRCode)
            self._found.emit(results[0].text if results else None)
        except Exception:  # a bad frame is just skipped
            self._found.emit(None)

    def _deliver(self, text: str | None) -> None:
        self._busy = False
        if text:
            self.decoded.emit(text)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


class CameraScanDialog(QDialog):
    """Shows the camera and closes with the first card it reads."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        multimedia = importlib.import_module("PySide6.QtMultimedia")
        widgets = importlib.import_module("PySide6.QtMultimediaWidgets")
        self.setWindowTitle(self.tr("Scan a card with the camera"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Hold the card's QR code up to the camera.")))
        self.view = widgets.QVideoWidget()
        self.view.setMinimumSize(480, 360)
        layout.addWidget(self.view)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)
        self.decoder = FrameDecoder(self)
        self.decoder.decoded.connect(self._found)
        self.camera = multimedia.QCamera(multimedia.QMediaDevices.defaultVideoInput())
        self.session = multimedia.QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoOutput(self.view)
        self.view.videoSink().videoFrameChanged.connect(lambda frame: self.decoder.offer(frame.toImage()))
        self.camera.start()

    def _found(self, text: str) -> None:
        self.camera.stop()
        self.scanned.emit(text)
        self.accept()

    def done(self, result: int) -> None:
        self.camera.stop()
        self.decoder.close()
        super().done(result)
