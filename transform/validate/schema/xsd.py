"""The schema layer for W3C XML Schema (XSD 1.0), beside RelaxNG (load.py).

Many corpora declare their own schema as an XSD (`xsi:schemaLocation` on `TEI`). libxml2
(lxml's etree.XMLSchema) runs XSD 1.0: compiled once per process, from local files only (an
import of a remote schema is refused, except the XML namespace's own xml.xsd, for which a
local copy of the four xml: attributes is used). Its error log is turned into findings with
line, column and words ("<foo> is not allowed here; expected <bar>").

A schema marked as XSD 1.1 (`vc:minVersion="1.1"`: type alternatives, assertions, repeated
`xs:all` particles) does not compile with libxml2 and is reported as such, with what to do.
The Schema here has the interface of verdict.Schema (path, verdict, accepts, check), so the
runner and the builders do not care which kind a schema is.
"""

import re
from pathlib import Path
from urllib.parse import urlparse

from lxml import etree

from ...tei import TEI_NS
from ..rules import Finding
from .load import SchemaError

XSD_NS = "http://www.w3.org/2001/XMLSchema"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_VC_NS = "http://www.w3.org/2007/XMLSchema-versioning"
_XML_XSD_URL = "http://www.w3.org/2001/xml.xsd"
# The XML namespace's attributes, for the import of xml.xsd every TEI XSD makes (never fetched).
_XML_XSD = b"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:language"/>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
  <xs:attributeGroup name="specialAttrs">
    <xs:attribute ref="xml:base"/><xs:attribute ref="xml:lang"/><xs:attribute ref="xml:space"/><xs:attribute ref="xml:id"/>
  </xs:attributeGroup>
</xs:schema>
"""
_MAX_FINDINGS = 100  # per file; libxml2 reports every error, one mistake may give many


def is_xsd(path: Path) -> bool:
    return Path(path).suffix.lower() == ".xsd"


class _LocalOnly(etree.Resolver):
    """Imports and includes from local files; xml.xsd from the copy above; nothing remote."""

    def __init__(self):
        super().__init__()
        self.remote: list[str] = []

    def resolve(self, url, pubid, context):
        if url == _XML_XSD_URL or url.endswith("/XML/1998/namespace") or url.rsplit("/", 1)[-1] == "xml.xsd" and not Path(url).is_file():
            return self.resolve_string(_XML_XSD, context)
        scheme = urlparse(url).scheme
        if scheme and scheme != "file" and len(scheme) > 1:
            self.remote.append(url)
            return self.resolve_string(b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>', context)
        return None


_cache: dict[Path, tuple[tuple, "Schema | SchemaError"]] = {}


def load_schema(path: Path) -> "Schema":
    """The compiled XSD at path; compiled once per process (and again only if the file changes)."""
    path = Path(path)
    resolved = path.resolve()
    try:
        st = resolved.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    cached = _cache.get(resolved)
    if cached is None or cached[0] != stamp:
        try:
            cached = (stamp, Schema(resolved, _compile(resolved, shown=str(path))))
        except SchemaError as e:
            cached = (stamp, e)
        _cache[resolved] = cached
    if isinstance(cached[1], SchemaError):
        # a new exception each time: re-raising the cached one would chain every caller's
        # frames (and the documents they hold) onto its traceback
        raise SchemaError(cached[1].message, cached[1].hint)
    return cached[1]


def _compile(path: Path, shown: str) -> etree.XMLSchema:
    if not path.is_file():
        raise SchemaError(f"schema {shown} does not exist",
                          "check the path in xsi:schemaLocation, editio.toml's schema or --schema; "
                          "if the corpus publishes the schema elsewhere, download it to that path")
    resolver = _LocalOnly()
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(resolver)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as e:
        raise SchemaError(f"{shown} is not an XML Schema: it is not well-formed XML ({e.msg}, line {e.lineno})",
                          "give a W3C XML Schema (.xsd) or a RelaxNG schema (.rng)")
    root = tree.getroot()
    if root.tag != f"{{{XSD_NS}}}schema":
        raise SchemaError(f"{shown} is not a W3C XML Schema: its root is <{etree.QName(root).localname}>, not <xs:schema>",
                          "give a W3C XML Schema (.xsd) or a RelaxNG schema (.rng)")
    version = root.get(f"{{{_VC_NS}}}minVersion") or ""
    if _version(version) > (1, 0):
        raise SchemaError(f"{shown} is an XML Schema {version} (vc:minVersion=\"{version}\"); editio runs XML Schema 1.0 only",
                          "validate with TEI P5 (schema = \"tei_all\" in editio.toml, or --schema tei_all), or give an "
                          "XSD 1.0 or RelaxNG version of the corpus' schema")
    try:
        schema = etree.XMLSchema(tree)
    except etree.XMLSchemaParseError as e:
        errors = [x for x in e.error_log if x.level_name in ("ERROR", "FATAL")] or list(e.error_log)
        first = errors[0] if errors else None
        detail = first.message if first is not None else str(e)
        where = f" (line {first.line})" if first is not None and first.line else ""
        more = f"; {len(errors) - 1} more error(s)" if len(errors) > 1 else ""
        raise SchemaError(f"{shown} does not compile as XML Schema 1.0: {detail}{where}{more}",
                          "check the schema with an XSD tool (xmllint --schema, oXygen), or validate with --schema tei_all")
    if resolver.remote:
        raise SchemaError(f"{shown} imports the remote schema {resolver.remote[0]}; editio does not fetch schemas",
                          "download it beside the schema and change the schemaLocation of the import to the local file")
    return schema


def _version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in text.split("."))
    except ValueError:
        return (1, 0)


class Schema:
    def __init__(self, path: Path, xsd: etree.XMLSchema):
        self.path = path
        self.xsd = xsd

    def check(self, doc) -> list[Finding]:
        return self.verdict(doc)[1]

    def accepts(self, doc) -> bool:
        return bool(self.xsd.validate(doc.tree))

    def verdict(self, doc) -> tuple[bool, list[Finding]]:
        """Whether doc is valid, and a finding for each of libxml2's errors when not."""
        if self.xsd.validate(doc.tree):
            return True, []
        findings = []
        for err in list(self.xsd.error_log)[:_MAX_FINDINGS]:
            el = _element_at(doc, err.path)
            message, hint = reworded(err.message)
            if el is not None:
                line, col = doc.position(el)
            else:
                line, col = err.line or 0, err.column or 0
            findings.append(Finding(doc.name, line, col, message, hint or f"the schema is {self.path.name}"))
        return False, findings


