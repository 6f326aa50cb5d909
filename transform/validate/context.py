"""What rules share across a run: the id index of every document read so far."""

from pathlib import Path

from ..tei import xml_ids
from ..xmlio import ParseFailure, read_xml


class Context:
    def __init__(self, config):
        self.config = config
        self.project_root: Path = config.root.resolve()
        self.doc_ids: dict[Path, dict[str, int]] = {}  # absolute path -> {xml:id: line}
        self.doc_names: dict[Path, str] = {}  # absolute path -> display name
        self.global_ids: dict[str, list[Path]] = {}  # xml:id -> documents that define it
        self.registers: list[Path] = []
        self.index = None  # what pointers may name (pointers.py): the build's BuildContext, or the validator's
        self._stores: dict[str, object] = {}

    def add(self, doc) -> None:
        path = doc.path.resolve()
        ids = {value: el.sourceline or 0 for value, el in doc.ids.items()}
        self.doc_ids[path] = ids
        self.doc_names[path] = doc.name
        for value in ids:
            self.global_ids.setdefault(value, []).append(path)
        if doc.is_register:
            self.registers.append(path)

    def ids_in(self, path: Path) -> dict[str, int] | None:
        """The xml:ids of a file: one read in this run, or one inside the project that was
        not given (validating a single letter still resolves references to the registers).
        None when the file is not part of the edition or cannot be read."""
        path = path.resolve()
        if path in self.doc_ids:
            return self.doc_ids[path]
        if not path.is_relative_to(self.project_root) or path.suffix.lower() != ".xml" or not path.is_file():
            return None
        try:
            tree = read_xml(path, self.config.max_file_size).tree
        except ParseFailure:
            return None
        ids = {}
        for value in xml_ids(tree):
            if value not in ids:
                ids[str(value)] = value.getparent().sourceline or 0
        self.doc_ids[path] = ids
        return ids

    def store(self, key: str, factory=list):
        """A rule's own collection, kept from check() to finish()."""
        if key not in self._stores:
            self._stores[key] = factory()
        return self._stores[key]
