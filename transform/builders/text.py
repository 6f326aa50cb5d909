"""The plain-text edition: output/text/<letter>.txt, UTF-8 with LF line ends.

xslt/text/text.xsl (or plain.xsl, for --plain) writes the logical lines of a letter:
one line per paragraph, whitespace as in the TEI with line ends turned into spaces, page
breaks as markers between U+E000 and U+E001, a line break inside a word as U+E003.
`layout` turns them into the text: the words on both sides of U+E003 joined, spaces
collapsed and lines stripped (so the TEI's indentation never reaches the text), one blank
line between blocks, page markers kept out of words, and lines wrapped at the width
(0: one line per paragraph), never inside a word nor inside a marker.
"""

import re

from ..xsltrun import transform
from . import Output
from .entities import letter_title

DEFAULT_WIDTH = 72
STYLESHEET = "text/text.xsl"
PLAIN_STYLESHEET = "text/plain.xsl"

_OPEN, _CLOSE, _KEEP = "\ue000", "\ue001", "\ue002"  # marker start, marker end, a space inside a marker
_JOINT = "\ue003"  # a line break inside a word (lb break="no"): removed with the spaces around it
_MARKER = re.compile(f"{_OPEN}[^{_CLOSE}]*{_CLOSE}")
_SPACES = re.compile(r"[ \t\r\f\v]+")  # not NO-BREAK SPACE: that one is text


class TextBuilder:
    name = "text"

    def build(self, letter, ctx) -> list[Output]:
        sheet = PLAIN_STYLESHEET if ctx.options.get("plain") else STYLESHEET
        title = letter_title(letter.tree.getroot()) or letter.slug
        lines = bytes(transform(sheet, letter.tree, **{"letter-title": title})).decode("utf-8")
        width = ctx.options.get("width")
        if width is None:
            width = getattr(ctx.config, "text_width", DEFAULT_WIDTH)
        text = layout(lines, int(width))
        return [Output(f"text/{letter.slug}.txt", text.encode("utf-8"))]

    def finish(self, ctx) -> list[Output]:
        return []


def layout(lines: str, width: int = DEFAULT_WIDTH) -> str:
    """The text of the stylesheet's logical lines, wrapped at `width` (0: not wrapped)."""
    out: list[str] = []
    for raw in _join_words(lines).split("\n"):
        line = _place_markers(_SPACES.sub(" ", raw).strip()) if raw.strip() else ""  # most lines are blank
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        out.extend(_wrap(line, width))
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def _join_words(lines: str) -> str:
    """The words on both sides of each U+E003 joined: the mark goes with the spaces around it."""
    if _JOINT not in lines:
        return lines
    first, *rest = lines.split(_JOINT)
    return "".join([first.rstrip(" "), *(part.strip(" ") for part in rest[:-1]), rest[-1].lstrip(" ")])


def _place_markers(line: str) -> str:
    """A marker inside a word moves to the end of that word; every marker gets a space
    on each side; the spaces inside a marker are protected from wrapping."""
    if _OPEN not in line:  # most lines: nothing to do (the line is already collapsed and stripped)
        return line
    start = 0
    while m := _MARKER.search(line, start):
        before = line[m.start() - 1] if m.start() else " "
        after = line[m.end()] if m.end() < len(line) else " "
        if before not in f" {_CLOSE}" and after not in f" {_OPEN}":
            rest = line[:m.start()] + line[m.end():]
            end = rest.find(" ", m.start())
            end = len(rest) if end < 0 else end
            line = f"{rest[:end]} {m.group()}{rest[end:]}"
            start = end + 1 + len(m.group())
        else:
            start = m.end()
    line = _MARKER.sub(lambda m: f" {m.group()[1:-1].replace(' ', _KEEP)} ", line)
    return _SPACES.sub(" ", line).strip()


def _wrap(line: str, width: int) -> list[str]:
    """Greedy: each row the longest run of whole words that fits (a longer word alone).
    The words of `line` are separated by single spaces, so a row ends at the last space
    within the width."""
    rows = []
    while width > 0 and len(line) > width:
        cut = line.rfind(" ", 0, width + 1)
        if cut <= 0:  # the first word alone is longer than the width
            cut = line.find(" ")
            if cut < 0:
                break
        rows.append(line[:cut])
        line = line[cut + 1:]
    rows.append(line)
    return [row.replace(_KEEP, " ") for row in rows]
