"""The layout of a project that `editio init` makes and `editio new` writes into (the one of
the editio repository): letters in tei/letters/, registers in
tei/registers/{persons,places,organisations}.xml, the edition schema in tei/schema/."""

import string
from dataclasses import dataclass
from pathlib import Path

from ..xmlio import write_atomic

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LETTERS = Path("tei/letters")
REGISTERS = Path("tei/registers")
SCHEMA = Path("tei/schema/editio.rng")
XML_MODEL = '<?xml-model href="{href}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message says what to do. Nothing was written."""


@dataclass(frozen=True)
class Kind:
    """One register: its file, list element, entry element, name element and id prefix."""

    key: str  # "person" | "place" | "org": the word after `editio new`
    file: str
    list: str
    entry: str
    name: str
    prefix: str
    singular: str
    plural: str
    authorities: tuple  # the idno types of its entries (ED602's authority files), in the order written


KINDS = {
    "person": Kind("person", "persons.xml", "listPerson", "person", "persName", "per.", "person", "persons",
                   ("wikidata", "viaf", "lcnaf", "gnd")),
    "place": Kind("place", "places.xml", "listPlace", "place", "placeName", "pla.", "place", "places",
                  ("wikidata", "geonames", "lcnaf", "gnd")),
    "org": Kind("org", "organisations.xml", "listOrg", "org", "orgName", "org.", "organisation", "organisations",
                ("wikidata", "viaf", "lcnaf", "gnd")),
}


def register_path(root: Path, kind: Kind) -> Path:
    return root / REGISTERS / kind.file


def template(name: str, **values) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    return string.Template(text).substitute(values) if values else text


def display(path: Path) -> str:
    from ..diagnostics import display_path

    return display_path(path)


def write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as e:
        raise ScaffoldError(f"cannot write {display(path)}: {e.strerror}; check that you may write to that folder "
                            "(nothing was changed)") from None
