"""`editio new letter`: a letter from the template, its header and correspDesc filled in
from the registers."""

import os
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..xmlio import parse_bytes
from ..tei import format_date
from .dates_and_ids import ID, check_date, ids_in_sources, prefix_taken
from .layout import KINDS, LETTERS, REGISTERS, SCHEMA, XML_MODEL, ScaffoldError, display, template, write
from .registers import Entry, resolve


def new_letter(root: Path, sender: str, addressee: str, date: str, place_from: str | None = None,
               place_to: str | None = None, letter_id: str | None = None) -> Path:
    """Write tei/letters/ID.xml from the template; returns its path."""
    check_date(date, "--date")
    who_from = resolve(root, KINDS["person"], sender)
    who_to = resolve(root, KINDS["person"], addressee)
    where_from = resolve(root, KINDS["place"], place_from) if place_from else None
    where_to = resolve(root, KINDS["place"], place_to) if place_to else None
    letters = root / LETTERS
    taken_ids = ids_in_sources(root)
    if letter_id is not None:
        if not ID.match(letter_id):
            raise ScaffoldError(f"--id '{letter_id}' cannot be a file name and id prefix: use letters, digits, '.', '-' "
                                "and '_', starting with a letter, e.g. d74")
        if (letters / f"{letter_id}.xml").exists():
            raise ScaffoldError(f"{display(letters / f'{letter_id}.xml')} exists already; choose another --id (nothing was written)")
        if prefix_taken(letter_id, taken_ids):
            raise ScaffoldError(f"xml:ids beginning with '{letter_id}.' are used in the edition already; choose another --id")
    else:
        base = "-".join(x.id.removeprefix(x.kind.prefix) for x in (who_from, who_to)) + f"-{date}"
        base = base if ID.match(base) else f"l{base}"
        letter_id, n = base, 1
        while (letters / f"{letter_id}.xml").exists() or prefix_taken(letter_id, taken_ids):
            n += 1
            letter_id = f"{base}-{n}"
    path = letters / f"{letter_id}.xml"
    registers = os.path.relpath(root / REGISTERS, letters).replace(os.sep, "/")
    schema = root / SCHEMA
    indent = " " * 10

    def name(el: str, entry: Entry) -> str:
        ref = f"{registers}/{entry.kind.file}#{entry.id}"
        return f"{indent}<{el} ref={quoteattr(ref)}>{escape(entry.label)}</{el}>\n"

    sent = name("persName", who_from) + (name("placeName", where_from) if where_from else "")
    sent += f'{indent}<date when="{date}">{format_date(date)}</date>\n'
    received = name("persName", who_to) + (name("placeName", where_to) if where_to else "")
    title = f"Letter from {who_from.label} to {who_to.label}, " + (f"{where_from.label}, " if where_from else "") + format_date(date)
    xml_model = XML_MODEL.format(href=os.path.relpath(schema, letters).replace(os.sep, "/")) if schema.is_file() else ""
    text = template("letter.xml", xml_model=xml_model, title=escape(title), edition=escape(root.absolute().name),
                     id=escape(letter_id), prefix=letter_id, sent=sent, received=received)
    data = text.encode("utf-8")
    parse_bytes(data)
    if path.exists():  # made by someone else meanwhile
        raise ScaffoldError(f"{display(path)} exists already; nothing was written")
    write(path, data)
    return path
