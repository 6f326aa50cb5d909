"""The standalone letter: the form every builder reads.

A copy of the letter in which every pointer (@ref, @corresp, @target, @who, and a @key
when editio.toml says how keys are matched) is resolved once (pointers.py) and written so
that the file stands alone, for XSLT under lxml, xsltproc and Saxon alike and for other
platforms:
- a register entry, however the source named it (`../registers/persons.xml#p1`, `#p1`
  into a register or another letter's list, a bare `p1`, a prefix, a @key), becomes `#p1`
  and the entry is embedded in a `standOff` after the text, in its list (listPerson,
  listPlace, listOrg, listBibl, listEvent); a resolved @key also gives @ref="#p1" when the
  element has none. An entry of the letter's own back/standOff lists that the letter
  points at is moved there too: the list keeps, in its place, the entry without its
  xml:id and with @sameAs="#p1" (two elements cannot share an xml:id);
- another letter of the corpus (its xml:id, bare or with `#`, its file name, a relative
  path) becomes `SLUG.xml`, and the standOff holds
  `<listBibl type="letters"><bibl corresp="SLUG.xml"><title>…</title><date when="…"/></bibl>`
  with that letter's own title and date;
- a pointer that names nothing is left as written (its finding comes from validation);
- every paragraph and note has an xml:id, so others can cite it and the HTML can link to it.
The source document is never changed.
"""

import copy
import re
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from .. import pointers
from ..tei import ENTRY_LISTS, XML_ID, keyed_elements, local, t



_UNSAFE_IN_URL = re.compile(r"[^\w.~-]+")


def letter_slug(path: Path) -> str:
    """The name of a letter's outputs: its file name without suffix, with what a URL cannot
    carry as it is (spaces, "%", "#", "?", "&", quotes; "%20" read as the space it stands
    for) written as "-", so that links to its pages work on any static host."""
    return _UNSAFE_IN_URL.sub("-", unquote(path.stem)).strip("-") or "letter"


def id_prefix(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]", "-", path.stem)
    return stem if re.match(r"[A-Za-z_]", stem) else f"d{stem}"


def make_standalone(doc, ctx, memo: dict | None = None) -> etree._ElementTree:
    """memo: shared with the other resolvers of the letter's job (pointers.Resolver)."""
    tree = copy.deepcopy(doc.tree)
    root = tree.getroot()
    local_ids = {value for value in doc.ids if value}
    used: dict[str, object] = {}
    own_used: set[str] = set()  # ids of this letter's own elements that it points at
    letters: dict[str, pointers.LetterRef] = {}
    prefixes = pointers.prefix_defs(root)
    keyed = bool(getattr(ctx.config, "key_matches", None))

    def rewrite(top, base: Path, own: set):
        resolver = pointers.Resolver(ctx, base, own, prefixes, memo)
        for el, attr, tokens in pointers.written_pointers(top):
            el.set(attr, " ".join(_written(resolver.resolve(token), used, letters, own_used) for token in tokens))
        if keyed:
            for el in keyed_elements(top):
                found = resolver.resolve_key(el.get("key"))
                if found.kind in (pointers.ENTRY, pointers.LOCAL):
                    _written(found, used, letters, own_used)
                    if el.get("ref") is None:
                        el.set("ref", found.written)

    rewrite(root, doc.path, local_ids)
    # entries may point at other entries (an organisation's place): embed those too
    pending = list(used.values())
    embedded = []
    while pending:
        entry = pending.pop()
        copied = entry.element  # a copy of its own
        before = set(used)
        rewrite(copied, entry.file, ())
        pending.extend(used[k] for k in set(used) - before)
        embedded.append((entry, copied))
    embedded = [(e.kind, c) for e, c in embedded if e.id not in local_ids]
    embedded.extend(_own_entries(root, own_used))
    if embedded or letters:
        root.append(_stand_off(embedded, letters))
    _add_ids(root, id_prefix(doc.path), local_ids)
    return tree


def _written(found, used: dict, letters: dict, own_used: set) -> str:
    if found.kind == pointers.ENTRY:
        used.setdefault(found.entry.id, found.entry)
    elif found.kind == pointers.LOCAL:
        own_used.add(found.fragment)
    elif found.kind == pointers.LETTER:
        letters.setdefault(found.letter.slug, found.letter)
    return found.written


def _own_entries(root, ids: set) -> list:
    """(kind, copy) of each entry of the letter's own lists that it points at; the list
    keeps the entry in its place without its xml:id, @sameAs pointing at the copy."""
    out = []
    for kind, list_name in ENTRY_LISTS.items():
        for el in root.iter(t(kind)):
            ident = el.get(XML_ID)
            parent = el.getparent()
            if ident in ids and parent is not None and parent.tag == t(list_name) and _in_lists_part(el):
                copied = copy.deepcopy(el)
                copied.tail = None
                del el.attrib[XML_ID]
                el.set("sameAs", f"#{ident}")
                out.append((kind, copied))
    return out


def _in_lists_part(el) -> bool:
    """In a back or standOff, not in the text or the header."""
    return any(local(a.tag) in ("back", "standOff") for a in el.iterancestors())


def _stand_off(embedded, letters: dict) -> etree._Element:
    stand_off = etree.Element(t("standOff"))
    stand_off.text = "\n"
    for kind, list_name in ENTRY_LISTS.items():
        entries = sorted((c for k, c in embedded if k == kind), key=lambda c: c.get(XML_ID))
        if not entries:
            continue
        lst = etree.SubElement(stand_off, t(list_name))
        for copied in entries:
            copied.tail = "\n"
            lst.append(copied)
        lst.tail = "\n"
    if letters:
        lst = etree.SubElement(stand_off, t("listBibl"), type="letters")
        for slug in sorted(letters):
            ref = letters[slug]
            bibl = etree.SubElement(lst, t("bibl"), corresp=ref.href)
            etree.SubElement(bibl, t("title")).text = ref.title or slug
            if ref.date:
                etree.SubElement(bibl, t("date"), when=ref.date)
            bibl.tail = "\n"
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
