"""libxml2's own errors, for what the walk does not explain: placed at their element and reworded."""

import re
from dataclasses import dataclass

from lxml import etree

from ...tei import TEI_NS, XML_ID, XML_NS
from ..rules import Finding
from .attributes import DATATYPE_WORDS, datatype_hint
from .words import attr_prefixed, finding_at, written_name


@dataclass
class LibxmlError:
    """One entry of libxml2's error log, with its element found in the document."""

    type: str
    message: str
    line: int
    el: object  # the element the path names, or None



_STEP = re.compile(r"^(?:(?P<prefix>[\w.-]+):)?(?P<name>[\w.*-]+)(?:\[(?P<n>\d+)\])?$")


def element_at(doc, path: str | None):
    if not path:
        return None
    try:
        found = doc.tree.xpath(path)
        if found and isinstance(found[0], etree._Element):
            return found[0]
    except (etree.XPathError, TypeError):
        pass
    # Steps like x:foo (prefixes of the document) or foo (no namespace): walk them by hand.
    node = None
    for step in path.strip("/").split("/"):
        m = _STEP.match(step)
        if not m:
            return None
        candidates = [doc.root] if node is None else [c for c in node if isinstance(c.tag, str)]
        name = m.group("name")
        if name != "*":
            candidates = [c for c in candidates if etree.QName(c).localname == name
                          and (m.group("prefix") is not None or etree.QName(c).namespace is None)]
        index = int(m.group("n") or 1) - 1
        if index >= len(candidates):
            return None
        node = candidates[index]
    return node



_ECHO_TYPES = {"RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_ELEMNAME", "RELAXNG_ERR_CONTENTVALID", "RELAXNG_ERR_EXTRACONTENT",
               "RELAXNG_ERR_INTERSEQ", "RELAXNG_ERR_INTEREXTRA", "RELAXNG_ERR_INTERNODATA", "RELAXNG_ERR_NOELEM",
               "RELAXNG_ERR_NOTELEM", "RELAXNG_ERR_TEXTWRONG", "RELAXNG_ERR_ELEMEXTRANS", "RELAXNG_ERR_ELEMNOTEMPTY",
               "RELAXNG_ERR_ATTRVALID", "RELAXNG_ERR_NOGRAMMAR", "RELAXNG_ERR_ELEMNONS", "RELAXNG_ERR_ELEMWRONGNS"}


def unexplained(doc, errors: list[LibxmlError], located, attr_findings: set, model, duplicated: set[str]) -> list[tuple[object, Finding]]:
    """Findings for libxml2 errors that no finding of the walk explains (duplicated: xml:ids that occur twice)."""
    explained_at = [el for el, _ in located if el is not None]
    # A finding about an element explains libxml2's errors about that element, about its
    # ancestors (whose content then fails) and about its siblings (the content of its
    # parent, which the walk checks completely).
    # (libxml2's paths for such echoes are not always exact: they may name a sibling.)
    marked = set()
    for el in explained_at:
        marked.add(el)
        marked.update(el.iterancestors())

    def covered(el) -> bool:
        if el is None:
            return bool(located)
        return el in marked or el.getparent() in marked

    out: list[tuple[object, Finding, bool]] = []  # (element, finding, is an echo type)
    in_out: set = set()  # the elements of out
    attr_done: set = set()
    # Attribute errors first: an element whose attribute fails fails in its parent too.
    errors = sorted(errors, key=lambda e: e.type != "RELAXNG_ERR_INVALIDATTR")
    for err in errors:
        el = err.el
        if err.type == "RELAXNG_ERR_INVALIDATTR" and el is not None:
            m = re.match(r"Invalid attribute (\S+) for element (\S+)", err.message)
            if m:
                attr = find_attr(el, m.group(1))
                if (el, attr) in attr_done:
                    continue
                attr_done.add((el, attr))
                marked.add(el)
                marked.update(el.iterancestors())
                if (el, attr) in attr_findings:
                    continue
                if attr == XML_ID and el.get(attr) in duplicated:
                    continue  # rule ED201 reports it, with the line of the first
                out.append((el, _bad_value(doc, model, el, attr, m.group(1)), False))
                in_out.add(el)
                continue
        echo = err.type in _ECHO_TYPES
        if echo and covered(el):
            continue
        if el is not None and el in in_out:
            continue
        out.append((el, _reworded(doc, err), echo))
        in_out.add(el)
    # Echoes logged before the error that causes them: drop those above another finding.
    below = {a for o, _, _ in out if o is not None for a in o.iterancestors()}
    return [(el, f) for el, f, echo in out if not (echo and el in below)]


