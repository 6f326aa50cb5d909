"""The schema layer: RelaxNG validation with messages that say what is wrong and what to do.

libxml2 (through lxml) decides whether a document is valid. Its messages are terse ("Did not
expect element salut there", column 0, an XPath) and one mistake often produces several of
them, for the element and for each ancestor whose content then fails. So when a document is
invalid, editio reads the schema itself: the grammar is compiled into content models of
element names, and the document is walked as Jing does, element by element, with
derivatives of those models. That gives one finding per mistake, with the element's line
and column, in words:

    unknown element <salut>                                  hint: did you mean <salute>?
    <salute> is not allowed inside <p>                       hint: it is allowed inside <closer>, <opener> ...
    <titleStmt> is incomplete: missing required element <title>
    unknown attribute @rnd on <hi>                           hint: did you mean @rend?
    @part="X" is not a valid value on <div>                  hint: the allowed values are F, I, N, Y

Every libxml2 error must be explained by such a finding (at its element, or below it, where
the mistake that caused it is); one that is not (a data type the walk does not check, or a
feature of the grammar it does not model) is reported from libxml2's own message, reworded
and placed. A document libxml2 accepts has no findings.
"""

import bisect
import copy
import difflib
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..tei import TEI_NS, XML_ID, XML_NS
from .rules import Finding

RNG_NS = "http://relaxng.org/ns/structure/1.0"
_RNG = f"{{{RNG_NS}}}"
_GENERATED_MARK = "editio.schema_subset"
_MAX_LISTED = 8
WALK_CAP = 100  # findings the walk explains in one file; libxml2's errors after them are counted


class SchemaError(Exception):
    """A schema that cannot be used: missing, not RelaxNG XML, remote, or not compiling."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


# --------------------------------------------------------------------------- loading

_cache: dict[Path, tuple[tuple, "Schema | SchemaError"]] = {}


def load_schema(path: Path) -> "Schema":
    """The compiled schema at path; compiled once per process (and again only if the file changes)."""
    path = Path(path)
    try:
        resolved = path.resolve()
        st = resolved.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        resolved, stamp = path.absolute(), None
    cached = _cache.get(resolved)
    if cached is not None and cached[0] == stamp:
        if isinstance(cached[1], SchemaError):
            raise cached[1]
        return cached[1]
    try:
        schema = _compile(resolved, shown=path)
    except SchemaError as e:
        _cache[resolved] = (stamp, e)
        raise
    _cache[resolved] = (stamp, schema)
    return schema


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False, remove_comments=False)


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
        tree = etree.ElementTree(etree.fromstring(data, _safe_parser(), base_url=str(path)))
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


def compile_relaxng(tree) -> etree.RelaxNG:
    """libxml2's validator for the grammar tree, with list content made unambiguous (tree is not changed).

    Only libxml2 gets the rewritten copy: the walk that explains errors reads the grammar as
    written, so its messages do not depend on the rewrite.
    """
    tree = copy.deepcopy(tree)  # keeps the base URL, against which libxml2 resolves includes
    _linear_lists(tree.getroot())
    return etree.RelaxNG(tree)


def _linear_lists(root) -> int:
    """Rewrite every oneOrMore(group(oneOrMore(X), zeroOrMore(Y))) as group(X, zeroOrMore(choice(X, Y))).

    TEI writes listPerson, listPlace, listOrg, listBibl, listEvent, listNym and listObject as
    ((X)+, (Y)*)+, e.g. ((model.personLike | listPerson)+, (relation | listRelation)*)+. That
    is ambiguous (a run of persons splits into groups in many ways) and libxml2 keeps every
    split as a state, comparing them pairwise: O(n^3) for n entries, 160 s for 5,100 persons.
    X, (X | Y)* is unambiguous and validated in linear time. The two languages are equal, so
    every document gets the same verdict: a word of (X+, Y*)+ is an X followed by Xs and Ys;
    conversely, an X followed by Xs and Ys, cut before each X, is a sequence of X+, Y* blocks
    (whatever X and Y match). (X+)+, as a subset of tei_all without Y has it, is X+.
    Nothing else is changed. Grammars that libxml2 reads from <include>/<externalRef> files
    are compiled as written. Returns how many were rewritten.
    """
    done = 0
    # Innermost first, so that a list pattern inside X or Y is rewritten before X or Y is copied.
    for outer in reversed(list(root.iter(f"{_RNG}oneOrMore"))):
        parts, middle = _patterns(outer), None
        if len(parts) == 1 and etree.QName(parts[0]).localname == "group":
            middle = parts[0]
            parts = _patterns(middle)
        if outer.getparent() is None:
            continue
        if [etree.QName(p).localname for p in parts] == ["oneOrMore"]:
            # (X+)+ is X+: what a subset of tei_all makes of the list when it has no Y (relation)
            inner = parts[0]
            for name, value in {**outer.attrib, **(middle.attrib if middle is not None else {})}.items():
                if inner.get(name) is None:
                    inner.set(name, value)
            inner.tail = outer.tail
            outer.getparent().replace(outer, inner)
            done += 1
            continue
        if [etree.QName(p).localname for p in parts] != ["oneOrMore", "zeroOrMore"]:
            continue
        # Each operand becomes a group that keeps its element's attributes (ns, datatypeLibrary).
        x, y = copy.deepcopy(parts[0]), copy.deepcopy(parts[1])
        x.tag = y.tag = f"{_RNG}group"
        either = etree.Element(f"{_RNG}choice")
        either.extend([copy.deepcopy(x), y])
        more = etree.Element(f"{_RNG}zeroOrMore")
        more.append(either)
        new = etree.Element(f"{_RNG}group", {**outer.attrib, **(middle.attrib if middle is not None else {})})
        new.extend([x, more])
        new.tail = outer.tail
        outer.getparent().replace(outer, new)
        done += 1
    return done


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
    for ref in tree.getroot().iter(f"{_RNG}include", f"{_RNG}externalRef"):
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
            sub = etree.parse(str(target), _safe_parser())
        except (OSError, etree.XMLSyntaxError) as e:
            raise SchemaError(f"{name}, line {line}: the schema {target} it includes cannot be read: {e}",
                              "check the included schema")
        _check_references(sub, target, name, seen)


# --------------------------------------------------------------------------- the schema


@dataclass
class _Error:
    """One entry of libxml2's error log, with its element found in the document."""

    type: str
    message: str
    line: int
    el: object  # the element the path names, or None


