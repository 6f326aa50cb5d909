"""What a process that builds the same project again and again (`editio serve`) keeps from
one build for the next: the registers as checked, and each letter's header as indexed.

Both come before the first letter is built, and at 5,000 letters they are most of what
comes before a changed letter's page. Each is used again only when what it was made from
is unchanged:
- the registers' check and entries: the same register files with the same hashes, in the
  same order; the same configuration, options and editio (the build cache's key); the same
  schemas and Schematron files (by their hashes); the same answers from the file system to what the check
  asked of it (which files exist, where a path leads, the ids of files outside the sources);
- a letter's header and lists: the same file with the same hash (and the same key).
A build without a session (`editio build`) reads both, and keeps nothing.
"""

import copy
import os
from dataclasses import dataclass
from pathlib import Path, PurePath

from lxml import etree

from .. import letter_index, pointers
from ..builders.standalone import letter_slug
from .outputs import file_sha256


@dataclass
class _Registers:
    """The state the registers' check left, and what it was made from."""

    made_from: tuple
    asked: dict  # what the check asked of the file system -> the answer (see _asked)
    diagnostics: list
    files: list
    rules: dict  # the rules' shared state (validate.context.Context), without the build's index
    registers: dict
    register_files: dict
    keys: dict


class Session:
    def __init__(self, keep: bool = True):
        self.keep = keep  # False: a single build, which keeps nothing
        self._key = None  # the build cache's key the kept state was made with
        self._registers: _Registers | None = None
        self._spare = None  # a copy of the registers' rules state for the next build (ready)
        self._letters: dict = {}  # path -> (its hash, its LetterFacts or None when unreadable)

    def read(self, build, read_register) -> None:
        """What a build (run.py) does before its letters: check the registers and add their
        entries (read_register(validator, ctx, path) returns the register's Document), then
        index the letters."""
        if self._key != build.cache.key:
            self._key, self._registers, self._spare, self._letters = build.cache.key, None, None, {}
        self._read_registers(build, read_register)
        self._read_letters(build)

    def ready(self) -> None:
        """Copy the registers' rules state for the next build now, after this build's pages
        are written, instead of before the next build's."""
        if self._registers is not None and self._spare is None:
            self._spare = _copied(self._registers.rules)

    def _read_registers(self, build, read_one) -> None:
        """Or put back what the last build's check left, when nothing it was made from changed."""
        validator, ctx = build.validator, build.ctx
        made_from = tuple((build.names[p], build.hashes[p]) for p in build.registers)
        kept = self._registers
        if kept is not None and kept.made_from == made_from and _asked(kept.asked) == kept.asked:
            validator.report.diagnostics.extend(kept.diagnostics)
            validator.report.files.extend(kept.files)
            vars(validator.ctx).update(self._spare or _copied(kept.rules))  # the finish step adds to it
            self._spare = None
            ctx.registers, ctx.keys = dict(kept.registers), dict(kept.keys)
            ctx.register_files = {path: dict(entries) for path, entries in kept.register_files.items()}
            return
        self._registers = self._spare = None
        diagnostics, files = len(validator.report.diagnostics), len(validator.report.files)
        schemas = {str(p) for p in validator.schematron_files}
        for path in build.registers:
            doc = read_one(validator, ctx, path)
            choice = validator.schema_for(doc) if doc is not None else None
            if isinstance(choice, Path):
                schemas.add(str(choice))
        if not self.keep or any(digest is None for _, digest in made_from):
            return
        rules = {k: v for k, v in vars(validator.ctx).items() if k not in ("config", "project_root", "index")}
        sources = {p.resolve() for p in build.registers}
        asked = {"exists": dict(pointers._EXISTS), "real": dict(pointers._REAL), "schemas": dict.fromkeys(schemas),
                 "read": dict.fromkeys(p for p in validator.ctx.doc_ids if p not in sources)}
        self._registers = _Registers(
            made_from, _asked(asked), validator.report.diagnostics[diagnostics:], validator.report.files[files:],
            copy.deepcopy(rules), dict(ctx.registers), {path: dict(entries) for path, entries in ctx.register_files.items()},
            dict(ctx.keys))

    def _read_letters(self, build) -> None:
        """Add every letter and its own lists' entries to the build's index (letter_index.py),
        reading only the letters whose hash changed since the last build of this session."""
        ctx, kept = build.ctx, {}
        for path in build.letters:
            digest = build.hashes[path]
            found = self._letters.get(path)
            if found is None or digest is None or found[0] != digest:
                found = (digest, letter_index.read(path, letter_slug(path)))
            kept[path] = found
            if found[1] is not None:
                ctx.add_letter(found[1].ref)
                ctx.add_letter_lists(found[1])
        if self.keep:
            self._letters = kept


def _asked(questions: dict) -> dict:
    """The file system's answers now to the questions a check asked: pointers.py's paths and
    existence, and the hashes of the schemas, the Schematron files and the files outside the
    sources whose ids it read."""
    return {"exists": {p: os.path.exists(p) for p in questions["exists"]},
            "real": {(folder, file): Path(os.path.realpath(os.path.join(folder, file))) for folder, file in questions["real"]},
            "schemas": {s: file_sha256(Path(s)) if os.path.isfile(s) else None for s in questions["schemas"]},
            "read": {p: file_sha256(p) for p in questions["read"]}}


_SHARED = (str, bytes, int, float, bool, type(None), PurePath, etree._Element)


def _copied(value):
    """A copy of the rules' state after the registers for one build to add to: its lists,
    dicts and sets copied, what none changes in place shared (Python's deepcopy takes ten
    times as long: 0.17 s at 5,000 letters). The trees in it are the snapshot's own copies
    (copy.deepcopy when it is taken), so no register's tree is kept."""
    kind = type(value)
    if kind is dict:
        return {key: _copied(item) for key, item in value.items()}
    if kind is list:
        return [_copied(item) for item in value]
    if kind is tuple:
        return tuple(_copied(item) for item in value)
    if kind is set:
        return set(value)
    if isinstance(value, _SHARED):
        return value
    return copy.deepcopy(value)
