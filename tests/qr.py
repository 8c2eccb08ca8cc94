"""Helpers to read printed cards back: decode QR codes from PNGs and from PDFs rasterised by
poppler's pdftoppm, as a phone or a till scanner would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image


def decode_all(image: Image.Image) -> list[str]:
    return sorted(r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode)


def pdftoppm() -> str:
    exe = shutil.which("pdftoppm")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm (poppler-utils) is missing; .ci/run installs it")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    return exe


def rasterise(pdf: Path, dpi: int = 200) -> list[Image.Image]:
    out = pdf.with_suffix("")
    subprocess.run([pdftoppm(), "-r", str(dpi), "-png", str(pdf), str(out)], check=True)
    pages = sorted(pdf.parent.glob(out.name + "-*.png"))
    return [Image.open(p) for p in pages]


def page_sizes_mm(pdf: Path) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    return [(float(w) / 72 * 25.4, float(h) / 72 * 25.4) for w, h in boxes]
