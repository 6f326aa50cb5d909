"""The corpus-wide pages of the HTML edition: the three registers and the lists of letters.

Their content is built here with lxml from the letters' records (html.LetterRecord) and
ctx.registers; xslt/html/page.xsl puts it in the frame every page shares (chrome.xsl), so
the banner, navigation, head and serialisation are those of the letter pages.
"""

import re

from lxml import etree

from ..tei import ISO_DATE, NS, XML_LANG, format_date, local
from ..xsltrun import transform
from . import Output, batched, between, element_maker, split_at
from .edition import edition
from .entities import SCHEMA_TYPE, entry_name, reading_text
from .html import LetterRecord, Party, html_id, jsonld_text
from .labels import label

PAGE_STYLESHEET = "html/page.xsl"
REGISTERS = (  # kind, file, title (a key of labels.xsl), what one entry is called
    ("person", "persons.html", "persons", "person"),
    ("place", "places.html", "places", "place"),
    ("org", "organisations.html", "organisations", "organisation"),
)
REGISTER_FILE = {kind: file for kind, file, _, _ in REGISTERS}
# idno/@type -> (label, URL template, pattern the identifier must match)
AUTHORITIES = {
    "wikidata": ("Wikidata", "https://www.wikidata.org/wiki/{}", r"Q[1-9][0-9]*"),
    "viaf": ("VIAF", "https://viaf.org/viaf/{}", r"[0-9]+"),
    "geonames": ("GeoNames", "https://www.geonames.org/{}", r"[0-9]+"),
    "lcnaf": ("Library of Congress", "https://id.loc.gov/authorities/names/{}.html", r"n[a-z]?[0-9]+"),
    "gnd": ("GND", "https://d-nb.info/gnd/{}", r"[0-9X-]+"),
}
_WEB = re.compile(r"^https?://", re.I)  # a link the pages write as one; other values are text
_DESCRIPTIONS = ("occupation", "desc", "note", "affiliation", "residence", "nationality", "faith", "education", "state", "trait")


E = element_maker()  # HTML elements: E("a", {"href": url}, "words"); None is left out


REST = "editio:rest"  # a comment in main where render_page puts the elements of `rest`
ITEMS = "editio:items"  # the value in the JSON-LD where render_page puts the list of `items`
_FROM, _TO = "editio:from", "editio:to"
_BATCH = 200  # elements of `rest` rendered together


def render_page(file: str, title: str, lang: str, main, jsonld: dict, ctx, footer=None, current: str | None = None,
                rest=None, items=None) -> Output:
    """A page in the frame of page.xsl. A page listing tens of thousands of letters or
    entries is never whole in memory: rest, elements (made lazily) that go where main has
    the comment REST, are rendered a batch at a time as the page is written; items, the
    JSON-LD objects (made lazily) of the list that goes where the JSON-LD has the value
    ITEMS, are written one at a time."""
    page = E("page", {"lang": lang, "current": file if current is None else current}, E("title", None, title), main,
             E("footer", None, footer))
    params = {"jsonld": jsonld_text(jsonld), "edition-title": edition(ctx).title}
    frame = bytes(transform(PAGE_STYLESHEET, etree.ElementTree(page), **params))
    if rest is None and items is None:
        return Output(f"html/{file}", frame)
    before_items, _, after_items = frame.partition(jsonld_text(ITEMS).encode()) if items is not None else (b"", b"", frame)
    head, *tail = split_at(after_items, REST)  # no tail: no place for rest

    def chunks():
        if items is not None:
            yield before_items
            separator = b"["  # the array as json.dumps writes it
            for item in items:
                yield separator + jsonld_text(item).encode()
                separator = b", "
            yield b"[]" if separator == b"[" else b"]"
        yield head
        for batch in batched(rest or (), _BATCH):
            yield _rendered(batch, ctx)
        yield from tail

    return Output(f"html/{file}", chunks())


