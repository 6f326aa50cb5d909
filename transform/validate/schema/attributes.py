"""The attributes an element declaration allows and requires, what their values may be, and how
to say what a value should look like."""

from dataclasses import dataclass

from lxml import etree

from .rng import attribute_nameclass, nc_matches, nc_names, rng_children
from .words import listing


class Attributes:
    """The attribute side of Grammar (a mixin: it uses the grammar's elements and defines)."""

    def followed(self, ref, seen: set) -> list:
        """The patterns of the defines a <ref> names; none when the walk asking has followed
        that name already (`seen`: the names it has followed, which this adds to)."""
        name = ref.get("name")
        if name in seen:
            return []
        seen.add(name)
        return [c for _, d in self.defines.get(name, []) for c in rng_children(d)]

    def attributes(self, eid: int):
        """The declaration eid, its attributes read on first use."""
        decl = self.elements[eid]
        if not decl.attrs_done:
            decl.attrs_done = True
            children = rng_children(decl.node)
            if decl.node.get("name") is None and children:
                children = children[1:]
            attrs: list = []
            seen_defines: set[str] = set()

            def collect(n):
                kind = etree.QName(n).localname
                if kind == "attribute":
                    attrs.append((attribute_nameclass(n), _attribute_value(n)))
                    return
                if kind == "element":
                    return
                if kind == "ref":
                    for c in self.followed(n, seen_defines):
                        collect(c)
                    return
                for c in rng_children(n):
                    collect(c)

            for c in children:
                collect(c)
            decl.attributes = attrs
            decl.required_attrs = self._required_attrs(children, set())
        return decl

    def attribute_values(self, eid: int, ns: str, local: str) -> list["Values"]:
        """What the attribute ns:local may hold on element eid, for each of its declarations there
        (none: the element has no such attribute)."""
        key = (eid, ns, local)
        r = self._values.get(key)
        if r is None:
            r = self._values[key] = [describe_values(self, v) for nc, v in self.attributes(eid).attributes
                                     if nc_matches(nc, ns, local)]
        return r

    def _required_attrs(self, nodes, stack: set) -> frozenset:
        out: frozenset = frozenset()
        for n in nodes:
            out |= self._required_attr(n, stack)
        return out

    def _required_attr(self, n, stack: set) -> frozenset:
        kind = etree.QName(n).localname
        if kind == "attribute":
            nc = attribute_nameclass(n)
            return frozenset(nc_names(nc)) if nc[0] == "name" else frozenset()
        if kind in ("optional", "zeroOrMore", "element", "empty", "text", "data", "value", "list", "notAllowed"):
            return frozenset()
        if kind == "choice":
            sets = [self._required_attr(c, stack) for c in rng_children(n)]
            return frozenset.intersection(*sets) if sets else frozenset()
        if kind == "ref":
            name = n.get("name")
            if name in stack:
                return frozenset()
            parts = self.defines.get(name, [])
            if len(parts) != 1:
                return frozenset()
            return self._required_attrs(rng_children(parts[0][1]), stack | {name})
        return self._required_attrs(rng_children(n), stack)



@dataclass
class Values:
    closed: list[str] | None  # the values of a closed list, or None when other values are allowed
    suggested: list[str]
    datatypes: list[str]  # names of TEI data macros (teidata.*) or XSD types
    is_list: bool


def _attribute_value(node) -> object:
    children = rng_children(node)
    if node.get("name") is None and children:
        children = children[1:]
    return children[0] if children else None


def describe_values(model, value_node) -> Values:
    values: list[str] = []
    types: list[str] = []
    open_ = False
    is_list = False
    stack: set[str] = set()

    def walk(n):
        nonlocal open_, is_list
        kind = etree.QName(n).localname
        if kind == "value":
            values.append(n.text or "")
        elif kind == "data":
            open_ = True
            types.append(n.get("type"))
        elif kind == "text":
            open_ = True
            types.append("text")
        elif kind == "ref":
            name = n.get("name")
            if name.startswith("teidata."):
                types.append(name)
            for c in model.followed(n, stack):
                walk(c)
        elif kind == "list":
            is_list = True
            for c in rng_children(n):
                walk(c)
        else:
            for c in rng_children(n):
                walk(c)

    if value_node is None:
        return Values(None, [], ["text"], False)
    walk(value_node)
    return Values(None if open_ or not values else values, values, types, is_list)


