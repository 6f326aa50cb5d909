"""Persons, places and organisations of a standalone letter, for the exports and JSON-LD.

A mention is a persName, placeName, orgName, name or rs (an rs's @type says what it names),
or a title or bibl that points at an entry, in the letter's <text>; its ids are the register
entries its @ref names (`#per.kennedy` in the standalone letter, where a resolved @key has
become a @ref too), else its @corresp: one mention per entry when it names several. Register
entries carry authority identifiers as <idno type="wikidata|viaf|gnd|geonames|lcnaf">;
`authority_uris` turns them into the URIs platforms expect.
"""

from dataclasses import dataclass

from ..tei import ENTRY_LISTS, XML_ID, XML_LANG, local, t

MENTION_ELEMENTS = ("persName", "placeName", "orgName", "name", "rs")
_POINTING_MENTIONS = ("title", "bibl")  # mentions only when they point at an entry
SCHEMA_TYPE = {"person": "Person", "place": "Place", "org": "Organization"}
# idno/@type -> URI template. GeoNames as CMIF writes it.
AUTHORITY_URI = {
    "wikidata": "http://www.wikidata.org/entity/{}",
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "https://d-nb.info/gnd/{}",
    "geonames": "https://www.geonames.org/{}",
    "lcnaf": "http://id.loc.gov/authorities/names/{}",
}
_URI_TYPES = ("URI", "uri", "url", "URL")
_MENTION_TAGS = tuple(t(n) for n in MENTION_ELEMENTS)
_ALL_MENTION_TAGS = _MENTION_TAGS + tuple(t(n) for n in _POINTING_MENTIONS)
_ENTRY_TAGS = tuple(t(kind) for kind in ENTRY_LISTS)
# children of a register entry by local name, in any namespace or none ("{*}" in lxml)
_NAME_TAGS = ("{*}persName", "{*}placeName", "{*}orgName", "{*}name")
_READING = ("corr", "reg", "expan")


@dataclass(frozen=True)
class Mention:
    letter: str  # slug
    element: str  # persName, placeName ...
    id: str  # register id, "" when the name has no @ref to an entry
    text: str  # the words as the text edition shows them
    paragraph: str  # xml:id of the nearest enclosing element that has one (p, note, div ...)


def ref_id(value: str | None) -> str:
    """'#per.kennedy other' -> 'per.kennedy'; '' for none or for an external URI."""
    first = (value or "").split()[:1]
    return first[0][1:] if first and first[0].startswith("#") else ""


def ref_ids(el, entries=None) -> list[str]:
    """The ids of every `#id` in the element's @ref, else those of @corresp that are register
    entries (`entries`: ids of the embedded entries; @corresp points at much else)."""
    ids = [token[1:] for token in (el.get("ref") or "").split() if token.startswith("#") and len(token) > 1]
    if ids or entries is None:
        return ids
    return [token[1:] for token in (el.get("corresp") or "").split() if token.startswith("#") and token[1:] in entries]


def reading_text(el) -> str:
    """The text of an element as the text edition has it: notes and deletions left out,
    choice as its corr/reg/expan, a line break a space (unless break="no"), whitespace
    normalised."""
    return " ".join(_reading(el).split())


def _reading(el) -> str:
    parts = [el.text or ""] if isinstance(el.tag, str) else []
    for child in el:
        name = local(child.tag)
        if name == "choice":
            picked = [c for c in child if local(c.tag) in _READING] or [c for c in child if isinstance(c.tag, str)]
            if picked:
                parts.append(_reading(picked[0]))
        elif name == "lb" and child.get("break") != "no":
            parts.append(" ")
        elif name and name not in ("note", "del"):
            parts.append(_reading(child))
        parts.append(child.tail or "")
    return "".join(parts)


# Titles of a titleStmt that name the series, the volume or a part, never the letter itself.
_NOT_OWN_LEVELS = ("s", "m", "j", "u")
_NOT_OWN_TYPES = ("sub", "subtitle", "series", "short", "alt", "desc", "iso-date", "volume")


