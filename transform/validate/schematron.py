"""Project Schematron files (ISO Schematron, XPath 1 query binding), run by lxml.

lxml's isoschematron compiles a schema into an XSLT and would run it without any access
control: a test calling document() could read any file or URL. editio takes the compiled
XSLT and runs it itself with XSLTAccessControl.DENY_ALL, so a schema reads nothing but the
document it checks. sch:include is expanded here, from files next to the schema only
(lxml's include step would load any href unchecked); sch:extends is refused.
"""

import re
from pathlib import Path

from lxml import etree, isoschematron

from .. import pointers
from ..xmlio import ParseFailure, read_xml
from .rules import Finding

SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_INCLUDE_DEPTH = 10
_cache: dict[Path, "CompiledSchematron"] = {}


class SchematronError(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


class CompiledSchematron:
    """The validator XSLT of one schema, run with all file and network access denied."""

    def __init__(self, path: Path, xslt: etree.XSLT):
        self.path, self.xslt = path, xslt

    def report(self, tree) -> etree._Element:
        return self.xslt(tree).getroot()


def load_schematron(path: Path) -> CompiledSchematron:
    path = path.resolve()
    if path in _cache:
        return _cache[path]
    tree = _read(path, path)
    binding = tree.getroot().get("queryBinding", "xslt")
    if binding.lower() not in ("xslt", "xslt1", "xpath", "exslt"):
        raise SchematronError(f"{path} uses queryBinding=\"{binding}\"; editio runs XPath 1 Schematron only",
                              "use queryBinding=\"xslt\" and XPath 1 expressions, or run an XSLT 2 processor separately")
    _expand_includes(tree.getroot(), path, path.parent, 0)
    try:
        # include=False: the includes are expanded above; the compile-time steps of lxml
        # then only transform the schema tree itself
        schema = isoschematron.Schematron(tree, include=False, store_xslt=True)
        xslt = etree.XSLT(schema.validator_xslt, access_control=etree.XSLTAccessControl.DENY_ALL)
    except (etree.SchematronParseError, etree.XSLTParseError, etree.XSLTApplyError) as e:
        raise SchematronError(f"{path} is not a usable ISO Schematron schema: {e}", "check it in a Schematron-aware editor")
    compiled = CompiledSchematron(path, xslt)
    _cache[path] = compiled
    return compiled


def _read(path: Path, schema: Path) -> etree._ElementTree:
    try:
        return read_xml(path).tree
    except ParseFailure as e:
        raise SchematronError(f"cannot read Schematron {path}: line {e.line}: {e.message}", e.hint)


def _expand_includes(root, path: Path, folder: Path, depth: int) -> None:
    for el in root.iter(f"{{{SCH_NS}}}include", f"{{{SCH_NS}}}extends"):
        what = etree.QName(el).localname
        href = el.get("href") or ""
        if what == "extends":
            raise SchematronError(f"{path}: sch:extends is not supported by editio",
                                  "copy the rules of the extended schema into this one, or use sch:include")
        if depth >= _INCLUDE_DEPTH:
            raise SchematronError(f"{path}: sch:include nested more than {_INCLUDE_DEPTH} levels deep", "check for an include loop")
        if pointers.has_scheme(href) or "#" in href or not href:
            raise SchematronError(f"{path}: sch:include href=\"{href}\" is not a relative file path; editio fetches no URL",
                                  "copy the included file next to the schema and refer to it by a relative path")
        target = (path.parent / href).resolve()
        if not target.is_relative_to(folder):
            raise SchematronError(f"{path}: sch:include href=\"{href}\" leads outside {folder}; not read",
                                  "keep included Schematron files in the folder of the schema (or below it)")
        included = _read(target, path).getroot()
        _expand_includes(included, target, folder, depth + 1)
        included.tail = el.tail
        el.getparent().replace(el, included)


def check(schema: CompiledSchematron, doc) -> list[Finding]:
    try:
        report = schema.report(doc.tree)
    except etree.XSLTApplyError as e:
        return [_refusal(schema, doc, e)]
    findings = []
    if report is None:
        return findings
    for failed in report.xpath("//svrl:failed-assert|//svrl:successful-report", namespaces=SVRL):
        text = " ".join("".join(failed.xpath("svrl:text//text()", namespaces=SVRL)).split())
        location = failed.get("location", "")
        line, col = 0, 0
        try:
            nodes = doc.tree.xpath(location) if location else []
        except etree.XPathError:
            nodes = []
        if nodes and isinstance(nodes[0], etree._Element):
            line, col = doc.position(nodes[0])
        elif nodes and hasattr(nodes[0], "getparent") and nodes[0].getparent() is not None:
            line, col = doc.position(nodes[0].getparent())
        hint = f"Schematron test: {failed.get('test')}" if failed.get("test") else ""
        findings.append(Finding(doc.name, line, col, text or "Schematron assertion failed", hint))
    return findings


def _refusal(schema: CompiledSchematron, doc, error: Exception) -> Finding:
    log = " ".join(entry.message for entry in schema.xslt.error_log) + " " + str(error)
    if "refused" in log or "denied" in log or "Cannot resolve URI" in log:
        uri = re.search(r"(?:read|write|network access) (?:rights )?for (\S+)|Cannot resolve URI (\S+)", log)
        target = next((g for g in uri.groups() if g), "") if uri else ""
        return Finding(doc.name, 0, 0,
                       f"Schematron {schema.path.name}: document() is not allowed: the schema tried to read {target or 'another file'}; nothing was read, and its checks did not run for this file",
                       "editio's Schematron checks only the document itself: remove document() (and any other access to files or URLs) from the schema")
    return Finding(doc.name, 0, 0, f"Schematron {schema.path.name} failed on this file: {error}",
                   "check the schema's XPath expressions in a Schematron-aware editor")