def duplicated_ids(root) -> set[str]:
    """The xml:id values that more than one element has (counted once: a register may have thousands)."""
    seen, twice = set(), set()
    for o in root.iter():
        value = o.get(XML_ID) if isinstance(o.tag, str) else None
        if value is not None:
            (twice if value in seen else seen).add(value)
    return twice


def find_attr(el, local: str) -> str | None:
    for name in el.attrib:
        if etree.QName(name).localname == local:
            return name
    return None


def _bad_value(doc, model, el, attr, local: str) -> Finding:
    name = written_name(el)
    if attr is None:
        return finding_at(doc, el, f"invalid attribute @{local} on <{name}>", "")
    q = etree.QName(attr)
    shown = f"xml:{q.localname}" if q.namespace == XML_NS else attr_prefixed(el, q.namespace or "", q.localname)
    value = el.get(attr)
    hint = ""
    if model is not None:
        qe = etree.QName(el)
        decls = model.declarations(qe.namespace or "", qe.localname)
        if len(decls) == 1:
            values = model.attribute_values(decls[0], q.namespace or "", q.localname)
            if values:
                hint = datatype_hint(values[0])
    if not (value or "").strip():
        hint = "the value must not be empty" + (f"; {hint}" if hint else "")
    if not hint and q.namespace == XML_NS and q.localname == "id":
        hint = "expected " + DATATYPE_WORDS["ID"]
    return finding_at(doc, el, f'@{shown}="{value}" is not a valid value on <{name}>', hint, attr=attr)


def _reworded(doc, err: LibxmlError) -> Finding:
    el = err.el
    msg = err.message
    name = written_name(el) if el is not None else "?"
    def typeval(m):
        words = DATATYPE_WORDS.get(m.group(1), f"a value of type xsd:{m.group(1)}")
        return f'the text "{m.group(2)}" of <{name}> is not a valid value', f"expected {words}"

    rules = [
        (r"Type (\S+) doesn't allow value '(.*)'", typeval),
        (r"Did not expect element (\S+) there", lambda m: (f"<{m.group(1)}> is not allowed here", "")),
        (r"Expecting element (\S+), got (\S+)", lambda m: (f"<{m.group(2)}> is not allowed here", f"the schema expects <{m.group(1)}>")),
        (r"Expecting an element (\S*), got nothing", lambda m: (f"<{name}> is incomplete" + (f": missing required element <{m.group(1)}>" if m.group(1) else ""), "")),
        (r"Element (\S+) failed to validate attributes", lambda m: (f"<{m.group(1)}> has a missing or invalid attribute", "")),
        (r"Did not expect text in element (\S+) content", lambda m: (f"text is not allowed inside <{m.group(1)}>", "")),
        (r"Element (\S+) has extra content: (\S+)", lambda m: (f"<{m.group(2)}> is not allowed inside <{m.group(1)}>", "") if m.group(2) != "text" else (f"text is not allowed inside <{m.group(1)}>", "")),
        (r"Element (\S+) failed to validate content", lambda m: (f"the content of <{m.group(1)}> is not valid", "")),
        (r"Error validating datatype (\S+)", lambda m: (f"the text of <{name}> is not a valid {m.group(1)}", "")),
        (r"Error validating value", lambda m: (f"the text of <{name}> is not an allowed value", "")),
        (r"Element (\S+) has wrong namespace", lambda m: (f"<{m.group(1)}> is in the wrong namespace", f"the TEI namespace is {TEI_NS}")),
        (r"Expecting a namespace for element (\S+)", lambda m: (f"<{m.group(1)}> has no namespace", f'declare xmlns="{TEI_NS}" on the root element')),
    ]
    message, hint = msg.rstrip(), ""
    for pattern, make in rules:
        m = re.match(pattern, msg)
        if m:
            message, hint = make(m)
            break
    if not hint:
        hint = f"libxml2 says: {msg.strip()}"
    if el is not None:
        return finding_at(doc, el, message, hint)
    return Finding(doc.name, err.line or 0, 0, message, hint)