def _rendered(elements: list, ctx) -> bytes:
    """Elements as page.xsl writes them (the same serialiser, so the same bytes as in one page)."""
    main = E("main", None, etree.Comment(_FROM), elements, etree.Comment(_TO))
    page = E("page", {"lang": "en", "current": ""}, E("title", None, ""), main, E("footer"))
    data = bytes(transform(PAGE_STYLESHEET, etree.ElementTree(page), jsonld="{}", **{"edition-title": ""}))
    return between(data, _FROM, _TO)


# --- dates ----------------------------------------------------------------------------

def time_element(iso: str, text: str | None = None):
    """<time datetime> for an ISO date (YYYY, YYYY-MM, YYYY-MM-DD), else a span."""
    words = text or format_date(iso)
    if ISO_DATE.match(iso or ""):
        return E("time", {"datetime": iso}, words)
    return E("span", {"class": "date"}, words)


# --- register pages -------------------------------------------------------------------

def register_pages(occurrences, ctx):
    """The three register pages (occurrences: an OccurrenceIndex of every letter), each an
    Output made as it is written."""
    for kind, file, title_key, noun in REGISTERS:
        entries = sorted((e for e in ctx.registers.values() if e.kind == kind), key=_entry_sort_key)
        lang = _lang(entries)
        title = label(title_key, lang)
        main = E("main", {"id": "editio:main", "class": "register-page"},
                 E("h1", None, title),
                 E("p", {"class": "lead"}, f"{len(entries)} {noun if len(entries) == 1 else noun + 's'} in the registers of this edition, "
                   "each with the places in the letters where it is mentioned." if entries else
                   f"No {noun}s in the registers of this edition."),
                 _contents(entries, lang) if len(entries) > 1 else None,
                 etree.Comment(REST))
        sections = (_entry_section(entry, occurrences.of(entry.id), lang) for entry in entries)
        yield render_page(file, title, lang, main, _list_jsonld(title, file, len(entries), ctx), ctx,
                          footer=_licence(entries), rest=sections, items=_register_items(file, entries))


def _entry_sort_key(entry):
    el = entry.element
    surnames = el.xpath("tei:persName[@type='normalised'][1]/tei:surname", namespaces=NS)
    name = entry_name(el)
    first = reading_text(surnames[0]) if surnames else name
    return (first.casefold(), name.casefold(), entry.id)


def _contents(entries, lang):
    return E("nav", {"class": "contents", "aria-label": label("entries", lang)},
             E("ul", None, [E("li", None, E("a", {"href": f"#{html_id(e.id)}"}, entry_name(e.element) or e.id)) for e in entries]))


def _entry_section(entry, occurrences, lang):
    el = entry.element
    name = entry_name(el) or entry.id
    hid = html_id(entry.id)
    rows = []
    others = _other_names(el, name)
    if others:
        rows.append((label("other-names", lang), others))
    dates = _life_dates(el)
    if dates:
        rows.append((label("dates", lang), dates))
    if el.get("type"):
        rows.append((label("type", lang), el.get("type")))
    descriptions = [E("p", None, reading_text(c)) for c in el if local(c.tag) in _DESCRIPTIONS and reading_text(c)]
    if descriptions:
        rows.append((label("description", lang), descriptions))
    links = _authority_links(el)
    if links:
        rows.append((label("authority-records", lang), E("ul", {"class": "authorities"}, [E("li", None, a) for a in links])))
    rows.append((label("in-the-letters", lang), _occurrence_list(occurrences, lang)))
    # not a labelled region: two entries may share a name, and landmarks need unique names
    return E("section", {"class": f"entry {entry.kind}", "id": hid},
             E("h2", {"id": f"{hid}:h"}, name),
             E("dl", None, [(E("dt", None, name), E("dd", None, value)) for name, value in rows]))


def _other_names(el, shown: str):
    out = []
    for c in el:
        if local(c.tag) not in ("persName", "placeName", "orgName", "name"):
            continue
        text = reading_text(c)
        if not text or (text == shown and not c.get(XML_LANG)):
            continue
        lang = c.get(XML_LANG)
        note = c.get("type") if c.get("type") not in (None, "normalised") else lang
        if out:
            out.append("; ")
        out.append(E("span", {"lang": lang}, text))
        if note:
            out.append(f" ({note})")
    return out


