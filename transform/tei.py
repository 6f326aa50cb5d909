"""TEI names shared by every module, and how a date is written in words."""

import re

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS, "xml": XML_NS}
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

# Elements whose @ref names a register entry, by register kind.
NAME_ELEMENTS = {"persName": "person", "placeName": "place", "orgName": "org"}
REGISTER_LISTS = ("listPerson", "listPlace", "listOrg")
# The entries of a register or of a letter's own back/standOff lists, and the list each sits in
# (an entry's own nested bibl is no entry).
ENTRY_LISTS = {"person": "listPerson", "place": "listPlace", "org": "listOrg", "bibl": "listBibl", "event": "listEvent"}
# Attributes that point at other elements (TEI att.pointing, att.canonical and friends).
POINTER_ATTRIBUTES = ("ref", "corresp", "target", "who")
# The elements with a pointer attribute, from the context element down, in document order:
# libxml2 picks them out many times faster than a Python loop tests every element.
pointer_elements = etree.XPath("descendant-or-self::*[" + " or ".join(f"@{a}" for a in POINTER_ATTRIBUTES) + "]")
# The elements with a @key (matched to a register entry when editio.toml's key_matches says
# how), from the context element down, in document order.
keyed_elements = etree.XPath("descendant-or-self::*[@key]")
# Every xml:id attribute of a document, in document order.
xml_ids = etree.XPath("//@xml:id")


def t(name: str) -> str:
    """Clark name of a TEI element: t('persName') -> '{http://www.tei-c.org/ns/1.0}persName'."""
    return f"{{{TEI_NS}}}{name}"


def local(tag) -> str:
    """Local name of an element tag (comments and PIs give '')."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# A date as @when writes it to the day, the month or the year: YYYY-MM-DD, YYYY-MM, YYYY.
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def format_date(iso: str) -> str:
    """'1917-05-29' -> '29 May 1917', '1917-05' -> 'May 1917'; anything that is not an ISO
    date is returned as is."""
    m = ISO_DATE.match(iso or "")
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return iso
    year, month, day = m.groups()
    parts = [str(int(day))] if day else []
    if month:
        parts.append(MONTHS[int(month) - 1])
    return " ".join([*parts, year])