class Schema:
    def __init__(self, path: Path, relaxng: etree.RelaxNG, tree):
        self.path = path
        self.relaxng = relaxng
        self._tree = tree
        self._model: "_Model | None | bool" = False  # False: not built yet; None: not buildable

    @property
    def is_generated_subset(self) -> bool:
        root = self._tree.getroot()
        return any(isinstance(c, etree._Comment) and _GENERATED_MARK in (c.text or "") for c in root.iterchildren())

    def model(self) -> "_Model | None":
        if self._model is False:
            try:
                self._model = _Model(self._tree, self.path, self.is_generated_subset)
            except Exception:
                if os.environ.get("EDITIO_DEBUG"):
                    raise
                self._model = None
        return self._model

    def share_model(self, other: "Schema") -> None:
        """Explain with other's model (built from the same grammar) instead of building one."""
        self._model = other._model

    def check(self, doc) -> list[Finding]:
        return self.verdict(doc)[1]

    def verdict(self, doc) -> tuple[bool, list[Finding]]:
        """Whether doc is valid, and the findings that explain it when not (none either when
        the only errors are duplicate xml:ids, which rule ED201 reports)."""
        valid, judged = self._judge(doc)
        return (True, []) if valid else (False, self._explain(judged))

    def accepts(self, doc) -> bool:
        """Whether doc is valid, without explaining why not."""
        return self._judge(doc)[0]

    def _judge(self, doc):
        """libxml2's verdict on doc or, when it carries attributes of other namespaces (which
        TEI allows), on a copy without them; and the document judged."""
        if self.relaxng.validate(doc.tree):
            return True, doc
        stripped = _without_foreign_attributes(doc)
        if stripped is not doc:
            return bool(self.relaxng.validate(stripped.tree)), stripped
        return False, doc

    def _explain(self, doc) -> list[Finding]:
        log = list(self.relaxng.error_log)
        located: list[tuple[object, Finding]] = []  # (element the finding is about, finding)
        attr_findings: set = set()
        model = self.model()
        if model is not None:
            try:
                walker = _Walker(model, doc)
                located = walker.run()
                attr_findings = walker.attr_findings
            except Exception:  # a grammar the model does not follow: libxml2's messages, reworded
                if os.environ.get("EDITIO_DEBUG"):
                    raise
                self._model, model, located, attr_findings = None, None, [], set()
            else:
                if walker.stopped:
                    return _sorted_unique(located + [_rest_counted(doc, located, log)])
        errors = [_Error(e.type_name, e.message, e.line, _element_at(doc, e.path)) for e in log]
        attr_errors = [e for e in errors if e.type == "RELAXNG_ERR_INVALIDATTR" and e.el is not None]
        duplicated = _duplicated_ids(doc.root) if attr_errors else set()
        located += _unexplained(doc, errors, located, attr_findings, model, duplicated)
        if not located and any(_find_attr(e.el, "id") == XML_ID and e.el.get(XML_ID) in duplicated for e in attr_errors):
            return []  # only duplicate xml:ids, which rule ED201 reports
        if not located:
            root = doc.root
            located.append((root, _at(doc, root, "the document is not valid against the schema " + self.path.name,
                                      "; ".join(e.message for e in errors[:3]) or "check it with another RelaxNG validator")))
        return _sorted_unique(located)


