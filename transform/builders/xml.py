"""The validated TEI edition: output/xml/<letter>.xml, output/xml/corpus.xml, output/xml/editio.rng.

Each letter is written as its standalone form (register entries it refers to embedded in
a standOff, references `#id` or full URIs, an xml:id on every paragraph and note, the
header's too), with an xml-model processing instruction naming the edition schema, which
is written beside it as xml/editio.rng so that the folder stands alone. It is indented
where the content is element-only; mixed content is never touched.

A letter's TEI is published when its source is valid against the schema it was validated
with (validation's verdict, reached once per build) and, when that is editio's own edition
schema, a subset of tei_all, against nothing more; the edition schema of another project
is joined by TEI P5 tei_all. The TEI of a valid source is not validated again: the
transform keeps validity (tests/test_xml_output.py proves it on the fixtures and on
generated letters). Only the register entries it embeds come from other files: each is
checked once per build, in a small valid TEI (_entries_valid). If they are not valid TEI
(the registers' findings say why), the letter is published as its source has it, with a
warning. If the TEI is invalid without them, the transform is at fault: the letter gets
finding ED009 and no TEI file (InvalidTEI). If the source letter itself is invalid (which
validation has reported), its TEI is not published: a warning says so, and the build goes
on.

xml/corpus.xml is a teiCorpus of every letter, with one standOff of the register
entries the letters refer to. It is validated against tei_all only: teiCorpus is not an
element of the edition schema.
"""

import copy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import pointers
from ..corpus import Document
from ..diagnostics import display_path
from ..resources import edition_schema, project_edition_schema, tei_all_schema
from ..tei import ENTRY_LISTS, TEI_NS, XML_ID, local, t
from . import BuildError, Output, batched, between, element_maker, split_at
from .edition import edition

MEMBER = "xml:member"  # the records of a builder are its name's, and any "name:..." (pipeline/finish.py)
SCHEMA_NAME = "editio.rng"  # the xml-model href: the schema sits beside the letters in output/xml/
RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"
_INDENT = "  "


class InvalidTEI(BuildError):
    """The transform produced TEI that its schema rejects: a bug to fix, never to publish.
    Of one letter: reported as that letter's finding (ED009), the others are built."""


