"""A compiled schema: libxml2's verdict on a document and, when it is not valid, the findings
that explain it (the walk, then libxml2's own errors that the walk does not explain)."""

import copy
import os
from pathlib import Path

from lxml import etree

from ...tei import XML_ID
from ..rules import Finding
from .grammar import Grammar
from .libxml_errors import LibxmlError, duplicated_ids, element_at, find_attr, unexplained
from .rng import RNG, attribute_nameclass, nc_matches
from .walk import WALK_CAP, Walker
from .words import finding_at

GENERATED_MARK = "editio.schema_subset"


class Schema:
    def __init__(self, path: Path, relaxng: etree.RelaxNG, tree, compiled_from=None):
        """relaxng: libxml2's validator compiled from compiled_from (by default the grammar
        tree, which the walk reads)."""
        self.path = path
        self.relaxng = relaxng
        self._tree = tree
        self._compiled_from = tree if compiled_from is None else compiled_from
        self._attribute_names: list | None | bool = False  # False: not read yet; None: unknown
        self._model: "Grammar | None | bool" = False  # False: not built yet; None: not buildable

    @property
    def is_generated_subset(self) -> bool:
        root = self._tree.getroot()
        return any(isinstance(c, etree._Comment) and GENERATED_MARK in (c.text or "") for c in root.iterchildren())

    def model(self) -> "Grammar | None":
        if self._model is False:
            try:
                self._model = Grammar(self._tree, self.path, self.is_generated_subset)
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
        valid, judged, log = self._judge(doc)
        return (True, []) if valid else (False, self._explain(judged, log))

    def accepts(self, doc) -> bool:
        """Whether doc is valid, without explaining why not."""
        return self._judge(doc)[0]

    def _judge(self, doc):
        """libxml2's verdict on doc or, when it carries attributes of other namespaces (which
        TEI allows), on a copy without them; the document judged, and libxml2's errors on it.

        The copy is judged first: most documents that have such attributes (xsi:schemaLocation)
        are then validated once, not first as they are and then again without them. Only a
        copy libxml2 rejects is followed by the document itself, which a schema that declares
        one of those attributes may accept (one that declares none cannot)."""
        stripped, foreign = _without_foreign_attributes(doc)
        if stripped is not doc:
            if self.relaxng.validate(stripped.tree):
                return True, stripped, None
            log = self.relaxng.error_log
            if self._may_declare(foreign) and self.relaxng.validate(doc.tree):
                return True, doc, None
            return False, stripped, log
        if self.relaxng.validate(doc.tree):
            return True, doc, None
        return False, doc, self.relaxng.error_log

    def _may_declare(self, names) -> bool:
        """Whether an attribute pattern of the grammar libxml2 compiled fits one of these
        attribute names ({namespace}local); True when the grammar includes others (unread)."""
        if self._attribute_names is False:
            root = self._compiled_from.getroot()
            includes = next(root.iter(f"{RNG}include", f"{RNG}externalRef"), None) is not None
            # a name class other than name="..." is taken to fit any name
            self._attribute_names = None if includes else [attribute_nameclass(a) if a.get("name") is not None else ("any", None)
                                                           for a in root.iter(f"{RNG}attribute")]
        if self._attribute_names is None:
            return True
        tokens = [(etree.QName(n).namespace or "", etree.QName(n).localname) for n in names]
        return any(nc_matches(nc, ns, local) for nc in self._attribute_names for ns, local in tokens)

    def _explain(self, doc, log) -> list[Finding]:
        log = list(log)
        located: list[tuple[object, Finding]] = []  # (element the finding is about, finding)
        attr_findings: set = set()
        model = self.model()
        if model is not None:
            try:
                walker = Walker(model, doc)
                located = walker.run()
                attr_findings = walker.attr_findings
            except Exception:  # a grammar the model does not follow: libxml2's messages, reworded
                if os.environ.get("EDITIO_DEBUG"):
                    raise
                self._model, model, located, attr_findings = None, None, [], set()
            else:
                if walker.stopped:
                    return _sorted_unique(located + [_rest_counted(doc, located, log)])
        errors = [LibxmlError(e.type_name, e.message, e.line, element_at(doc, e.path)) for e in log]
        attr_errors = [e for e in errors if e.type == "RELAXNG_ERR_INVALIDATTR" and e.el is not None]
        duplicated = duplicated_ids(doc.root) if attr_errors else set()
        located += unexplained(doc, errors, located, attr_findings, model, duplicated)
        if not located and any(find_attr(e.el, "id") == XML_ID and e.el.get(XML_ID) in duplicated for e in attr_errors):
            return []  # only duplicate xml:ids, which rule ED201 reports
        if not located:
            root = doc.root
            located.append((root, finding_at(doc, root, "the document is not valid against the schema " + self.path.name,
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
    """The document itself, or a copy without attributes of other namespaces; and their names."""
    foreign = _FOREIGN_ATTRIBUTES(doc.tree)
    if not foreign:
        return doc, set()
    from ...corpus import Document

    tree = copy.deepcopy(doc.tree)  # line numbers stay: findings point into the source
    for attr in _FOREIGN_ATTRIBUTES(tree):
        del attr.getparent().attrib[attr.attrname]
    return Document(doc.path, tree, doc.data, doc.encoding), {attr.attrname for attr in foreign}

