"""The page a customer's phone opens from the printed QR card, on the café's Wi-Fi.

Plain HTML and CSS, no JavaScript, no cookies, nothing fetched from elsewhere: the logo and the
Persian font come from the till itself. The page shows what the customer display may show
(:class:`~cafe_loyalty.services.display.ShownCard`) and nothing more. The card's code is in
the address, so every response says ``Referrer-Policy: no-referrer`` (page_server.py) and the
page links nowhere.

The words are kept here, not in Qt's translation files: the core does not load Qt.
"""

from __future__ import annotations

import math
from functools import lru_cache
from html import escape

from cafe_loyalty.printing.cards import persian_digits
from cafe_loyalty.services.display import RestScreen, ShownCard

WORDS = {
    "en": {
        "hello": "Hello, {name}",
        "hello_anon": "Your card",
        "progress": "{filled} of {slots}",
        "to_go": "{n} more to {reward}",
        "to_go_one": "1 more to {reward}",
        "ready": "Your card is full: {reward} is waiting for you. Show this at the counter.",
        "head": "{n} stamps were on your card from the start.",
        "birthday": "Happy birthday week!",
        "not_found": "Card not found",
        "not_found_text": "This card is not in use. Please ask at the counter.",
        "welcome": "Scan your card with your phone's camera to see your stamps.",
        "spoken": "{filled} of {slots} stamps, {head} of them head start",
        "busy": "Too many requests. Please wait a moment.",
        "reached": "Your phone reached the till: the phone page works on this network. You can close this page.",
    },
    "fa": {
        "hello": "سلام {name}",
        "hello_anon": "کارت شما",
        "progress": "{filled} از {slots}",
        "to_go": "{n} مهر دیگر تا {reward}",
        "to_go_one": "۱ مهر دیگر تا {reward}",
        "ready": "کارت شما پر است: {reward} منتظر شماست. این صفحه را در پیشخوان نشان دهید.",
        "head": "{n} مهر از همان اول روی کارت شما بود.",
        "birthday": "هفتهٔ تولدتان مبارک!",
        "not_found": "کارت پیدا نشد",
        "not_found_text": "این کارت فعال نیست. لطفاً در پیشخوان بپرسید.",
        "welcome": "برای دیدن مهرهایتان، کارت خود را با دوربین گوشی اسکن کنید.",
        "spoken": "{filled} از {slots} مهر، {head} مهر هدیهٔ شروع",
        "busy": "درخواست‌ها زیاد است. لطفاً کمی صبر کنید.",
        "reached": "گوشی شما به صندوق رسید: صفحهٔ گوشی در این شبکه کار می‌کند. می‌توانید این صفحه را ببندید.",
    },
}

ESPRESSO, CARAMEL, GOLD, GREEN = "#6B4226", "#C8843A", "#E0B04A", "#2E7D5B"
CREAM, INK, MUTED, LINE = "#F7F3EE", "#2B2118", "#6E6053", "#E6DDD3"

STYLE = f"""
@font-face {{ font-family: Vazirmatn; src: url(/font.ttf) format("truetype"); font-display: swap; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; background: {CREAM}; color: {INK};
  font: 18px/1.5 Vazirmatn, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}
main {{ max-width: 30rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff;
  border-radius: 1.25rem; box-shadow: 0 2px 12px rgba(43,33,24,.08); }}
header {{ display: flex; align-items: center; gap: .75rem; border-bottom: 3px solid {CARAMEL};
  padding-bottom: .75rem; margin-bottom: 1rem; }}
header img {{ width: 3rem; height: 3rem; object-fit: contain; }}
h1 {{ font-size: 1.35rem; margin: 0; color: {ESPRESSO}; }}
h2 {{ font-size: 1.6rem; margin: .25rem 0 .75rem; }}
svg {{ width: 100%; height: auto; display: block; }}
.progress {{ font-size: 2rem; font-weight: bold; color: {ESPRESSO}; margin: .75rem 0 0; }}
.ready {{ background: #E6F2EC; color: #1D5A41; border-radius: .75rem; padding: .75rem 1rem; font-weight: bold; }}
.muted {{ color: {MUTED}; }}
.birthday {{ background: #FBF1DA; border-radius: .75rem; padding: .5rem 1rem; }}
footer {{ margin-top: 1.25rem; font-size: .9rem; color: {MUTED}; border-top: 1px solid {LINE}; padding-top: .75rem; }}
"""