def _element_at(doc, path: str | None):
    if not path:
        return None
    try:
        found = doc.tree.xpath(path)
    except (etree.XPathError, TypeError):
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


_CLARK = re.compile(r"\{([^}]*)\}([\w.-]+)")


def _names(text: str) -> str:
    """"{ns}a, {ns}b" as "<a>, <b>" (TEI names without their namespace, others prefixed "ns:")."""
    found = [(ns, local) for ns, local in _CLARK.findall(text)] or [("", n) for n in re.findall(r"[\w.:-]+", text)]
    shown = [f"<{local}>" if ns in (TEI_NS, "") else f"<{local}> (namespace {ns})" for ns, local in found]
    return ", ".join(dict.fromkeys(shown))


def reworded(message: str) -> tuple[str, str]:
    """libxml2's XSD message in words: (message, hint)."""
    msg = message.strip()
    m = re.match(r"Element '([^']+)'(?:, attribute '([^']+)')?: (.*)$", msg, re.S)
    if not m:
        return msg, ""
    el = _names(m.group(1))
    attr = m.group(2)
    rest = m.group(3).strip()
    if attr:
        a = _CLARK.sub(lambda x: ("xml:" if x.group(1) == "http://www.w3.org/XML/1998/namespace" else "") + x.group(2), attr)
        if "is not allowed" in rest:
            return f"unknown attribute @{a} on {el}", "delete it, or check its spelling against the schema"
        value = re.search(r"'([^']*)' is not a valid value", rest)
        if value:
            return f'@{a}="{value.group(1)}" is not a valid value on {el}', _after_colon(rest)
        return f"@{a} on {el}: {_plain(rest)}", ""
    if "This element is not expected" in rest:
        expected = re.search(r"Expected is(?: one of)? \((.*)\)", rest)
        return f"{el} is not allowed here", (f"expected {_names(expected.group(1))}" if expected else "")
    if "Missing child element(s)" in rest:
        expected = re.search(r"Expected is(?: one of)? \((.*)\)", rest)
        return f"{el} is incomplete: missing required element {_names(expected.group(1)) if expected else ''}".rstrip(), \
            (f"add {_names(expected.group(1))} inside {el}" if expected else "")
    missing = re.match(r"The attribute '([^']+)' is required but missing", rest)
    if missing:
        return f"{el} lacks the required attribute @{missing.group(1)}", f"add @{missing.group(1)}"
    if "No matching global declaration available for the validation root" in rest:
        return f"{el} is not declared as a root element by the schema", "check that the file is TEI and that the schema is the corpus' own"
    if "Character content other than whitespace is not allowed" in rest:
        return f"text is not allowed inside {el}", "delete the text or put it inside an element that may hold text"
    if "is not a valid value" in rest:
        value = re.search(r"'([^']*)' is not a valid value", rest)
        return f'the text "{value.group(1) if value else ""}" of {el} is not a valid value', _after_colon(rest)
    return f"{el}: {_plain(rest)}", ""


def _after_colon(text: str) -> str:
    enum = re.search(r"not an element of the set \{(.*)\}", text)
    if enum:
        return "the allowed values are " + enum.group(1).replace("'", "")
    return _plain(text.split(":", 1)[-1]) if ":" in text else ""


def _plain(text: str) -> str:
    return _CLARK.sub(lambda x: x.group(2), text).strip()


def schema_location(tree) -> tuple[str, int] | None:
    """The XSD the root declares for the TEI namespace (xsi:schemaLocation) or for no namespace
    (xsi:noNamespaceSchemaLocation), with the root's line; None without one."""
    root = tree.getroot()
    pairs = (root.get(f"{{{XSI_NS}}}schemaLocation") or "").split()
    for ns, href in zip(pairs[0::2], pairs[1::2]):
        if ns == TEI_NS:
            return href, root.sourceline or 1
    href = (root.get(f"{{{XSI_NS}}}noNamespaceSchemaLocation") or "").strip()
    return (href, root.sourceline or 1) if href else None
