"""Printed QR cards drawn with Pillow: one card at credit-card size, or A4 sheets of ten.

Drawn in the core (not Qt) so the CLI, the window and the tests make identical files. 300 dpi;
the QR code holds only the card code (or the owner's URL with it): never a name or phone.
Files are written to a temporary name and renamed, so a full disk leaves no half-written card.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont, features

from . import assets  # type: ignore[attr-defined]  # assets/ installs as cafe_loyalty.assets
from .errors import ValidationError
from .files import atomic_write

DPI = 300
MM = DPI / 25.4
CARD_MM = (85.6, 54.0)
CARD_PX = (round(CARD_MM[0] * MM), round(CARD_MM[1] * MM))  # 1011 x 638
A4_MM = (210.0, 297.0)
A4_PX = (round(A4_MM[0] * MM), round(A4_MM[1] * MM))
SHEET_COLS, SHEET_ROWS = 2, 5
PER_SHEET = SHEET_COLS * SHEET_ROWS

ESPRESSO = (107, 66, 38)
CARAMEL = (200, 132, 58)
GOLD = (224, 176, 74)
INK = (43, 33, 24)
MUTED = (138, 123, 110)
LINE = (214, 202, 189)
WHITE = (255, 255, 255)

_LAYOUT = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


@dataclass(frozen=True)
class PrintedCard:
    """Everything printed on one card."""

    cafe_name: str
    first_name: str  # "" when the owner turned names off
    code: str
    payload: str
    slots: int
    head_start: int
    reward: str
    logo: Path | None = None
    language: str = "en"  # "fa": laid out right to left, Persian words and digits
    contact: str = ""  # how to reach the café (phone, handles, email, address), one line


# The few words printed on a card. The core does not use Qt, so these are kept here rather
# than in the Qt translation files; the code itself stays in Latin letters (it is typed).
CARD_WORDS = {
    "en": {"reward": "{slots} stamps = {reward}", "untitled": "Loyalty card"},
    "fa": {"reward": "{slots} مهر = {reward}", "untitled": "کارت وفاداری"},
}
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def persian_digits(text: str) -> str:
    return text.translate(_PERSIAN_DIGITS)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "Vazirmatn-Bold.ttf" if bold else "Vazirmatn-Regular.ttf"
    return ImageFont.truetype(str(assets.path("fonts", name)), size, layout_engine=_LAYOUT)


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, size: int, bold: bool, smallest: int = 20):
    """The largest font (down to ``smallest``) that fits ``text`` in ``width``; then elide."""
    while size > smallest and draw.textlength(text, font=_font(size, bold)) > width:
        size -= 2
    font = _font(size, bold)
    if draw.textlength(text, font=font) > width:
        while text and draw.textlength(text + "…", font=font) > width:
            text = text[:-1]
        text += "…"
    return text, font


def qr_image(payload: str, box: int = 11) -> Image.Image:
    """The QR code with a quiet zone of 4 modules (what cheap scanners need)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box, border=4)
    qr.add_data(payload)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")


def _logo(path: Path | None) -> Image.Image:
    source = path if path and path.exists() else assets.path("cards", "logo.png")
    try:
        with Image.open(source) as img:
            return img.convert("RGBA")
    except OSError as exc:
        raise ValidationError("The logo image {file} cannot be read: {reason}.", file=source, reason=exc) from exc


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill: tuple[int, int, int]) -> None:
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        angle = math.pi / 2 + k * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def render_card(card: PrintedCard) -> Image.Image:
    """One card, 85.6 x 54 mm at 300 dpi: café and name above the slots (head start already
    marked), the QR code and its code in readable text on the far side. A Persian card is the
    mirror image: text from the right, slots filled from the right, the QR code on the left."""
    w, h = CARD_PX
    img = Image.new("RGB", (w, h), WHITE)
    draw = ImageDraw.Draw(img)
    pad = 48
    rtl = card.language == "fa"
    words = CARD_WORDS.get(card.language, CARD_WORDS["en"])

    def x(left: float, width: float = 0) -> float:
        """Where something ``width`` wide starting ``left`` from the leading edge goes."""
        return w - left - width if rtl else left

    # QR at the trailing side, one module about 1 mm, centred in the card's height.
    box = 12 if len(card.payload) <= 20 else 9
    qr = qr_image(card.payload, box)
    if qr.width > 400:
        qr = qr.resize((400, 400), Image.Resampling.NEAREST)
    qx = int(x(w - pad + 20 - qr.width, qr.width))
    qy = (h - qr.width - 40) // 2
    img.paste(qr, (qx, qy))
    code_font = _font(26, bold=True)
    cw = draw.textlength(card.code, font=code_font)
    draw.text((qx + (qr.width - cw) / 2, qy + qr.width - 6), card.code, fill=INK, font=code_font)

    left_w = w - qr.width - 2 * pad
    text_anchor = "r" if rtl else "l"
    logo = _logo(card.logo)
    logo.thumbnail((84, 84))
    img.paste(logo, (int(x(pad, logo.width)), 44), logo)
    name, font = _fit(draw, card.cafe_name or words["untitled"], left_w - 100, 40, True)
    draw.text((x(pad + 100), 86), name, fill=ESPRESSO, font=font, anchor=text_anchor + "m")
    draw.line((x(pad), 146, x(pad + left_w), 146), fill=CARAMEL, width=3)
    if card.first_name:
        name, font = _fit(draw, card.first_name, left_w, 54, True)
        draw.text((x(pad), 168), name, fill=INK, font=font, anchor=text_anchor + "a")
    # the slots: two rows above the reward line, head-start slots already filled
    per_row = (card.slots + 1) // 2 if card.slots > 5 else card.slots
    rows = (card.slots + per_row - 1) // per_row
    gap = 12
    footer = 34 if card.contact else 0  # room for the café's contact line under the reward
    d = min(74, int((left_w - gap * (per_row - 1)) / per_row), int((h - 330 - footer) / rows) - gap)
    top = h - 78 - footer - rows * (d + gap)
    for i in range(card.slots):
        row, col = divmod(i, per_row)
        x0, y0 = x(pad + col * (d + gap), d), top + row * (d + gap)
        if i < card.head_start:
            draw.ellipse((x0, y0, x0 + d, y0 + d), fill=GOLD, outline=CARAMEL, width=3)
            _star(draw, x0 + d / 2, y0 + d / 2 + 2, d * 0.3, ESPRESSO)
        else:
            draw.ellipse((x0, y0, x0 + d, y0 + d), outline=LINE, width=4)
    slots = persian_digits(str(card.slots)) if rtl else str(card.slots)
    reward, font = _fit(draw, words["reward"].format(slots=slots, reward=card.reward), left_w, 26, False, 16)
    draw.text((x(pad), h - 66 - footer), reward, fill=MUTED, font=font, anchor=text_anchor + "a")
    if card.contact:  # a footer across the whole card, under the reward and the code
        contact, font = _fit(draw, card.contact, w - 2 * pad, 22, False, 14)
        draw.text((x(pad), h - 22), contact, fill=MUTED, font=font, anchor=text_anchor + "s")
    return img


