"""ED702-ED705: the parts of the teiHeader an edition cannot publish without."""

from ...tei import NS, TEI_NS
from . import at, rule


def _headers(doc):
    return doc.root.iter(f"{{{TEI_NS}}}teiHeader")


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


_POINTING = ("target", "url", "ref", "facs", "sameAs", "corresp", "source")


def _has_content(el) -> bool:
    """Text, or an element that points somewhere (a ptr, a licence with @target, a graphic)."""
    if _text(el):
        return True
    return any(any(d.get(a) for a in _POINTING) for d in el.iter() if isinstance(d.tag, str))


@rule(
    id="ED702", title="Title is missing or empty", severity="error",
    doc="fileDesc/titleStmt needs a title with text: it is the name of the letter in every list, in the "
        "HTML page title, in exports and in citations. An empty <title/> left from a template is reported "
        "on the element.",
    bad="<titleStmt>\n  <title/>\n</titleStmt>",
    good="<titleStmt>\n  <title>Letter from Nikita S. Khrushchev to John F. Kennedy, 4 November 1962</title>\n</titleStmt>",
)
def title(doc, ctx):
    for header in _headers(doc):
        stmt = header.find("tei:fileDesc/tei:titleStmt", NS)
        if stmt is None:
            where = header.find("tei:fileDesc", NS)
            yield at(doc, where if where is not None else header, "the teiHeader has no fileDesc/titleStmt with a title",
                     "add <titleStmt><title>...</title></titleStmt> at the start of fileDesc")
            continue
        titles = stmt.findall("tei:title", NS)
        if not titles:
            yield at(doc, stmt, "titleStmt has no title", "add <title>...</title> naming the letter (writer, addressee, date)")
        for t in titles:
            if not _text(t):
                yield at(doc, t, "the title is empty", "write the title: who wrote to whom, where and when")


@rule(
    id="ED703", title="publicationStmt is missing or empty", severity="error",
    doc="fileDesc/publicationStmt says who publishes the edition: a publisher, authority or distributor "
        "with a name (or a paragraph). Without it the edition cannot be cited or its rights known.",
    bad="<publicationStmt>\n  <p/>\n</publicationStmt>",
    good="<publicationStmt>\n  <publisher>editio project</publisher>\n  <availability><licence target=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</licence></availability>\n</publicationStmt>",
)
def publication(doc, ctx):
    for header in _headers(doc):
        stmt = header.find("tei:fileDesc/tei:publicationStmt", NS)
        if stmt is None:
            where = header.find("tei:fileDesc", NS)
            yield at(doc, where if where is not None else header, "fileDesc has no publicationStmt",
                     "add <publicationStmt> after titleStmt, with <publisher> (or authority) and <availability><licence>")
        elif not _has_content(stmt):
            yield at(doc, stmt, "publicationStmt is empty", "name the publisher (<publisher>...</publisher> or <authority>) "
                     "and the licence (<availability><licence target=\"...\">...</licence></availability>)")


@rule(
    id="ED704", title="No licence in publicationStmt", severity="warning",
    doc="publicationStmt/availability should state the terms of use, in a <licence> (best with @target, "
        "the licence's URI) or at least a paragraph <p>. Aggregators (CMIF, Europeana, DH platforms) take "
        "only what is licensed.",
    bad="<publicationStmt>\n  <publisher>editio project</publisher>\n</publicationStmt>",
    good="<publicationStmt>\n  <publisher>editio project</publisher>\n  <availability>\n"
         "    <licence target=\"https://creativecommons.org/publicdomain/zero/1.0/\">CC0 1.0</licence>\n  </availability>\n</publicationStmt>",
)
def licence(doc, ctx):
    for header in _headers(doc):
        stmt = header.find("tei:fileDesc/tei:publicationStmt", NS)
        if stmt is None or not _has_content(stmt):
            continue  # ED703
        terms = stmt.findall("tei:availability/tei:licence", NS) + stmt.findall("tei:availability/tei:p", NS)
        if not any(_has_content(t) for t in terms):
            yield at(doc, stmt, "publicationStmt states no licence",
                     "add <availability><licence target=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</licence></availability> "
                     "(or the licence that applies)")


@rule(
    id="ED705", title="sourceDesc is empty", severity="error",
    doc="fileDesc/sourceDesc describes what the text is taken from: the manuscript (msDesc), the printed "
        "edition (bibl, biblStruct) or, for a born-digital file, a paragraph saying so. An empty "
        "<sourceDesc><p/></sourceDesc> left from a template says nothing.",
    bad="<sourceDesc>\n  <p/>\n</sourceDesc>",
    good="<sourceDesc>\n  <bibl>Kennedy Library, National Security Files, Countries Series, USSR</bibl>\n</sourceDesc>",
)
def source(doc, ctx):
    for header in _headers(doc):
        desc = header.find("tei:fileDesc/tei:sourceDesc", NS)
        if desc is None:
            where = header.find("tei:fileDesc", NS)
            yield at(doc, where if where is not None else header, "fileDesc has no sourceDesc",
                     "add <sourceDesc> describing the source (msDesc, bibl) or <p>Born digital.</p>")
        elif not _has_content(desc):
            yield at(doc, desc, "sourceDesc is empty", "describe the source: <msDesc>, <bibl>, or <p>Born digital.</p>")
