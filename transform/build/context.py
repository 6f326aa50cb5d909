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

    def store(self, key: str, factory=list):
        if key not in self._stores:
            self._stores[key] = factory()
        return self._stores[key]
