"""What a letter uses, and what each of those things is now.

A letter is processed again when any value it used differs from the one the last build
recorded (run.py). Keys, and what their value is:
  "#id"            the register entry a corpus-wide #id (or bare id) names: its hash, or None
  "path#id"        the entry with that id in the register file at path (relative to the
                   project): its hash, or None
  "ids:path"       the ids of a register file, when a pointer names one it lacks (the
                   finding suggests the closest ones)
  "file:path"      whether a file named by a pointer that is no register exists
  "letter:path"    another letter pointed at: its slug, title and date
  "key:value"      the entry a @key names (editio.toml's key_matches): its hash, or None
  "schema:path"    the RelaxNG schema the letter is validated against: its hash
"""

import hashlib
import os
from pathlib import Path

from .. import pointers
from ..resources import edition_schema_dir
from ..tei import keyed_elements
from .outputs import file_sha256, source_name



class Uses:
    """The keys of one build: what a letter uses, and the value of a key as the registers
    and files are now. The file system is asked once per path and build (a new build makes
    a new Uses: files may have changed since the last one)."""

    def __init__(self, ctx, root: Path):
        self.ctx = ctx  # the build's BuildContext (None: only "file:" and "schema:" keys are asked)
        self.root = root
        self._resolved: dict = {}  # name -> real path
        self._folders: dict = {}  # folder -> real path
        self._names: dict = {}  # real path -> source_name
        self._file_hashes: dict = {}

    def of_letter(self, doc, schema, memo: dict | None = None) -> dict:
        """The keys the letter uses, with their values; schema: the one it is validated
        against; memo: shared with the other resolvers of the letter's job (pointers.Resolver)."""
        ctx, root = self.ctx, self.root
        uses: dict = {}
        pending = [(doc.root, doc.path, set(doc.ids))]
        prefixes = pointers.prefix_defs(doc.root)
        keyed = bool(getattr(ctx.config, "key_matches", None))
        seen = set()
        while pending:
            top, base, own = pending.pop()
            resolver = pointers.Resolver(ctx, base, own, prefixes, memo)
            found = [resolver.resolve(token) for _, _, tokens in pointers.written_pointers(top) for token in tokens]
            if keyed:
                for el in keyed_elements(top):
                    target = resolver.resolve_key(el.get("key"))
                    found.append(target)
                    if target.kind == pointers.UNRESOLVED or target.how == pointers.KEY:
                        uses[f"key:{el.get('key').strip()}"] = None
            for target in found:
                entry = self._use(target, base, uses)
                if entry is not None and id(entry) not in seen:  # entries point at entries: follow them
                    seen.add(id(entry))
                    pending.append((entry.element, entry.file, ()))
        if isinstance(schema, Path):
            uses[f"schema:{self._schema_name(schema)}"] = None
        for key in uses:
            uses[key] = self.value(key)  # (the value as the registers are now)
        return dict(sorted(uses.items()))

    def _use(self, target, base: Path, uses: dict):
        """Adds the keys a resolved pointer depends on; the entry it names, if any."""
        kind = target.kind
        if kind in (pointers.EXTERNAL, pointers.LOCAL):
            return None
        if kind == pointers.LETTER:
            uses[f"letter:{self._name(target.letter.path)}"] = None
            return None
        if target.how == pointers.KEY:  # its key is recorded by the caller
            return target.entry
        file, fragment = pointers.split(target.token) if not target.how else ("", target.fragment)
        if kind == pointers.ENTRY and target.via_file is None:
            uses[f"#{target.entry.id}"] = None
            return target.entry
        if kind == pointers.ENTRY:
            uses[f"{self._name(target.via_file)}#{fragment}"] = None
            return target.entry
        # unresolved: what would make it resolve
        if not file:
            uses[f"#{fragment or target.token}"] = None
            return None
        name = self._name(self._real(os.path.join(base.parent, file)))
        if fragment and target.reason.startswith(f": {file} has no entry"):
            uses[f"{name}#{fragment}"] = None
            uses[f"ids:{name}"] = None
        else:
            uses[f"file:{name}"] = None
            if "/" not in file and "#" not in target.token:  # a bare token: an id that may appear
                uses[f"#{file}"] = None
        return None

    def value(self, key: str):
        """The current value of a key (see the module docstring)."""
        ctx = self.ctx
        kind, _, rest = key.partition(":")
        if kind == "file":
            return os.path.isfile(self._absolute(rest))
        if kind == "schema":
            path = self._schema_path(rest)
            if path not in self._file_hashes:
                self._file_hashes[path] = file_sha256(path)
            return self._file_hashes[path]
        if kind == "ids":
            return _digest(sorted(ctx.register_files.get(self._real(rest), {})))
        if kind == "letter":
            ref = ctx.letters.get(self._real(rest))
            return _digest([ref.slug, ref.title, ref.date]) if ref else None
        if kind == "key":
            return self._entry_hash(ctx.keys.get(rest))
        file, _, fragment = key.partition("#")
        if not file:
            entry = ctx.registers.get(fragment)
            ref = ctx.letter_ids.get(fragment) if entry is None else None  # an id may come to name a letter
            return self._entry_hash(entry) if ref is None else _digest([ref.slug, ref.title, ref.date])
        return self._entry_hash(ctx.register_files.get(self._real(file), {}).get(fragment))

    def _name(self, path: Path) -> str:
        return self._names.get(path) or self._names.setdefault(path, source_name(path, self.root))

    def _schema_name(self, schema: Path) -> str:
        """editio's own schema is named where editio keeps it, not by the path of this install,
        so the manifest is the same wherever editio is installed."""
        own = edition_schema_dir()
        if not schema.absolute().is_relative_to(self.root) and schema.absolute().is_relative_to(own):
            return "editio:" + schema.absolute().relative_to(own).as_posix()
        return source_name(schema, self.root)

    def _schema_path(self, name: str) -> str:
        if name.startswith("editio:"):
            return str(edition_schema_dir() / name.removeprefix("editio:"))
        return self._absolute(name)

    def _absolute(self, name: str) -> str:
        return name if os.path.isabs(name) else os.path.join(self.root, name)

    def _real(self, name: str) -> Path:
        """The real path of a file the project names (Path.resolve). A folder's is asked once:
        thousands of letters share a few folders, and resolving each whole path asks the file
        system about each of its folders again."""
        if name not in self._resolved:
            folder, file = os.path.split(self._absolute(name))
            if file in ("", ".", "..") or os.path.islink(os.path.join(folder, file)):
                self._resolved[name] = Path(self._absolute(name)).resolve()
            else:
                if folder not in self._folders:
                    self._folders[folder] = Path(folder).resolve()
                self._resolved[name] = self._folders[folder] / file
        return self._resolved[name]

    def _entry_hash(self, entry) -> str | None:
        """The hash of a register entry: its file (as the project names it) and its XML."""
        if entry is None:
            return None
        if entry.digest is None:
            entry.digest = _digest([source_name(entry.file, self.root), entry.data.decode("latin-1")])
        return entry.digest


def _digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:20]
