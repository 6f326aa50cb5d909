"""Exports for other platforms, one builder each, so `editio export FORMAT` runs one:

- cmif:   export/cmif.xml (Correspondence Metadata Interchange Format v2, harvested by
          correspSearch) and export/cmif-report.txt (letters left out, and why);
- csv:    export/mentions.csv, export/entities.csv;
- json:   export/mentions.json, export/entities.json (the same rows);
- jsonld: export/jsonld/<letter>.json (schema.org Message) and export/jsonld/dataset.json.

Per letter, build() keeps a small record in ctx.store(name); finish() reads them back a
letter at a time (ctx.records) and writes the files, the big ones as they are made.
See docs/formats.md for the shape of each file.
"""

import csv
import io
import json

from lxml import etree

from ..tei import NS, TEI_NS, XML_ID, t
from . import Output, split_at
from .edition import edition
from .entities import (AUTHORITY_URI, Mention, authority_ids, authority_uris, embedded_entries, entry_name, mentions, preferred_uri,
                       reading_text, ref_id)
from .jsonld import dataset_jsonld, letter_jsonld
from .xml import RELAXNG_NS, as_children, element, indent, serialise

CMIF_SCHEMA = "https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/schema/cmi-customization.rng"
CMIF_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
EDITION_BIBL_ID = "edition"
# Authority preferred for a person or organisation in CMIF (correspSearch's order of
# support), and for a place (CMIF asks for GeoNames).
AGENT_AUTHORITIES = ("gnd", "viaf", "wikidata", "lcnaf")
PLACE_AUTHORITIES = ("geonames",)
_DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_rows(batches):
    """A JSON array with one object a line, written a batch of rows at a time: readable,
    diffable, and made by json's C encoder (indent= makes json use its Python encoder,
    ten times slower on big lists)."""
    separator = b"[\n"
    for rows in batches:
        for row in rows:
            yield separator + json.dumps(row, ensure_ascii=False).encode("utf-8")
            separator = b",\n"
    yield b"[]\n" if separator == b"[\n" else b"\n]\n"


class CmifBuilder:
    name = "cmif"

    def build(self, letter, ctx) -> list[Output]:
        record = {"slug": letter.slug, "file": letter.source.name, "changed": _latest_change(letter.tree)}
        record["corresp"], record["problems"] = _cmif_corresp(letter, ctx)
        ctx.store(self.name).append(record)
        return []

    def finish(self, ctx) -> list[Output]:
        letters, included, changed, problems = 0, 0, None, []
        for record in self._records(ctx):
            letters += 1
            included += not record["problems"]
            if record["changed"] and (changed is None or record["changed"] > changed):
                changed = record["changed"]
            problems.extend(f"{record['file']}: not in cmif.xml: {p}" for p in record["problems"])
        if not letters:
            return []
        ed = edition(ctx)
        if not ed.base_url:
            problems.insert(0, "export/cmif.xml: no URL of the edition, so the file has neither its own URL (idno type=\"url\") "
                               "nor the URLs of its letters, which correspSearch needs; build with --base-url URL")
        ctx.warnings.extend(problems)
        report = [f"cmif.xml: {included} of {letters} letters.", *problems]
        corresps = (r["corresp"] for r in self._records(ctx) if not r["problems"])
        return [Output("export/cmif.xml", _cmif_document(corresps, included, ed, changed)),
                Output("export/cmif-report.txt", ("\n".join(report) + "\n").encode("utf-8"))]

    def _records(self, ctx):
        for kept in ctx.records(self.name, by_slug=True):
            yield from kept


def _latest_change(tree) -> str | None:
    dates = [d for d in tree.getroot().xpath("tei:teiHeader/tei:revisionDesc//tei:change/@when", namespaces=NS) if d]
    return max(dates) if dates else None


def _cmif_corresp(letter, ctx) -> tuple[str | None, list[str]]:
    """The letter's CMIF correspDesc (serialised), or None and the reasons it cannot be one."""
    root = letter.tree.getroot()
    found = root.xpath("tei:teiHeader/tei:profileDesc/tei:correspDesc", namespaces=NS)
    if not found:
        return None, ["no correspDesc in the teiHeader"]
    source = found[0]
    entries = embedded_entries(letter.tree)
    ed = edition(ctx)
    out = etree.Element(t("correspDesc"), nsmap={None: TEI_NS})
    url = ed.letter_url(letter.slug)
    if url:
        out.set("ref", url)
    out.set("source", f"#{EDITION_BIBL_ID}")
    problems = []
    for action_type, role in (("sent", "sender"), ("received", "addressee")):
        action = source.xpath(f"tei:correspAction[@type='{action_type}']", namespaces=NS)
        agents = action[0].xpath("tei:persName|tei:orgName", namespaces=NS) if action else []
        if not agents:
            problems.append(f"no {role} (persName or orgName in correspAction type=\"{action_type}\")")
            continue
        target = etree.SubElement(out, t("correspAction"), type=action_type)
        for agent in agents:
            _named(target, agent, entries, AGENT_AUTHORITIES)
        for place in action[0].xpath("tei:placeName", namespaces=NS):
            _named(target, place, entries, PLACE_AUTHORITIES)
        for date in action[0].xpath("tei:date", namespaces=NS):
            attrs = {a: date.get(a) for a in _DATE_ATTRIBUTES if date.get(a)}
            if attrs:
                etree.SubElement(target, t("date"), attrs)
        if action_type == "sent" and target.find(t("date")) is None:
            problems.append("no date of sending (date with when, from, to, notBefore or notAfter in correspAction type=\"sent\")")
    for el in (out, *out):
        el.text = "\n"  # element-only: indent() lays it out
    return (None if problems else etree.tostring(out, encoding="unicode")), problems


