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

from cafe_loyalty import assets  # type: ignore[attr-defined]  # assets/ installs as cafe_loyalty.assets
from cafe_loyalty.errors import ValidationError
from cafe_loyalty.files import atomic_write

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


# -- the counter sign for the phone page ----------------------------------------------------

A5_MM = (148.0, 210.0)
A5_PX = (round(A5_MM[0] * MM), round(A5_MM[1] * MM))  # 1748 x 2480

SIGN_WORDS = {
    "en": {
        "title": "Scan your card to see your stamps",
        "how": "Point your phone's camera at the QR code on your loyalty card, on our Wi-Fi.",
        "head": "Every new card starts with {head} stamps already on it: {more} more and {reward} is yours.",
    },
    "fa": {
        "title": "کارتتان را اسکن کنید و مهرهایتان را ببینید",
        "how": "روی وای‌فای کافه، دوربین گوشی را روی کد QR کارت وفاداری بگیرید.",
        "head": "هر کارت تازه از اول {head} مهر دارد: {more} مهر دیگر و {reward} مال شماست.",
    },
}


@dataclass(frozen=True)
class Sign:
    cafe_name: str
    slots: int
    head_start: int
    reward: str  # in the café's language; the other half of the sign names no reward
    reward_language: str
    address: str  # where the page is, printed small for phones that need it typed
    logo: Path | None = None


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(lines[-1] + " " + word, font=font) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def render_sign(sign: Sign) -> Image.Image:
    """An A5 sign for the counter, English above and Persian below (right to left): what the
    phone page is for, and the head start drawn as it is on the cards."""
    w, h = A5_PX
    img = Image.new("RGB", (w, h), WHITE)
    draw = ImageDraw.Draw(img)
    pad = 130
    logo = _logo(sign.logo)
    logo.thumbnail((200, 200))
    img.paste(logo, ((w - logo.width) // 2, 90), logo)
    name, font = _fit(draw, sign.cafe_name or CARD_WORDS["en"]["untitled"], w - 2 * pad, 84, True)
    draw.text((w / 2, 360), name, fill=ESPRESSO, font=font, anchor="mm")
    draw.line((pad, 440, w - pad, 440), fill=CARAMEL, width=5)
    more = max(0, sign.slots - sign.head_start)
    y = 540

    def half(language: str, y: int) -> int:
        words = SIGN_WORDS[language]
        rtl = language == "fa"
        anchor_x, anchor = (w - pad, "ra") if rtl else (pad, "la")
        num = persian_digits if rtl else str
        title_font, body_font = _font(76, bold=True), _font(48)
        for line in _wrap(draw, words["title"], title_font, w - 2 * pad):
            draw.text((anchor_x, y), line, fill=INK, font=title_font, anchor=anchor)
            y += 104
        reward = sign.reward if sign.reward_language == language else ("جایزه" if rtl else "a reward")
        head = words["head"].format(head=num(str(sign.head_start)), more=num(str(more)), reward=reward)
        y += 14
        for paragraph in (words["how"], head):
            for line in _wrap(draw, paragraph, body_font, w - 2 * pad):
                draw.text((anchor_x, y), line, fill=MUTED, font=body_font, anchor=anchor)
                y += 70
            y += 20
        return y

    y = half("en", y) + 50
    # the head start as on the cards: gold starred slots, then empty rings (left to right)
    per_row = sign.slots if sign.slots <= 5 else min(10, (sign.slots + 1) // 2)
    d = min(140, int((w - 2 * pad - 24 * (per_row - 1)) / per_row))
    gap = 24
    rows = (sign.slots + per_row - 1) // per_row
    left = (w - per_row * d - (per_row - 1) * gap) // 2
    for i in range(sign.slots):
        row, col = divmod(i, per_row)
        x0, y0 = left + col * (d + gap), y + row * (d + gap)
        if i < sign.head_start:
            draw.ellipse((x0, y0, x0 + d, y0 + d), fill=GOLD, outline=CARAMEL, width=5)
            _star(draw, x0 + d / 2, y0 + d / 2 + 3, d * 0.3, ESPRESSO)
        else:
            draw.ellipse((x0, y0, x0 + d, y0 + d), outline=LINE, width=6)
    y += rows * (d + gap) + 60
    half("fa", y)
    if sign.address:
        font = _font(34)
        draw.text((w / 2, h - 110), sign.address, fill=MUTED, font=font, anchor="mm")
    return img


def save_sign(sign: Sign, path: Path) -> Path:
    """The sign as PNG or PDF (by the file's suffix); a PDF is exactly A5."""
    image = render_sign(sign)
    if path.suffix.lower() == ".pdf":
        resolution = A5_PX[0] / (A5_MM[0] / 25.4)
        return atomic_write(path, lambda tmp: image.save(tmp, "PDF", resolution=resolution))
    if path.suffix.lower() != ".png":
        raise ValidationError("Save the sign as a .pdf or a .png file, not {name}.", name=path.name)
    return atomic_write(path, lambda tmp: image.save(tmp, "PNG", dpi=(DPI, DPI)))


# -- the receipt slip (58 or 80 mm roll paper) -----------------------------------------------

SLIP_DOTS_PER_MM = 8  # what thermal receipt printers print at ("203 dpi")
SLIP_DPI = SLIP_DOTS_PER_MM * 25.4
SLIP_WIDTHS_MM = (58, 80)
SLIP_PRINTABLE_MM = {58: 48, 80: 72}  # the print head's width on each roll

SLIP_WORDS = {
    "en": {
        "progress": "{filled} of {slots}",
        "to_go": "{n} more to {reward}",
        "to_go_one": "1 more to {reward}",
        "ready": "Full: {reward} is yours!",
    },
    "fa": {
        "progress": "{filled} از {slots}",
        "to_go": "{n} مهر دیگر تا {reward}",
        "to_go_one": "۱ مهر دیگر تا {reward}",
        "ready": "پر شد: {reward} مال شماست!",
    },
}


@dataclass(frozen=True)
class Slip:
    """A regular's card on receipt paper: what the printed card shows, plus today's progress."""

    card: PrintedCard
    filled: int
    width_mm: int = 80


def _slip_px(mm: float) -> int:
    return round(mm * SLIP_DOTS_PER_MM)


def render_slip(slip: Slip) -> Image.Image:
    """Black on white only (thermal paper has no colours): head-start slots are rings with a
    star, earned ones filled with a tick, the rest empty rings with their number, so the state
    never depends on colour. The image is the roll's full width, the print centred in it."""
    if slip.width_mm not in SLIP_WIDTHS_MM:
        raise ValidationError("A receipt slip is 58 or 80 mm wide, not {width} mm.", width=slip.width_mm)
    card = slip.card
    rtl = card.language == "fa"
    words = SLIP_WORDS.get(card.language, SLIP_WORDS["en"])
    num = persian_digits if rtl else str
    width, printable = _slip_px(slip.width_mm), _slip_px(SLIP_PRINTABLE_MM[slip.width_mm])
    left = (width - printable) // 2
    small = slip.width_mm == 58
    img = Image.new("L", (width, 4000), 255)
    draw = ImageDraw.Draw(img)
    y = 16
    logo = _logo(card.logo).convert("LA")
    logo.thumbnail((72, 72))
    img.paste(logo.convert("L"), ((width - logo.width) // 2, y), logo.getchannel("A"))
    y += logo.height + 8

    def centred(text: str, size: int, bold: bool = False, gap: int = 8) -> None:
        nonlocal y
        font = _font(size, bold)
        for line in _wrap(draw, text, font, printable) or [""]:
            draw.text((width / 2, y), line, fill=0, font=font, anchor="ma")
            y += round(size * 1.35)
        y += gap

    centred(
        card.cafe_name or CARD_WORDS[card.language if card.language in CARD_WORDS else "en"]["untitled"],
        30 if small else 36,
        True,
    )
    draw.line((left, y, left + printable, y), fill=0, width=2)
    y += 14
    if card.first_name:
        centred(card.first_name, 30 if small else 38, True)
    per_row = 5
    gap = 8
    d = min(64, (printable - gap * (per_row - 1)) // per_row)
    rows = (card.slots + per_row - 1) // per_row
    row_left = (width - per_row * d - (per_row - 1) * gap) // 2
    number_font = _font(max(14, d // 3))
    for i in range(card.slots):
        row, col = divmod(i, per_row)
        if rtl:
            col = per_row - 1 - col
        x0, y0 = row_left + col * (d + gap), y + row * (d + gap)
        box = (x0, y0, x0 + d, y0 + d)
        if i < min(card.head_start, slip.filled):
            draw.ellipse(box, outline=0, width=4)
            _star(draw, x0 + d / 2, y0 + d / 2 + 2, d * 0.3, 0)  # type: ignore[arg-type]
        elif i < slip.filled:
            draw.ellipse(box, fill=0)
            draw.line(
                [(x0 + d * 0.28, y0 + d * 0.52), (x0 + d * 0.44, y0 + d * 0.68), (x0 + d * 0.74, y0 + d * 0.34)],
                fill=255,
                width=max(3, d // 10),
            )
        else:
            draw.ellipse(box, outline=0, width=2)
            draw.text((x0 + d / 2, y0 + d / 2), num(str(i + 1)), fill=0, font=number_font, anchor="mm")
    y += rows * (d + gap) + 10
    centred(
        words["progress"].format(filled=num(str(slip.filled)), slots=num(str(card.slots))), 34 if small else 42, True, 2
    )
    to_go = card.slots - slip.filled
    if to_go <= 0:
        centred(words["ready"].format(reward=card.reward), 24 if small else 28, True)
    elif to_go == 1:
        centred(words["to_go_one"].format(reward=card.reward), 22 if small else 26)
    else:
        centred(words["to_go"].format(n=num(str(to_go)), reward=card.reward), 22 if small else 26)
    qr = qr_image(card.payload, 6 if small else 7).convert("L")
    if qr.width > printable:
        qr = qr.resize((printable, printable), Image.Resampling.NEAREST)
    img.paste(qr, ((width - qr.width) // 2, y))
    y += qr.width
    centred(card.code, 22, True, 10)
    if card.contact:
        centred(card.contact, 20 if small else 22)
    return img.crop((0, 0, width, y + 24)).convert("RGB")


def save_slip_pdf(slip: Slip, path: Path) -> Path:
    """The slip as a one-page PDF exactly as wide as the roll (58 or 80 mm)."""
    image = render_slip(slip)
    return atomic_write(path, lambda tmp: image.save(tmp, "PDF", resolution=SLIP_DPI))
