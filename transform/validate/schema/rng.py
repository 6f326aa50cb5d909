"""RelaxNG XML as read: the parser for schema files, the pattern children of an element, and
name classes (which element or attribute names a pattern accepts)."""

from lxml import etree

from ...tei import XML_NS

RNG_NS = "http://relaxng.org/ns/structure/1.0"
RNG = f"{{{RNG_NS}}}"


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False, remove_comments=False)


def nameclass_label(nc) -> str:
    if nc[0] == "name":
        return nc[2]
    if nc[0] == "choice":
        return " or ".join(nameclass_label(c) for c in nc[1])
    return "any element"


def nc_matches(nc, ns: str, local: str) -> bool:
    kind = nc[0]
    if kind == "name":
        return nc[1] == ns and nc[2] == local
    if kind == "any":
        return not (nc[1] is not None and nc_matches(nc[1], ns, local))
    if kind == "nsName":
        return nc[1] == ns and not (nc[2] is not None and nc_matches(nc[2], ns, local))
    if kind == "choice":
        return any(nc_matches(c, ns, local) for c in nc[1])
    return False


def nc_names(nc) -> list[tuple[str, str]]:
    if nc[0] == "name":
        return [(nc[1], nc[2])]
    if nc[0] == "choice":
        return [n for c in nc[1] for n in nc_names(c)]
    return []




def rng_children(el) -> list:
    """The RelaxNG children of el (annotations and comments left out)."""
    return [c for c in el if isinstance(c.tag, str) and c.tag.startswith(RNG)]


def _inherited_ns(el) -> str:
    node = el
    while node is not None:
        if isinstance(node.tag, str) and node.tag.startswith(RNG) and node.get("ns") is not None:
            return node.get("ns")
        node = node.getparent()
    return ""


def _qname(el, text: str, default_ns: str) -> tuple[str, str]:
    text = text.strip()
    if ":" in text:
        prefix, local = text.split(":", 1)
        if prefix == "xml":
            return XML_NS, local
        return el.nsmap.get(prefix, ""), local
    return default_ns, text


def element_nameclass(node) -> tuple:
    if node.get("name") is not None:
        ns, local = _qname(node, node.get("name"), _inherited_ns(node))
        return ("name", ns, local)
    children = rng_children(node)
    return _nameclass(children[0], attribute=False) if children else ("any", None)


def attribute_nameclass(node) -> tuple:
    if node.get("name") is not None:
        ns, local = _qname(node, node.get("name"), node.get("ns") or "")
        return ("name", ns, local)
    children = rng_children(node)
    return _nameclass(children[0], attribute=True) if children else ("any", None)


def _nameclass(n, attribute: bool) -> tuple:
    kind = etree.QName(n).localname
    default = (n.get("ns") if n.get("ns") is not None else "") if attribute else _inherited_ns(n)
    if kind == "name":
        ns, local = _qname(n, n.text or "", default)
        return ("name", ns, local)
    excepted = None
    for c in rng_children(n):
        if etree.QName(c).localname == "except":
            inner = [_nameclass(x, attribute) for x in rng_children(c)]
            excepted = inner[0] if len(inner) == 1 else ("choice", tuple(inner))
    if kind == "anyName":
        return ("any", excepted)
    if kind == "nsName":
        return ("nsName", _inherited_ns(n) if n.get("ns") is None else n.get("ns"), excepted)
    if kind == "choice":
        return ("choice", tuple(_nameclass(c, attribute) for c in rng_children(n)))
    return ("any", None)

