"""ED201: xml:id values are unique within a file.

The parser is told not to stop on a duplicate xml:id (libxml2 would abort the whole file),
so the duplicate is reported here, with the line of the first element that carries it.
"""

from ...tei import XML_ID
from . import at, rule


@rule(
    id="ED201", title="xml:id is used twice in the same file", severity="error",
    doc="An xml:id identifies one element: a second element with the same value in the same file makes "
        "every `#id` pointing at it ambiguous, and XML processors (libxml2, Saxon) refuse the file. The "
        "finding is placed on the second element and names the line of the first.",
    bad='<p xml:id="p1">...</p>\n<p xml:id="p1">...</p>',
    good='<p xml:id="p1">...</p>\n<p xml:id="p2">...</p>',
)
def duplicate_ids(doc, ctx):
    first: dict[str, int] = {}
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        value = el.get(XML_ID)
        if value is None:
            continue
        if value in first:
            yield at(doc, el, f'xml:id="{value}" is already used on line {first[value]}',
                     "an xml:id must be unique within its file: give this element another id "
                     f"(and check which of the two the pointers #{value} mean)", attr=XML_ID)
        else:
            first[value] = el.sourceline or 0
