"""The README's shell blocks, read so that a test can run them as a user would.

A fenced block whose first command is ``cafe-loyalty`` must be preceded by a marker saying what
the test does with it (an HTML comment, invisible on GitHub):

- ``<!-- readme-test: run -->``: each ``cafe-loyalty`` line runs, in order, on one café of its
  own, through the installed command;
- ``<!-- readme-test: skip "TEXT" -- REASON -->`` (after ``run``, one per line): the block's
  lines that contain TEXT do not run, for the reason given;
- ``<!-- readme-test: no -- REASON -->``: the block does not run at all.

A line's trailing comment may say ``exit N``: the command documents a refusal and must end with
exactly that code (and a message, never a traceback). Every other line must succeed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"

_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[ \t]*$")
_MARKER = re.compile(r"<!--\s*readme-test:\s*(?P<body>.*?)\s*-->")
_SKIP = re.compile(r'^skip\s+"(?P<text>[^"]+)"\s+--\s+(?P<reason>\S.*)$')
_NO = re.compile(r"^no\s+--\s+(?P<reason>\S.*)$")
_EXIT = re.compile(r"#.*\bexit (?P<code>\d)\b")


@dataclass
class Line:
    number: int  # in README.md, 1-based
    text: str
    expect_exit: int = 0
    skipped: str = ""  # the reason, when it does not run


@dataclass
class Block:
    first_line: int
    mode: str  # "run" | "no" | "" (no marker: the test fails and asks for one)
    reason: str = ""
    lines: list[Line] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"README.md:{self.first_line}"


def _command(text: str) -> str:
    """The command without a trailing comment (kept when the ``#`` is inside quotes)."""
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1].isspace()):
            return text[:i].rstrip()
    return text.rstrip()


def blocks(path: Path = README) -> list[Block]:
    """Every fenced block whose first command is ``cafe-loyalty``, with its marker."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    markers: list[str] = []
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            marker = _MARKER.search(lines[i])
            if marker:
                markers.append(marker.group("body"))
            elif lines[i].strip():
                markers = []
            i += 1
            continue
        start, body = i + 1, []
        i += 1
        while i < len(lines) and not _FENCE.match(lines[i]):
            body.append((i + 1, lines[i].strip()))
            i += 1
        i += 1
        commands = [(n, t) for n, t in body if t and not t.startswith("#")]
        if commands and commands[0][1].startswith("cafe-loyalty"):
            found.append(_block(start, commands, markers))
        markers = []
    return found


def _block(start: int, commands: list[tuple[int, str]], markers: list[str]) -> Block:
    block = Block(start, "")
    skips: list[tuple[str, str]] = []
    for body in markers:
        if body == "run":
            block.mode = "run"
        elif no := _NO.match(body):
            block.mode, block.reason = "no", no.group("reason")
        elif skip := _SKIP.match(body):
            skips.append((skip.group("text"), skip.group("reason")))
        else:
            raise ValueError(f"README.md:{start}: a readme-test marker that means nothing: {body!r}")
    for number, text in commands:
        if not text.startswith("cafe-loyalty"):
            continue  # another program's line (python, pip): not the installed command's
        expect = _EXIT.search(text)
        reason = next((r for t, r in skips if t in text), "")
        block.lines.append(Line(number, _command(text), int(expect.group("code")) if expect else 0, reason))
    unused = [t for t, _ in skips if not any(t in line.text for line in block.lines)]
    if unused:
        raise ValueError(f"README.md:{start}: a skip marker names no line of its block: {unused}")
    return block
