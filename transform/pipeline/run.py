"""The build loop: one Build, from the sources to output/ (see the package's docstring)."""

import contextlib
import ctypes
import itertools
import json
import multiprocessing
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..builders import builders as make_builders
from ..builders.context import BuildContext
from ..corpus import looks_like_register
from ..diagnostics import Diagnostic, display_path
from . import job
from ..resources import code_hash
from ..validate.findings_cache import FindingsCache
from .cache import CACHE_DIR, Cache, Dependencies, Entries, entry_text, read_entry
from .dependencies import Uses
from .finish import Finish, as_list
from .session import Session
from .outputs import EDITION, MANIFEST, OutputError, OutputFolder, file_sha256, intact, sha256, source_name, stamp

_POOL_MINIMUM = 8  # fewer letters to process than this: a pool costs more than it saves
_RACY = 2_000_000_000  # ns: a file changed this close to the last build may have changed unseen since


@dataclass
class BuildResult:
    report: object  # the validation Report
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # letters not built (not well-formed)
    kept: list[str] = field(default_factory=list)  # outputs of an earlier build kept because their source failed: stale
    warnings: list[str] = field(default_factory=list)  # what builders could not do as asked
    letters: int = 0  # letters among the sources
    processed: int = 0  # letters validated and built in this run (the others came from the cache)

    @property
    def stale(self) -> list[str]:
        return self.written + self.removed


def build(config, paths: list[Path], *, check: bool = False, only=None, options=None,
          jobs: int | None = None, force: bool = False, progress=None, letters_done=None,
          session: Session | None = None) -> BuildResult:
    """Build the edition. check: compare only; only: these builders (export); jobs: processes
    (None: one per core); force: ignore the build cache; progress(done, total) is called
    as letters are done; letters_done(written, findings) is called with the output files
    the letters built again wrote and their findings (by source as findings name it), as
    soon as the last of them is done and before the corpus-wide finish steps (editio serve
    reloads the browser then); session: what a process that builds again and again (editio
    serve) keeps from one build for the next (session.py)."""
    options = {k: v for k, v in (options or {}).items() if v is not None and v is not False}  # as given, defaults left out
    # --check and export must leave the cache as it is: they keep their letters' data aside
    with tempfile.TemporaryDirectory(prefix="editio-") if check or only else contextlib.nullcontext() as scratch:
        return Build(config, options, only=only, check=check, scratch=scratch, force=force,
                     session=session).run(paths, jobs, progress, letters_done)


