"""The standalone letter: the form every builder reads.

A copy of the letter in which
- references to register entries (`../registers/persons.xml#per.kennedy`, or a corpus-wide
  `#per.kennedy`) become `#per.kennedy`, and the entries they name are embedded in a
  `standOff` after the text, so the file stands alone (for XSLT under lxml, xsltproc and
  Saxon alike, and for other platforms);
- every paragraph and note has an xml:id, so others can cite it and the HTML can link to it.
The source document is never changed.
"""

import copy
import re
from pathlib import Path

from lxml import etree

from ..tei import POINTER_ATTRIBUTES, XML_ID, local, pointer_elements, t

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LIST_OF = {"person": "listPerson", "place": "listPlace", "org": "listOrg"}


def letter_slug(path: Path) -> str:
    """The name of a letter's outputs: its file name without suffix."""
    return path.stem


def id_prefix(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]", "-", path.stem)
    return stem if re.match(r"[A-Za-z_]", stem) else f"d{stem}"


def make_standalone(doc, ctx) -> etree._ElementTree:
    tree = copy.deepcopy(doc.tree)
    root = tree.getroot()
    local_ids = {value for value in doc.ids if value}
    used: dict[str, object] = {}
    files: dict[tuple[Path, str], dict] = {}  # (base, file part of a pointer) -> that register's entries

    def rewrite(top, base: Path):
        for el in pointer_elements(top):
            for attr in POINTER_ATTRIBUTES:
                value = el.get(attr)
                if value:
                    el.set(attr, " ".join(_resolve(token, base, ctx, local_ids, used, files) for token in value.split()))

    rewrite(root, doc.path)
    # entries may point at other entries (an organisation's place): embed those too
    pending = list(used.values())
    embedded = []
    while pending:
        entry = pending.pop()
        copied = entry.element  # a copy of its own
        before = set(used)
        rewrite(copied, entry.file)
        pending.extend(used[k] for k in set(used) - before)
        embedded.append((entry, copied))
    if embedded:
        root.append(_stand_off(embedded))
    _add_ids(root, id_prefix(doc.path), local_ids)
    return tree


def _resolve(token: str, base: Path, ctx, local_ids: set, used: dict, files: dict) -> str:
    if _SCHEME.match(token) or "#" not in token:
        return token
    file, frag = token.split("#", 1)
    if not file:
        if frag in local_ids or frag not in ctx.registers:
            return token
        entry = ctx.registers[frag]
    else:
        # resolve() asks the file system: once per file part, not once per pointer
        if (base, file) not in files:
            files[base, file] = ctx.register_files.get((base.parent / file).resolve(), {})
        entry = files[base, file].get(frag)
        if entry is None:
            return token
    if entry.id not in local_ids:
        used.setdefault(entry.id, entry)
    return f"#{entry.id}"


def _stand_off(embedded) -> etree._Element:
    stand_off = etree.Element(t("standOff"))
    stand_off.text = "\n"
    for kind, list_name in _LIST_OF.items():
        entries = sorted((c for e, c in embedded if e.kind == kind), key=lambda c: c.get(XML_ID))
        if not entries:
            continue
        lst = etree.SubElement(stand_off, t(list_name))
        for copied in entries:
            copied.tail = "\n"
            lst.append(copied)
        lst.tail = "\n"
    return stand_off


def _add_ids(root, prefix: str, taken: set) -> None:
    """`PREFIX.p3`, `PREFIX.n2` in the text; `PREFIX.header.p1` in the teiHeader."""
    counters: dict[tuple[str, str], int] = {}
    for el in root.iter(t("p"), t("note")):
        name = local(el.tag)
        area = "header." if _in_header(el) else ""
        counters[area, name] = counters.get((area, name), 0) + 1
        if el.get(XML_ID):
            continue
        candidate = f"{prefix}.{area}{'p' if name == 'p' else 'n'}{counters[area, name]}"
        while candidate in taken:
            candidate += "_"
        taken.add(candidate)
        el.set(XML_ID, candidate)


def _in_header(el) -> bool:
    return any(local(a.tag) == "teiHeader" for a in el.iterancestors())
