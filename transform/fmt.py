"""`editio fmt`: one canonical layout for TEI files, without touching their meaning.

The layout
- Element-only content (an element whose TEI content model has no text, e.g. teiHeader,
  fileDesc, listPerson, div, correspAction, and which holds no text in this file) has one
  child per line, indented by two spaces per level.
- Mixed content (p, head, persName, note, ... and any element that holds text, or that is
  not a TEI element) is left exactly as it is, with everything inside it: text, line breaks,
  spaces, comments and inline elements. So is everything under xml:space="preserve", and so
  are choice, subst, app, rdgGrp, ruby, alt and altGrp, which are read inline wherever they
  stand.
- Attributes are ordered: xml:id, then the other xml: attributes (xml:lang, xml:space, ...),
  then the attributes without a namespace in alphabetical order, then other namespaced
  attributes by qualified name. Namespace declarations stay where they are, first.
- The XML declaration is written as <?xml version="1.0" encoding="..."?>, in the file's
  encoding; the DOCTYPE, processing instructions and comments before and after the root
  element each get a line of their own; the file ends with one newline.
- Entity references stay references (&name;) and CDATA sections stay CDATA. Character
  references (&#160;) are written as the characters themselves, line ends as LF: for XML
  these are the same text.

Before a file is written, the result is parsed again and compared with the source: after
removing the whitespace of element-only content from both, their canonical forms (C14N,
with comments) must be identical; otherwise nothing is written and editio reports a bug.
Formatting is idempotent: a formatted file formats to the same bytes.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .tei import TEI_NS, XML_ID, XML_NS
from .xmlio import ParseFailure, parse_bytes, read_xml, write_atomic

INDENT = "  "
_RNG = "{http://relaxng.org/ns/structure/1.0}"
_XML_SPACE = f"{{{XML_NS}}}space"
_TEXT_PATTERNS = {f"{_RNG}{n}" for n in ("text", "data", "value", "mixed", "list")}
# Element-only in TEI but read inline (alternatives within a word or phrase): never re-laid out.
INLINE_ALTERNATIVES = frozenset({"choice", "subst", "app", "rdgGrp", "ruby", "alt", "altGrp"})
_STRUCTURE = {f"{_RNG}{n}" for n in ("group", "choice", "interleave", "optional", "zeroOrMore", "oneOrMore")}


class FormatError(Exception):
    """The formatted text would not mean what the source means: a bug; nothing is written."""


@lru_cache(maxsize=1)
def element_only() -> frozenset[str]:
    """TEI elements whose content model (in the bundled tei_all.rng) allows no text."""
    from .resources import tei_all_schema

    tree = etree.parse(str(tei_all_schema()), etree.XMLParser(no_network=True, resolve_entities=False))
    defines: dict[str, list] = {}
    for d in tree.getroot().iter(f"{_RNG}define"):
        defines.setdefault(d.get("name"), []).append(d)
    element_defines = {name for name, ds in defines.items() if any(c.tag == f"{_RNG}element" for d in ds for c in d)}
    memo: dict[str, bool] = {}

    def has_text(node) -> bool:
        for child in node:
            tag = child.tag
            if tag in _TEXT_PATTERNS:
                return True
            if tag == f"{_RNG}ref":
                name = child.get("name")
                if name in element_defines:
                    continue
                if name not in memo:
                    memo[name] = False  # a cycle adds nothing
                    memo[name] = any(has_text(d) for d in defines.get(name, ()))
                if memo[name]:
                    return True
            elif tag in _STRUCTURE and has_text(child):
                return True
        return False

    names = set()
    for name in element_defines:
        for d in defines[name]:
            for el in d.findall(f"{_RNG}element"):
                if el.get("name") and not has_text(el):
                    names.add(el.get("name"))
    return frozenset(names - INLINE_ALTERNATIVES)


def _blank(s) -> bool:
    return s is None or not s.strip(" \t\n\r")  # XML whitespace only: a no-break space is text


def layoutable(el, names: frozenset[str]) -> bool:
    """May the whitespace between this element's children be changed? Only for a TEI element
    whose content model has no text, that holds no text here, outside xml:space="preserve"."""
    if not isinstance(el.tag, str) or not el.tag.startswith(f"{{{TEI_NS}}}") or el.tag[len(TEI_NS) + 2:] not in names:
        return False
    if not _blank(el.text) or any(not _blank(c.tail) or isinstance(c, etree._Entity) for c in el):
        return False
    space = next((a.get(_XML_SPACE) for a in (el, *el.iterancestors()) if a.get(_XML_SPACE)), None)
    return space != "preserve"


def _attribute_key(el, name: str):
    if name == XML_ID:
        return (0, "")
    if name.startswith(f"{{{XML_NS}}}"):
        return (1, name)
    if not name.startswith("{"):
        return (2, name)
    ns, local = name[1:].split("}", 1)
    prefix = next((p for p, u in el.nsmap.items() if u == ns and p), "")
    return (3, f"{prefix}:{local}")


def _order_attributes(root) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str) or len(el.attrib) < 2:
            continue
        items = list(el.attrib.items())
        ordered = sorted(items, key=lambda kv: _attribute_key(el, kv[0]))
        if ordered != items:
            el.attrib.clear()
            for k, v in ordered:
                el.set(k, v)


def _layout(el, depth: int, names: frozenset[str]) -> None:
    if not layoutable(el, names):
        return
    children = list(el)
    if not children:
        el.text = None
        return
    inner = "\n" + INDENT * (depth + 1)
    el.text = inner
    for child in children:
        child.tail = inner
        if isinstance(child.tag, str):
            _layout(child, depth + 1, names)
    children[-1].tail = "\n" + INDENT * depth


def _parser() -> etree.XMLParser:
    # entities are kept as references and CDATA as CDATA; nothing external is read
    return etree.XMLParser(resolve_entities=False, strip_cdata=False, load_dtd=False, no_network=True,
                           huge_tree=False, collect_ids=False, remove_blank_text=False)


def format_bytes(data: bytes) -> bytes:
    """The canonical form of a TEI file. Raises ParseFailure for a file that does not parse."""
    original = parse_bytes(data)  # safety checks (external entities, bombs) and clear messages
    tree = etree.fromstring(data, _parser()).getroottree()
    root = tree.getroot()
    names = element_only()
    _order_attributes(root)
    _layout(root, 0, names)
    root.tail = None
    encoding = (original.encoding or "UTF-8").upper()  # names of encodings are case-insensitive
    before = list(root.itersiblings(preceding=True))[::-1]
    after = list(root.itersiblings())
    pieces = [etree.tostring(n, encoding="unicode", with_tail=False) for n in before]
    body = etree.tostring(root, encoding="unicode", with_tail=False)
    trailer = [etree.tostring(n, encoding="unicode", with_tail=False) for n in after]
    whole = etree.tostring(tree, encoding="unicode")
    rest = "".join(pieces) + body + "".join(trailer)
    doctype = whole[: len(whole) - len(rest)].strip() if whole.endswith(rest) else ""
    standalone = tree.docinfo.standalone
    decl = f'<?xml version="1.0" encoding="{encoding}"' + (' standalone="yes"' if standalone else "") + "?>"
    text = "\n".join([decl, *([doctype] if doctype else []), *pieces, body, *trailer]) + "\n"
    utf8 = encoding.replace("_", "-") in ("UTF-8", "UTF8")
    out = text.encode("utf-8") if utf8 else text.encode(encoding, "xmlcharrefreplace")
    if signature(out) != signature(data):
        raise FormatError("the formatted text would differ from the source beyond layout")
    return out


def signature(data: bytes) -> bytes:
    """C14N (with comments) of a file after removing the whitespace of element-only content:
    equal for two files that differ only in layout and attribute order."""
    root = parse_bytes(data).tree.getroot()
    names = element_only()

    def strip(el):
        if layoutable(el, names):
            el.text = None
            for child in el:
                child.tail = None
                if isinstance(child.tag, str):
                    strip(child)

    strip(root)
    return etree.tostring(root, method="c14n", with_comments=True)


@dataclass
class Result:
    path: Path
    changed: bool = False
    error: ParseFailure | None = None


def format_files(paths: list[Path], check: bool = False, max_bytes: int | None = None) -> list[Result]:
    """Format each file (or, with check, only compare); files that do not parse are reported."""
    results = []
    for path in paths:
        try:
            parsed = read_xml(path, max_bytes) if max_bytes else read_xml(path)
            formatted = format_bytes(parsed.data)
        except ParseFailure as e:
            results.append(Result(path, error=e))
            continue
        changed = formatted != parsed.data
        if changed and not check:
            try:
                write_atomic(path, formatted)
            except OSError as e:
                results.append(Result(path, error=ParseFailure(0, 0, "ED004", f"cannot write the file: {e.strerror}",
                                                               "check that you may write it and its folder; it is unchanged")))
                continue
        results.append(Result(path, changed))
    return results


def summary(results: list[Result], check: bool) -> str:
    """How many files were (or, with check, would be) reformatted, were unchanged, were not XML."""
    changed = sum(1 for r in results if r.changed)
    unreadable = sum(1 for r in results if r.error)
    return (f"{changed} file{'s' if changed != 1 else ''} {'would be reformatted' if check else 'reformatted'}, "
            f"{len(results) - changed - unreadable} unchanged" + (f", {unreadable} not readable as XML" if unreadable else "")
            + ("; run `editio fmt` to format them" if check and changed else ""))


def findings(results: list[Result], skipped: list) -> "Report":
    """What fmt could not do, as findings for the reporters: a file that is not XML or cannot
    be written, a folder without TEI files (ED007) are errors; a symbolic link not followed
    (ED008) is a warning."""
    from .diagnostics import Diagnostic, display_path
    from .validate.runner import Report

    report = Report(files=[display_path(r.path) for r in results])
    for s in skipped:
        report.diagnostics.append(Diagnostic(display_path(s.path), 0, 0, "error" if s.rule == "ED007" else "warning",
                                             s.rule, s.message, s.hint))
    for r in results:
        if r.error:
            e = r.error
            report.diagnostics.append(Diagnostic(display_path(r.path), e.line, e.col, "error", e.rule, e.message, e.hint))
    return report