class XmlBuilder:
    name = "xml"

    def __init__(self):
        # of this build, worked out once: the schemas a letter's TEI is checked with, by the
        # schema its source was validated with; and per list of schemas, the embedded entries
        # found valid, and a small valid TEI in which to check others (_entries_valid)
        self._checked_with: dict = {}
        self._valid_entries: dict = {}
        self._templates: dict = {}

    def build(self, letter, ctx) -> list[Output]:
        schemas, own_schema = self._schemas(ctx, letter.schema)
        path = f"xml/{letter.slug}.xml"
        # The source's verdict is the one validation reached: an invalid source is not published.
        if not _valid(letter.source.tree, schemas, letter.source.valid_against):
            ctx.warn(f"{path} not written: the source {letter.source.name} is not valid TEI "
                     f"(see the validation report)")
            return []
        tree = normalised(letter, own_schema=own_schema)
        data = serialise(tree)
        as_source = False  # written as the source has it: its pointers are the validation report's to judge
        embedded = _embedded(letter, tree.getroot())
        # The TEI of a valid source is valid (tests/test_xml_output.py), but for the register
        # entries embedded in it, which come from other files.
        if embedded and not self._entries_valid(letter, tree, embedded, schemas):
            problems = _problems(_out(ctx, path), data, schemas)  # explained only here
            if not _valid(_without_embedded(letter, tree), schemas):
                raise InvalidTEI(f"{problems[0]} (the source {letter.source.name} is valid: this is a bug in the "
                                 f"transform to TEI; {len(problems)} problem(s) in all)")
            # The register entries it would embed are not valid TEI (the registers' own
            # findings say why): the letter is published as its source has it, its
            # pointers into the corpus' registers as written, rather than not at all.
            ctx.warn(f"{path}: written as its source has it, without the register entries it names: they are "
                     f"not valid TEI ({problems[0]}; see the validation report of the registers)")
            tree = normalised(_Source(letter.source.tree), own_schema=own_schema)
            data = serialise(tree)
            as_source = True
        for attr, value in ([] if as_source else _relative_pointers(tree.getroot(), ctx)):
            ctx.warn(f"{path}: {attr}=\"{value}\" names no register entry and stays relative "
                     f"(see the validation report for {letter.source.name})")
        # Kept for corpus.xml: the letter without the register entries, which corpus.xml
        # holds once; finish() reads them back one at a time (ctx.records). The letter is
        # a record of its own (MEMBER), kept as bytes and read only when it is written.
        member = copy.deepcopy(tree.getroot())
        entries = {}
        for stand_off in _embedded(letter, member):
            for entry in stand_off.iter(*(t(kind) for kind in ENTRY_LISTS)):
                if entry.get(XML_ID):
                    entries.setdefault(entry.get(XML_ID), etree.tostring(entry, with_tail=False))
            member.remove(stand_off)
        indent(member, 1)  # as a child of teiCorpus
        ctx.keep(MEMBER, etree.tostring(member, encoding="UTF-8", xml_declaration=False, with_tail=False))
        ctx.keep(self.name, entries)
        return [Output(path, data)]

    def _schemas(self, ctx, schema: Path | None) -> tuple[list[Path], bool]:
        """The schemas a letter's TEI is checked with (_schemas), and whether the first is
        the edition schema, which its xml-model then names: once per build and schema."""
        if schema not in self._checked_with:
            schemas = _schemas(ctx, schema)
            self._checked_with[schema] = schemas, schemas[0].resolve() == project_edition_schema(ctx.config.root).resolve()
        return self._checked_with[schema]

    def _entries_valid(self, letter, tree, embedded: list, schemas: list[Path]) -> bool:
        """Whether the letter's TEI, whose source is valid, stays valid with the entries it
        embeds. An entry is checked once per build, not in every letter that names it, and
        in a small valid TEI, not in the whole letter (the content of a list in a standOff
        does not depend on the rest of the letter): the first valid letter with embedded
        entries, without them, its text one empty paragraph when the schemas allow that.
        The letter is checked whole only when that fails."""
        key = tuple(schemas)
        known = self._valid_entries.setdefault(key, set())
        lists = [(lst, [(child, (lst.tag, tuple(lst.attrib.items()), etree.tostring(child))) for child in lst])
                 for stand_off in embedded for lst in stand_off]
        unknown = [(lst, [pair for pair in children if pair[1] not in known]) for lst, children in lists]
        unknown = [(lst, children) for lst, children in unknown if children]
        if not unknown:
            return True
        template = self._templates.get(key)
        if template is not None:
            probe = etree.SubElement(template.getroot(), t("standOff"))
            for lst, children in unknown:
                etree.SubElement(probe, lst.tag, lst.attrib).extend(copy.deepcopy(child) for child, _ in children)
            try:
                if _valid(template, schemas):
                    known.update(entry for _, children in unknown for _, entry in children)
                    return True
            finally:
                template.getroot().remove(probe)
        if not _valid(tree, schemas):
            return False
        known.update(entry for _, children in lists for _, entry in children)
        if template is None:
            self._templates[key] = _slim(_without_embedded(letter, tree), schemas)
        return True

    def finish(self, ctx) -> list[Output]:
        entries, count = {}, 0
        for kept in ctx.records(self.name):
            count += 1
            for key, value in kept.items():
                entries.setdefault(key, value)
        if not count:
            return []
        lists: dict[str, list[bytes]] = {}  # listPerson ... -> the entries, by id
        for key in sorted(entries):
            lists.setdefault(ENTRY_LISTS[local(etree.fromstring(entries[key]).tag)], []).append(entries[key])
        lists = {name: lists[name] for name in ENTRY_LISTS.values() if name in lists}
        pieces = _corpus_frame(count, list(lists), edition(ctx))
        members = ctx.records(MEMBER, by_slug=True)
        first = next(members)
        # Validated: the frame with the first entry of each list and the first letter. Each
        # letter was validated as it was written, with the entries it names in the same
        # lists of its standOff, and a TEI without its trailing standOff stays valid: so
        # this has the verdict of the whole without parsing the whole (gigabytes for 20,000
        # letters).
        sample = [*(b"".join(as_children([kept[0]], 3)) for kept in lists.values()), first]
        problems = _problems(_out(ctx, "xml/corpus.xml"), _joined(pieces, sample), [tei_all_schema()])
        if problems:
            raise InvalidTEI(f"{problems[0]} ({len(problems)} problem(s) in all)")

        def corpus():  # written as it is made: the letters are never all in memory
            for piece, kept in zip(pieces, lists.values()):
                yield piece
                yield from as_children(kept, 3)  # teiCorpus, standOff, listPerson
            yield pieces[-2] + first
            for member in members:
                yield b"\n  " + member
            yield pieces[-1]

        return [Output("xml/corpus.xml", corpus()), Output(f"xml/{SCHEMA_NAME}", project_edition_schema(ctx.config.root).read_bytes())]


