"""Where a text node begins in the source (lxml gives lines of elements only)."""

import bisect
import re

from .words import written_name


def source_index(doc) -> tuple[str, list[int]]:
    """The document's source text and the offset at which each of its lines begins."""
    offsets = [0]
    for line_text in doc._lines:
        offsets.append(offsets[-1] + len(line_text) + 1)
    return "\n".join(doc._lines), offsets


def text_position(doc, parent, prev, text: str, source: str, offsets: list[int]) -> tuple[int, int]:
    """Line and column of a text node: the first of its characters in the source.

    The text lies between the end of the element before it (or the end of its parent's
    start tag) and the start of the element after it (or the end of the file).
    """
    def offset(el) -> int | None:
        line, col = doc.position(el)
        return offsets[line - 1] + col - 1 if line and col else None

    if prev is None:
        begin = offset(parent)
        if begin is None:
            return doc.position(parent)
        close = source.find(">", begin)
        begin = close + 1 if close >= 0 else begin
        follower = next((c for c in parent if isinstance(c.tag, str)), None)
    else:
        begin = _end_offset(source, prev, offset)
        if begin is None:
            return doc.position(parent)
        follower = prev.getnext()
        while follower is not None and not isinstance(follower.tag, str):
            follower = follower.getnext()
    end = offset(follower) if follower is not None else None
    stripped = text.strip()
    snippet = re.split(r"[&<>\"'\n]", stripped, maxsplit=1)[0][:30].strip()
    if snippet:
        at = source.find(snippet, begin, end)
    else:
        region = source[begin:end]
        at = begin + len(region) - len(region.lstrip())
    if at < 0:
        return doc.position(parent)
    line = bisect.bisect_right(offsets, at) - 1  # the last line that begins at or before it
    return line + 1, at - offsets[line] + 1


def _end_offset(source: str, el, offset) -> int | None:
    """Offset just after the end tag of el (or after <el/>) in the source."""
    chain = [el]
    while len(chain[-1]) and any(isinstance(c.tag, str) for c in chain[-1]):
        chain.append([c for c in chain[-1] if isinstance(c.tag, str)][-1])
    deepest = chain[-1]
    pos = offset(deepest)
    if pos is None:
        return None
    qname = written_name(el)
    if deepest is el:
        close = re.compile(rf"/>|</{re.escape(qname)}\s*>")
        m = close.search(source, pos)
        # a start tag ending in "/>" before any ">" is an empty element
        first_gt = source.find(">", pos)
        if first_gt >= 0 and source[first_gt - 1] == "/":
            return first_gt + 1
        return m.end() if m else None
    count = sum(1 for c in chain if written_name(c) == qname)
    pattern = re.compile(rf"</{re.escape(qname)}\s*>")
    m = None
    for _ in range(count):
        m = pattern.search(source, m.end() if m else pos)
        if m is None:
            return None
    return m.end()

