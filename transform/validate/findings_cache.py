"""Schema verdicts kept between runs, so that editio validate and editio build explain a
document's schema errors once, whichever runs first.

A document's verdict against its schema and the findings that explain it are kept in the
project's .editio-cache/findings/, one file per document, named by the hash of what they
depend on: the document's bytes and name (as the findings show it), the schema file and
its content, the configuration and editio's own code. Anything else makes another name, so
a file found is always right; files no run names any more are left (a build's cache can be
deleted at any time). JSON, never pickle: a cache that came with a cloned project must not
be able to run code. A file that cannot be read is a miss; one that cannot be written only
costs the next run its speed.
"""

import hashlib
import json
from pathlib import Path

from ..resources import code_hash
from ..xmlio import write_atomic

CACHE_DIR = ".editio-cache"  # the project's cache folder, shared with the build (pipeline/cache.py)


class FindingsCache:
    def __init__(self, folder: Path, config, read: bool = True, write: bool = True):
        self.folder = folder / "findings"
        self.read, self.write = read, write
        settings = {k: v for k, v in vars(config).items() if k != "root"}
        self.salt = hashlib.sha256(json.dumps([code_hash(), repr(settings)], default=str).encode()).hexdigest()

    def _file(self, doc, schema: Path, schema_digest: str) -> Path:
        key = hashlib.sha256("\0".join([self.salt, doc.name, str(schema), schema_digest, ""]).encode())
        key.update(doc.data)
        return self.folder / f"{key.hexdigest()[:40]}.json"

    def get(self, doc, schema: Path, schema_digest: str) -> tuple[Path, bool, list] | None:
        """(the schema as the verdict names it, the verdict, the findings as lists), or None."""
        if not self.read:
            return None
        try:
            kept = json.loads(self._file(doc, schema, schema_digest).read_bytes())
            return Path(kept["schema"]), bool(kept["valid"]), [list(f) for f in kept["findings"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, doc, schema: Path, schema_digest: str, judged: Path, valid: bool, findings: list) -> None:
        if not self.write:
            return
        data = json.dumps({"schema": str(judged), "valid": valid, "findings": findings}, ensure_ascii=False)
        try:
            ignore_folder(self.folder.parent)
            self.folder.mkdir(exist_ok=True)
            write_atomic(self._file(doc, schema, schema_digest), data.encode("utf-8"), durable=False)
        except OSError:
            pass


def findings_cache(config) -> FindingsCache | None:
    """For editio validate: the project's findings cache, or None outside a project (no
    editio.toml or pyproject.toml), where validate leaves nothing behind."""
    if not config.source:
        return None
    return FindingsCache(config.root.resolve() / CACHE_DIR, config)


def ignore_folder(folder: Path) -> None:
    """Make the cache folder, with a .gitignore that keeps it out of version control."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# made by editio build: a cache, never to be committed\n*\n")
