"""Sending a receipt slip straight to an ESC/POS receipt printer (python-escpos, optional).

Most cafés own one printer: a 58 or 80 mm thermal receipt printer on the network, on USB or on
a serial port. The system's print dialog reaches it when a driver is installed; this module
reaches it without one, by sending the printer's own commands. The slip is sent as one raster
image (``GS v 0``), so Persian shaping and the drawn card come out exactly as on screen, on any
printer, whatever code pages it knows.

Where to send it, as the owner types it in Owner ▸ Customer side (kept per till):
``192.168.1.50`` or ``192.168.1.50:9100`` (network), ``usb:0x0416:0x5011`` (USB vendor and
product id), ``file:/dev/usb/lp0`` (a device file, Linux).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from PIL import Image

from cafe_loyalty.errors import ValidationError
from cafe_loyalty.printing.cards import SLIP_PRINTABLE_MM, Slip, _slip_px, render_slip

_NETWORK = re.compile(r"(?P<host>[A-Za-z0-9.\-]{1,253}|\[[0-9A-Fa-f:]+\])(?::(?P<port>\d{1,5}))?")
_USB = re.compile(r"usb:(?P<vendor>0x[0-9A-Fa-f]{1,4}):(?P<product>0x[0-9A-Fa-f]{1,4})")


def _escpos() -> Any:
    try:
        return importlib.import_module("escpos.printer")
    except ImportError as exc:
        raise ValidationError(
            'Printing straight to a receipt printer needs the receipt extra: pip install "cafe-loyalty[receipt]".'
        ) from exc


def printable_image(slip: Slip) -> Image.Image:
    """The slip cut to the print head's width (the margins of the roll are the printer's)."""
    image = render_slip(slip).convert("L")
    printable = _slip_px(SLIP_PRINTABLE_MM[slip.width_mm])
    left = (image.width - printable) // 2
    return image.crop((left, 0, left + printable, image.height))


def check_address(address: str) -> str:
    """The address as typed, if it is one this module can print to; a clear refusal if not."""
    address = address.strip()
    if _USB.fullmatch(address) or (address.startswith("file:") and len(address) > 5) or _NETWORK.fullmatch(address):
        port = _NETWORK.fullmatch(address)
        if port and port.group("port") and not 0 < int(port.group("port")) < 65536:
            raise ValidationError("{port} is not a port number.", port=port.group("port"))
        return address
    raise ValidationError(
        "The receipt printer's address is a network address (192.168.1.50 or 192.168.1.50:9100), "
        "usb:VENDOR:PRODUCT (usb:0x0416:0x5011) or file:/dev/usb/lp0."
    )


def open_printer(address: str) -> Any:
    printers = _escpos()
    address = check_address(address)
    usb = _USB.fullmatch(address)
    if usb:
        return printers.Usb(int(usb.group("vendor"), 16), int(usb.group("product"), 16))
    if address.startswith("file:"):
        return printers.File(address[5:])
    network = _NETWORK.fullmatch(address)
    assert network is not None
    host = network.group("host").strip("[]")
    return printers.Network(host, int(network.group("port") or 9100), timeout=5)


def send(slip: Slip, printer: Any) -> None:
    """The slip as one raster image, then a cut (printers without a cutter ignore it). The
    print head's width is told to the library's printer profile (its generic one has none)."""
    image = printable_image(slip)
    printer.profile.profile_data.setdefault("media", {}).setdefault("width", {})["pixels"] = image.width
    printer.image(image, impl="bitImageRaster", center=False)
    printer.cut()


def print_slip(slip: Slip, address: str) -> None:
    """Send ``slip`` to the printer at ``address``; a printer that cannot be reached is a
    :class:`ValidationError` saying so (nothing else has changed: a slip is not a record)."""
    try:
        printer = open_printer(address)
        try:
            send(slip, printer)
        finally:
            printer.close()
    except ValidationError:
        raise
    except Exception as exc:  # python-escpos raises its own classes and OSError for the link
        raise ValidationError(
            "The receipt printer at {address} did not take the slip: {reason}.", address=address, reason=exc
        ) from exc


def escpos_bytes(slip: Slip) -> bytes:
    """What :func:`print_slip` sends, as bytes (python-escpos's dummy printer): for tests and
    for saving a slip to send later."""
    printer = _escpos().Dummy()
    send(slip, printer)
    return bytes(printer.output)