def normalised(letter, own_schema: bool = True) -> etree._ElementTree:
    """A copy of the standalone letter, indented; with own_schema its xml-model names the
    edition schema written beside it, else the source's xml-model instructions stay."""
    # The root keeps its attributes, xsi:schemaLocation too, as the source has it (not adjusted
    # to output/xml/: the corpus' XSD is not copied there, and the path stays the one its editors
    # wrote). The letter is checked against the schema file itself (_schemas), not via that path.
    root = copy.deepcopy(letter.tree.getroot())
    first = root
    if own_schema:
        first = etree.ProcessingInstruction("xml-model", f'href="{SCHEMA_NAME}" type="application/xml" schematypens="{RELAXNG_NS}"')
        root.addprevious(first)
    for node in letter.tree.getroot().itersiblings(preceding=True):  # other comments and PIs before the root stay
        if not own_schema or not (isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model"):
            node = copy.copy(node)
            first.addprevious(node)
            first = node
    indent(root)
    return root.getroottree()


def serialise(tree) -> bytes:
    """UTF-8 with an XML declaration, each comment or PI before the root on its own line."""
    root = tree.getroot()
    before = list(root.itersiblings(preceding=True))[::-1]
    parts = [b'<?xml version="1.0" encoding="UTF-8"?>']
    parts += [etree.tostring(node, with_tail=False) for node in before]
    parts.append(etree.tostring(root, encoding="UTF-8", xml_declaration=False, with_tail=False))
    return b"\n".join(parts) + b"\n"


def indent(el, level: int = 0) -> None:
    """Indent element-only content, two spaces a level.

    An element's content is taken as element-only when all the text between its children
    is whitespace with a line break in it (the indentation of the source) or empty, and
    some of it has a line break. Anything else (a word, or a plain space between two
    names) is mixed content: neither it nor anything inside it is changed.
    """
    if not len(el):
        return
    slots = [el.text] + [child.tail for child in el]
    if any(s and (s.strip() or "\n" not in s) for s in slots) or not any(slots):
        return
    inner = "\n" + _INDENT * (level + 1)
    el.text = inner
    for child in el:
        child.tail = inner
        indent(child, level + 1)
    el[-1].tail = "\n" + _INDENT * level


def _relative_pointers(root, ctx) -> list[tuple[str, str]]:
    """Pointers the standalone letter could not make `#id` or a letter's file, and that are no full URI."""
    letters = {ref.href for ref in ctx.letters.values()}
    out = []
    for _, attr, tokens in pointers.written_pointers(root):
        for token in tokens:
            if not token.startswith("#") and not pointers.has_scheme(token) and token.partition("#")[0] not in letters:
                out.append((attr, token))
    return out


@dataclass(frozen=True)
class _Source:
    """The source of a letter in the place of its standalone form (see XmlBuilder.build)."""

    tree: etree._ElementTree


def _embedded(letter, root) -> list:
    """The standOff the standalone letter added (the last one, when it has one more than the source)."""
    own = len(letter.source.root.findall(t("standOff")))
    stand_offs = root.findall(t("standOff"))
    return stand_offs[own:] if len(stand_offs) > own else []


def _without_embedded(letter, tree):
    """A copy of the letter's TEI without the standOff of embedded entries."""
    root = copy.deepcopy(tree.getroot())
    for stand_off in _embedded(letter, root):
        root.remove(stand_off)
    for node in tree.getroot().itersiblings(preceding=True):
        root.addprevious(copy.copy(node))
    return root.getroottree()


def _slim(tree, schemas: list[Path]):
    """The letter's TEI with a text of one empty paragraph, if the schemas accept that; else as it is."""
    slim = copy.deepcopy(tree)
    text = slim.getroot().find(t("text"))
    if text is None:
        return tree
    text[:] = [element("body", element("p"))]
    return slim if _valid(slim, schemas) else tree


def _out(ctx, path: str) -> Path:
    """Where an output will be written, for messages."""
    return ctx.config.path(ctx.config.output) / path


def _schemas(ctx, schema: Path | None) -> list[Path]:
    """The schemas the letter's TEI is checked with: the one its source is validated against
    (editio.toml's, its xml-model's or xsi:schemaLocation's: a corpus' own RelaxNG or XML
    Schema, or tei_all; None, a remote one: tei_all), else the edition schema and tei_all,
    unless the edition schema is editio's own: that one is tei_all restricted to fewer
    elements (schema_subset.py, checked by tests/test_schema.py), so what it accepts tei_all
    accepts."""
    if schema is None:  # a remote schema: checked with tei_all
        return [tei_all_schema()]
    if schema.resolve() != project_edition_schema(ctx.config.root).resolve():
        if schema.suffix.lower() == ".xsd" and schema != tei_all_schema():
            from ..validate.schema import SchemaError, load_schema

            try:
                load_schema(schema)  # compiled once; validation reported why not (ED102)
            except SchemaError:  # an XSD editio cannot run (1.1): checked with tei_all, as a remote one
                return [tei_all_schema()]
        return [schema]
    own = schema == edition_schema() or schema.read_bytes() == edition_schema().read_bytes()
    return [schema] if own else [schema, tei_all_schema()]


def _valid(tree, schemas: list[Path], verdicts: dict | None = None) -> bool:
    """Whether tree is valid against every schema: the verdict validation reached (verdicts:
    resolved schema path -> verdict), else libxml2's, without the walk that explains errors."""
    from ..validate.schema import load_schema, tei_all

    for schema_path in schemas:
        verdict = (verdicts or {}).get(schema_path.resolve())
        if verdict is None:
            schema = tei_all.schema_for(tree) if schema_path == tei_all_schema() else load_schema(schema_path)
            verdict = schema.accepts(Document(schema_path, tree, b""))
        if not verdict:
            return False
    return True


def _problems(file: Path, data: bytes, schemas: list[Path]) -> list[str]:
    """Messages "file:line:col: message (schema)" for the bytes of `file` against each schema."""
    from ..validate.schema import load_schema, tei_all

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as e:
        return [f"{display_path(file)}: not well-formed: {e}"]
    doc = Document(file, tree, data)
    out = []
    for schema_path in schemas:
        # tei_all: the restriction to the elements seen, whose verdict is the same (schema/tei_all.py)
        schema = tei_all.schema_for(tree) if schema_path == tei_all_schema() else load_schema(schema_path)
        for f in schema.check(doc):
            out.append(f"{f.file}:{f.line}:{f.col}: {f.message} ({schema_path.name})")
    return out


_MARK = "editio:here"  # where content goes in a frame (as a comment; text is escaped: no clash)


def _corpus_frame(count: int, lists: list[str], ed) -> list[bytes]:
    """corpus.xml around what is written as it is made: the teiCorpus header and a
    standOff with the lists named; the pieces before each list's entries, before the
    letters, and after them."""
    E = element
    publication = [E("publisher", ed.publisher)]
    if ed.base_url:
        publication.append(E("idno", ed.url("xml/corpus.xml"), type="URI"))
    header = E("teiHeader", E("fileDesc",
                              E("titleStmt", E("title", ed.title)),
                              E("publicationStmt", *publication),
                              E("sourceDesc", E("p", f"Born digital: the {count} letter(s) of the edition, each as in "
                                                     "xml/<letter>.xml, with the register entries they refer to in one standOff."))))
    stand_off = [E("standOff", *(E(name, etree.Comment(_MARK)) for name in lists))] if lists else []
    root = E("teiCorpus", header, *stand_off, etree.Comment(_MARK))
    indent(root)
    return split_at(serialise(root.getroottree()), _MARK)


def _joined(pieces: list[bytes], contents: list[bytes]) -> bytes:
    return b"".join(piece + content for piece, content in zip(pieces, contents)) + pieces[-1]


def as_children(items, level: int, batch: int = 200):
    """Serialised elements (bytes) as children at `level` of a document that indent() lays
    out: each indented for its depth, siblings on lines of their own, and, moved into an
    element of the TEI namespace as in the document, without a namespace declaration of
    their own. Made a batch at a time."""
    gap = "\n" + _INDENT * level
    separator = b""
    for chunk in batched(items, batch):
        parent = element("div", etree.Comment("from"))
        for data in chunk:
            el = etree.fromstring(data)
            indent(el, level)
            el.tail = gap
            parent.append(el)
        parent[-1].tail = ""
        parent.append(etree.Comment("to"))
        yield separator + between(etree.tostring(parent, encoding="UTF-8"), "from", "to")
        separator = gap.encode()


_TEI = element_maker(TEI_NS)


def element(name, *children, **attrs):
    """A TEI element (children and attributes as builders.element_maker takes them); when
    no text comes before its first child it is element-only, marked by a line break as its
    text, and indent() lays it out."""
    el = _TEI(name, *children, **attrs)
    if len(el) and el.text is None:
        el.text = "\n"
    return el
