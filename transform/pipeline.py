"""editio build: sources -> validation -> standalone letter -> builders -> output/.

Each source is read once. Registers come first (discover orders them), so every letter
can be made standalone as soon as it is read; a letter is then handed to every builder
and dropped. Outputs are written atomically and only when their bytes changed; outputs
of an earlier build that this build no longer makes are removed.
"""

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .build import Output, builders as make_builders
from .build.context import BuildContext
from .build.standalone import letter_slug, make_standalone
from .xmlio import write_atomic

MANIFEST = "manifest.json"
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # made by xmlio.write_atomic


class OutputError(Exception):
    pass


@dataclass
class Letter:
    """What a builder receives: the standalone tree, the slug of its outputs, the source."""

    slug: str
    tree: object  # lxml ElementTree of the standalone letter
    source: object  # the corpus Document (read-only)


@dataclass
class BuildResult:
    report: object  # the validation Report
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # letters not built (not well-formed, or invalid with --strict)
    warnings: list[str] = field(default_factory=list)  # what builders could not do as asked

    @property
    def stale(self) -> list[str]:
        return self.written + self.removed


class OutputFolder:
    """The output folder: safe paths only, atomic writes, or (check) comparison only."""

    def __init__(self, root: Path, check: bool, partial: bool = False):
        self.root = root
        self.check = check
        self.partial = partial  # only some builders ran: keep what the others made
        self.made: list[str] = []
        self.result_written: list[str] = []
        self.result_unchanged: list[str] = []
        if not check:
            self._remove_stale_temporaries()

    def _remove_stale_temporaries(self) -> None:
        """A build killed while writing leaves write_atomic's temporary file (.name.XXXXXXXX.tmp)
        next to the target, never the target half-written: remove such leftovers first."""
        for folder, _dirs, files in os.walk(self.root):  # symlinked folders are not entered
            for name in files:
                if _TEMPORARY.match(name):
                    try:
                        os.unlink(os.path.join(folder, name))
                    except OSError:
                        pass

    def put(self, out: Output) -> None:
        rel = PurePosixPath(out.path)
        if not _inside(rel):
            raise OutputError(f"refusing to write outside the output folder: {out.path!r}")
        if str(rel) in self.made:
            raise OutputError(f"two outputs claim the same file: {out.path}")
        self.made.append(str(rel))
        target = self.root / rel
        try:
            same = target.is_file() and target.read_bytes() == out.data
        except OSError:
            same = False
        if same:
            self.result_unchanged.append(str(rel))
            return
        self.result_written.append(str(rel))
        if not self.check:
            try:
                write_atomic(target, out.data)
            except OSError as e:
                raise OutputError(f"cannot write {target}: {e.strerror}; check that the output folder is writable") from None

    def previous(self) -> list[str]:
        try:
            files = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return []
        # the manifest is a file anyone can edit: only its paths inside the folder count
        # (close() deletes them)
        return [f for f in files if isinstance(f, str) and _inside(PurePosixPath(f))] if isinstance(files, list) else []

    def close(self) -> list[str]:
        """Remove what the last build made and this one did not; record what this one made."""
        made = set(self.made)
        previous = self.previous()
        if self.partial:
            made |= set(previous)
        old = [p for p in previous if p not in made and (self.root / p).is_file()]
        manifest = (json.dumps({"generator": "editio", "files": sorted(made)}, indent=1) + "\n").encode()
        manifest_path = self.root / MANIFEST
        if self.check:
            if not manifest_path.is_file() or manifest_path.read_bytes() != manifest:
                self.result_written.append(MANIFEST)
            return old
        for p in old:
            (self.root / p).unlink()
        if not manifest_path.is_file() or manifest_path.read_bytes() != manifest:
            write_atomic(manifest_path, manifest)
        return old


def _inside(rel: PurePosixPath) -> bool:
    return not (rel.is_absolute() or ".." in rel.parts or not rel.parts or any(p in ("", ".") for p in rel.parts))


def build(config, paths: list[Path], *, check: bool = False, strict: bool = False, only=None, options=None) -> BuildResult:
    from .validate.runner import Validator

    validator = Validator(config)
    ctx = BuildContext(config, options or {})
    chosen = make_builders(only)
    out = OutputFolder(config.path(config.output), check, partial=bool(only))
    skipped = []
    for path in validator.start(paths):
        errors_before = validator.report.count("error")
        doc = validator.check_file(path)
        if doc is None:
            skipped.append(str(path))
            continue
        if doc.is_register:
            ctx.add_registers(doc)
            continue
        if strict and validator.report.count("error") > errors_before:
            skipped.append(doc.name)
            continue
        letter = Letter(letter_slug(doc.path), make_standalone(doc, ctx), doc)
        for builder in chosen:
            for output in builder.build(letter, ctx):
                out.put(output)
    report = validator.finish()
    for builder in chosen:
        for output in builder.finish(ctx):
            out.put(output)
    removed = out.close()
    return BuildResult(report, out.result_written, out.result_unchanged, removed, skipped, ctx.warnings)
