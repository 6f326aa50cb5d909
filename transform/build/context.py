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

    def add_records(self, records: dict) -> None:
        """Add one letter's records (end_letter's stores) to the stores finish() reads."""
        for key, part in records.items():
            store = self._stores.setdefault(key, type(part)())
            if isinstance(part, dict):
                for name, value in part.items():
                    if isinstance(value, list):
                        store.setdefault(name, []).extend(value)
                    else:  # first one wins, as with setdefault in a single process
                        target = store.setdefault(name, {})
                        for k, v in value.items():
                            target.setdefault(k, v)
            else:
                store.extend(part)

    def drop_records(self, key: str) -> None:
        self._stores.pop(key, None)

    def store(self, key: str, factory=list):
        if key not in self._stores:
            self._stores[key] = factory()
        return self._stores[key]