def _sorted_unique(located: list[tuple[object, Finding]]) -> list[Finding]:
    seen = set()
    out = []
    for _, f in sorted(located, key=lambda pair: (pair[1].line, pair[1].col)):
        key = (f.line, f.col, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _rest_counted(doc, located, errors) -> tuple[object, Finding]:
    """After WALK_CAP findings the walk stops (a file with thousands of errors costs no more
    than one with a hundred): one finding counts libxml2's errors past the last one."""
    last = max(located, key=lambda pair: (pair[1].line, pair[1].col))[1]
    rest = sum(1 for e in errors if (e.line or 0) > last.line)
    more = f"; libxml2 reports {rest} more error(s) after line {last.line}" if rest else ""
    return (None, Finding(doc.name, last.line, last.col, f"the schema check stops after {WALK_CAP} findings in this file{more}",
                          "fix the findings above (often one cause, repeated) and validate again"))


# attributes of other vocabularies, e.g. xsi:schemaLocation (a hint to XML Schema processors),
# which TEI schemas do not declare: not TEI, so not checked against a TEI schema
_FOREIGN_ATTRIBUTES = etree.XPath("//@*[namespace-uri() != '' and namespace-uri() != "
                                  "'http://www.w3.org/XML/1998/namespace' and namespace-uri() != 'http://www.tei-c.org/ns/1.0']")


def _without_foreign_attributes(doc):
    """The document itself, or a copy without attributes of other namespaces."""
    foreign = _FOREIGN_ATTRIBUTES(doc.tree)
    if not foreign:
        return doc
    from ..corpus import Document

    tree = copy.deepcopy(doc.tree)  # line numbers stay: findings point into the source
    for attr in _FOREIGN_ATTRIBUTES(tree):
        del attr.getparent().attrib[attr.attrname]
    return Document(doc.path, tree, doc.data, doc.encoding)


def _at(doc, el, message: str, hint: str = "", attr: str | None = None) -> Finding:
    line, col = doc.position(el, attr)
    return Finding(doc.name, line, col, message, hint)


_STEP = re.compile(r"^(?:(?P<prefix>[\w.-]+):)?(?P<name>[\w.*-]+)(?:\[(?P<n>\d+)\])?$")


def _element_at(doc, path: str | None):
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


# --------------------------------------------------------------------------- the grammar as content models


class _Unsupported(Exception):
    """A grammar feature the model does not follow (nested grammars, parentRef)."""


@dataclass
class _ElementDecl:
    """An <element> pattern of the grammar."""

    id: int
    nameclass: tuple
    node: object  # the rng:element
    content: int = -1  # pattern id, compiled on first use
    attributes: list = field(default_factory=list)  # [(nameclass, value node)], on first use
    required_attrs: frozenset = frozenset()
    attrs_done: bool = False

    @property
    def label(self) -> str:
        return _nameclass_label(self.nameclass)


def _nameclass_label(nc) -> str:
    if nc[0] == "name":
        return nc[2]
    if nc[0] == "choice":
        return " or ".join(_nameclass_label(c) for c in nc[1])
    return "any element"


def _nc_matches(nc, ns: str, local: str) -> bool:
    kind = nc[0]
    if kind == "name":
        return nc[1] == ns and nc[2] == local
    if kind == "any":
        return not (nc[1] is not None and _nc_matches(nc[1], ns, local))
    if kind == "nsName":
        return nc[1] == ns and not (nc[2] is not None and _nc_matches(nc[2], ns, local))
    if kind == "choice":
        return any(_nc_matches(c, ns, local) for c in nc[1])
    return False


def _nc_names(nc) -> list[tuple[str, str]]:
    if nc[0] == "name":
        return [(nc[1], nc[2])]
    if nc[0] == "choice":
        return [n for c in nc[1] for n in _nc_names(c)]
    return []


NA, EMPTY, TEXT, DATA = 0, 1, 2, 3
TEXT_TOKEN = "#text"


class _Model:
    """The grammar compiled to hash-consed patterns over element names and text."""

    def __init__(self, tree, path: Path, generated: bool):
        self.generated = generated
        self.path = path
        self.defines: dict[str, list] = {}  # name -> [(combine, node)]
        self.start: list = []  # [(combine, rng:start)]
        self._load_grammar(tree.getroot(), path, set())
        self.nodes: list[tuple] = [("notAllowed",), ("empty",), ("text",), ("data",)]
        self._ids: dict[tuple, int] = {n: i for i, n in enumerate(self.nodes)}
        self.elements: list[_ElementDecl] = []
        self._element_ids: dict[object, int] = {}
        self._define_cache: dict[str, int] = {}
        self._deriv: dict[tuple[int, object], int] = {}
        self._nullable: dict[int, bool] = {}
        self._first: dict[int, tuple[frozenset, bool]] = {}
        self._required: dict[int, frozenset] = {}
        self.start_pattern = self._combine(self.start)
        self._all_compiled = False
        self._by_name: dict[tuple[str, str], list[int]] | None = None
        self._direct: dict[tuple[str, str], set[str]] | None = None
        self._parents: dict[tuple[str, str], list[str]] | None = None
        self._children: dict[int, frozenset] = {}
        self._text_in: dict[int, bool] = {}
        self._matching: dict[tuple[int, str, str], list[int]] = {}
        self._names: dict[str, set[str]] | None = None
        self._values: dict[tuple[int, str, str], list] = {}

    # ----- reading the grammar (include, div, combine)

    def _load_grammar(self, grammar, path: Path, seen: set, override: set | None = None) -> None:
        if grammar.tag != f"{_RNG}grammar":
            # A schema that is a single pattern, e.g. <element name="TEI">...
            self.start.append((None, grammar))
            return
        for child in self._grammar_children(grammar):
            local = etree.QName(child).localname
            if local == "start":
                if override is None or "start" not in override:
                    self.start.append((child.get("combine"), child))
            elif local == "define":
                name = child.get("name")
                if override is not None and name in override:
                    continue
                self.defines.setdefault(name, []).append((child.get("combine"), child))
            elif local == "include":
                href = child.get("href") or ""
                target = Path(unquote(urlparse(href).path)) if urlparse(href).scheme == "file" else Path(href)
                if not target.is_absolute():
                    target = path.parent / target
                target = target.resolve()
                if target in seen:
                    raise _Unsupported("include cycle")
                sub = etree.parse(str(target), _safe_parser()).getroot()
                overrides = set()
                for c in self._grammar_children(child):
                    if etree.QName(c).localname == "start":
                        overrides.add("start")
                    elif etree.QName(c).localname == "define":
                        overrides.add(c.get("name"))
                self._load_grammar(sub, target, seen | {target}, overrides | (override or set()))
                for c in self._grammar_children(child):
                    if etree.QName(c).localname == "start":
                        self.start.append((c.get("combine"), c))
                    elif etree.QName(c).localname == "define":
                        self.defines.setdefault(c.get("name"), []).append((c.get("combine"), c))

    def _grammar_children(self, el):
        for child in el:
            if not isinstance(child.tag, str) or not child.tag.startswith(_RNG):
                continue
            if etree.QName(child).localname == "div":
                yield from self._grammar_children(child)
            else:
                yield child

    # ----- hash-consed patterns

    def _mk(self, node: tuple) -> int:
        pid = self._ids.get(node)
        if pid is None:
            pid = len(self.nodes)
            self.nodes.append(node)
            self._ids[node] = pid
        return pid

    def choice(self, *ps: int) -> int:
        items: set[int] = set()
        for p in ps:
            if p == NA:
                continue
            node = self.nodes[p]
            if node[0] == "choice":
                items.update(node[1])
            else:
                items.add(p)
        if not items:
            return NA
        if len(items) == 1:
            return next(iter(items))
        return self._mk(("choice", tuple(sorted(items))))

    def group(self, a: int, b: int) -> int:
        if a == NA or b == NA:
            return NA
        if a == EMPTY:
            return b
        if b == EMPTY:
            return a
        return self._mk(("group", a, b))

    def interleave(self, a: int, b: int) -> int:
        if a == NA or b == NA:
            return NA
        if a == EMPTY:
            return b
        if b == EMPTY:
            return a
        return self._mk(("interleave",) + tuple(sorted((a, b))))

    def one_or_more(self, p: int) -> int:
        if p in (NA, EMPTY):
            return p
        return self._mk(("oneOrMore", p))

    # ----- compiling rng elements

    def _compile_group(self, nodes) -> int:
        result = EMPTY
        for n in nodes:
            result = self.group(result, self._compile(n))
        return result

    def _compile(self, n) -> int:
        kind = etree.QName(n).localname
        if kind == "element":
            return self._mk(("element", self._declare(n)))
        if kind == "ref":
            return self._compile_define(n.get("name"))
        if kind in ("group",):
            return self._compile_group(_patterns(n))
        if kind == "interleave":
            result = EMPTY
            for c in _patterns(n):
                result = self.interleave(result, self._compile(c))
            return result
        if kind == "choice":
            return self.choice(*(self._compile(c) for c in _patterns(n)))
        if kind == "optional":
            return self.choice(self._compile_group(_patterns(n)), EMPTY)
        if kind == "zeroOrMore":
            return self.choice(self.one_or_more(self._compile_group(_patterns(n))), EMPTY)
        if kind == "oneOrMore":
            return self.one_or_more(self._compile_group(_patterns(n)))
        if kind == "mixed":
            return self.interleave(TEXT, self._compile_group(_patterns(n)))
        if kind == "text":
            return TEXT
        if kind in ("data", "value", "list"):
            return DATA
        if kind == "empty" or kind == "attribute":
            return EMPTY
        if kind == "notAllowed":
            return NA
        if kind == "externalRef":
            return self._compile_external(n)
        raise _Unsupported(kind)

    def _compile_external(self, n) -> int:
        href = n.get("href") or ""
        base = Path(n.getroottree().docinfo.URL or self.path).parent
        target = (base / unquote(urlparse(href).path if urlparse(href).scheme == "file" else href)).resolve()
        root = etree.parse(str(target), _safe_parser()).getroot()
        if root.tag == f"{_RNG}grammar":
            raise _Unsupported("externalRef to a grammar")
        return self._compile(root)

    def _compile_define(self, name: str) -> int:
        if name in self._define_cache:
            return self._define_cache[name]
        parts = self.defines.get(name)
        if not parts:
            raise _Unsupported(f"ref to undefined {name}")
        self._define_cache[name] = NA  # a define cannot refer to itself outside an element
        result = self._combine(parts)
        self._define_cache[name] = result
        return result

    def _combine(self, parts) -> int:
        """The pattern of a define or start given in several parts (combine="choice|interleave")."""
        if not parts:
            raise _Unsupported("no start")
        compiled = [self._compile_group(_patterns(node)) if etree.QName(node).localname in ("define", "start")
                    else self._compile(node) for _, node in parts]
        if next((c for c, _ in parts if c), None) == "interleave":
            result = EMPTY
            for p in compiled:
                result = self.interleave(result, p)
            return result
        return self.choice(*compiled)

    def _declare(self, node) -> int:
        eid = self._element_ids.get(node)
        if eid is None:
            eid = len(self.elements)
            nc = _element_nameclass(node)
            self.elements.append(_ElementDecl(eid, nc, node))
            self._element_ids[node] = eid
        return eid

    def content(self, eid: int) -> int:
        decl = self.elements[eid]
        if decl.content < 0:
            children = _patterns(decl.node)
            if decl.node.get("name") is None and children:
                children = children[1:]  # the name class
            decl.content = NA  # guard against reentry
            decl.content = self._compile_group(children)
        return decl.content

    def compile_all(self) -> None:
        """Compile every element reachable from start (for parents and name lists)."""
        if self._all_compiled:
            return
        done = 0
        while done < len(self.elements):
            self.content(done)
            done += 1
        self._all_compiled = True

    # ----- derivatives

    def nullable(self, p: int) -> bool:
        r = self._nullable.get(p)
        if r is None:
            node = self.nodes[p]
            kind = node[0]
            if kind in ("empty", "text", "data"):
                r = True
            elif kind in ("notAllowed", "element"):
                r = False
            elif kind == "choice":
                r = any(self.nullable(c) for c in node[1])
            elif kind in ("group", "interleave"):
                r = self.nullable(node[1]) and self.nullable(node[2])
            else:  # oneOrMore
                r = self.nullable(node[1])
            self._nullable[p] = r
        return r

    def deriv(self, p: int, token) -> int:
        key = (p, token)
        r = self._deriv.get(key)
        if r is None:
            node = self.nodes[p]
            kind = node[0]
            if kind in ("notAllowed", "empty"):
                r = NA
            elif kind == "text":
                r = TEXT if token == TEXT_TOKEN else NA
            elif kind == "data":
                r = EMPTY if token == TEXT_TOKEN else NA
            elif kind == "element":
                r = EMPTY if token != TEXT_TOKEN and _nc_matches(self.elements[node[1]].nameclass, *token) else NA
            elif kind == "choice":
                r = self.choice(*(self.deriv(c, token) for c in node[1]))
            elif kind == "group":
                a, b = node[1], node[2]
                r = self.group(self.deriv(a, token), b)
                if self.nullable(a):
                    r = self.choice(r, self.deriv(b, token))
            elif kind == "interleave":
                a, b = node[1], node[2]
                r = self.choice(self.interleave(self.deriv(a, token), b), self.interleave(a, self.deriv(b, token)))
            else:  # oneOrMore
                r = self.group(self.deriv(node[1], token), self.choice(p, EMPTY))
            self._deriv[key] = r
        return r

    def first(self, p: int) -> tuple[frozenset, bool]:
        """(element declarations that may come next, whether text may come next)."""
        r = self._first.get(p)
        if r is None:
            node = self.nodes[p]
            kind = node[0]
            if kind == "element":
                r = (frozenset([node[1]]), False)
            elif kind in ("text", "data"):
                r = (frozenset(), True)
            elif kind in ("empty", "notAllowed"):
                r = (frozenset(), False)
            elif kind in ("choice", "interleave"):
                parts = [self.first(c) for c in (node[1] if kind == "choice" else node[1:3])]
                r = (frozenset().union(*(e for e, _ in parts)), any(t for _, t in parts))
            elif kind == "group":
                a, b = node[1], node[2]
                ea, ta = self.first(a)
                if self.nullable(a):
                    eb, tb = self.first(b)
                    r = (ea | eb, ta or tb)
                else:
                    r = (ea, ta)
            else:
                r = self.first(node[1])
            self._first[p] = r
        return r

    def required(self, p: int) -> frozenset:
        """Element declarations that every completion of p must contain (Jing's 'required')."""
        r = self._required.get(p)
        if r is None:
            node = self.nodes[p]
            kind = node[0]
            if kind == "element":
                r = frozenset([node[1]])
            elif kind == "choice":
                sets = [self.required(c) for c in node[1]]
                r = frozenset.intersection(*sets) if sets else frozenset()
            elif kind in ("group", "interleave"):
                r = self.required(node[1]) | self.required(node[2])
            elif kind == "oneOrMore":
                r = self.required(node[1])
            else:
                r = frozenset()
            self._required[p] = r
        return r

    # ----- static facts

    def matching(self, p: int, ns: str, local: str) -> list[int]:
        """Element declarations among those that may come next in p that match a name."""
        key = (p, ns, local)
        r = self._matching.get(key)
        if r is None:
            r = self._matching[key] = sorted(e for e in self.first(p)[0] if _nc_matches(self.elements[e].nameclass, ns, local))
        return r

    def children(self, eid: int) -> frozenset:
        """Every element declaration that may occur anywhere directly inside eid."""
        r = self._children.get(eid)
        if r is None:
            r, text = self._reachable(self.content(eid))
            self._children[eid] = r
            self._text_in[eid] = text
        return r

    def allows_text(self, eid: int) -> bool:
        self.children(eid)
        return self._text_in[eid]

    def _reachable(self, p: int) -> tuple[frozenset, bool]:
        out, text, todo, seen = set(), False, [p], set()
        while todo:
            q = todo.pop()
            if q in seen:
                continue
            seen.add(q)
            node = self.nodes[q]
            kind = node[0]
            if kind == "element":
                out.add(node[1])
            elif kind in ("text", "data"):
                text = True
            elif kind == "choice":
                todo.extend(node[1])
            elif kind in ("group", "interleave"):
                todo.extend(node[1:3])
            elif kind == "oneOrMore":
                todo.append(node[1])
        return frozenset(out), text

    def declarations(self, ns: str, local: str) -> list[int]:
        """The named element declarations for this name (not wildcards)."""
        if self._by_name is None:
            self.compile_all()
            index: dict[tuple[str, str], list[int]] = {}
            for d in self.elements:
                for name in _nc_names(d.nameclass):
                    index.setdefault(name, []).append(d.id)
            self._by_name = index
        return self._by_name.get((ns, local), [])

    def names(self) -> dict[str, set[str]]:
        """local name -> namespaces of the named element declarations."""
        if self._names is None:
            self.compile_all()
            out: dict[str, set[str]] = {}
            for d in self.elements:
                for ns, local in _nc_names(d.nameclass):
                    out.setdefault(local, set()).add(ns)
            self._names = out
        return self._names

    def parents(self, ns: str, local: str) -> list[str]:
        """Names of the elements inside which an element of this name may occur."""
        if self._parents is None:
            self.compile_all()
            parents: dict[tuple[str, str], set[str]] = {}
            for d in self.elements:
                labels = [n[1] for n in _nc_names(d.nameclass)]
                if not labels:
                    continue
                for child in self.children(d.id):
                    for name in _nc_names(self.elements[child].nameclass):
                        parents.setdefault(name, set()).update(labels)
            self._parents = {k: sorted(v, key=str.lower) for k, v in parents.items()}
        return self._parents.get((ns, local), [])

    def direct_parents(self, ns: str, local: str) -> set[str]:
        """Names of the elements whose content model names this element itself, not through a class."""
        if self._direct is None:
            self.compile_all()
            direct: dict[tuple[str, str], set[str]] = {}
            for d in self.elements:
                labels = [n[1] for n in _nc_names(d.nameclass)]
                for ref in d.node.iter(f"{_RNG}ref"):
                    for _, define in self.defines.get(ref.get("name"), []):
                        inner = _patterns(define)
                        if len(inner) == 1 and etree.QName(inner[0]).localname == "element":
                            for name in _nc_names(_element_nameclass(inner[0])):
                                direct.setdefault(name, set()).update(labels)
            self._direct = direct
        return self._direct.get((ns, local), set())

    def label(self, eid: int) -> str:
        return self.elements[eid].label

    # ----- attributes

    def attributes(self, eid: int) -> _ElementDecl:
        decl = self.elements[eid]
        if not decl.attrs_done:
            decl.attrs_done = True
            children = _patterns(decl.node)
            if decl.node.get("name") is None and children:
                children = children[1:]
            attrs: list = []
            seen_defines: set[str] = set()

            def collect(n):
                kind = etree.QName(n).localname
                if kind == "attribute":
                    attrs.append((_attribute_nameclass(n), _attribute_value(n)))
                    return
                if kind == "element":
                    return
                if kind == "ref":
                    name = n.get("name")
                    if name in seen_defines:
                        return
                    seen_defines.add(name)
                    for _, d in self.defines.get(name, []):
                        for c in _patterns(d):
                            collect(c)
                    return
                for c in _patterns(n):
                    collect(c)

            for c in children:
                collect(c)
            decl.attributes = attrs
            decl.required_attrs = self._required_attrs(children, set())
        return decl

    def attribute_values(self, eid: int, ns: str, local: str) -> list["_Values"]:
        """What the attribute ns:local may hold on element eid, for each of its declarations there
        (none: the element has no such attribute)."""
        key = (eid, ns, local)
        r = self._values.get(key)
        if r is None:
            r = self._values[key] = [_describe_values(self, v) for nc, v in self.attributes(eid).attributes
                                     if _nc_matches(nc, ns, local)]
        return r

    def _required_attrs(self, nodes, stack: set) -> frozenset:
        out: frozenset = frozenset()
        for n in nodes:
            out |= self._required_attr(n, stack)
        return out

    def _required_attr(self, n, stack: set) -> frozenset:
        kind = etree.QName(n).localname
        if kind == "attribute":
            nc = _attribute_nameclass(n)
            return frozenset(_nc_names(nc)) if nc[0] == "name" else frozenset()
        if kind in ("optional", "zeroOrMore", "element", "empty", "text", "data", "value", "list", "notAllowed"):
            return frozenset()
        if kind == "choice":
            sets = [self._required_attr(c, stack) for c in _patterns(n)]
            return frozenset.intersection(*sets) if sets else frozenset()
        if kind == "ref":
            name = n.get("name")
            if name in stack:
                return frozenset()
            parts = self.defines.get(name, [])
            if len(parts) != 1:
                return frozenset()
            return self._required_attrs(_patterns(parts[0][1]), stack | {name})
        return self._required_attrs(_patterns(n), stack)


def _patterns(el) -> list:
    """The RelaxNG children of el (annotations and comments left out)."""
    return [c for c in el if isinstance(c.tag, str) and c.tag.startswith(_RNG)]


def _inherited_ns(el) -> str:
    node = el
    while node is not None:
        if isinstance(node.tag, str) and node.tag.startswith(_RNG) and node.get("ns") is not None:
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


def _element_nameclass(node) -> tuple:
    if node.get("name") is not None:
        ns, local = _qname(node, node.get("name"), _inherited_ns(node))
        return ("name", ns, local)
    children = _patterns(node)
    return _nameclass(children[0], attribute=False) if children else ("any", None)


def _attribute_nameclass(node) -> tuple:
    if node.get("name") is not None:
        ns, local = _qname(node, node.get("name"), node.get("ns") or "")
        return ("name", ns, local)
    children = _patterns(node)
    return _nameclass(children[0], attribute=True) if children else ("any", None)


def _nameclass(n, attribute: bool) -> tuple:
    kind = etree.QName(n).localname
    default = (n.get("ns") if n.get("ns") is not None else "") if attribute else _inherited_ns(n)
    if kind == "name":
        ns, local = _qname(n, n.text or "", default)
        return ("name", ns, local)
    excepted = None
    for c in _patterns(n):
        if etree.QName(c).localname == "except":
            inner = [_nameclass(x, attribute) for x in _patterns(c)]
            excepted = inner[0] if len(inner) == 1 else ("choice", tuple(inner))
    if kind == "anyName":
        return ("any", excepted)
    if kind == "nsName":
        return ("nsName", _inherited_ns(n) if n.get("ns") is None else n.get("ns"), excepted)
    if kind == "choice":
        return ("choice", tuple(_nameclass(c, attribute) for c in _patterns(n)))
    return ("any", None)


@dataclass
class _Values:
    closed: list[str] | None  # the values of a closed list, or None when other values are allowed
    suggested: list[str]
    datatypes: list[str]  # names of TEI data macros (teidata.*) or XSD types
    is_list: bool


def _attribute_value(node) -> object:
    children = _patterns(node)
    if node.get("name") is None and children:
        children = children[1:]
    return children[0] if children else None


def _describe_values(model: _Model, value_node) -> _Values:
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
            if name in stack:
                return
            stack.add(name)
            for _, d in model.defines.get(name, []):
                for c in _patterns(d):
                    walk(c)
        elif kind == "list":
            is_list = True
            for c in _patterns(n):
                walk(c)
        else:
            for c in _patterns(n):
                walk(c)

    if value_node is None:
        return _Values(None, [], ["text"], False)
    walk(value_node)
    return _Values(None if open_ or not values else values, values, types, is_list)


_DATATYPE_WORDS = {
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


def _datatype_hint(values: _Values) -> str:
    """What a value should look like, from the value lists and data types of its pattern."""
    parts: list[str] = []
    suggested = sorted({v for v in values.suggested if v.strip()})
    if suggested:
        parts.append(_listing(suggested, quote=False))
    types = [t for t in values.datatypes if t and t != "text"]
    named = [t for t in types if t.startswith("teidata.") and t in _DATATYPE_WORDS]
    if named:
        parts.append(_DATATYPE_WORDS[named[0]])
    elif _TEMPORAL <= set(types) or {"date", "gYear"} <= set(types):
        parts.append(_DATATYPE_WORDS["teidata.temporal.w3c"])
    else:
        words = []
        for t in dict.fromkeys(types):
            w = _DATATYPE_WORDS.get(t, f"a value of type xsd:{t}" if not t.startswith("teidata.") else "")
            if w and w not in words:
                words.append(w)
        parts.extend(words)
    if values.is_list and parts == [_DATATYPE_WORDS["token"]]:
        return "expected one or more words, separated by spaces"
    if not parts:
        return ""
    text = "expected " + ", or ".join(parts)
    if values.is_list:
        text += "; several values are separated by spaces"
    return text


# --------------------------------------------------------------------------- the walk


def _closest(word: str, candidates, n: int = 3, cutoff: float = 0.7) -> list[str]:
    """The candidates most like word: the best, and those nearly as good."""
    return list(_closest_cached(word, tuple(candidates), n, cutoff))


@functools.lru_cache(maxsize=4096)  # difflib is slow; a document repeats its mistakes
def _closest_cached(word: str, candidates: tuple, n: int, cutoff: float) -> tuple:
    scored = [(difflib.SequenceMatcher(None, word.lower(), c.lower()).ratio(), c) for c in candidates]
    scored = sorted((s for s in scored if s[0] >= cutoff), key=lambda sc: (-sc[0], sc[1]))
    if not scored:
        return ()
    best = scored[0][0]
    return tuple(c for s, c in scored[:n] if s >= best - 0.05)


def _example_child(parent: str, expected: list[str]) -> str | None:
    """The child to name as an example of what an empty element needs: the entry of a list
    (<org> for <listOrg>), else the first that is not the element itself (a <listOrg>
    may hold a <listOrg>, but that is no help to someone who deleted the last <org>)."""
    entry = parent[4:].lower() if parent.startswith("list") else None
    for name in expected:
        if entry and name.lower() == entry:
            return name
    return next((name for name in expected if name != parent), None)


def _listing(names, quote: bool = True, conj: str = "or") -> str:
    items = [f"<{n}>" if quote else n for n in names]
    if len(items) > _MAX_LISTED + 2:
        return ", ".join(items[:_MAX_LISTED]) + f" and {len(items) - _MAX_LISTED} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def _tokens(el):
    """(token, child element or None, text) of el's content in order; whitespace-only text is skipped."""
    pending = el.text or ""
    prev = None
    out = []
    for child in el:
        if isinstance(child.tag, str):
            if pending.strip():
                out.append((TEXT_TOKEN, prev, pending))
            pending = child.tail or ""
            q = etree.QName(child)
            out.append(((q.namespace or "", q.localname), child, None))
            prev = child
        else:  # comment or processing instruction: its tail continues the text
            pending += child.tail or ""
    if pending.strip():
        out.append((TEXT_TOKEN, prev, pending))
    return out


def _show(el) -> str:
    """The name of an element as written in the document."""
    q = etree.QName(el)
    return f"{el.prefix}:{q.localname}" if el.prefix else q.localname


class _Enough(Exception):
    """The walk has WALK_CAP findings."""


class _Walker:
    def __init__(self, model: _Model, doc):
        self.m = model
        self.doc = doc
        self.found: list[tuple[object, Finding]] = []
        self._used: set[str] | None = None
        self._source: tuple[str, list[int]] | None = None  # for _text_position, made on first use
        self.attr_findings: set = set()  # (element, attribute) with a finding
        self.stopped = False  # WALK_CAP findings reached: the rest of the document was not walked

    def ranked(self, names) -> list[str]:
        """Element names: those this document uses first (its vocabulary), then alphabetically."""
        if self._used is None:
            self._used = {etree.QName(e).localname for e in self.doc.root.iter() if isinstance(e.tag, str)}
        return sorted(set(names), key=lambda n: (n not in self._used, n.lower()))

    def add(self, el, message: str, hint: str = "", attr: str | None = None, pos: tuple[int, int] | None = None):
        if pos is None:
            f = _at(self.doc, el, message, hint, attr)
        else:
            f = Finding(self.doc.name, pos[0], pos[1], message, hint)
        self.found.append((el, f))
        if len(self.found) > WALK_CAP:
            raise _Enough

    def run(self) -> list[tuple[object, Finding]]:
        try:
            return self._run()
        except _Enough:
            self.stopped = True
            return self.found[:WALK_CAP]

    def _run(self) -> list[tuple[object, Finding]]:
        root = self.doc.root
        q = etree.QName(root)
        token = (q.namespace or "", q.localname)
        start = self.m.start_pattern
        if self.m.deriv(start, token) == NA:
            expected = sorted({self.m.label(e) for e in self.m.first(start)[0]}, key=str.lower)
            self.add(root, f"<{_show(root)}> cannot be the root element", "the schema expects " + _listing(expected))
            decls = self.m.declarations(*token)
            if len(decls) == 1:
                self.element(root, decls[0])
            return self.found
        self.element(root, self.m.matching(start, *token)[0])
        return self.found

    # one element: its attributes, then its content
    def element(self, el, eid: int) -> bool:
        """Check el against a declaration; False when its own content (not deeper) has errors."""
        decl = self.m.elements[eid]
        if decl.nameclass[0] in ("any", "nsName"):
            return True  # a wildcard: anything goes below (TEI xenoData, egXML)
        self.attributes(el, eid)
        m = self.m
        state = m.content(eid)
        tokens = _tokens(el)
        states = []
        errors_here = []
        last: dict = {}  # token -> where it last occurs in el, filled at the first error
        for i, (token, child, text) in enumerate(tokens):
            states.append(state)
            nxt = m.deriv(state, token)
            if nxt != NA:
                state = nxt
                if child is not None and token != TEXT_TOKEN:
                    self.element(child, m.matching(states[-1], *token)[0])
                continue
            # Not allowed here.
            if token == TEXT_TOKEN:
                self.text_error(el, eid, state, child, text)
                errors_here.append(None)
                continue
            if not last:
                last.update((t, j) for j, (t, _, _) in enumerate(tokens))
            repaired = self.child_error(el, eid, state, child, token, tokens, i, states, errors_here, last)
            errors_here.append(child)
            if repaired is not None:
                state = repaired
            decls = m.declarations(*token)
            if len(decls) == 1:
                # Check a misplaced element as what it says it is, unless its own content does
                # not fit that either: then it is probably not the element meant, and what
                # would be said about its content is noise.
                before = len(self.found)
                if not self.element(child, decls[0]):
                    del self.found[before:]
        if not m.nullable(state):
            self.incomplete(el, eid, state, errors_here)
        return not errors_here and m.nullable(state)

    def child_error(self, el, eid, state, child, token, tokens, i, states, errors_here, last):
        """Report a child element that the content model rejects; the state to go on with, or None."""
        m = self.m
        ns, local = token
        name = _show(child)
        parent = _show(el)
        if not m.declarations(ns, local):
            self.unknown_element(child, ns, local)
            return None
        if not any(_nc_matches(m.elements[c].nameclass, ns, local) for c in m.children(eid)):
            direct = m.direct_parents(ns, local)
            parents = sorted(self.ranked(m.parents(ns, local)), key=lambda p: p not in direct)
            if parents:
                hint = f"it is allowed inside {_listing(parents)}"
                inside = self.ranked({m.label(c) for c in m.children(eid)})
                if len(inside) <= _MAX_LISTED:
                    hint += f"; <{parent}> may contain " + (_listing(inside, conj="and") if inside else "no elements")
            elif any(_nc_matches(m.elements[e].nameclass, ns, local) for e in m.first(m.start_pattern)[0]):
                hint = "it is allowed only as the root element"
            else:
                hint = "no element of the schema may contain it"
            self.add(child, f"<{name}> is not allowed inside <{parent}>", hint)
            return None
        memo: dict = {}  # for completes(): the tries below share their walks to the end
        # A required element missing before it?
        for missing in sorted(m.required(state), key=lambda e: m.label(e).lower()):
            for name2 in _nc_names(m.elements[missing].nameclass)[:1]:
                after = m.deriv(m.deriv(state, name2), token)
                if after == NA:
                    continue
                if last.get(name2, -1) > i:
                    break  # it is there, later: reported where it is, as out of order
                if not self.meant_as(errors_here, [m.label(missing)]):
                    self.add(child, f"<{parent}> is incomplete: missing required element <{m.label(missing)}> before <{name}>",
                             f"add <{m.label(missing)}> before <{name}>")
                return after
        # Out of order: would it fit earlier (the nearest place first) or later?
        for j in range(i - 1, -1, -1):
            t_j, other, _ = tokens[j]
            if other is None or t_j == TEXT_TOKEN or m.deriv(states[j], token) == NA:
                continue
            if t_j == token and m.deriv(m.deriv(states[j], token), token) == NA:
                self.add(child, f"a second <{name}> is not allowed in <{parent}>",
                         f"<{parent}> has one <{name}> (the first is on line {other.sourceline}); merge them or delete this one")
                return None
            if self.completes(m.deriv(states[j], token), tokens, j, i, memo):
                self.add(child, f"<{name}> is not allowed at this point in <{parent}>",
                         f"move it before <{_show(other)}> (line {other.sourceline})")
                return None
        s = state
        for j in range(i + 1, len(tokens)):
            t_j, other, _ = tokens[j]
            s = m.deriv(s, t_j)
            if s == NA:
                break
            if other is not None and t_j != TEXT_TOKEN and self.completes(m.deriv(s, token), tokens, j + 1, i, memo):
                self.add(child, f"<{name}> is not allowed at this point in <{parent}>",
                         f"move it after <{_show(other)}> (line {other.sourceline})")
                return None
        # One of several elements missing before it?
        firsts = {m.label(e): n for e in m.first(state)[0] for n in _nc_names(m.elements[e].nameclass)[:1]}
        before = {label: n for label, n in firsts.items() if m.deriv(m.deriv(state, n), token) != NA}
        if before and not m.nullable(state) and not any(last.get(n, -1) > i for n in before.values()):
            labels = self.ranked(before)
            repaired = m.choice(*(m.deriv(m.deriv(state, n), token) for n in before.values()))
            if not self.meant_as(errors_here, labels):
                self.add(child, f"<{parent}> is incomplete: {_listing(labels)} must come before <{name}>",
                         f"add {'one of ' if len(labels) > 1 else ''}{_listing(labels)} before <{name}>")
            return repaired
        expected = self.ranked(firsts)
        if expected:
            where = f"here <{parent}> expects {_listing(expected)}" + (" or its end" if m.nullable(state) else "")
        else:
            where = f"nothing more may follow here in <{parent}>"
        after = self.ranked(before)
        if after:
            where += f"; <{name}> may follow {_listing(after)}"
        self.add(child, f"<{name}> is not allowed at this point in <{parent}>", where)
        return None

    def meant_as(self, errors_here, labels) -> bool:
        """Whether an element already reported in this parent was probably meant to be one of labels."""
        for child in errors_here:
            if child is not None and _closest(etree.QName(child).localname, labels, n=1, cutoff=0.6):
                return True
        return False

    def completes(self, state: int, tokens, k: int, skip: int, memo: dict) -> bool:
        """Whether tokens[k:] without tokens[skip] (and without unknown elements) complete the content from state.

        memo maps (state, position) to the answer. The tries of one error start from many
        positions; their walks to the end soon meet on the same state at the same position,
        so that together they cost linear, not quadratic, time in a long parent (a register).
        """
        m = self.m
        walked = []
        while True:
            key = (state, k)
            result = memo.get(key)
            if result is not None:
                break
            walked.append(key)
            if state == NA or k == len(tokens):
                result = state != NA and m.nullable(state)
                break
            t = tokens[k][0]
            k += 1
            if k - 1 != skip and (t == TEXT_TOKEN or m.declarations(*t)):
                state = m.deriv(state, t)
        for key in walked:
            memo[key] = result
        return result

    def unknown_element(self, child, ns: str, local: str) -> None:
        m = self.m
        name = _show(child)
        names = m.names()
        if local in names and ns not in names[local]:
            right = sorted(names[local])[0]
            have = f"namespace {ns}" if ns else "no namespace"
            prefixes = [p for p, uri in child.nsmap.items() if uri == right and p]
            if prefixes:
                hint = f"write it <{prefixes[0]}:{local}>, in the namespace {right}"
            elif right == TEI_NS:
                hint = f'declare the TEI namespace: xmlns="{right}" on the root element (and no xmlns="" below it)'
            else:
                hint = f"put <{name}> in the namespace {right}"
            self.add(child, f"<{name}> is in {have}, not in the schema's namespace {right or '(none)'}", hint)
            return
        if ns not in (TEI_NS, "") and not any(ns in v for v in names.values()):
            self.add(child, f"unknown element <{name}> (namespace {ns})",
                     f"the schema allows no elements of the namespace {ns} here")
            return
        hints = []
        close = _closest(local, [n for n, nss in names.items() if ns in nss])
        if close:
            hints.append("did you mean " + _listing(close) + "?")
        if ns == TEI_NS and m.generated and local in _tei_all_names():
            hints.append(f"<{local}> is a TEI element but not in this edition's schema; if the edition needs it, "
                         "add it to tei/schema/elements.txt and run `python -m editio.schema_subset`")
        if not hints:
            hints.append("the schema has no element of this name; check the spelling")
        self.add(child, f"unknown element <{name}>", " ".join(hints))

    def text_error(self, el, eid, state, prev, text) -> None:
        m = self.m
        parent = _show(el)
        if self._source is None:
            self._source = _source_index(self.doc)
        pos = _text_position(self.doc, el, prev, text, *self._source)
        takes_text = self.ranked({m.label(e) for e in m.first(state)[0] if m.allows_text(e)})
        if m.allows_text(eid):
            message = f"text is not allowed at this point in <{parent}>"
        else:
            message = f"text is not allowed inside <{parent}>"
        snippet = " ".join(text.split())
        snippet = snippet if len(snippet) <= 30 else snippet[:29] + "…"
        hint = f'"{snippet}": '
        if not m.children(eid) and not m.allows_text(eid):
            hint += f"<{parent}> must be empty; delete the text"
        elif takes_text:
            hint += f"put it inside an element that may hold text, such as {_listing(takes_text[:4])}, or delete it"
        else:
            hint += f"<{parent}> may contain only elements here; delete the text or put it where text is allowed"
        self.add(el, message, hint, pos=pos)

    def incomplete(self, el, eid, state, errors_here) -> None:
        m = self.m
        required = self.ranked({m.label(e) for e in m.required(state)})
        # A misspelt or misplaced child that was meant to be the missing one: said already.
        if required and self.meant_as(errors_here, required):
            return
        if not required and any(c is not None for c in errors_here):
            return
        parent = _show(el)
        if required:
            s = "s" if len(required) > 1 else ""
            self.add(el, f"<{parent}> is incomplete: missing required element{s} {_listing(required, conj='and')}",
                     f"add {_listing(required, conj='and')} inside <{parent}>")
        else:
            expected = self.ranked({m.label(e) for e in m.first(state)[0]})
            text = m.first(state)[1]
            what = _listing(expected) + (" or text" if text else "") if expected else "text"
            example = _example_child(parent, expected)
            self.add(el, f"<{parent}> is incomplete: it needs {'one of ' if len(expected) > 1 else ''}{what}",
                     f"add the content that <{parent}> requires" + (f", e.g. <{example}>" if example else ""))

    # attributes
    def attributes(self, el, eid: int) -> None:
        decl = self.m.attributes(eid)
        name = _show(el)
        present = set()
        for attr, value in el.attrib.items():
            q = etree.QName(attr)
            ns, local = q.namespace or "", q.localname
            present.add((ns, local))
            descriptions = self.m.attribute_values(eid, ns, local)
            shown = f"xml:{local}" if ns == XML_NS else (_attr_prefixed(el, ns, local))
            if not descriptions:
                known = sorted({("xml:" if n == XML_NS else "") + l for nc, _ in decl.attributes for n, l in _nc_names(nc)})
                close = _closest(shown, known)
                if close:
                    hint = "did you mean " + _listing(["@" + c for c in close], quote=False) + "?"
                elif known and len(known) <= _MAX_LISTED * 2:
                    hint = f"<{name}> has the attributes " + _listing(["@" + k for k in known], quote=False, conj="and")
                elif known:
                    hint = f"<{name}> has no attribute of this name; check the spelling"
                else:
                    hint = f"<{name}> takes no attributes"
                self.add(el, f"unknown attribute @{shown} on <{name}>", hint, attr=attr)
                self.attr_findings.add((el, attr))
                continue
            if any(d.closed is None for d in descriptions):
                continue
            allowed = sorted({v for d in descriptions for v in d.closed})
            is_list = any(d.is_list for d in descriptions)
            given = value.split() if is_list else [" ".join(value.split())]
            bad = [g for g in given if g not in allowed] if given else [""]
            if bad:
                close = _closest(bad[0], allowed, n=1, cutoff=0.5)
                hint = (f'did you mean "{close[0]}"? ' if close else "") + "the allowed values are " + _listing(allowed, quote=False)
                self.add(el, f'@{shown}="{value}" is not a valid value on <{name}>', hint, attr=attr)
                self.attr_findings.add((el, attr))
        for ns, local in sorted(decl.required_attrs):
            if (ns, local) not in present:
                shown = f"xml:{local}" if ns == XML_NS else local
                values = self.m.attribute_values(eid, ns, local)
                hint = f"add @{shown}"
                if values and values[0].closed:
                    hint += ": one of " + _listing(values[0].closed, quote=False)
                elif values:
                    words = _datatype_hint(values[0])
                    hint += f": {words}" if words else ""
                self.add(el, f"<{name}> lacks the required attribute @{shown}", hint)


def _attr_prefixed(el, ns: str, local: str) -> str:
    if not ns:
        return local
    for prefix, uri in el.nsmap.items():
        if uri == ns and prefix:
            return f"{prefix}:{local}"
    return local


def _source_index(doc) -> tuple[str, list[int]]:
    """The document's source text and the offset at which each of its lines begins."""
    offsets = [0]
    for line_text in doc._lines:
        offsets.append(offsets[-1] + len(line_text) + 1)
    return "\n".join(doc._lines), offsets


def _text_position(doc, parent, prev, text: str, source: str, offsets: list[int]) -> tuple[int, int]:
    """Line and column of a text node: the first of its characters in the source.

    The text lies between the end of the element before it (or the end of its parent's
    start tag) and the start of the element after it (or the end of the file).
    """
    def offset(el) -> int | None:
        line, col = doc.position(el)
        return offsets[line - 1] + col - 1 if line and col else None

    if prev is None:
        begin = offset(parent)
        if begin is None:
            return doc.position(parent)
        close = source.find(">", begin)
        begin = close + 1 if close >= 0 else begin
        follower = next((c for c in parent if isinstance(c.tag, str)), None)
    else:
        begin = _end_offset(source, prev, offset)
        if begin is None:
            return doc.position(parent)
        follower = prev.getnext()
        while follower is not None and not isinstance(follower.tag, str):
            follower = follower.getnext()
    end = offset(follower) if follower is not None else None
    stripped = text.strip()
    snippet = re.split(r"[&<>\"'\n]", stripped, maxsplit=1)[0][:30].strip()
    if snippet:
        at = source.find(snippet, begin, end)
    else:
        region = source[begin:end]
        at = begin + len(region) - len(region.lstrip())
    if at < 0:
        return doc.position(parent)
    line = bisect.bisect_right(offsets, at) - 1  # the last line that begins at or before it
    return line + 1, at - offsets[line] + 1


def _end_offset(source: str, el, offset) -> int | None:
    """Offset just after the end tag of el (or after <el/>) in the source."""
    chain = [el]
    while len(chain[-1]) and any(isinstance(c.tag, str) for c in chain[-1]):
        chain.append([c for c in chain[-1] if isinstance(c.tag, str)][-1])
    deepest = chain[-1]
    pos = offset(deepest)
    if pos is None:
        return None
    qname = _show(el)
    if deepest is el:
        close = re.compile(rf"/>|</{re.escape(qname)}\s*>")
        m = close.search(source, pos)
        # a start tag ending in "/>" before any ">" is an empty element
        first_gt = source.find(">", pos)
        if first_gt >= 0 and source[first_gt - 1] == "/":
            return first_gt + 1
        return m.end() if m else None
    count = sum(1 for c in chain if _show(c) == qname)
    pattern = re.compile(rf"</{re.escape(qname)}\s*>")
    m = None
    for _ in range(count):
        m = pattern.search(source, m.end() if m else pos)
        if m is None:
            return None
    return m.end()


_tei_all: set[str] | None = None


def _tei_all_names() -> set[str]:
    global _tei_all
    if _tei_all is None:
        from ..resources import tei_all_schema

        names = set()
        try:
            for _, el in etree.iterparse(str(tei_all_schema()), tag=f"{_RNG}element"):
                if el.get("name"):
                    names.add(el.get("name"))
        except (OSError, etree.XMLSyntaxError):
            pass
        _tei_all = names
    return _tei_all


# --------------------------------------------------------------------------- libxml2's own errors

_ECHO_TYPES = {"RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_ELEMNAME", "RELAXNG_ERR_CONTENTVALID", "RELAXNG_ERR_EXTRACONTENT",
               "RELAXNG_ERR_INTERSEQ", "RELAXNG_ERR_INTEREXTRA", "RELAXNG_ERR_INTERNODATA", "RELAXNG_ERR_NOELEM",
               "RELAXNG_ERR_NOTELEM", "RELAXNG_ERR_TEXTWRONG", "RELAXNG_ERR_ELEMEXTRANS", "RELAXNG_ERR_ELEMNOTEMPTY",
               "RELAXNG_ERR_ATTRVALID", "RELAXNG_ERR_NOGRAMMAR", "RELAXNG_ERR_ELEMNONS", "RELAXNG_ERR_ELEMWRONGNS"}


def _unexplained(doc, errors: list[_Error], located, attr_findings: set, model, duplicated: set[str]) -> list[tuple[object, Finding]]:
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
                attr = _find_attr(el, m.group(1))
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


def _duplicated_ids(root) -> set[str]:
    """The xml:id values that more than one element has (counted once: a register may have thousands)."""
    seen, twice = set(), set()
    for o in root.iter():
        value = o.get(XML_ID) if isinstance(o.tag, str) else None
        if value is not None:
            (twice if value in seen else seen).add(value)
    return twice


def _find_attr(el, local: str) -> str | None:
    for name in el.attrib:
        if etree.QName(name).localname == local:
            return name
    return None


def _bad_value(doc, model, el, attr, local: str) -> Finding:
    name = _show(el)
    if attr is None:
        return _at(doc, el, f"invalid attribute @{local} on <{name}>", "")
    q = etree.QName(attr)
    shown = f"xml:{q.localname}" if q.namespace == XML_NS else _attr_prefixed(el, q.namespace or "", q.localname)
    value = el.get(attr)
    hint = ""
    if model is not None:
        qe = etree.QName(el)
        decls = model.declarations(qe.namespace or "", qe.localname)
        if len(decls) == 1:
            values = model.attribute_values(decls[0], q.namespace or "", q.localname)
            if values:
                hint = _datatype_hint(values[0])
    if not (value or "").strip():
        hint = "the value must not be empty" + (f"; {hint}" if hint else "")
    if not hint and q.namespace == XML_NS and q.localname == "id":
        hint = "expected " + _DATATYPE_WORDS["ID"]
    return _at(doc, el, f'@{shown}="{value}" is not a valid value on <{name}>', hint, attr=attr)


def _reworded(doc, err: _Error) -> Finding:
    el = err.el
    msg = err.message
    name = _show(el) if el is not None else "?"
    def typeval(m):
        words = _DATATYPE_WORDS.get(m.group(1), f"a value of type xsd:{m.group(1)}")
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
        return _at(doc, el, message, hint)
    return Finding(doc.name, err.line or 0, 0, message, hint)
