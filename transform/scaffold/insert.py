"""A new register entry placed into the register's text, so that every other byte of the
file (indentation, quoting, comments, character references, encoding, BOM) stays as it was:
in place of `editio init`'s placeholder, among sorted entries, at the end of the list, or in
a new list in the standOff."""

import re
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ..tei import NS, TEI_NS, XML_ID
from .layout import Kind, ScaffoldError, display


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _indent_at(text: str, offset: int) -> str:
    """The whitespace between the start of the line and offset (empty when there is other text)."""
    before = text[_line_start(text, offset):offset]
    return before if not before.strip() else ""


def _start_tag(text: str, el, attr_id: str | None = None) -> re.Match:
    """The start tag of an element in the source text: by its xml:id, else at its line."""
    qname = f"{el.prefix}:{el.tag.rsplit('}', 1)[1]}" if el.prefix else el.tag.rsplit("}", 1)[1]
    if attr_id:
        m = re.search(rf"<{re.escape(qname)}\b[^>]*?\sxml:id\s*=\s*([\"']){re.escape(attr_id)}\1", text)
        if m:
            return m
    # libxml2's sourceline is the line on which the start tag ends: take the last such tag
    # that starts before the end of that line
    line_ends = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    end = line_ends[min(max((el.sourceline or 1) - 1, 0), len(line_ends) - 1)]
    found = None
    for m in re.finditer(rf"<{re.escape(qname)}(?=[\s/>])", text[:end + 1]):
        found = m
    if found is None:
        raise ScaffoldError(f"cannot find <{qname}> in the source text near line {el.sourceline}; add the entry by hand")
    return found


def _entry_text(kind: Kind, ident: str, fields: list[str], indent: str, step: str) -> str:
    inner = "".join(f"\n{indent}{step}{f}" for f in fields)
    return f"<{kind.entry} xml:id={quoteattr(ident)}>{inner}\n{indent}</{kind.entry}>"


def insert_entry(parsed, path: Path, kind: Kind, ident: str, fields: list[str]) -> bytes:
    encoding = parsed.encoding or "UTF-8"
    bom = parsed.data.startswith(b"\xef\xbb\xbf")
    text = parsed.data.decode(encoding).lstrip("\ufeff")
    root = parsed.tree.getroot()
    lists = root.findall(f".//tei:{kind.list}", NS)
    entry_tag = f"{{{TEI_NS}}}{kind.entry}"
    placeholders = root.xpath(f"//tei:{kind.list}/tei:{kind.entry}[not(@xml:id)][tei:note/@type='editio-empty']", namespaces=NS)
    if placeholders:
        placeholder = placeholders[0]
        # the entry without xml:id that `editio init` writes, so that an empty register is valid TEI
        start = _start_tag(text, placeholder)
        end = re.compile(rf"</{re.escape(start.group(0)[1:])}\s*>").search(text, start.end())
        indent = _indent_at(text, start.start())
        list_indent = _indent_at(text, _start_tag(text, placeholder.getparent()).start())
        step = indent[len(list_indent):] if indent.startswith(list_indent) and indent != list_indent else "  "
        block = _entry_text(kind, ident, fields, indent, step)
        return _encode(text[:start.start()] + block + text[end.end():], encoding, bom)
    if lists:
        with_entries = [lst for lst in lists if lst.find(entry_tag) is not None]
        target = with_entries[0] if with_entries else lists[0]
        siblings = [c for c in target if c.tag == entry_tag and c.get(XML_ID)]
        list_tag = _start_tag(text, target)
        list_indent = _indent_at(text, list_tag.start())
        if siblings:
            first = _start_tag(text, siblings[0], siblings[0].get(XML_ID))
            indent = _indent_at(text, first.start()) or list_indent + "  "
            step = indent[len(list_indent):] if indent.startswith(list_indent) and indent != list_indent else "  "
            ids = [s.get(XML_ID) for s in siblings]
            after = next((s for s in siblings if s.get(XML_ID) > ident), None) if ids == sorted(ids) else None
            if after is not None:
                at = _start_tag(text, after, after.get(XML_ID)).start()
                block = _entry_text(kind, ident, fields, indent, step) + "\n" + indent
                return _encode(text[:at] + block + text[at:], encoding, bom)
        else:
            step = "  "
            indent = list_indent + step
        qname = list_tag.group(0)[1:]
        close = re.compile(rf"</{re.escape(qname)}\s*>")
        last = target[-1] if len(target) else None
        if last is not None and last.tag != entry_tag:
            raise ScaffoldError(f"{display(path)}: <{kind.list}> ends with <{_local(last)}>, not an entry; "
                                f"add the {kind.singular} by hand")
        from_offset = _start_tag(text, last, last.get(XML_ID)).end() if last is not None else list_tag.end()
        m = close.search(text, from_offset)
        if not m:
            raise ScaffoldError(f"{display(path)}: cannot find </{qname}>; add the {kind.singular} by hand")
        return _encode(_before_close(text, m.start(), _entry_text(kind, ident, fields, indent, step), indent, list_indent),
                       encoding, bom)
    stand_off = root.find("tei:standOff", NS)
    if stand_off is None:
        raise ScaffoldError(f"{display(path)} has no <{kind.list}> and no <standOff>; add "
                            f"<standOff><{kind.list}>...</{kind.list}></standOff> after the teiHeader, or run `editio init`")
    so_tag = _start_tag(text, stand_off)
    so_indent = _indent_at(text, so_tag.start())
    step, indent = "  ", so_indent + "  "
    m = re.compile(rf"</{re.escape(so_tag.group(0)[1:])}\s*>").search(text, so_tag.end())
    block = f"<{kind.list}>\n{indent}{step}" + _entry_text(kind, ident, fields, indent + step, step) + f"\n{indent}</{kind.list}>"
    return _encode(_before_close(text, m.start(), block, indent, so_indent), encoding, bom)


def _local(el) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else "comment"


def _before_close(text: str, at: int, block: str, indent: str, close_indent: str) -> str:
    """Insert block as the last child, before the closing tag at `at`, on a line of its own."""
    line_start = _line_start(text, at)
    if not text[line_start:at].strip():  # the closing tag starts its line: insert above it
        return text[:line_start] + indent + block + "\n" + text[line_start:]
    return text[:at] + "\n" + indent + block + "\n" + close_indent + text[at:]


def _encode(text: str, encoding: str, bom: bool) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
