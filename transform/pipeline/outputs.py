"""The output folder: safe paths only, atomic writes of changed files only, and the manifest.

Workers of a parallel build write their letters' files themselves (write_output); the
main process keeps the list of what this build made (OutputFolder), removes what an
earlier build made and this one did not, and writes output/manifest.json last. The
manifest records, per output file, its SHA-256 and the source it came from, and, per
source, its SHA-256 and the hashes of the register entries it uses (see run.py).
"""

import hashlib
import heapq
import json
import os
import re
from pathlib import Path, PurePosixPath

from ..xmlio import write_atomic

MANIFEST = "manifest.json"
EDITION = "edition"  # the "from" of outputs made from every source (registers, index, exports)
TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # made by xmlio.write_atomic


class OutputError(Exception):
    pass


def inside(rel: PurePosixPath) -> bool:
    return not (rel.is_absolute() or ".." in rel.parts or not rel.parts or any(p in ("", ".") for p in rel.parts))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_name(path: Path, root: Path) -> str:
    """How the manifest and the cache name a source: relative to the project, POSIX."""
    path = path.absolute()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def stamp(path) -> list[int]:
    """Size and modification time of a file ([-1, -1] when it cannot be read)."""
    try:
        st = os.stat(path)
    except OSError:
        return [-1, -1]
    return [st.st_size, st.st_mtime_ns]


def intact(root: Path, rel: str, recorded: list) -> bool:
    """An output file is as the last build left it: same size and time, else same bytes."""
    digest, size, mtime = recorded
    path = os.path.join(root, rel)
    return stamp(path) == [size, mtime] or file_sha256(path) == digest


def write_output(root: Path, path: str, data, check: bool) -> tuple[str, bool]:
    """Write one output file unless it already holds these bytes (with check, only compare):
    its SHA-256, and True when the file did not hold them. data is bytes, or an iterable of
    bytes written as it comes (corpus.xml, the register pages: never whole in memory),
    which is compared with the old file only once it is written."""
    rel = PurePosixPath(path)
    if not inside(rel):
        raise OutputError(f"refusing to write outside the output folder: {path!r}")
    target = root / rel
    if isinstance(data, bytes):
        digest = sha256(data)
        try:
            if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
                return digest, False
        except OSError:
            pass
        if not check:
            _write(target, data)
        return digest, True
    running = hashlib.sha256()

    def hashed():
        for chunk in data:
            running.update(chunk)
            yield chunk

    def same_as_old() -> bool:
        return file_sha256(target) == running.hexdigest()

    if check:
        for _ in hashed():
            pass
        return running.hexdigest(), not same_as_old()
    written = _write(target, hashed(), keep_old=same_as_old)
    return running.hexdigest(), written


def _write(target: Path, data, keep_old=None) -> bool:
    try:
        # not fsynced: outputs can be built again, and the rename alone keeps them whole
        return write_atomic(target, data, durable=False, keep_old=keep_old)
    except OSError as e:
        raise OutputError(f"cannot write {target}: {e.strerror}; check that the output folder is writable") from None


