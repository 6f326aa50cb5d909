"""Project Schematron files (ISO Schematron, XPath 1 query binding), run by lxml."""

from pathlib import Path

from lxml import etree, isoschematron

from ..xmlio import ParseFailure, read_xml
from .rules import Finding

SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_cache: dict[Path, isoschematron.Schematron] = {}


class SchematronError(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def load_schematron(path: Path) -> isoschematron.Schematron:
    path = path.resolve()
    if path in _cache:
        return _cache[path]
    try:
        tree = read_xml(path).tree
    except ParseFailure as e:
        raise SchematronError(f"cannot read Schematron {path}: line {e.line}: {e.message}", e.hint)
    binding = tree.getroot().get("queryBinding", "xslt")
    if binding.lower() not in ("xslt", "xslt1", "xpath", "exslt"):
        raise SchematronError(f"{path} uses queryBinding=\"{binding}\"; editio runs XPath 1 Schematron only",
                              "use queryBinding=\"xslt\" and XPath 1 expressions, or run an XSLT 2 processor separately")
    try:
        schema = isoschematron.Schematron(tree, store_report=True)
    except (etree.SchematronParseError, etree.XSLTParseError, etree.XSLTApplyError) as e:
        raise SchematronError(f"{path} is not a usable ISO Schematron schema: {e}", "check it in a Schematron-aware editor")
    _cache[path] = schema
    return schema


def check(schema: isoschematron.Schematron, doc) -> list[Finding]:
    schema.validate(doc.tree)
    report = schema.validation_report
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