def render_sheet(cards: Sequence[PrintedCard], crop_marks: bool = True) -> Image.Image:
    """Up to ten cards on one A4 page, edge to edge in a 2 x 5 grid, with crop marks outside."""
    if len(cards) > PER_SHEET:
        raise ValidationError("A sheet holds at most {most} cards.", most=PER_SHEET)
    page = Image.new("RGB", A4_PX, WHITE)
    draw = ImageDraw.Draw(page)
    cw, ch = CARD_PX
    left = (A4_PX[0] - SHEET_COLS * cw) // 2
    top = (A4_PX[1] - SHEET_ROWS * ch) // 2
    for i, card in enumerate(cards):
        row, col = divmod(i, SHEET_COLS)
        page.paste(render_card(card), (left + col * cw, top + row * ch))
    if crop_marks:
        mark, gap = round(5 * MM), round(1.5 * MM)
        xs = [left + c * cw for c in range(SHEET_COLS + 1)]
        ys = [top + r * ch for r in range(SHEET_ROWS + 1)]
        for x in xs:
            draw.line((x, top - gap - mark, x, top - gap), fill=INK, width=2)
            draw.line((x, ys[-1] + gap, x, ys[-1] + gap + mark), fill=INK, width=2)
        for y in ys:
            draw.line((left - gap - mark, y, left - gap, y), fill=INK, width=2)
            draw.line((xs[-1] + gap, y, xs[-1] + gap + mark, y), fill=INK, width=2)
    return page


def png_bytes(image: Image.Image) -> bytes:
    """The image as PNG, for a front end that prints it itself."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(DPI, DPI))
    return buffer.getvalue()


def save_png(card: PrintedCard, path: Path) -> Path:
    image = render_card(card)
    return atomic_write(path, lambda tmp: image.save(tmp, "PNG", dpi=(DPI, DPI)))


def save_pdf(card: PrintedCard, path: Path) -> Path:
    """A one-page PDF exactly 85.6 mm wide (the resolution is chosen to make it so)."""
    image = render_card(card)
    resolution = CARD_PX[0] / (CARD_MM[0] / 25.4)
    return atomic_write(path, lambda tmp: image.save(tmp, "PDF", resolution=resolution))


def save_sheets_pdf(
    cards: Sequence[PrintedCard], path: Path, progress: Callable[[int, int], None] | None = None
) -> Path:
    """A4 pages of ten cards each; ``progress(done, total)`` is called after each page."""
    if not cards:
        raise ValidationError("There are no cards to print.")
    chunks = [cards[i : i + PER_SHEET] for i in range(0, len(cards), PER_SHEET)]
    pages = []
    for n, chunk in enumerate(chunks, 1):
        pages.append(render_sheet(chunk))
        if progress:
            progress(n, len(chunks))
    resolution = A4_PX[0] / (A4_MM[0] / 25.4)
    return atomic_write(
        path,
        lambda tmp: pages[0].save(tmp, "PDF", resolution=resolution, save_all=True, append_images=pages[1:]),
    )