def file_sha256(path) -> str | None:
    """The SHA-256 of a file, read in blocks; None when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def manifest_lines(header: dict, files, sources):
    """output/manifest.json, a line at a time: one file or source a line, diffable in git,
    and never whole in memory (files and sources: (name, entry) pairs, made as they are
    written)."""
    yield b"{\n"
    for key, value in header.items():
        yield f" {json.dumps(key)}: {json.dumps(value, sort_keys=True)},\n".encode()
    for key, items, last in (("files", files, False), ("sources", sources, True)):
        separator = f" {json.dumps(key)}: {{\n".encode()
        for name, value in items:
            yield separator + f"  {json.dumps(name)}: {json.dumps(value, sort_keys=True)}".encode()
            separator = b",\n"
        end = b"}" if separator != b",\n" else b"\n }"
        yield (separator[:-1] if separator != b",\n" else b"") + end + (b"\n}\n" if last else b",\n")


def _listed(path: Path) -> dict | None:
    """The files of a manifest as manifest_lines writes it, read a line at a time; None when
    it is not written so (an older editio, or edited by hand)."""
    files, inside_files = {}, False
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line == ' "files": {\n':
                    inside_files = True
                elif line in (' "files": {},\n', " },\n") and (inside_files or "{}" in line):
                    return files
                elif inside_files:
                    files.update(json.loads("{" + line.rstrip().rstrip(",") + "}"))
    except (OSError, ValueError):
        return None
    return None


class OutputFolder:
    """What this build made, and the manifest that lists it."""

    def __init__(self, root: Path, check: bool, partial: bool = False):
        self.root = root
        self.check = check
        self.partial = partial  # only some builders ran: keep what the others made
        # path -> (SHA-256 as bytes, source): four files a letter, kept small (a dict with the
        # digest as text took 400 bytes a file, this about 230)
        self.files: dict[str, tuple[bytes, str]] = {}
        self.result_written: list[str] = []
        self.result_unchanged: list[str] = []
        self.result_kept: list[str] = []  # files of the last build kept because their source failed (stale)
        if not check:
            self._remove_stale_temporaries()

    def _remove_stale_temporaries(self) -> None:
        """A build killed while writing leaves write_atomic's temporary file (.name.XXXXXXXX.tmp)
        next to the target, never the target half-written: remove such leftovers first."""
        for folder, _dirs, files in os.walk(self.root):  # symlinked folders are not entered
            for name in files:
                if TEMPORARY.match(name):
                    try:
                        os.unlink(os.path.join(folder, name))
                    except OSError:
                        pass

    def _new_name(self, path: str) -> str:
        """The manifest's name of an output path not claimed yet; OutputError when it leaves
        the folder or is claimed twice."""
        parts = path.split("/")
        name = path
        if not path or path.startswith("/") or "" in parts or "." in parts or ".." in parts:  # else plain: no pathlib
            rel = PurePosixPath(path)
            if not inside(rel):
                raise OutputError(f"refusing to write outside the output folder: {path!r}")
            name = str(rel)
        if name in self.files:
            raise OutputError(f"two outputs claim the same file: {path}")
        return name

    def claim(self, path: str, digest: str, source: str, written: bool) -> None:
        """Record an output file (already written, or found up to date)."""
        name = self._new_name(path)
        self.files[name] = (bytes.fromhex(digest), source)
        (self.result_written if written else self.result_unchanged).append(name)

    def digest(self, path: str) -> str:
        """The SHA-256 of an output this build made (claim, put)."""
        return self.files[path][0].hex()

    def put(self, path: str, data, source: str) -> None:
        """Write (or, with check, compare) one output made in this process: bytes, or an
        iterable of bytes written as it comes."""
        self._new_name(path)
        digest, written = write_output(self.root, path, data, self.check)
        self.claim(path, digest, source, written)

    def previous(self) -> dict:
        """The manifest of the last build (only its paths inside the folder count: close()
        deletes them, and the manifest is a file anyone can edit)."""
        try:
            manifest = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return manifest if isinstance(manifest, dict) else {}

    def stale_files(self) -> list[str]:
        """The files the manifest marks stale: kept from an earlier build (see close)."""
        return sorted(p for p, v in self.previous_files().items()
                      if isinstance(v, dict) and v.get("stale") and (self.root / p).is_file())

    def previous_files(self) -> dict:
        files = _listed(self.root / MANIFEST)
        if files is None:
            files = self.previous().get("files")
        if isinstance(files, list):  # the manifest of editio before 0.2: a list of paths
            files = {f: {} for f in files if isinstance(f, str)}
        if not isinstance(files, dict):
            return {}
        return {f: v for f, v in files.items() if isinstance(f, str) and inside(PurePosixPath(f))}

    def close(self, header: dict, sources, keep_from=frozenset()) -> list[str]:
        """Remove what the last build made and this one did not; write the manifest.
        sources: (name, entry) pairs in the order of the names. keep_from: the sources
        (and EDITION, for the corpus-wide files) whose files of the last build are kept when
        this build did not make them, because a source failed: nothing published is lost to
        an error. They are listed in the manifest with "stale": true (result_kept)."""
        previous = self.previous_files()
        made = self.files
        others = {}  # what this build did not make and the manifest still lists
        if self.partial:
            kept = self.previous().get("sources")
            sources = sorted({**(kept if isinstance(kept, dict) else {}), **dict(sources)}.items())
            others = {p: v for p, v in previous.items() if p not in made}
        stale = {p: {**v, "stale": True} for p, v in previous.items()
                 if p not in made and p not in others and isinstance(v, dict) and v.get("from") in keep_from
                 and (self.root / p).is_file()}
        self.result_kept = sorted(stale)
        others.update(stale)
        old = sorted(p for p in previous if p not in made and p not in others and (self.root / p).is_file())
        if not self.check:
            for p in old:
                (self.root / p).unlink()
        # both sorted by path, and no path in both: merged as the manifest is written
        files = heapq.merge(((p, {"sha256": digest.hex(), "from": source}) for p, (digest, source) in sorted(made.items())),
                            sorted(others.items()), key=lambda item: item[0])
        lines = manifest_lines({"generator": "editio", **header}, files, sources)
        if write_output(self.root, MANIFEST, lines, self.check)[1] and self.check:
            self.result_written.append(MANIFEST)
        return old