class Build:
    """One build's state: what was asked, the validator and the build context (which hold
    the registers), the builders, the output folder, the cache and the sources. The job of
    each letter (job.py) reads it; the workers of a pool inherit it when they are forked."""

    def __init__(self, config, options: dict, *, only=None, check: bool = False, scratch: str | None = None,
                 force: bool = False, session: Session | None = None):
        from ..validate.runner import Validator

        self.config, self.options, self.check = config, options, check
        self.root = config.root.resolve()
        # schema verdicts are shared with editio validate, also by --check and export (read only)
        self.validator = Validator(config, findings=FindingsCache(self.root / CACHE_DIR, config, read=not force,
                                                                  write=scratch is None))
        self.ctx = BuildContext(config, options)
        self.builders = make_builders(only)
        self.out = OutputFolder(config.path(config.output), check, partial=bool(only))
        self.save = scratch is None  # the cache is kept for the next build
        records = [cls for b in self.builders for cls in getattr(b, "records", ())]
        self.cache = Cache(Path(scratch) if scratch else self.root / CACHE_DIR, _cache_key(config, options, self.builders),
                           read=not (scratch or force), records=records)
        self.uses = Uses(self.ctx, self.root)  # what letters use, asked of the file system once per build
        self.session = session or Session(keep=False)
        # the sources, in the order discover gives them (registers first)
        self.files: list[Path] = []
        self.registers: list[Path] = []
        self.letters: list[Path] = []
        self.names: dict[Path, str] = {}  # source -> its name in the manifest and the cache
        self.hashes: dict[Path, str] = {}
        self.stamps: dict[Path, list] = {}
        self.edited = False  # a source's hash is not the one the last build recorded (_hashes)

    def run(self, paths: list[Path], jobs: int | None, progress, letters_done=None) -> BuildResult:
        self.files = self.validator.start(paths)
        self.registers = list(itertools.takewhile(looks_like_register, self.files))  # discover puts them first
        self.letters = self.files[len(self.registers):]
        _check_slugs(self.letters)
        self.names = {p: source_name(p, self.root) for p in self.files}
        self.cache.started = time.time_ns()  # before any source is looked at (see _hashes)
        self.stamps = {p: stamp(p) for p in self.files}
        self.hashes = self._hashes()
        if self._unchanged():  # nothing changed: reuse everything, read nothing
            result = self._replay()
            result.kept = self.out.stale_files()
            return result
        return self._build(jobs, progress, letters_done)

    def _build(self, jobs: int | None, progress, letters_done=None) -> BuildResult:
        validator, ctx, cache, out, names, hashes = self.validator, self.ctx, self.cache, self.out, self.names, self.hashes
        letters, registers = self.letters, self.registers
        validator.ctx.index = ctx  # pointers are resolved against the build's registers and letters
        self.session.read(self, _read_register)
        _return_freed_memory()
        # the dependencies whose value changed since the last build, each worked out once
        changed = cache.dependencies.changed(self.uses.value)
        reused, todo = set(), []  # the entries are decoded again as they are used: never all at once
        for path in letters:
            entry = cache.letter(names[path])
            if entry is not None and _still_valid(entry, hashes[path], changed, out.root):
                reused.add(path)
            else:
                todo.append(path)
        if todo:
            validator.compile_schema_of(todo)  # before the workers fork: compiled once, not in each
        again = _Again(len(todo), letters_done)
        running = self._run(todo, jobs, progress, again)  # taken as they come: the results are never all in memory
        if len(todo) < _POOL_MINIMUM:  # but a few are built now, so that their pages come before the cached letters are gone over
            running = iter(list(running))

        result = BuildResult(validator.report, letters=len(letters), processed=len(todo))
        index = Entries((names[p], _register_entry(hashes[p], self.stamps[p])) for p in registers)  # source -> entry_text
        dependencies = Dependencies()  # this build's table: the last one's, less what no letter uses now
        recovered = {}  # source -> facts and records of a letter the cache does not have
        for path in letters:
            name, fresh = names[path], path not in reused
            before = cache.take(name)
            data = _last_good(next(running)[1], before) if fresh else before
            validator.report.files.append(display_path(path))
            validator.report.diagnostics.extend(Diagnostic(*d) for d in data["diagnostics"])
            if data["kind"] == "register":  # one the sniffing missed: read as one now, too late for the letters
                _late_register(validator, ctx, path)
                registers.append(path)
                index[name] = _register_entry(hashes[path], self.stamps[path])
                continue
            result.warnings.extend(data["warnings"])
            if data["skipped"]:
                result.skipped.append(display_path(path))
            for output, recorded in data["outputs"].items():
                out.claim(output, recorded[0], name, fresh and recorded[1])
            entry = {key: data[key] for key in ("sha256", "slug", "kind", "diagnostics", "warnings", "skipped", "digests")}
            entry["stat"] = self.stamps[path]
            uses = data["uses"] if fresh else cache.dependencies.decode(data["uses"])
            entry["uses"] = dependencies.encode(uses)
            entry["outputs"] = {o: [recorded[0], *stamp(os.path.join(out.root, o))] for o, recorded in data["outputs"].items()}
            index[name] = entry_text(entry)
            if data.get("facts") is not None:  # processed here, and the cache could not take them
                recovered[name] = {"facts": data["facts"], **data["records"]}
        letter_files = {display_path(p) for p in letters} - {display_path(p) for p in registers}
        first = [d for d in validator.report.diagnostics if d.file not in letter_files]  # discover's and the registers'

        paths = {names[p]: p for p in letters}

        def recover(name: str) -> dict:
            if name not in recovered:
                data = job.run(self, paths[name], keep=False)
                recovered[name] = {"facts": data["facts"], **data["records"]}
            return recovered[name]

        cache.forget(set(cache.letters) - set(index))
        finish = Finish(cache, index, [names[p] for p in registers], out, recover,
                        ["facts", *(b.name for b in self.builders)])
        validator.report.diagnostics.extend(finish.rules(validator))
        validator.report.diagnostics.sort(key=Diagnostic.sort_key)
        for builder in self.builders:
            result.warnings.extend(finish.builder(builder, ctx))

        sources = ((n, {"sha256": e["sha256"], **({"uses": dependencies.decode(e["uses"])} if "uses" in e else {})})
                   for n, e in ((n, read_entry(index[n])) for n in sorted(index)))  # a line at a time as the manifest is written
        result.removed = out.close(_manifest_header(self.options), sources, self._failed())
        result.written, result.unchanged, result.kept = out.result_written, out.result_unchanged, out.result_kept
        if self.save:
            cache.save(index, {"first": [as_list(d) for d in first], "parts": finish.parts}, dependencies)
        index.close()
        self.session.ready()
        return result

    def _run(self, todo: list[Path], jobs: int | None, progress, again):
        """(path, result) of each letter, in the order given; again (_Again) is told of each."""
        jobs = jobs or os.cpu_count() or 1
        total = len(todo)
        if jobs > 1 and total >= _POOL_MINIMUM and "fork" in multiprocessing.get_all_start_methods():
            # fork: the workers inherit this Build (registers read, stylesheets and schemas compiled)
            with multiprocessing.get_context("fork").Pool(min(jobs, total), job.adopt, (self,)) as pool:
                chunk = max(1, min(16, total // (jobs * 8)))
                for done, result in enumerate(pool.imap(job.run_in_worker, todo, chunk), 1):
                    if progress:
                        progress(done, total)
                    again.done(todo[done - 1], result)
                    yield todo[done - 1], result
            return
        for done, path in enumerate(todo, 1):
            result = job.run(self, path)
            if progress:
                progress(done, total)
            again.done(path, result)
            yield path, result

    def _failed(self) -> set[str]:
        """The sources with an error (not well-formed, invalid, not built), and EDITION when there
        is one: their outputs of the last build that this one did not make are kept, stale."""
        errors = {d.file for d in self.validator.report.diagnostics if d.severity == "error"}
        failed = {self.names[p] for p in self.files if display_path(p) in errors}
        return failed | {EDITION} if failed else failed

    # --- deciding what is still valid ---------------------------------------------------------

    def _hashes(self) -> dict:
        """The SHA-256 of each source. A source whose size and modification time are those
        recorded by the last build is taken to be unchanged, as git does, unless its time was
        within _RACY of that build's start: a second edit in the same clock tick would not
        change the time."""
        before = self.cache.header.get("started", 0)
        hashes = {}
        for path in self.files:
            entry = self.cache.letter(self.names[path])
            if entry is not None and entry.get("stat") == self.stamps[path] and self.stamps[path][1] < before - _RACY:
                hashes[path] = entry["sha256"]
            else:
                hashes[path] = file_sha256(path)
                self.edited = self.edited or entry is None or entry.get("sha256") != hashes[path]
        return hashes

    def _unchanged(self) -> bool:
        """Every source as in the last build, no source added or removed, and every output
        as that build left it. Register entries are then unchanged too, since the registers
        are; only the existence of files named by pointers, and schemas, are checked again."""
        finish = self.cache.finish()
        if self.edited or finish is None or set(self.cache.letters) != {self.names[p] for p in self.files}:
            return False
        root = self.out.root
        for path in self.files:
            entry = self.cache.letter(self.names[path])
            if entry is None or entry.get("sha256") != self.hashes[path] or self.hashes[path] is None:
                return False
            if not all(intact(root, rel, recorded) for rel, recorded in (entry.get("outputs") or {}).items()):
                return False
        table = self.cache.dependencies
        if any(key.startswith(("file:", "schema:")) and self.uses.value(key) != value
               for key, value in zip(table.keys, table.values)):
            return False
        return all(intact(root, rel, recorded) for part in finish["parts"].values()
                   for rel, recorded in part["outputs"].items()) and (root / MANIFEST).is_file()

    def _replay(self) -> BuildResult:
        """The result of the last build, which is still what the sources give."""
        report = self.validator.report
        finish = self.cache.finish()
        result = BuildResult(report)
        report.diagnostics = [Diagnostic(*d) for d in finish["first"]]  # also those of discover, again
        for path in self.files:
            entry = self.cache.letter(self.names[path])
            report.files.append(display_path(path))
            if entry.get("kind") != "letter":
                continue
            result.letters += 1
            report.diagnostics.extend(Diagnostic(*d) for d in entry["diagnostics"])
            result.warnings.extend(entry["warnings"])
            if entry["skipped"]:
                result.skipped.append(display_path(path))
            result.unchanged.extend(entry["outputs"])
        for part in finish["parts"].values():
            report.diagnostics.extend(Diagnostic(*d) for d in part["diagnostics"])
            result.warnings.extend(part["warnings"])
            result.unchanged.extend(part["outputs"])
        report.diagnostics.sort(key=Diagnostic.sort_key)
        return result


class _Again:
    """Counts the letters built again and calls letters_done(written, findings) (see build)
    once the last of them is done: their files are on disk before the finish steps start."""

    def __init__(self, todo: int, letters_done):
        self.left, self.letters_done = todo, letters_done
        self.written: list[str] = []
        self.findings: dict[str, list[Diagnostic]] = {}

    def done(self, path: Path, data: dict) -> None:
        if self.letters_done is None:
            return
        self.written.extend(o for o, recorded in data["outputs"].items() if recorded[1])
        self.findings[display_path(path)] = [Diagnostic(*d) for d in data["diagnostics"]]
        self.left -= 1
        if not self.left:
            self.letters_done(self.written, self.findings)


def _last_good(data: dict, before: dict | None) -> dict:
    """A letter that could not be built (not well-formed) keeps its place in the corpus-wide
    outputs (index, corpus.xml, CMIF ...) as its last good build made it: that build's
    records are still in the cache (a failed letter writes its facts only), so its digests
    of them stand in for the records it has none of now. Its own files are kept, stale
    (OutputFolder.close)."""
    if not data["skipped"] or not before or before.get("kind") != "letter":
        return data
    records = {part: d for part, d in before["digests"].items() if part != "facts" and part not in data["digests"]}
    if not records:
        return data
    return {**data, "kind": "letter", "slug": before["slug"], "digests": {**data["digests"], **records}}


def _register_entry(digest: str | None, stamped: list) -> bytes:
    return entry_text({"sha256": digest, "stat": stamped, "kind": "register"})


def _read_register(validator, ctx, path: Path):
    """Check a register and add its entries; its tree is not kept (builders.context.RegisterEntry).
    Returns its Document (None when it cannot be read)."""
    doc = validator.check_file(path)
    if doc is not None and doc.is_register:
        ctx.add_registers(doc)
    return doc


def _return_freed_memory() -> None:
    """Give the heap the registers' trees freed back to the system, which glibc's malloc
    keeps otherwise (about 95 MB at 20,000 generated letters), so that the workers forked
    next do not start with it."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def _late_register(validator, ctx, path: Path) -> None:
    shown = display_path(path)
    validator.report.diagnostics = [d for d in validator.report.diagnostics if d.file != shown]
    _read_register(validator, ctx, path)
    del validator.report.files[-1:]


def _cache_key(config, options: dict, builders: list) -> str:
    """What every cached result depends on: editio's files, the builders, the configuration,
    the options, and the working directory (findings name files relative to it)."""
    settings = {k: v for k, v in vars(config).items() if k != "root"}
    names = [f"{type(b).__module__}.{type(b).__qualname__}" for b in builders]
    return sha256(json.dumps([code_hash(), names, repr(settings), options, os.getcwd()],
                             sort_keys=True, default=str).encode())


def _manifest_header(options: dict) -> dict:
    from ..resources import xslt_dir

    stylesheets = sha256(b"".join(p.relative_to(xslt_dir()).as_posix().encode() + p.read_bytes()
                                  for p in sorted(xslt_dir().rglob("*")) if p.is_file()))
    return {"editio": __version__, "stylesheets": stylesheets, "options": options}


def _still_valid(entry: dict, digest: str | None, changed: set[int], out_root: Path) -> bool:
    if digest is None or entry.get("sha256") != digest or entry.get("kind") != "letter":
        return False
    if changed and not changed.isdisjoint(int(n) for n in entry["uses"].split()):
        return False
    return all(intact(out_root, rel, recorded) for rel, recorded in entry["outputs"].items())


def _check_slugs(letters: list[Path]) -> None:
    from ..builders.standalone import letter_slug

    seen: dict[str, Path] = {}
    for path in letters:
        slug = letter_slug(path)
        if slug in seen:
            raise OutputError(f"two outputs claim the same file: {slug}.* comes from both {display_path(seen[slug])} and "
                              f"{display_path(path)}; rename one of them (a letter's outputs are named after its file)")
        seen[slug] = path