def _life_dates(el):
    parts = []
    for tag, word in (("birth", "born"), ("death", "died"), ("floruit", "active"), ("event", None)):
        for c in el.xpath(f"tei:{tag}", namespaces=NS):
            when = c.get("when") or ""
            text = reading_text(c)
            if not when and not text:
                continue
            if parts:
                parts.append(", ")
            parts.append(f"{word or c.get('type') or tag} ")
            parts.append(time_element(when, text or None) if when else text)
    return parts


def _authority_links(el):
    out = []
    for c in el.xpath("tei:idno", namespaces=NS):
        value = " ".join((c.text or "").split())
        kind = (c.get("type") or "").lower()
        if kind in AUTHORITIES:
            label, template, pattern = AUTHORITIES[kind]
            if re.fullmatch(pattern, value):
                out.append(E("a", {"href": template.format(value)}, f"{label}: {value}"))
            elif value:
                out.append(E("span", None, f"{label}: {value}"))
        elif kind in ("uri", "url") and value:
            out.append(E("a", {"href": value}, value) if _WEB.match(value) else E("span", None, value))
    return out


def _occurrence_list(occurrences, lang):
    if not occurrences:
        return label("not-mentioned", lang)
    items = []
    for (slug, title), occs in occurrences:
        places, seen = [], {}
        for occ in occs:
            key = (occ.anchor, occ.label)
            if key in seen:
                if occ.text and occ.text not in seen[key]:
                    seen[key].append(occ.text)
                continue
            seen[key] = [occ.text] if occ.text else []
            places.append(key)
        links = []
        for anchor, words_label in places:
            if links:
                links.append("; ")
            href = f"{slug}.html#{anchor}" if anchor else f"{slug}.html"
            links.append(E("a", {"href": href}, words_label))
            words = seen[(anchor, words_label)]
            if words:
                links.append(" (" + ", ".join(f"“{w}”" for w in words) + ")")
        items.append(E("li", None, E("a", {"href": f"{slug}.html"}, title), ": ", links))
    return E("ul", {"class": "occurrences"}, items)


def _lang(entries) -> str:
    for entry in entries:
        if entry.register.lang:
            return entry.register.lang
    return "en"


def _licence(entries):
    """The licence of the register files the entries come from (as read with the
    registers, never from disk)."""
    seen, out = set(), []
    for entry in entries:
        for lic in entry.register.licences:
            text = reading_text(lic)
            if text in seen:
                continue
            seen.add(text)
            target = (lic.get("target") or "").split()
            link = E("a", {"href": target[0]}, text) if target and _WEB.match(target[0]) else text
            out.append(E("div", {"class": "licence"}, link))
    return out


def _list_jsonld(title, file, count, ctx) -> dict:
    """The JSON-LD of a page listing entries or letters, but for its items (render_page's items)."""
    return {"@context": "https://schema.org", "@type": "CollectionPage", "name": title, "url": file,
            "isPartOf": {"@type": "WebSite", "name": edition(ctx).title, "url": "index.html"},
            "mainEntity": {"@type": "ItemList", "numberOfItems": count, "itemListElement": ITEMS}}


def _register_items(file, entries):
    for i, entry in enumerate(entries, 1):
        thing = {"@type": SCHEMA_TYPE.get(entry.kind, "Thing"), "name": entry_name(entry.element) or entry.id,
                 "identifier": entry.id, "url": f"{file}#{html_id(entry.id)}"}
        same = [a.get("href") for a in _authority_links(entry.element) if a.tag == "a"]
        if same:
            thing["sameAs"] = same
        yield {"@type": "ListItem", "position": i, "item": thing}


# --- lists of letters -----------------------------------------------------------------

INDEX_PAGES = (  # file, title, sort key, description
    ("index.html", "Letters by date", "date", "sorted by date"),
    ("index-by-sender.html", "Letters by sender", "sender", "sorted by sender, then by date"),
)


