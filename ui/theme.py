"""Colours and the style sheet: warm, calm, high contrast, big touch targets."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

CREAM = "#F7F3EE"
SURFACE = "#FFFFFF"
ESPRESSO = "#6B4226"
ESPRESSO_DARK = "#4E2F1B"
CARAMEL = "#C8843A"
GOLD = "#E0B04A"
GOLD_SOFT = "#FBF1DA"
GREEN = "#2E7D5B"
GREEN_DARK = "#23634A"
INK = "#2B2118"
MUTED = "#6E6053"  # 5.4:1 or better on every background the theme uses (WCAG AA)
LINE = "#E6DDD3"
DANGER = "#B3261E"
DANGER_SOFT = "#FBE9E7"
AMBER_SOFT = "#FFF4E0"

AVATAR_COLOURS = ["#6B4226", "#2E7D5B", "#8E4B7A", "#2F5D8A", "#B5642A", "#5B6B2E", "#7A4E3A", "#3E6E6E"]

STYLE = f"""
QWidget {{ color: {INK}; font-size: 15px; }}
QMainWindow, #till {{ background: {CREAM}; }}
#topBar {{ background: {SURFACE}; border-bottom: 1px solid {LINE}; }}
#cafeName {{ font-size: 20px; font-weight: 700; color: {ESPRESSO}; }}
QLineEdit, QTextEdit, QPlainTextEdit, QSpinBox, QComboBox {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 10px; padding: 8px 12px;
    selection-background-color: {CARAMEL};
}}
QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{ border: 2px solid {CARAMEL}; }}
#search {{ font-size: 19px; padding: 4px 12px; border-radius: 14px; }}
#tabScroll, #tabScroll > QWidget, #tabScroll > QWidget > QWidget {{ background: transparent; }}
QComboBox {{ padding-right: 28px; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 22px; border: none; background: transparent; }}
QComboBox::drop-down {{ border: none; width: 26px; }}
QPushButton {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 12px; padding: 10px 18px;
    font-weight: 600; min-height: 28px;
}}
QPushButton:hover {{ border-color: {CARAMEL}; }}
QToolButton#cardButton {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 12px; padding: 10px 14px;
    font-weight: 600; min-height: 28px;
}}
QToolButton#cardButton:hover {{ border-color: {CARAMEL}; }}
QToolButton#cardButton::menu-indicator {{ image: none; width: 0; }}
QMenu {{ background: {SURFACE}; border: 1px solid {LINE}; padding: 6px; }}
QMenu::item {{ padding: 10px 22px; border-radius: 8px; }}
QMenu::item:selected {{ background: {GOLD_SOFT}; color: {INK}; }}
QPushButton:pressed {{ background: {GOLD_SOFT}; }}
QPushButton:disabled {{ color: #B9AEA4; background: #F3EEE8; border-color: #EEE6DD; }}
QPushButton[kind="primary"] {{ background: {ESPRESSO}; color: white; border: none; }}
QPushButton[kind="primary"]:hover {{ background: {ESPRESSO_DARK}; }}
QPushButton[kind="primary"]:disabled {{ background: #CDBFB2; color: #F7F3EE; }}
QPushButton[kind="success"] {{ background: {GREEN}; color: white; border: none; }}
QPushButton[kind="success"]:hover {{ background: {GREEN_DARK}; }}
QPushButton[kind="success"]:disabled {{ background: #CFE0D8; color: #F7F3EE; }}
QPushButton[kind="big"] {{ font-size: 20px; min-height: 44px; border-radius: 14px; }}
QPushButton[kind="link"] {{ background: transparent; border: none; color: {ESPRESSO}; padding: 4px 8px;
    min-height: 36px; }}
#panel, #panelInfo, #panelActions {{ background: {SURFACE}; }}
#panel {{ border-left: 1px solid {LINE}; }}
#panelActions {{ border-top: 1px solid {LINE}; }}
#greeting {{ font-size: 15px; color: {MUTED}; }}
#firstName {{ font-size: 34px; font-weight: 800; color: {INK}; }}
#lastName {{ font-size: 16px; color: {MUTED}; }}
#usualBox {{ background: {GOLD_SOFT}; border-radius: 12px; }}
#usualLabel {{ font-size: 17px; font-weight: 600; }}
#notesBox {{ background: {AMBER_SOFT}; border-radius: 12px; }}
#sectionTitle {{ font-size: 12px; font-weight: 700; color: {MUTED}; letter-spacing: 1px; }}
#progressText {{ font-size: 22px; font-weight: 800; color: {ESPRESSO}; }}
#progressHint {{ color: {MUTED}; }}
#banner {{ border-radius: 12px; padding: 10px 14px; font-weight: 600; }}
#banner[tone="error"] {{ background: {DANGER_SOFT}; color: {DANGER}; }}
#banner[tone="ok"] {{ background: #E5F2EC; color: {GREEN_DARK}; }}
#banner[tone="warn"] {{ background: {AMBER_SOFT}; color: #8A5A12; }}
#allergyBox {{ background: {DANGER_SOFT}; color: {DANGER}; border-radius: 12px; padding: 8px 14px; font-weight: 700; }}
#badge {{ background: #EAF3EE; color: {GREEN_DARK}; border-radius: 10px; padding: 4px 10px; font-weight: 700; }}
#badge[tone="birthday"] {{ background: #FCE8F1; color: #A3245F; }}
#feedback {{ background: {AMBER_SOFT}; border-radius: 10px; }}
#reminder {{ background: {AMBER_SOFT}; border-radius: 12px; color: #8A5A12; font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid {LINE}; border-radius: 10px; background: {SURFACE}; padding: 10px; }}
QTabBar::tab {{ padding: 10px 20px; border: none; font-weight: 600; color: {MUTED}; }}
QTabBar::tab:selected {{ color: {ESPRESSO}; border-bottom: 3px solid {CARAMEL}; }}
#emptyTitle {{ font-size: 26px; font-weight: 800; color: {ESPRESSO}; }}
#emptyText {{ font-size: 16px; color: {MUTED}; }}
#checkbackStrip {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 12px; }}
#checkbackStrip QListView {{ background: transparent; border: none; }}
#checkbackStrip QListView::item {{ background: {CREAM}; color: {INK}; border: 1px solid {CARAMEL};
    border-radius: 14px; padding: 4px 12px; margin-right: 6px; }}
#checkbackStrip QListView::item:selected {{ background: {ESPRESSO}; color: #FFFFFF; }}
#placeholder {{ font-size: 17px; color: {MUTED}; }}
QListView {{ background: transparent; border: none; outline: none; }}
#history {{ background: {SURFACE}; }}
QDialog {{ background: {CREAM}; }}
#dialogTitle {{ font-size: 22px; font-weight: 800; color: {ESPRESSO}; }}
#hint {{ color: {MUTED}; font-size: 13px; }}
#formError {{ color: {DANGER}; font-weight: 600; }}
QScrollBar:vertical {{ background: transparent; width: 10px; }}
QScrollBar::handle:vertical {{ background: #D6CABD; border-radius: 5px; min-height: 40px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
"""


def style(rtl: bool = False) -> str:
    """The style sheet. Right to left (Persian), the few one-sided borders and paddings change
    sides, and letter spacing goes."""
    if not rtl:
        return STYLE
    swap = {"border-left": "border-right", "border-right": "border-left", "padding-right": "padding-left"}
    out = STYLE.replace(" letter-spacing: 1px;", "")  # spacing breaks the joins of Persian letters
    for n, (a, _b) in enumerate(swap.items()):
        out = out.replace(a, f"\0{n}\0")
    for n, (_a, b) in enumerate(swap.items()):
        out = out.replace(f"\0{n}\0", b)
    return out


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 11))
    app.setFont(font)
    app.setStyleSheet(STYLE)


def avatar_colour(customer_id: int) -> QColor:
    return QColor(AVATAR_COLOURS[customer_id % len(AVATAR_COLOURS)])


def set_kind(widget, kind: str) -> None:
    """Apply a ``kind`` style (primary, success, big…) and re-polish so it takes effect."""
    widget.setProperty("kind", kind)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
