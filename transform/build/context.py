"""What builders share during one build: the registers, options and per-builder stores."""

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..tei import NS, XML_ID


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
    kind: str  # "person" | "place" | "org"
    data: bytes  # the <person>/<place>/<org>, with the namespaces in scope
    register: RegisterFile  # the register file it comes from
    digest: str | None = None  # its hash, worked out when first needed (letter_job.entry_hash)

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
    letter_records: object = None  # (key, by_slug) -> iterator of stores: set by pipeline.Finish
    _stores: dict = field(default_factory=dict)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def add_registers(self, doc) -> None:
        path = doc.path.resolve()
        licences = doc.root.xpath("tei:teiHeader//tei:availability/tei:licence", namespaces=NS)
        register = RegisterFile(path, doc.root.get(f"{{{NS['xml']}}}lang"), [copy.deepcopy(lic) for lic in licences])
        entries = self.register_files.setdefault(path, {})
        for kind in ("person", "place", "org"):
            for el in doc.root.iter(f"{{{NS['tei']}}}{kind}"):
                entry_id = el.get(XML_ID)
                if entry_id:
                    entry = RegisterEntry(entry_id, kind, etree.tostring(el, with_tail=False), register)
                    entries[entry_id] = entry
                    self.registers.setdefault(entry_id, entry)

    def begin_letter(self) -> None:
        """Builders' stores and warnings from here on are one letter's (see end_letter)."""
        self._stores, self.warnings = {}, []

    def end_letter(self) -> tuple[dict, list[str]]:
        stores, warnings = self._stores, self.warnings
        self._stores, self.warnings = {}, []
        return stores, warnings

    def records(self, key: str, by_slug: bool = False):
        """Each letter's store for `key` (what build() kept of it), for finish(): read one
        letter at a time (pipeline.Finish), in the order of the sources or of the slugs.
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
