"""What builders share during one build: the registers, options and per-builder stores."""

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..tei import ENTRY_LISTS, NS, XML_ID, XML_LANG, t

# the entries of a register, by the list that holds them: person, place and org anywhere in
# a register file (as editio's own registers have them); bibl and event only in their lists
_ONLY_IN_LISTS = ("bibl", "event")


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass
class RegisterFile:
    """What the pages need of a register file besides its entries."""

    path: Path
    lang: str | None  # the xml:lang of its root
    licences: list  # copies of its teiHeader's licence elements


@dataclass
class RegisterEntry:
    """An entry kept as its XML, not as a tree: a register's lxml tree takes about twelve
    times the memory of its XML (97 MB for a register of 20,100 persons, 7.8 MB), and a
    letter needs few entries."""

    id: str
    kind: str  # "person" | "place" | "org" | "bibl" | "event"
    data: bytes  # the <person>/<place>/<org>, with the namespaces in scope
    register: RegisterFile  # the register file it comes from (a letter, for a letter's own lists)
    digest: str | None = None  # its hash, worked out when first needed (pipeline/dependencies.py)
    line: int = 0  # where it starts in its file

    @property
    def file(self) -> Path:
        return self.register.path

    @property
    def element(self) -> etree._Element:
        """A new tree of the entry on each call, free to change (a copy of the entry)."""
        return etree.fromstring(self.data, _PARSER)


@dataclass
class BuildContext:
    config: object
    options: dict = field(default_factory=dict)  # e.g. {"width": 72}
    registers: dict[str, RegisterEntry] = field(default_factory=dict)  # xml:id -> entry
    register_files: dict[Path, dict[str, RegisterEntry]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # printed by the command, never by a builder
    letter_records: object = None  # (key, by_slug) -> iterator of stores: set by the pipeline (pipeline/finish.py)
    letters: dict = field(default_factory=dict)  # absolute path -> pointers.LetterRef, every letter of the build
    letter_ids: dict = field(default_factory=dict)  # a letter's root xml:id -> pointers.LetterRef
    keys: dict[str, RegisterEntry] = field(default_factory=dict)  # @key value -> entry (config key_matches)
    letter_numbers: dict = field(default_factory=dict)  # a letter id's number -> LetterRef (config letter_ids = "number")
    conflicts: list = field(default_factory=list)  # (entry kept, entry not taken): same id, other content
    _stores: dict = field(default_factory=dict)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def add_registers(self, doc) -> None:
        path = doc.path.resolve()
        licences = doc.root.xpath("tei:teiHeader//tei:availability/tei:licence", namespaces=NS)
        register = RegisterFile(path, doc.root.get(XML_LANG), [copy.deepcopy(lic) for lic in licences])
        entries = self.register_files.setdefault(path, {})
        for kind in ENTRY_LISTS:
            for el in doc.root.iter(t(kind)):
                entry_id = el.get(XML_ID)
                if entry_id and (kind not in _ONLY_IN_LISTS or _in_list(el, kind)):
                    entry = RegisterEntry(entry_id, kind, etree.tostring(el, with_tail=False), register, line=el.sourceline or 0)
                    entries[entry_id] = entry
                    self._add(entry, el.attrib, merged=False)

    def add_letter_lists(self, facts) -> None:
        """A letter's own back/standOff entries (letter_index.LetterFacts), merged by xml:id:
        the first of an id is the corpus' entry; another with other content is a conflict."""
        if not facts.entries:
            return
        register = RegisterFile(facts.ref.path, None, [])
        for kind, entry_id, data, line, attributes in facts.entries:
            self._add(RegisterEntry(entry_id, kind, data, register, line=line), attributes, merged=True)

    def _add(self, entry: RegisterEntry, attributes, merged: bool) -> None:
        """merged: an entry of a letter's own list, which is merged with the others of its id
        (two register files defining an id are rule ED204's when a pointer names it);
        attributes: the entry element's."""
        kept = self.registers.setdefault(entry.id, entry)
        if (merged and kept is not entry and kept.register.path != entry.register.path
                and _normalised(kept.data) != _normalised(entry.data)):
            self.conflicts.append((kept, entry))
        if self.config is not None and getattr(self.config, "key_matches", None):
            key = attributes.get(XML_ID if self.config.key_matches == "xml:id" else self.config.key_matches)
            if key:
                self.keys.setdefault(key, kept)

    def add_letter(self, ref) -> None:
        from ..pointers import LETTER_NUMBER

        self.letters[ref.path] = ref
        if ref.id:
            self.letter_ids.setdefault(ref.id, ref)
            number = LETTER_NUMBER.fullmatch(ref.id)
            if number and getattr(self.config, "letter_ids", None) == "number":
                self.letter_numbers.setdefault(int(number.group(1)), ref)

    def begin_letter(self) -> None:
        """Builders' stores and warnings from here on are one letter's (see end_letter)."""
        self._stores, self.warnings = {}, []

    def end_letter(self) -> tuple[dict, list[str]]:
        stores, warnings = self._stores, self.warnings
        self._stores, self.warnings = {}, []
        return stores, warnings

    def records(self, key: str, by_slug: bool = False):
        """Each letter's store for `key` (what build() kept of it), for finish(): read one
        letter at a time (pipeline/finish.py), in the order of the sources or of the slugs.
        Each call starts again from the first letter, so finish() can go over them twice
        instead of holding them all."""
        return self.letter_records(key, by_slug) if self.letter_records else iter(())

    def keep(self, key: str, value) -> None:
        """Keep `value` (bytes, or data as for store) as this letter's record under key."""
        self._stores[key] = value

    def store(self, key: str, factory=list):
        if key not in self._stores:
            self._stores[key] = factory()
        return self._stores[key]


def _in_list(el, kind: str) -> bool:
    parent = el.getparent()
    return parent is not None and parent.tag == t(ENTRY_LISTS[kind])


_SPACE_BETWEEN_TAGS = re.compile(rb">\s+<")
_SPACE = re.compile(rb"\s+")


def _normalised(data: bytes) -> bytes:
    """An entry's XML with whitespace normalised: entries that differ only so are the same."""
    return _SPACE.sub(b" ", _SPACE_BETWEEN_TAGS.sub(b"><", data)).strip()
