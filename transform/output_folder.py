"""The output folder: safe paths only, atomic writes of changed files only, and the manifest.

Workers of a parallel build write their letters' files themselves (write_output); the
main process keeps the list of what this build made (OutputFolder), removes what an
earlier build made and this one did not, and writes output/manifest.json last. The
manifest records, per output file, its SHA-256 and the source it came from, and, per
source, its SHA-256 and the hashes of the register entries it uses (see pipeline.py).
"""

import hashlib
import json
import os
import re
from pathlib import Path, PurePosixPath

from .xmlio import write_atomic

MANIFEST = "manifest.json"
TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # made by xmlio.write_atomic


class OutputError(Exception):
    pass


def inside(rel: PurePosixPath) -> bool:
    return not (rel.is_absolute() or ".." in rel.parts or not rel.parts or any(p in ("", ".") for p in rel.parts))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_output(root: Path, path: str, data: bytes, check: bool) -> bool:
    """Write one output file unless it already holds these bytes; True when it did not.
    With check, only compare."""
    rel = PurePosixPath(path)
    if not inside(rel):
        raise OutputError(f"refusing to write outside the output folder: {path!r}")
    target = root / rel
    try:
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    if not check:
        try:
            # not fsynced: outputs can be built again, and the rename alone keeps them whole
            write_atomic(target, data, durable=False)
        except OSError as e:
            raise OutputError(f"cannot write {target}: {e.strerror}; check that the output folder is writable") from None
    return True


def manifest_bytes(manifest: dict) -> bytes:
    """JSON with one file or source a line: diffable in git, and written by json's C encoder
    (indent= would use its Python encoder, slow on tens of thousands of entries)."""
    lines = []
    for key, value in manifest.items():
        if isinstance(value, dict) and key in ("files", "sources"):
            items = [f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in value.items()]
            lines.append(f" {json.dumps(key)}: {{" + ("\n" + ",\n".join(items) + "\n }" if items else "}"))
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, sort_keys=True)}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode()


class OutputFolder:
    """What this build made, and the manifest that lists it."""

    def __init__(self, root: Path, check: bool, partial: bool = False):
        self.root = root
        self.check = check
        self.partial = partial  # only some builders ran: keep what the others made
        self.files: dict[str, dict] = {}  # path -> {"sha256": ..., "from": source}
        self.result_written: list[str] = []
        self.result_unchanged: list[str] = []
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

    def claim(self, path: str, digest: str, source: str, written: bool) -> None:
        """Record an output file (already written, or found up to date)."""
        rel = PurePosixPath(path)
        if not inside(rel):
            raise OutputError(f"refusing to write outside the output folder: {path!r}")
        if str(rel) in self.files:
            raise OutputError(f"two outputs claim the same file: {path}")
        self.files[str(rel)] = {"sha256": digest, "from": source}
        (self.result_written if written else self.result_unchanged).append(str(rel))

    def put(self, path: str, data: bytes, source: str) -> None:
        """Write (or, with check, compare) one output made in this process."""
        rel = PurePosixPath(path)
        if not inside(rel):
            raise OutputError(f"refusing to write outside the output folder: {path!r}")
        if str(rel) in self.files:
            raise OutputError(f"two outputs claim the same file: {path}")
        self.claim(path, sha256(data), source, write_output(self.root, path, data, self.check))

    def previous(self) -> dict:
        """The manifest of the last build (only its paths inside the folder count: close()
        deletes them, and the manifest is a file anyone can edit)."""
        try:
            manifest = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return manifest if isinstance(manifest, dict) else {}

    def previous_files(self) -> dict:
        files = self.previous().get("files")
        if isinstance(files, list):  # the manifest of editio before 0.2: a list of paths
            files = {f: {} for f in files if isinstance(f, str)}
        if not isinstance(files, dict):
            return {}
        return {f: v for f, v in files.items() if isinstance(f, str) and inside(PurePosixPath(f))}

    def close(self, header: dict, sources: dict) -> list[str]:
        """Remove what the last build made and this one did not; write the manifest."""
        previous = self.previous_files()
        files = dict(self.files)
        if self.partial:
            kept = self.previous().get("sources")
            sources = {**(kept if isinstance(kept, dict) else {}), **sources}
            files = {**previous, **files}
        old = sorted(p for p in previous if p not in files and (self.root / p).is_file())
        manifest = {"generator": "editio", **header, "files": dict(sorted(files.items())), "sources": dict(sorted(sources.items()))}
        data = manifest_bytes(manifest)
        manifest_path = self.root / MANIFEST
        unchanged = manifest_path.is_file() and manifest_path.read_bytes() == data
        if self.check:
            if not unchanged:
                self.result_written.append(MANIFEST)
            return old
        for p in old:
            (self.root / p).unlink()
        if not unchanged:
            write_atomic(manifest_path, data, durable=False)
        return old