def _date_key(record: LetterRecord):
    return (record.sort_date == "", record.sort_date, record.slug)


def _sender_key(record: LetterRecord):
    first = record.senders[0].name.casefold() if record.senders else "\uffff"
    return (first, *_date_key(record))


def index_pages(records: list[LetterRecord], ctx):
    for file, title, order, description in INDEX_PAGES:
        ordered = sorted(records, key=_date_key if order == "date" else _sender_key)
        switch = [E("span", {"aria-current": "page"} if f == file else None, d if f == file else None,
                        None if f == file else E("a", {"href": f}, d))
                  for f, _, _, d in INDEX_PAGES]
        sort_links = E("p", {"class": "sort-links"}, "Letters: ", [(s, " · ") for s in switch[:-1]], switch[-1])
        table = E("table", {"class": "letters"},
                  E("caption", None, f"{len(ordered)} {'letter' if len(ordered) == 1 else 'letters'}, {description}"),
                  E("thead", None, E("tr", None, [E("th", {"scope": "col"}, h) for h in ("Date", "Letter", "From", "To", "Places")])),
                  E("tbody", None, etree.Comment(REST)))
        if file == "index.html":  # the home page: the edition, its letters over time, then the list
            main = E("main", {"id": "editio:main", "class": "index-page"}, _edition_intro(edition(ctx)),
                     timeline(ordered), E("h2", None, title), sort_links, table)
        else:
            main = E("main", {"id": "editio:main", "class": "index-page"}, E("h1", None, title), sort_links, table)
        rows = (_letter_row(r, ctx.registers) for r in ordered)
        yield render_page(file, title, "en", main, _list_jsonld(title, file, len(ordered), ctx), ctx,
                          current="index.html" if file == "index.html" else "", rest=rows, items=_index_items(ordered))


def _edition_intro(ed):
    """The edition as editio.toml describes it: title, description, editors, publisher, licence."""
    people = []
    if ed.editors:
        names = list(ed.editors)
        people.append("Edited by " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]) + ".")
    if ed.publisher:
        people.append(f"Published by {ed.publisher}.")
    licence = None
    if ed.licence:
        link = E("a", {"href": ed.licence}, _licence_name(ed.licence)) if _WEB.match(ed.licence) else ed.licence
        licence = E("p", {"class": "licence"}, "Licence: ", link)
    return E("section", {"class": "edition-intro", "aria-labelledby": "editio:edition-h"},
             E("h1", {"id": "editio:edition-h"}, ed.title),
             E("p", {"class": "lead"}, ed.description) if ed.description else None,
             E("p", None, " ".join(people)) if people else None,
             licence)


def _licence_name(url: str) -> str:
    """A Creative Commons licence by its short name ("CC BY 4.0", "CC0 1.0"), else the URL."""
    m = re.match(r"^https?://creativecommons\.org/(?:licenses/([a-z-]+)|publicdomain/(zero))/(\d\.\d)", url, re.I)
    if not m:
        return url
    return f"CC0 {m.group(3)}" if m.group(2) else f"CC {m.group(1).upper()} {m.group(3)}"


_CHART_WIDTH, _CHART_HEIGHT, _CHART_BASE = 640, 160, 130  # the drawing's size, the baseline's y