def _named(parent, el, entries, authorities) -> None:
    copy = etree.SubElement(parent, el.tag)
    copy.text = reading_text(el)
    entry = entries.get(ref_id(el.get("ref")))
    uri = preferred_uri(entry, authorities) if entry is not None else None
    if uri:
        copy.set("ref", uri)


def _cmif_document(corresps, count: int, ed, changed):
    """cmif.xml, made as it is written: its frame, then each letter's correspDesc
    (serialised, from `corresps`) in profileDesc, indented as the frame is."""
    E = element
    publication = [E("publisher", "", E("ref", ed.publisher, target=ed.base_url)) if ed.base_url else E("publisher", ed.publisher)]
    if ed.base_url:
        publication.append(E("idno", ed.url("export/cmif.xml"), type="url"))
    if changed:
        publication.append(E("date", when=changed))
    publication.append(E("availability", E("licence", "This file is licensed under the terms of the Creative Commons licence CC BY 4.0.",
                                           target=CMIF_LICENCE)))
    link = [" ", E("ref", ed.base_url, target=ed.base_url)] if ed.base_url else []
    bibl = E("bibl", f"{ed.title}.", *link, type="online")
    bibl.set(XML_ID, EDITION_BIBL_ID)
    profile = E("profileDesc", etree.Comment(_CORRESPS)) if count else None
    header = E("teiHeader",
               E("fileDesc",
                 E("titleStmt", E("title", f"{ed.title}: correspondence metadata (CMIF)"), E("editor", ed.publisher)),
                 E("publicationStmt", *publication),
                 E("sourceDesc", bibl)),
               *([profile] if profile is not None else []))
    root = E("TEI", header, E("text", E("body", E("p"))))
    indent(root)
    root.addprevious(etree.ProcessingInstruction("xml-model", f'href="{CMIF_SCHEMA}" type="application/xml" schematypens="{RELAXNG_NS}"'))
    head, *tail = split_at(serialise(root.getroottree()), _CORRESPS)  # no tail: no letter, no profileDesc
    yield head
    yield from as_children((corresp.encode() for corresp in corresps), 3)  # TEI, teiHeader, profileDesc
    yield from tail


_CORRESPS = " the letters "  # where they go in profileDesc


class _EntitiesBuilder:
    """Mentions and register entries as rows; subclasses write them as CSV or JSON."""

    name = ""
    records = (Mention,)  # what build() keeps
    MENTION_FIELDS = ("letter", "element", "id", "text", "paragraph")

    def build(self, letter, ctx) -> list[Output]:
        ctx.store(self.name).extend(mentions(letter))
        return []

    def mention_rows(self, ctx):
        """The mentions as rows, a letter at a time, in the order of the sources."""
        for mentions_of_letter in ctx.records(self.name):
            yield [{f: getattr(m, f) for f in self.MENTION_FIELDS} for m in mentions_of_letter]

    def entity_rows(self, ctx) -> tuple[list[str], list[dict]]:
        """The authority types in use (known ones first) and one record per register entry."""
        rows = []
        for e in sorted(ctx.registers.values(), key=lambda e: e.id):
            el = e.element
            rows.append({"id": e.id, "kind": e.kind, "name": entry_name(el),
                         "authority": dict(reversed(authority_ids(el))), "sameAs": authority_uris(el)})
        types = {kind for row in rows for kind in row["authority"] if kind}
        ordered = [k for k in AUTHORITY_URI if k in types] + sorted(types - set(AUTHORITY_URI))
        for row in rows:
            row["authority"] = {k: row["authority"][k] for k in ordered if k in row["authority"]}
        return ordered, rows


class CsvBuilder(_EntitiesBuilder):
    name = "csv"

    def finish(self, ctx) -> list[Output]:
        types, entities = self.entity_rows(ctx)
        flat = [{"id": r["id"], "kind": r["kind"], "name": r["name"], **{k: r["authority"].get(k, "") for k in types},
                 "sameAs": " ".join(r["sameAs"])} for r in entities]
        return [Output("export/mentions.csv", _csv(self.MENTION_FIELDS, self.mention_rows(ctx))),
                Output("export/entities.csv", _csv(("id", "kind", "name", *types, "sameAs"), [flat]))]


class JsonBuilder(_EntitiesBuilder):
    name = "json"

    def finish(self, ctx) -> list[Output]:
        _, entities = self.entity_rows(ctx)
        return [Output("export/mentions.json", _json_rows(self.mention_rows(ctx))),
                Output("export/entities.json", _json_rows([entities]))]


def _csv(fields, batches):
    """CSV with a header line, written a batch of rows at a time."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for rows in batches:
        writer.writerows(rows)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


class JsonLdBuilder:
    name = "jsonld"

    def build(self, letter, ctx) -> list[Output]:
        data = letter_jsonld(letter, ctx)
        ctx.store(self.name).append({k: data[k] for k in ("@id", "identifier", "name", "url", "dateSent") if k in data})
        return [Output(f"export/jsonld/{letter.slug}.json", _json(data))]

    def finish(self, ctx) -> list[Output]:
        letters = sorted((d for kept in ctx.records(self.name) for d in kept), key=lambda d: d["identifier"])
        if not letters:
            return []
        return [Output("export/jsonld/dataset.json", _json(dataset_jsonld(letters, ctx)))]