DATATYPE_WORDS = {
    "teidata.temporal.w3c": "a date or time in the W3C form of ISO 8601, such as 1962-11-04, 1962-11, 1962 or 1962-11-04T09:30:00",
    "teidata.temporal.iso": "a date or time in ISO 8601 form, such as 1962-11-04, 1962-11 or 1962",
    "teidata.duration.w3c": "a duration in ISO 8601 form, such as P3D or PT2H",
    "teidata.duration.iso": "a duration in ISO 8601 form, such as P3D or PT2H",
    "teidata.pointer": "a URI without spaces, such as #d73.fn1, ../registers/persons.xml#per.kennedy or https://example.org/",
    "teidata.language": "a language tag (BCP 47), such as en, ru, de-CH or la-Latn",
    "teidata.count": "a whole number, 0 or more",
    "teidata.numeric": "a number",
    "teidata.probability": "a number between 0 and 1",
    "teidata.truthValue": "true or false",
    "teidata.xTruthValue": "true, false or unknown",
    "teidata.enumerated": "a single word without spaces",
    "teidata.word": "a single word without spaces",
    "teidata.name": "an XML name: letters, digits, '.', '-', '_' and no spaces",
    "teidata.xmlName": "an XML name without a colon",
    "teidata.prefix": "a prefix: letters, digits, '.', '-', '+'",
    "teidata.version": "a version number such as 4.3.0",
    "teidata.versionNumber": "a version number such as 4.3.0",
    "teidata.certainty": "high, medium, low or unknown",
    "teidata.probCert": "high, medium, low, unknown or a number between 0 and 1",
    "teidata.unboundedCount": "a whole number or unbounded",
    "ID": "an XML name: it begins with a letter or _ and has no spaces or colons (e.g. d73.p1)",
    "IDREF": "the xml:id of an element of the same file",
    "NCName": "an XML name without spaces or colons",
    "Name": "an XML name, without spaces",
    "token": "a word or words",
    "anyURI": "a URI without spaces, such as #d73.fn1 or https://example.org/",
    "date": "a date such as 1962-11-04",
    "gYear": "a year such as 1962",
    "nonNegativeInteger": "a whole number, 0 or more",
    "positiveInteger": "a whole number, 1 or more",
    "integer": "a whole number",
    "decimal": "a number",
    "double": "a number",
    "boolean": "true or false",
    "language": "a language tag such as en or de-CH",
}


_TEMPORAL = {"date", "gYear", "gYearMonth", "dateTime"}


def datatype_hint(values: Values) -> str:
    """What a value should look like, from the value lists and data types of its pattern."""
    parts: list[str] = []
    suggested = sorted({v for v in values.suggested if v.strip()})
    if suggested:
        parts.append(listing(suggested, quote=False))
    types = [t for t in values.datatypes if t and t != "text"]
    named = [t for t in types if t.startswith("teidata.") and t in DATATYPE_WORDS]
    if named:
        parts.append(DATATYPE_WORDS[named[0]])
    elif _TEMPORAL <= set(types) or {"date", "gYear"} <= set(types):
        parts.append(DATATYPE_WORDS["teidata.temporal.w3c"])
    else:
        words = []
        for t in dict.fromkeys(types):
            w = DATATYPE_WORDS.get(t, f"a value of type xsd:{t}" if not t.startswith("teidata.") else "")
            if w and w not in words:
                words.append(w)
        parts.extend(words)
    if values.is_list and parts == [DATATYPE_WORDS["token"]]:
        return "expected one or more words, separated by spaces"
    if not parts:
        return ""
    text = "expected " + ", or ".join(parts)
    if values.is_list:
        text += "; several values are separated by spaces"
    return text

