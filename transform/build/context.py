"""What builders share during one build: the registers, options and per-builder stores."""

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..tei import NS, XML_ID


@dataclass
class RegisterEntry:
    id: str
    kind: str  # "person" | "place" | "org"
    element: etree._Element  # the <person>/<place>/<org> (kept: registers are small next to letters)
    file: Path  # the register file it comes from
    digest: str | None = None  # its hash, worked out when first needed (letter_job.entry_hash)


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
        entries = self.register_files.setdefault(path, {})
        for kind in ("person", "place", "org"):
            for el in doc.root.iter(f"{{{NS['tei']}}}{kind}"):
                entry_id = el.get(XML_ID)
                if entry_id:
                    entry = RegisterEntry(entry_id, kind, el, path)
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
