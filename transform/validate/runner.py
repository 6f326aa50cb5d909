"""The validation layers in order: read (well-formedness) -> RelaxNG -> rules -> Schematron.

Documents are read one at a time and dropped after their checks; what spans the corpus
lives in the Context and is judged in the rules' finish step.
"""

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import Document, discover
from .. import pointers
from ..diagnostics import Diagnostic
from ..resources import project_edition_schema, tei_all_schema
from ..xmlio import ParseFailure, read_xml
from . import schematron
from .schema import SchemaError, load_schema, tei_all, xsd
from .context import Context
from .rules import Finding, Rule, all_rules

# xml-model hrefs that mean the published tei_all schema: validated with the bundled copy.
_TEI_ALL_URL = re.compile(r"^https?://(www\.)?tei-c\.org/.*/tei_all\.rng$")
_RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read, in the order read
    rules: list[Rule] = field(default_factory=list)  # the rules that were on

    def count(self, severity: str) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)


class Validator:
    def __init__(self, config, schema: Path | None = None, schematron_files: list[Path] | None = None, findings=None):
        self.config = config
        self.schema_override = schema or _configured_schema(config)
        self.schematron_files = list(schematron_files or []) + [config.path(p) for p in config.schematron]
        self._severities: dict[str, str] = {}
        self.rules = [r for r in all_rules() if r.status == "stable" and self._severity(r.id) != "off"]
        self.report = Report(rules=self.rules)
        self.ctx = Context(config)
        pointers.forget_paths()  # a new run: files may have changed since the last one in this process
        # schema verdicts and findings kept between runs of validate and build (findings_cache.py)
        self.findings = findings

    def _severity(self, rule_id: str) -> str:
        """The rule's severity in this configuration (asked for every finding: kept)."""
        if rule_id not in self._severities:
            rule = next((r for r in all_rules() if r.id == rule_id), None)
            self._severities[rule_id] = self.config.severity(rule_id, rule.severity if rule else "error")
        return self._severities[rule_id]

    def emit(self, rule_id: str, finding: Finding) -> None:
        severity = self._severity(rule_id)
        if severity == "off":
            return
        self.report.diagnostics.append(Diagnostic(finding.file, finding.line, finding.col, severity, rule_id, finding.message, finding.hint))

    def run(self, paths: list[Path], progress=None) -> Report:
        """Check every file; progress(done, total) is called after each."""
        from ..builders.context import BuildContext
        from ..corpus import looks_like_register
        from ..letter_index import read_letters

        files = self.start(paths)
        self.compile_schema_of(files)
        self.ctx.index = index = BuildContext(self.config)
        registers = 0
        for path in files:
            if not looks_like_register(path):
                break
            registers += 1
            doc = self.check_file(path)
            if doc is not None and doc.is_register:
                index.add_registers(doc)
            if progress:
                progress(registers, len(files))
        read_letters(index, files[registers:])
        for done, path in enumerate(files[registers:], registers + 1):
            self.check_file(path)
            if progress:
                progress(done, len(files))
        return self.finish()

    def start(self, paths: list[Path]) -> list[Path]:
        """The files to check, in order; what cannot be read at all is reported here."""
        files, skipped = discover(paths)
        for s in skipped:
            self.emit(s.rule, Finding(_name(s.path), 0, 0, s.message, s.hint))
        return files

    def finish(self) -> Report:
        self.finish_rules()
        self.report.diagnostics.sort(key=Diagnostic.sort_key)
        return self.report

    def finish_rules(self) -> None:
        """The rules' finish steps, which need every document read (or merged, see facts.py)."""
        for rule in self.rules:
            if rule.finish:
                for finding in rule.finish(self.ctx):
                    self.emit(rule.id, finding)

    def check_file(self, path: Path) -> Document | None:
        name = _name(path)
        self.report.files.append(name)
        try:
            parsed = read_xml(path, self.config.max_file_size)
        except ParseFailure as e:
            self.emit(e.rule, Finding(name, e.line, e.col, e.message, e.hint))
            return None
        doc = Document(path.absolute(), parsed.tree, parsed.data, parsed.encoding)
        if parsed.encoding.upper().replace("_", "-") not in ("UTF-8", "UTF8", "US-ASCII", "ASCII"):
            self.emit("ED002", Finding(name, 1, 1, f"the file is encoded as {parsed.encoding}, not UTF-8",
                                       "save it as UTF-8 and change the XML declaration to encoding=\"UTF-8\""))
        if not doc.is_tei:
            self.emit("ED006", Finding(name, doc.root.sourceline or 1, 1,
                                       f"the root element <{doc.root.tag}> is not <TEI> in the TEI namespace",
                                       'TEI P5 documents start with <TEI xmlns="http://www.tei-c.org/ns/1.0">'))
            return None
        first = len(self.report.diagnostics)
        self._check_schema(doc)
        self.ctx.add(doc)
        for rule in self.rules:
            if rule.check:
                for finding in rule.check(doc, self.ctx):
                    self.emit(rule.id, finding)
        self._one_finding_per_mistake(first)
        for sch in self.schematron_files:
            try:
                compiled = schematron.load_schematron(sch)
            except schematron.SchematronError as e:
                self.emit("ED102", Finding(name, 0, 0, e.message, e.hint))
                continue
            for finding in schematron.check(compiled, doc):
                self.emit("ED901", finding)
        return doc

    def _one_finding_per_mistake(self, first: int) -> None:
        """Drop a schema finding (ED101) where a rule of _EXPLAINS_SCHEMA found the same place:
        the rule says precisely what is wrong (1962-02-30: February has 28 days), the schema
        only that the value is not allowed."""
        found = self.report.diagnostics
        explained = {(d.file, d.line, d.col) for d in found[first:] if d.rule in _EXPLAINS_SCHEMA}
        if explained:
            found[first:] = [d for d in found[first:] if not (d.rule == "ED101" and (d.file, d.line, d.col) in explained)]

    def _check_schema(self, doc: Document) -> None:
        choice = self.schema_for(doc)
        if isinstance(choice, Finding):
            self.emit("ED102", choice)
            return
        kept = self.findings.get(doc, choice, _file_digest(choice)) if self.findings is not None else None
        if kept is not None:  # explained by an earlier run
            judged, valid, findings = kept
            doc.valid_against[judged] = valid
            for finding in findings:
                self.emit("ED101", Finding(*finding))
            return
        try:
            # tei_all: restricted to the elements seen, with the same verdicts (schema/tei_all.py)
            schema = tei_all.schema_for(doc.tree) if choice == tei_all_schema() else load_schema(choice)
        except SchemaError as e:
            self.emit("ED102", Finding(doc.name, 0, 0, e.message, e.hint))
            return
        doc.valid_against[schema.path], findings = schema.verdict(doc)
        if self.findings is not None:
            self.findings.put(doc, choice, _file_digest(choice), schema.path, doc.valid_against[schema.path],
                              [[f.file, f.line, f.col, f.message, f.hint] for f in findings])  # astuple would deep-copy each field
        for finding in findings:
            self.emit("ED101", finding)

    def schema_for(self, doc: Document) -> Path | Finding:
        """--schema or configuration, else the document's xml-model, else the edition schema."""
        return schema_for(self.config, doc, self.schema_override)

    def compile_schema_of(self, paths: list[Path]) -> None:
        """Compile the schema the files at paths are validated against (the first file's; once
        per process), so that the workers of a build, forked afterwards, inherit it instead of
        each compiling it (tei_all takes seconds; here it is restricted to the elements the files
        name). What cannot be read or compiled is reported when checked."""
        if not paths:
            return
        try:
            parsed = read_xml(paths[0], self.config.max_file_size)
            choice = self.schema_for(Document(paths[0].absolute(), parsed.tree, parsed.data, parsed.encoding))
            if choice == tei_all_schema():
                tei_all.expect(paths)
            elif isinstance(choice, Path):
                load_schema(choice)
        except (ParseFailure, SchemaError):
            pass


