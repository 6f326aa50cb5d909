"""The words of the interface in the page's language, for the pages Python builds
(registers, lists of letters): the tables of xslt/html/labels.xsl, which the letter pages
use, so that every page says the same thing in the same language."""

from functools import cache

from lxml import etree

from ..resources import xslt_dir

_XSL = "{http://www.w3.org/1999/XSL/Transform}"


@cache
def _tables() -> dict[tuple[str, str], str]:
    sheet = etree.parse(str(xslt_dir() / "html" / "labels.xsl"))
    variable = sheet.find(f"{_XSL}variable[@name='labels']")
    return {(labels.get("lang"), label.get("key")): label.text or ""
            for labels in variable.iterfind("labels") for label in labels.iterfind("label")}


def label(key: str, lang: str = "en") -> str:
    """The words for `key` in `lang` (a BCP 47 tag; its primary subtag counts), else in English."""
    tables = _tables()
    primary = (lang or "en").split("-")[0].lower()
    return tables.get((primary, key)) or tables[("en", key)]
