"""ED601-ED602: register entries are used, and their authority identifiers are well-formed."""

import re

from ...tei import NS, XML_ID, local
from . import Finding, Rule, at, register, rule
from .references import collect, shared

_ENTRIES = "//tei:person[@xml:id]|//tei:place[@xml:id]|//tei:org[@xml:id]"


def _check_unused(doc, ctx):
    collect(doc, ctx)  # records what this document points at
    if not doc.is_register:
        return ()
    entries = ctx.store("ED601", list)
    here = doc.path.resolve()
    for el in doc.root.xpath(_ENTRIES, namespaces=NS):
        line, col = doc.position(el, XML_ID)
        entries.append((here, el.get(XML_ID), doc.name, line, col, local(el.tag)))
    return ()


def _finish_unused(ctx):
    store = shared(ctx)
    if not store["letters_read"]:
        return  # only registers were given: whether they are used cannot be told
    referenced, anywhere = store["referenced"], store["referenced_anywhere"]
    for path, ident, name, line, col, kind in ctx.store("ED601", list):
        if ident in referenced.get(path, ()) or ident in anywhere:
            continue
        yield Finding(name, line, col, f'the {kind} {ident} is not referenced anywhere in the edition',
                      f'tag its mentions in the letters with ref="{path.name}#{ident}" (the path written relative to the letter, '
                      f'e.g. ../registers/{path.name}#{ident}), or remove the entry if it is not needed')


register(Rule(
    id="ED601", title="Register entry is never referenced", severity="warning",
    doc="A person, place or org with an xml:id in a register file is not pointed at by any @ref, @corresp, "
        "@target or @who of the files checked (references are resolved as for ED202: #id, or a path to the "
        "register with #id). Either its mentions in the letters are not tagged yet, or the entry is left over. "
        "The check runs when letters are validated together with the registers (`editio validate` on the "
        "whole edition); with registers alone it is skipped.",
    bad='<person xml:id="per.zorin"><persName>Valerian Zorin</persName></person>  <!-- no letter refers to it -->',
    good='<persName ref="../registers/persons.xml#per.zorin">Zorin</persName>  <!-- in a letter -->',
    check=_check_unused, finish=_finish_unused,
))


# Authority files: the form of an id, and the URIs that carry one.
_AUTHORITIES = {
    "wikidata": ("Wikidata item", re.compile(r"Q[1-9][0-9]*"),
                 re.compile(r"https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/(.*?)/?"),
                 "Q followed by digits, e.g. Q61, or https://www.wikidata.org/entity/Q61"),
    "viaf": ("VIAF", re.compile(r"[1-9][0-9]*"),
             re.compile(r"https?://(?:www\.)?viaf\.org/viaf/(.*?)/?"),
             "digits, e.g. 64007537, or http://viaf.org/viaf/64007537"),
    "geonames": ("GeoNames", re.compile(r"[1-9][0-9]*"),
                 re.compile(r"https?://(?:www\.|sws\.)?geonames\.org/([^/]*)(?:/.*)?"),
                 "digits, e.g. 4140963, or https://www.geonames.org/4140963"),
    "lcnaf": ("Library of Congress name authority", re.compile(r"n[bors]?[0-9]{8,10}"),
              re.compile(r"https?://id\.loc\.gov/authorities/names/(.*?)(?:\.html)?/?"),
              "n, nb, no, nr or ns followed by 8 or 10 digits, e.g. n79018774, or https://id.loc.gov/authorities/names/n79018774"),
    "gnd": ("GND", re.compile(r"1[012]?[0-9]{7}[0-9X]|[47][0-9]{6}-[0-9]|[1-9][0-9]{0,7}-[0-9X]|3[0-9]{7}[0-9X]"),
            re.compile(r"https?://d-nb\.info/gnd/(.*?)/?"),
            "a GND number such as 118559796 or 4066009-6, or https://d-nb.info/gnd/118559796"),
}


def authority_problem(kind: str, value: str) -> str | None:
    """Why an identifier of an authority file is malformed, or None."""
    label, form, uri, _ = _AUTHORITIES[kind]
    value = value.strip()
    if "://" in value:
        m = uri.fullmatch(value)
        if not m:
            return f"is not a {label} URI"
        if not form.fullmatch(m.group(1)):
            return f"is a {label} URI whose id {m.group(1)!r} is not well-formed"
        return None
    if not value:
        return "is empty"
    if not form.fullmatch(value):
        return f"is not a well-formed {label} id"
    return None


def authority_id(kind: str, value: str) -> str:
    """The id of a well-formed identifier (authority_problem is None): itself, or taken from its URI."""
    value = value.strip()
    return _AUTHORITIES[kind][2].fullmatch(value).group(1) if "://" in value else value


def authority_form(kind: str) -> tuple[str, str]:
    """(name of the authority file, how its ids are written)."""
    return _AUTHORITIES[kind][0], _AUTHORITIES[kind][3]


@rule(
    id="ED602", title="Authority identifier is malformed", severity="error",
    doc="An idno of type wikidata, viaf, geonames, lcnaf or gnd must hold an identifier of that authority "
        "file, either alone or as its full URI: Wikidata Q61 (https://www.wikidata.org/entity/Q61), VIAF "
        "64007537 (http://viaf.org/viaf/64007537), GeoNames 4140963 (https://www.geonames.org/4140963), "
        "LCNAF n79018774 (https://id.loc.gov/authorities/names/n79018774), GND 118559796 or 4066009-6 "
        "(https://d-nb.info/gnd/118559796). Malformed ids break the links to the authority files and the "
        "merging of registers across editions. The check is of form only: the ids are not looked up.",
    bad='<idno type="wikidata">61</idno>\n<idno type="viaf">viaf64007537</idno>',
    good='<idno type="wikidata">Q61</idno>\n<idno type="viaf">64007537</idno>',
)
def authority_ids(doc, ctx):
    for idno in doc.root.iter(f"{{{NS['tei']}}}idno"):
        kind = (idno.get("type") or "").strip().lower()
        if kind not in _AUTHORITIES:
            continue
        value = "".join(idno.itertext())
        problem = authority_problem(kind, value)
        if problem:
            yield at(doc, idno, f'idno type="{idno.get("type")}" "{value.strip()}" {problem}',
                     f"write {_AUTHORITIES[kind][3]}; copy the id from the authority file's page")