def schema_for(config, doc: Document, override: Path | None = None) -> Path | Finding:
    """The schema a document is validated against (and its TEI output checked with): --schema
    or editio.toml's schema, else the document's RelaxNG xml-model, else the XSD its
    xsi:schemaLocation names for the TEI namespace (or xsi:noNamespaceSchemaLocation), else
    the edition schema. RelaxNG (.rng) or W3C XML Schema (.xsd): load_schema takes both."""
    if override or config.schema:
        return override or _configured_schema(config)
    for pi in doc.tree.xpath("/processing-instruction('xml-model')"):
        href = pi.get("href")
        if not href or not _is_relaxng_model(pi):
            continue
        if _TEI_ALL_URL.match(href):
            return tei_all_schema()
        if pointers.is_url(href):
            line = pi.sourceline or 1
            return Finding(doc.name, line, 1, f"the xml-model schema {href} is remote; editio does not fetch schemas",
                           "download it into the project and point the xml-model href (or --schema) at the local copy")
        return (doc.path.parent / href).absolute()
    declared = xsd.schema_location(doc.tree)  # an XSD, used when no RelaxNG is named
    if declared and declared[0].lower().split("?")[0].endswith(".xsd"):
        href, line = declared
        if pointers.is_url(href):
            return Finding(doc.name, line, 1, f"the xsi:schemaLocation schema {href} is remote; editio does not fetch schemas",
                           "download it into the project and set schema = \"path/to/it.xsd\" in editio.toml (or use --schema)")
        return Path(os.path.normpath((doc.path.parent / href).absolute()))
    return project_edition_schema(config.root)


def _configured_schema(config) -> Path | None:
    """editio.toml's schema: a path, or "tei_all" for the bundled TEI P5 tei_all."""
    if not config.schema:
        return None
    return tei_all_schema() if config.schema == "tei_all" else config.path(config.schema)


_EXPLAINS_SCHEMA = {"ED301"}  # rules whose finding replaces the schema's at the same place (see above)
_DIGESTS: dict = {}  # (path, size, time) -> hash of a schema file


def _file_digest(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return ""
    key = (path, st.st_size, st.st_mtime_ns)
    if key not in _DIGESTS:
        with open(path, "rb") as f:
            _DIGESTS[key] = hashlib.file_digest(f, "sha256").hexdigest()
    return _DIGESTS[key]


def _is_relaxng_model(pi) -> bool:
    schematypens = pi.get("schematypens")
    if schematypens:
        return schematypens == _RELAXNG_NS
    return (pi.get("href") or "").endswith((".rng", ".rnc"))


def _name(path: Path) -> str:
    from ..diagnostics import display_path

    return display_path(path)


def validate(paths: list[Path], config, schema: Path | None = None, schematron_files: list[Path] | None = None,
             progress=None) -> Report:
    from .findings_cache import findings_cache

    return Validator(config, schema, schematron_files, findings_cache(config)).run(paths, progress)
