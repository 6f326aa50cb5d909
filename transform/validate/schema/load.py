"""Reading a schema file: checks that it is a local RelaxNG grammar in XML syntax (with the
local files it includes), then compiles it once per process."""

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ...tei import TEI_NS
from .rng import RNG, RNG_NS, safe_parser
from .rewrite import compile_relaxng
from .verdict import Schema


class SchemaError(Exception):
    """A schema that cannot be used: missing, not RelaxNG XML, remote, or not compiling."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


_cache: dict[Path, tuple[tuple, "Schema | SchemaError"]] = {}


def load_schema(path: Path) -> "Schema":
    """The compiled schema at path; compiled once per process (and again only if the file changes).
    An .xsd is a W3C XML Schema, compiled by xsd.py, with the same interface."""
    path = Path(path)
    if path.suffix.lower() == ".xsd":
        from . import xsd

        return xsd.load_schema(path)
    try:
        resolved = path.resolve()
        st = resolved.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        resolved, stamp = path.absolute(), None
    cached = _cache.get(resolved)
    if cached is not None and cached[0] == stamp:
        if isinstance(cached[1], SchemaError):
            # a new exception each time: re-raising the cached one would chain every caller's
            # frames (and the documents they hold) onto its traceback
            raise SchemaError(cached[1].message, cached[1].hint)
        return cached[1]
    try:
        schema = _compile(resolved, shown=path)
    except SchemaError as e:
        _cache[resolved] = (stamp, e)
        raise
    _cache[resolved] = (stamp, schema)
    return schema


_RNC_START = re.compile(r"^\s*(#.*\n\s*)*(default\s+namespace|namespace\s+\w+\s*=|datatypes\s+\w+\s*=|start\s*=|grammar\s*\{|element\s+[\w:*]+\s*\{|include\s+\")")


def _compile(path: Path, shown: Path) -> "Schema":
    name = str(shown)
    if not path.exists():
        raise SchemaError(f"schema {name} does not exist", "check the path given with --schema, in editio.toml or in the <?xml-model?> href")
    if not path.is_file():
        raise SchemaError(f"schema {name} is not a file", "give the path of a RelaxNG schema file (.rng)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SchemaError(f"cannot read schema {name}: {e.strerror}", "check that the file is readable")
    head = data[:4096].decode("utf-8", "replace").lstrip("\ufeff")
    if path.suffix.lower() == ".rnc" or (not head.lstrip().startswith("<") and _RNC_START.match(head)):
        raise SchemaError(f"{name} is a RelaxNG compact syntax schema (.rnc), which editio does not read",
                          f"convert it to RelaxNG XML and use the .rng file: `trang {path.name} {path.with_suffix('.rng').name}` "
                          "(trang needs Java) or, without Java, `pip install rnc2rng` and `rnc2rng "
                          f"{path.name} {path.with_suffix('.rng').name}`")
    try:
        tree = etree.ElementTree(etree.fromstring(data, safe_parser(), base_url=str(path)))
    except etree.XMLSyntaxError as e:
        raise SchemaError(f"{name} is not a RelaxNG schema: it is not well-formed XML ({e.msg}, line {e.lineno})",
                          "give a RelaxNG schema in XML syntax (.rng)")
    root = tree.getroot()
    _check_is_relaxng(root, name)
    _check_references(tree, path, name, seen={path})
    try:
        compiled = compile_relaxng(tree)
    except etree.RelaxNGParseError as e:
        errors = [err for err in e.error_log if err.level_name in ("ERROR", "FATAL")] or list(e.error_log)
        first = errors[0] if errors else None
        where = f" (line {first.line})" if first is not None and first.line else ""
        detail = first.message if first is not None else str(e)
        more = f"; {len(errors) - 1} more error(s)" if len(errors) > 1 else ""
        raise SchemaError(f"{name} does not compile as RelaxNG: {detail}{where}{more}",
                          "check the schema with a RelaxNG tool (jing, oXygen) or regenerate it from its source")
    return Schema(path, compiled, tree)



def _check_is_relaxng(root, name: str) -> None:
    tag = root.tag if isinstance(root.tag, str) else ""
    ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
    local = tag.rsplit("}", 1)[-1]
    if ns == RNG_NS:
        return
    if ns == "http://www.w3.org/2001/XMLSchema":
        what = "a W3C XML Schema (XSD)"
        hint = "editio validates with RelaxNG; use the RelaxNG version of the schema (TEI publishes .rng for every schema)"
    elif ns in ("http://purl.oclc.org/dsdl/schematron", "http://www.ascc.net/xml/schematron"):
        what = "a Schematron schema"
        hint = "give Schematron files with --schematron (or `schematron` in editio.toml) and a RelaxNG schema with --schema"
    elif ns == TEI_NS:
        what = "a TEI document (an ODD customisation?)"
        hint = "generate the RelaxNG schema from the ODD (TEI Roma, TEIGarage, or the TEI Stylesheets' odd2relax) and use the .rng"
    else:
        what = f"an XML document with root element <{local}>" + (f" in namespace {ns}" if ns else "")
        hint = f"a RelaxNG schema has a root element such as <grammar> in the namespace {RNG_NS}"
    raise SchemaError(f"{name} is not a RelaxNG schema: it is {what}", hint)


def _check_references(tree, path: Path, name: str, seen: set[Path]) -> None:
    """Every <include>/<externalRef> must name a local file that exists (and so on, recursively)."""
    for ref in tree.getroot().iter(f"{RNG}include", f"{RNG}externalRef"):
        href = (ref.get("href") or "").strip()
        kind = etree.QName(ref).localname
        line = ref.sourceline or 0
        scheme = urlparse(href).scheme
        if scheme and not (scheme == "file" or (len(scheme) == 1 and os.name == "nt")):
            raise SchemaError(f"{name}, line {line}: <{kind} href=\"{href}\"> refers to a remote schema; editio does not fetch schemas",
                              "download the schema into the project and refer to it by a relative path")
        target = Path(unquote(urlparse(href).path)) if scheme == "file" else Path(href)
        if not target.is_absolute():
            target = path.parent / target
        target = target.resolve()
        if not target.is_file():
            raise SchemaError(f"{name}, line {line}: <{kind} href=\"{href}\"> names {target}, which does not exist",
                              "correct the href, relative to the schema file")
        if target in seen:
            continue
        seen.add(target)
        try:
            sub = etree.parse(str(target), safe_parser())
        except (OSError, etree.XMLSyntaxError) as e:
            raise SchemaError(f"{name}, line {line}: the schema {target} it includes cannot be read: {e}",
                              "check the included schema")
        _check_references(sub, target, name, seen)