def timeline(records: list[LetterRecord]):
    """The letters over time: an inline SVG bar chart of the letters per year (per decade
    when they span more than 80 years), with its figures in words in the caption; static,
    no script, styled by the edition's stylesheet. None when no letter has a year."""
    years = [int(r.sort_date[:4]) for r in records if re.match(r"^\d{4}", r.sort_date or "")]
    if not years:
        return None
    first, last = min(years), max(years)
    step = 10 if last - first > 80 else 1
    first -= first % step
    counts = {}
    for year in years:
        counts[year - year % step] = counts.get(year - year % step, 0) + 1
    slots = list(range(first, last + 1, step))
    most = max(counts.values())
    width = min((_CHART_WIDTH - 40) / len(slots), 48)  # a few slots: narrow bars, from the left
    unit = "decade" if step == 10 else "year"
    undated = len(records) - len(years)
    span = f"in {last}" if min(years) == last else f"from {min(years)} to {last}"
    summary = (f"{len(years)} dated {'letter' if len(years) == 1 else 'letters'} {span}, by {unit}; the most, {most}, in "
               + ", ".join(f"{y}s" if step == 10 else str(y) for y in slots if counts.get(y) == most) + "."
               + (f" {undated} undated." if undated else ""))
    bars = []
    for i, slot in enumerate(slots):
        n = counts.get(slot, 0)
        if not n:
            continue
        height = max(1.0, (_CHART_BASE - 20) * n / most)
        x = 20 + i * width
        slot_name = f"{slot}s" if step == 10 else str(slot)
        bars.append(E("rect", {"class": "chart-bar", "x": f"{x + width * 0.1:.1f}", "y": f"{_CHART_BASE - height:.1f}",
                               "width": f"{max(width * 0.8, 1):.1f}", "height": f"{height:.1f}"},
                      E("title", None, f"{slot_name}: {n} {'letter' if n == 1 else 'letters'}")))
    # the first and the last slot, and round ones between that leave room for their labels
    ticks = sorted({slots[0], slots[-1], *(s for i, s in enumerate(slots) if s % (50 if step == 10 else 10) == 0
                                            and 4 <= i <= len(slots) - 5)})
    labels = [E("text", {"class": "chart-label", "x": f"{20 + slots.index(t) * width + width / 2:.1f}", "y": str(_CHART_BASE + 20),
                         "text-anchor": "middle"}, f"{t}s" if step == 10 else str(t)) for t in ticks]
    svg = E("svg", {"class": "chart", "viewBox": f"0 0 {_CHART_WIDTH} {_CHART_HEIGHT}", "role": "img",
                    "aria-labelledby": "editio:chart-title"},
            E("title", {"id": "editio:chart-title"}, f"Letters per {unit}"),
            E("line", {"class": "chart-axis", "x1": "20", "x2": str(_CHART_WIDTH - 20), "y1": str(_CHART_BASE), "y2": str(_CHART_BASE)}),
            bars, labels)
    return E("figure", {"class": "timeline"}, svg, E("figcaption", None, summary))


def _letter_row(record: LetterRecord, registers):
    date = [time_element(record.when, record.date_text or None)] if record.when else [record.date_text or "undated"]
    if record.inferred:
        date.append(E("span", {"class": "inference"}, " (inferred)"))
    places = []
    for parties, word in ((record.sent_from, "sent"), (record.received_at, "received")):
        for p in parties:
            if places:
                places.append(", ")
            places.extend([_party(p, registers), f" ({word})"])
    return E("tr", None,
             E("td", {"data-label": "Date"}, date),
             E("td", {"data-label": "Letter"}, E("a", {"href": f"{record.slug}.html"}, record.title)),
             E("td", {"data-label": "From"}, _parties(record.senders, registers)),
             E("td", {"data-label": "To"}, _parties(record.addressees, registers)),
             E("td", {"data-label": "Places"}, places))


def _parties(parties: list[Party], registers):
    out = []
    for p in parties:
        if out:
            out.append("; ")
        out.append(_party(p, registers))
    return out


def _party(p: Party, registers):
    """A name, linked to its register entry when the registers have it."""
    entry = registers.get(p.id) if p.id else None
    if entry is None:
        return p.name
    return E("a", {"href": f"{REGISTER_FILE[entry.kind]}#{html_id(p.id)}"}, p.name)


def _index_items(records):
    for i, r in enumerate(records, 1):
        message = {"@type": "Message", "name": r.title, "url": f"{r.slug}.html"}
        if r.when:
            message["dateSent"] = r.when
        if r.senders:
            message["sender"] = [{"name": p.name} for p in r.senders]
        if r.addressees:
            message["recipient"] = [{"name": p.name} for p in r.addressees]
        yield {"@type": "ListItem", "position": i, "item": message}


__all__ = ["register_pages", "index_pages", "format_date"]