def letter_title(root) -> str:
    """The letter's own title, for its page, the index and links to it.

    titleStmt/title[@level='a'], else [@type='main'], else the first title that names no
    series, volume or part; else "Sender to Addressee, date" from correspDesc; else ''.
    The first title of a titleStmt is often the series' and the same for every letter.
    """
    header = root.find(t("teiHeader"))
    stmt = header.find(f"{t('fileDesc')}/{t('titleStmt')}") if header is not None else None
    titles = [(el, reading_text(el)) for el in (stmt.iterchildren(t("title")) if stmt is not None else ())]
    titles = [(el, text) for el, text in titles if text]
    for own in (lambda el: el.get("level") == "a", lambda el: el.get("type") == "main",
                lambda el: el.get("level") not in _NOT_OWN_LEVELS and el.get("type") not in _NOT_OWN_TYPES):
        found = next((text for el, text in titles if own(el)), None)
        if found:
            return found
    return _title_from_corresp(header) if header is not None else ""


def _title_from_corresp(header) -> str:
    sent, received, date = [], [], ""
    for action in header.iterfind(f"{t('profileDesc')}/{t('correspDesc')}/{t('correspAction')}"):
        names = [reading_text(el) for el in action if local(el.tag) in ("persName", "orgName", "name", "rs")]
        (sent if action.get("type") == "sent" else received if action.get("type") == "received" else []).extend(
            n for n in names if n)
        if action.get("type") == "sent" and not date:
            when = action.find(t("date"))
            if when is not None:
                date = reading_text(when) or when.get("when") or when.get("notBefore") or ""
    if not sent and not received:
        return ""
    title = " to ".join(part for part in (", ".join(sent), ", ".join(received)) if part)
    return f"{title}, {date}" if date else title


_LIST_TAGS = frozenset(t(name) for name in ENTRY_LISTS.values())


def in_register_list(el) -> bool:
    """Inside an entry of a letter's own back/standOff lists: register data, not the text."""
    return any(a.tag in _LIST_TAGS for a in el.iterancestors())


def mention_elements(root):
    """The mentions' elements, in document order, in the <text> of a standalone letter
    (not those of the register entries in its back lists)."""
    for text in root.iterchildren(t("text")):
        yield from (el for el in text.iter(*_MENTION_TAGS) if not in_register_list(el))


def mentions(letter) -> list[Mention]:
    out = []
    root = letter.tree.getroot()
    entries = embedded_entries(letter.tree)
    for text in root.iterchildren(t("text")):
        for el in text.iter(*_ALL_MENTION_TAGS):
            if in_register_list(el):
                continue
            ids = ref_ids(el, entries)
            if el.tag not in _MENTION_TAGS:  # a title or bibl: only when it names entries
                ids = [i for i in ids if i in entries]
                if not ids:
                    continue
            holder = next((a for a in el.iterancestors() if a.get(XML_ID)), None)
            words, where = reading_text(el), holder.get(XML_ID) if holder is not None else ""
            out.extend(Mention(letter.slug, local(el.tag), ident, words, where) for ident in ids or [""])
    return out


def embedded_entries(tree) -> dict:
    """xml:id -> person/place/org (bibl, event) element in the standalone letter's standOff."""
    return {el.get(XML_ID): el for stand_off in tree.getroot().iterchildren(t("standOff"))
            for el in stand_off.iter(*_ENTRY_TAGS) if el.get(XML_ID)}


def entry_name(entry) -> str:
    """The entry's normalised name, else its first name."""
    names = list(entry.iterchildren(*_NAME_TAGS))
    chosen = next((n for n in names if n.get("type") == "normalised"), None)
    if chosen is None:
        chosen = next((n for n in names if not n.get(XML_LANG)), names[0] if names else None)
    return reading_text(chosen) if chosen is not None else ""


def authority_ids(entry) -> list[tuple[str, str]]:
    """(type, value) of each idno of the entry, in document order."""
    return [(c.get("type") or "", " ".join((c.text or "").split())) for c in entry.iterchildren("{*}idno") if (c.text or "").strip()]


def authority_uris(entry) -> list[str]:
    out = []
    for kind, value in authority_ids(entry):
        if kind in AUTHORITY_URI:
            out.append(AUTHORITY_URI[kind].format(value))
        elif kind in _URI_TYPES:
            out.append(value)
    return out


def preferred_uri(entry, order: tuple[str, ...]) -> str | None:
    """The URI of the first authority in `order` that the entry has."""
    ids = dict(reversed(authority_ids(entry)))  # first idno of each type wins
    for kind in order:
        if kind in ids:
            return AUTHORITY_URI[kind].format(ids[kind])
    return None
