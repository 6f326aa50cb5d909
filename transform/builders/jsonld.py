"""JSON-LD (schema.org) of a letter: a Message with sender, recipient, dates and the
persons, places and organisations it mentions, each with its authority URIs in sameAs.

`letter_jsonld(letter, ctx)` is shared: the JSON-LD export writes it to
export/jsonld/<letter>.json and the HTML edition embeds the same object in each page.
"""

from lxml import etree

from ..tei import NS, XML_ID, XML_LANG, local
from .edition import edition
from .entities import SCHEMA_TYPE, authority_uris, embedded_entries, entry_name, letter_title, mention_elements, reading_text, ref_id

CONTEXT = "https://schema.org"
_AGENT_TYPE = {"persName": "Person", "orgName": "Organization", "placeName": "Place", "name": "Thing", "rs": "Thing"}


def letter_jsonld(letter, ctx) -> dict:
    """The letter's schema.org Message, made once per letter (the page and the export share it)."""
    if letter.jsonld is None:
        letter.jsonld = _letter_jsonld(letter, ctx)
    return letter.jsonld


def _letter_jsonld(letter, ctx) -> dict:
    root = letter.tree.getroot()
    entries = embedded_entries(letter.tree)
    ed = edition(ctx)
    data = {"@context": CONTEXT, "@type": "Message"}
    url = ed.letter_url(letter.slug)
    if url:
        data["@id"] = url
        data["url"] = url
    data["identifier"] = letter.slug
    title = letter_title(root)
    if title:
        data["name"] = title
    corresp = _first(root, "tei:teiHeader/tei:profileDesc/tei:correspDesc")
    if corresp is not None:
        for action_type, agent_key, date_key in (("sent", "sender", "dateSent"), ("received", "recipient", "dateReceived")):
            action = _first(corresp, f"tei:correspAction[@type='{action_type}']")
            if action is None:
                continue
            agents = [_thing(el, entries) for el in _xpath("tei:persName|tei:orgName|tei:name")(action)]
            if agents:
                data[agent_key] = agents[0] if len(agents) == 1 else agents
            date = _first(action, "tei:date[@when]")
            if date is not None:
                data[date_key] = date.get("when")
            if action_type == "sent":
                place = _first(action, "tei:placeName")
                if place is not None:
                    data["locationCreated"] = _thing(place, entries)
    language = root.get(XML_LANG)
    if language:
        data["inLanguage"] = language
    mentioned = _mentioned(letter, entries)
    if mentioned:
        data["mentions"] = mentioned
    source = _first(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:idno[@type='URI' or @type='url']")
    if source is not None:
        data["isBasedOn"] = " ".join((source.text or "").split())
    licence = _first(root, "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[@target]")
    if licence is not None:
        data["license"] = licence.get("target")
    part_of = {"@type": "Dataset", "name": ed.title}
    if ed.base_url:
        part_of["@id"] = ed.url("export/jsonld/dataset.json")
    data["isPartOf"] = part_of
    return data


_compiled: dict[str, etree.XPath] = {}


def _xpath(path: str) -> etree.XPath:
    """The path compiled once (el.xpath(path) compiles it at every call)."""
    if path not in _compiled:
        _compiled[path] = etree.XPath(path, namespaces=NS)
    return _compiled[path]


def _first(el, *paths):
    for path in paths:
        found = _xpath(path)(el)
        if found:
            return found[0]
    return None


def _thing(el, entries) -> dict:
    """A name in the header (sender, place ...) as a schema.org thing."""
    entry = entries.get(ref_id(el.get("ref")))
    thing = {"@type": _type(el, entry), "name": reading_text(el)}
    if entry is not None:
        thing["identifier"] = entry.get(XML_ID)
        uris = authority_uris(entry)
        if uris:
            thing["sameAs"] = uris
    return thing


def _mentioned(letter, entries) -> list[dict]:
    """Each entity the text mentions, once, in the order of first mention. (The elements
    of entities.mentions, without working out what only the exports need: a mention of an
    entry already listed costs a lookup.)"""
    out, seen = [], set()
    for el in mention_elements(letter.tree.getroot()):
        entry_id = ref_id(el.get("ref"))
        entry = entries.get(entry_id)
        if entry is None:
            element, text = local(el.tag), reading_text(el)
            if not text or (element, text) in seen:
                continue
            seen.add((element, text))
            out.append({"@type": _AGENT_TYPE.get(element, "Thing"), "name": text})
            continue
        if entry_id in seen:
            continue
        seen.add(entry_id)
        thing = {"@type": SCHEMA_TYPE.get(_kind(entry), "Thing"), "name": entry_name(entry) or reading_text(el), "identifier": entry_id}
        uris = authority_uris(entry)
        if uris:
            thing["sameAs"] = uris
        out.append(thing)
    return out


def _kind(entry) -> str:
    return local(entry.tag)


def _type(el, entry) -> str:
    if entry is not None:
        return SCHEMA_TYPE.get(_kind(entry), "Thing")
    return _AGENT_TYPE.get(local(el.tag), "Thing")


def dataset_jsonld(letters: list[dict], ctx) -> dict:
    """The edition as a schema.org Dataset whose parts are its letters (`letters`: the
    short records the JSON-LD builder kept: identifier, name, url, dateSent)."""
    ed = edition(ctx)
    data = {"@context": CONTEXT, "@type": "Dataset"}
    if ed.base_url:
        data["@id"] = ed.url("export/jsonld/dataset.json")
        data["url"] = ed.base_url
    data["name"] = ed.title
    data["publisher"] = {"@type": "Organization", "name": ed.publisher}
    dates = sorted(d["dateSent"] for d in letters if d.get("dateSent"))
    if dates:
        data["temporalCoverage"] = f"{dates[0]}/{dates[-1]}"
    data["hasPart"] = [{"@type": "Message", **d} for d in letters]
    if ed.base_url:
        data["distribution"] = [
            {"@type": "DataDownload", "encodingFormat": fmt, "contentUrl": ed.url(path)}
            for path, fmt in (("xml/corpus.xml", "application/tei+xml"), ("export/cmif.xml", "application/tei+xml"),
                              ("export/entities.csv", "text/csv"), ("export/mentions.csv", "text/csv"),
                              ("export/entities.json", "application/json"), ("export/mentions.json", "application/json"))
        ]
    return data


__all__ = ["letter_jsonld", "dataset_jsonld"]