PER_ROW = 5


def digits(text: object, language: str) -> str:
    return persian_digits(str(text)) if language == "fa" else str(text)


def card_svg(card: ShownCard, language: str) -> str:
    """The slots as on the printed card: head-start slots gold with a star, earned ones filled
    with a tick (green once the card is full), the rest empty rings. Shapes differ as well as
    colours, so the state never depends on colour alone."""
    words = WORDS[language]
    rows = (card.slots + PER_ROW - 1) // PER_ROW
    cell, d = 60, 50
    width, height = PER_ROW * cell, rows * cell
    head = min(card.head_start, card.filled)
    spoken = words["spoken"].format(
        filled=digits(card.filled, language), slots=digits(card.slots, language), head=digits(head, language)
    )
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(spoken)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i in range(card.slots):
        row, col = divmod(i, PER_ROW)
        if language == "fa":
            col = PER_ROW - 1 - col
        cx, cy, r = col * cell + cell / 2, row * cell + cell / 2, d / 2
        if i < head:
            parts.append(
                f'<circle class="slot head" cx="{cx}" cy="{cy}" r="{r}" fill="{GOLD}" stroke="{CARAMEL}" '
                f'stroke-width="3" stroke-dasharray="6 4"/>'
                f'<path d="{_star(cx, cy, r * 0.5)}" fill="{ESPRESSO}"/>'
            )
        elif i < card.filled:
            colour = GREEN if card.redeemable else ESPRESSO
            parts.append(
                f'<circle class="slot earned" cx="{cx}" cy="{cy}" r="{r}" fill="{colour}"/>'
                f'<path d="M{cx - 11} {cy} l8 8 l15 -16" fill="none" stroke="#fff" stroke-width="5" '
                f'stroke-linecap="round" stroke-linejoin="round"/>'
            )
        else:
            parts.append(
                f'<circle class="slot empty" cx="{cx}" cy="{cy}" r="{r - 1.5}" fill="{CREAM}" stroke="{LINE}" '
                f'stroke-width="3"/>'
                f'<text x="{cx}" y="{cy + 6}" text-anchor="middle" font-size="17" fill="{MUTED}">'
                f"{digits(i + 1, language)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


@lru_cache(maxsize=256)
def _star(cx: float, cy: float, r: float) -> str:
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        angle = math.pi / 2 + k * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.1f} {cy - radius * math.sin(angle):.1f}")
    return "M" + " L".join(points) + " Z"


def _page(title: str, body: str, rest: RestScreen, language: str) -> str:
    direction = "rtl" if language == "fa" else "ltr"
    footer = f"<footer>{escape(rest.contact)}</footer>" if rest.contact else ""
    return (
        f'<!doctype html><html lang="{language}" dir="{direction}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>"
        f'<header><img src="/logo.png" alt=""><h1>{escape(rest.cafe_name)}</h1></header>'
        f"{body}{footer}</main></body></html>"
    )


def card_page(card: ShownCard, rest: RestScreen, language: str) -> str:
    words = WORDS[language]
    hello = words["hello"].format(name=escape(card.name)) if card.name else words["hello_anon"]
    body = [f"<h2>{hello}</h2>"]
    if card.birthday_week:
        body.append(f'<p class="birthday">{words["birthday"]}</p>')
    body.append(card_svg(card, language))
    progress = words["progress"].format(filled=digits(card.filled, language), slots=digits(card.slots, language))
    body.append(f'<p class="progress">{progress}</p>')
    reward = escape(card.reward)
    if card.redeemable:
        body.append(f'<p class="ready">{words["ready"].format(reward=reward)}</p>')
    else:
        key = "to_go_one" if card.to_go == 1 else "to_go"
        body.append(f"<p>{words[key].format(n=digits(card.to_go, language), reward=reward)}</p>")
    if card.head_start:
        body.append(f'<p class="muted">{words["head"].format(n=digits(card.head_start, language))}</p>')
    return _page(rest.cafe_name, "".join(body), rest, language)


def message_page(key: str, rest: RestScreen, language: str) -> str:
    """ "Card not found" (one page for unknown, revoked and replaced codes), the welcome page at
    ``/`` and the "too many requests" page."""
    words = WORDS[language]
    if key == "not_found":
        body = f"<h2>{words['not_found']}</h2><p>{words['not_found_text']}</p>"
    else:
        body = f"<p>{words[key]}</p>"
    return _page(rest.cafe_name, body, rest, language)
