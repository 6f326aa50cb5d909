"""editio build: sources -> validation -> standalone letter -> builders -> output/.

1. The registers are read and checked here, first: every letter needs them.
2. Each letter is one job (letter_job.run): read, validated against the registers only,
   made standalone and handed to every builder, which write its files. Jobs run in a pool
   of processes (jobs > 1) or here; either way no stage holds more than one parsed letter.
3. A letter whose source, register entries, schema and editio are as in the last build
   is not processed again: its findings, facts and records come from the build cache
   (build_cache.py), once its outputs are checked to be as that build left them.
4. The finish steps (corpus-wide validation rules, registers, index, exports) work on the
   letters' facts and records, never on the sources, and run only when something changed.
5. output/manifest.json is written last: per output file its hash and source, per source
   its hash and the hashes of the register entries it uses. What the last build made and
   this one did not is removed.

Whatever the number of processes and whatever the cache holds, the output is the same
bytes as a clean build in one process (tests/test_incremental.py).
"""

import ctypes
import itertools
import json
import multiprocessing
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, letter_index, letter_job
from .builders import builders as make_builders
from .builders.context import BuildContext
from .build_cache import CACHE_DIR, Cache, Dependencies, code_hash
from .corpus import looks_like_register
from .diagnostics import Diagnostic
from .letter_job import Letter, source_name  # noqa: F401  (Letter: what builders receive)
from .output_folder import MANIFEST, TEMPORARY as _TEMPORARY, OutputError, OutputFolder, file_sha256, sha256  # noqa: F401
from .validate import facts

EDITION = "edition"  # the "from" of outputs made from every source (registers, index, exports)
_POOL_MINIMUM = 8  # fewer letters to process than this: a pool costs more than it saves


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
          jobs: int | None = None, force: bool = False, progress=None) -> BuildResult:
    """Build the edition. check: compare only; only: these builders (export); jobs: processes
    (None: one per core); force: ignore the build cache; progress(done, total) is called
    as letters are done."""
    from .validate.runner import Validator

    options = {k: v for k, v in (options or {}).items() if v is not None and v is not False}  # as given, defaults left out
    root = config.root.resolve()
    validator = Validator(config)
    ctx = BuildContext(config, options)
    chosen = make_builders(only)
    out = OutputFolder(config.path(config.output), check, partial=bool(only))
    files = validator.start(paths)
    registers = list(itertools.takewhile(looks_like_register, files))  # discover puts them first
    letters = files[len(registers):]
    _check_slugs(letters)
    names = {p: source_name(p, root) for p in files}
    # --check and export must leave the cache as it is: they keep their letters' data aside
    scratch = tempfile.TemporaryDirectory(prefix="editio-") if check or only else None
    try:
        cache = Cache(Path(scratch.name) if scratch else root / CACHE_DIR, _cache_key(config, options, chosen),
                      read=not (scratch or force))
        cache.started = time.time_ns()  # before any source is looked at (see _hashes)
        stamps = {p: _stamp(p) for p in files}
        hashes = _hashes(cache, files, names, stamps)
        letter_job.forget_hashes()
        if _unchanged(cache, files, names, hashes, out, root):  # nothing changed: reuse everything, read nothing
            result = _replay(cache, validator, files, names)
            result.kept = out.stale_files()
            return result
        return _build(config, validator, ctx, chosen, out, cache, files, registers, letters, names, hashes, stamps,
                      check=check, options=options, jobs=jobs, progress=progress, save=not scratch)
    finally:
        if scratch:
            scratch.cleanup()


def _build(config, validator, ctx, chosen, out, cache, files, registers, letters, names, hashes, stamps, *,
           check, options, jobs, progress, save) -> BuildResult:
    root = config.root.resolve()

    validator.schema_memo = cache.schema()
    validator.ctx.index = ctx  # pointers are resolved against the build's registers and letters
    for path in registers:
        _read_register(validator, ctx, path)
    letter_index.read_letters(ctx, letters)
    _return_freed_memory()
    current = {hashes[p] for p in registers}
    schema_memo = {k: v for k, v in validator.schema_memo.items() if k.split(" ", 1)[0] in current}
    validator.schema_memo = None  # for the registers only
    letter_job.start(letter_job.Job(validator, ctx, chosen, out.root, root, check, cache))
    # the dependencies whose value changed since the last build, each worked out once
    changed = cache.dependencies.changed(lambda key: letter_job.value_of(key, ctx, root))
    reused, todo, before = {}, [], {}
    for path in letters:
        entry = cache.letter(names[path])
        if entry is not None and _still_valid(entry, hashes[path], changed, out.root):
            reused[path] = entry
        else:
            todo.append(path)
            before[path] = entry
    if todo:
        validator.compile_schema_of(todo[0])  # before the workers fork: compiled once, not in each
    running = _run(todo, jobs, progress)  # taken as they come: the results are never all in memory

    result = BuildResult(validator.report, letters=len(letters), processed=len(todo))
    index = {names[p]: {"sha256": hashes[p], "stat": stamps[p], "kind": "register"} for p in registers}
    dependencies = Dependencies()  # this build's table: the last one's, less what no letter uses now
    recovered = {}  # source -> facts and records of a letter the cache does not have
    for path in letters:
        name, fresh = names[path], path not in reused
        data = _last_good(next(running)[1], before.pop(path, None)) if fresh else reused.pop(path)
        validator.report.files.append(_display(path))
        validator.report.diagnostics.extend(Diagnostic(*d) for d in data["diagnostics"])
        if data["kind"] == "register":  # one the sniffing missed: read as one now, too late for the letters
            _late_register(validator, ctx, path)
            registers.append(path)
            index[name] = {"sha256": hashes[path], "stat": stamps[path], "kind": "register"}
            continue
        result.warnings.extend(data["warnings"])
        if data["skipped"]:
            result.skipped.append(_display(path))
        for output, recorded in data["outputs"].items():
            out.claim(output, recorded[0], name, fresh and recorded[1])
        index[name] = {key: data[key] for key in ("sha256", "slug", "kind", "diagnostics", "warnings", "skipped", "digests")}
        index[name]["stat"] = stamps[path]
        uses = data["uses"] if fresh else cache.dependencies.decode(data["uses"])
        index[name]["uses"] = dependencies.encode(uses)
        index[name]["outputs"] = {o: [recorded[0], *_stamp(os.path.join(out.root, o))] for o, recorded in data["outputs"].items()}
        if data.get("facts") is not None:  # processed here, and the cache could not take them
            recovered[name] = {"facts": data["facts"], **data["records"]}
    letter_files = {_display(p) for p in letters} - {_display(p) for p in registers}
    first = [d for d in validator.report.diagnostics if d.file not in letter_files] # discover's and the registers'

    paths = {names[p]: p for p in letters}

    def recover(name: str) -> dict:
        if name not in recovered:
            data = letter_job.run(paths[name], keep=False)
            recovered[name] = {"facts": data["facts"], **data["records"]}
        return recovered[name]

    cache.forget(set(cache.letters) - set(index))
    finish = Finish(cache, index, [names[p] for p in registers], out, recover)
    validator.report.diagnostics.extend(finish.rules(validator))
    validator.report.diagnostics.sort(key=Diagnostic.sort_key)
    for builder in chosen:
        result.warnings.extend(finish.builder(builder, ctx))

    sources = ((n, {"sha256": e["sha256"], **({"uses": dependencies.decode(e["uses"])} if "uses" in e else {})})
               for n, e in sorted(index.items()))  # made a line at a time as the manifest is written
    result.removed = out.close(_manifest_header(options), sources, _failed(validator.report, files, names))
    result.written, result.unchanged, result.kept = out.result_written, out.result_unchanged, out.result_kept
    if save:
        cache.save(index, {"first": [_astuple(d) for d in first], "parts": finish.parts}, schema_memo, dependencies)
    return result


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


def _failed(report, files: list[Path], names: dict) -> set[str]:
    """The sources with an error (not well-formed, invalid, not built), and EDITION when there
    is one: their outputs of the last build that this one did not make are kept, stale."""
    errors = {d.file for d in report.diagnostics if d.severity == "error"}
    failed = {names[p] for p in files if _display(p) in errors}
    return failed | {EDITION} if failed else failed


def _read_register(validator, ctx, path: Path) -> None:
    """Check a register and add its entries; its tree is not kept (build.context.RegisterEntry)."""
    doc = validator.check_file(path)
    if doc is not None and doc.is_register:
        ctx.add_registers(doc)


def _return_freed_memory() -> None:
    """Give the heap the registers' trees freed back to the system, which glibc's malloc
    keeps otherwise (about 95 MB at 20,000 generated letters), so that the workers forked
    next do not start with it."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def _late_register(validator, ctx, path: Path) -> None:
    shown = _display(path)
    validator.report.diagnostics = [d for d in validator.report.diagnostics if d.file != shown]
    _read_register(validator, ctx, path)
    del validator.report.files[-1:]


class Finish:
    """The finish steps, each skipped when its inputs are those of the last build.

    A part is the rules' finish step ("facts") or one builder's. Its inputs are the
    registers and, of each letter, the part's facts or records, of which every letter has
    a digest (letter_job.run). When the digest of all of them and the part's outputs are as
    the last build left them, its findings, warnings and outputs are reused: a typo fixed
    in one letter remakes corpus.xml, not the register pages. Otherwise the part's data of
    every letter is read from the cache, one letter at a time, and the step runs.
    """

    def __init__(self, cache, index: dict, registers: list[str], out: OutputFolder, recover):
        self.cache, self.index, self.out, self.recover = cache, index, out, recover
        self.letters = [n for n, e in index.items() if e["kind"] == "letter"]
        self.registers = [(n, index[n]["sha256"]) for n in registers]
        self.previous = (cache.finish() or {}).get("parts", {})
        self.parts: dict[str, dict] = {}

    def _digest(self, part: str) -> str:
        """Of the registers and of the part's data of every letter: a builder's part is every
        record it keeps, under its name or "name:..." (build/xml.py keeps two)."""
        def of(digests: dict):
            return sorted((k, v) for k, v in digests.items() if k == part or k.startswith(part + ":"))

        return sha256(json.dumps([self.registers, [(n, of(self.index[n]["digests"])) for n in self.letters]]).encode())

    def _reusable(self, part: str, digest: str) -> dict | None:
        before = self.previous.get(part)
        if not before or before["digest"] != digest:
            return None
        if not all(_output_intact(self.out.root, rel, recorded) for rel, recorded in before["outputs"].items()):
            return None
        return before

    def _data(self, part: str, by_slug: bool = False):
        """The part's data of each letter, one at a time: from the cache, else (a cache that
        lost it, or could not take it) by processing the letter again. Letters the builder
        kept nothing of (not well-formed, or nothing to keep) are left out."""
        names = sorted(self.letters, key=lambda n: self.index[n]["slug"]) if by_slug else self.letters
        for name in names:
            if part not in self.index[name]["digests"]:
                continue
            try:
                data = self.cache.part(name, part)
            except KeyError:
                data = self.recover(name).get(part)
            if data is not None:
                yield data

    def rules(self, validator) -> list[Diagnostic]:
        digest = self._digest("facts")
        before = self._reusable("facts", digest)
        if before is None:
            facts.merge_all(validator.ctx, lambda: self._data("facts"))
            start = len(validator.report.diagnostics)
            validator.finish_rules()
            found = validator.report.diagnostics[start:]
            del validator.report.diagnostics[start:]
            before = {"digest": digest, "outputs": {}, "warnings": [], "diagnostics": [_astuple(d) for d in found]}
        self.parts["facts"] = before
        return [Diagnostic(*d) for d in before["diagnostics"]]

    def builder(self, builder, ctx) -> list[str]:
        digest = self._digest(builder.name)
        before = self._reusable(builder.name, digest)
        if before is not None:
            for rel, recorded in before["outputs"].items():
                self.out.claim(rel, recorded[0], EDITION, False)
        else:
            ctx.letter_records, ctx.warnings = self._data, []
            outputs = {}
            try:
                for output in builder.finish(ctx):  # an output may read the letters' records as it is written
                    self.out.put(output.path, output.data, EDITION)
                    outputs[output.path] = [self.out.files[output.path]["sha256"], *_stamp(os.path.join(self.out.root, output.path))]
            finally:
                ctx.letter_records = None
            before = {"digest": digest, "outputs": outputs, "warnings": ctx.warnings, "diagnostics": []}
        self.parts[builder.name] = before
        return list(before["warnings"])


# --- running the letters ---------------------------------------------------------------------


def _run(todo: list[Path], jobs: int | None, progress):
    """(path, result) of each letter, in the order given."""
    jobs = jobs or os.cpu_count() or 1
    total = len(todo)
    if jobs > 1 and total >= _POOL_MINIMUM and "fork" in multiprocessing.get_all_start_methods():
        # fork: the workers inherit the Job (registers read, stylesheets and schemas compiled)
        with multiprocessing.get_context("fork").Pool(min(jobs, total)) as pool:
            chunk = max(1, min(16, total // (jobs * 8)))
            for done, result in enumerate(pool.imap(letter_job.run, todo, chunk), 1):
                if progress:
                    progress(done, total)
                yield todo[done - 1], result
        return
    for done, path in enumerate(todo, 1):
        result = letter_job.run(path)
        if progress:
            progress(done, total)
        yield path, result


# --- deciding what is still valid -----------------------------------------------------------


def _cache_key(config, options: dict, builders: list) -> str:
    """What every cached result depends on: editio's files, the builders, the configuration,
    the options, and the working directory (findings name files relative to it)."""
    settings = {k: v for k, v in vars(config).items() if k != "root"}
    names = [f"{type(b).__module__}.{type(b).__qualname__}" for b in builders]
    return sha256(json.dumps([code_hash(), names, repr(settings), options, os.getcwd()],
                             sort_keys=True, default=str).encode())


def _manifest_header(options: dict) -> dict:
    from .resources import xslt_dir

    stylesheets = sha256(b"".join(p.relative_to(xslt_dir()).as_posix().encode() + p.read_bytes()
                                  for p in sorted(xslt_dir().rglob("*")) if p.is_file()))
    return {"editio": __version__, "stylesheets": stylesheets, "options": options}


_RACY = 2_000_000_000  # ns: a file changed this close to the last build may have changed unseen since


def _hashes(cache: Cache, files: list[Path], names: dict, stamps: dict) -> dict:
    """The SHA-256 of each source. A source whose size and modification time are those
    recorded by the last build is taken to be unchanged, as git does, unless its time was
    within _RACY of that build's start: a second edit in the same clock tick would not
    change the time."""
    before = cache.header.get("started", 0)
    hashes = {}
    for path in files:
        entry = cache.letter(names[path])
        if entry is not None and entry.get("stat") == stamps[path] and stamps[path][1] < before - _RACY:
            hashes[path] = entry["sha256"]
        else:
            hashes[path] = file_sha256(path)
    return hashes


def _stamp(path) -> list[int]:
    """Size and modification time of a file ([-1, -1] when it cannot be read)."""
    try:
        st = os.stat(path)
    except OSError:
        return [-1, -1]
    return [st.st_size, st.st_mtime_ns]


def _output_intact(root: Path, rel: str, recorded: list) -> bool:
    """An output file is as the last build left it: same size and time, else same bytes."""
    digest, size, mtime = recorded
    path = os.path.join(root, rel)
    return _stamp(path) == [size, mtime] or file_sha256(path) == digest


def _still_valid(entry: dict, digest: str | None, changed: set[int], out_root: Path) -> bool:
    if digest is None or entry.get("sha256") != digest or entry.get("kind") != "letter":
        return False
    if changed and not changed.isdisjoint(int(n) for n in entry["uses"].split()):
        return False
    return all(_output_intact(out_root, rel, recorded) for rel, recorded in entry["outputs"].items())


def _unchanged(cache: Cache, files: list[Path], names: dict, hashes: dict, out: OutputFolder, root: Path) -> bool:
    """Every source as in the last build, no source added or removed, and every output
    as that build left it. Register entries are then unchanged too, since the registers
    are; only the existence of files named by pointers, and schemas, are checked again."""
    known = cache.letters
    finish = cache.finish()
    if finish is None or set(known) != {names[p] for p in files}:
        return False
    for path in files:
        entry = known[names[path]]
        if entry.get("sha256") != hashes[path] or hashes[path] is None:
            return False
    table = cache.dependencies
    if any(key.startswith(("file:", "schema:")) and letter_job.value_of(key, None, root) != value
           for key, value in zip(table.keys, table.values)):
        return False
    for entry in known.values():
        for rel, recorded in (entry.get("outputs") or {}).items():
            if not _output_intact(out.root, rel, recorded):
                return False
    return all(_output_intact(out.root, rel, recorded) for part in finish["parts"].values()
               for rel, recorded in part["outputs"].items()) and (out.root / MANIFEST).is_file()


def _replay(cache: Cache, validator, files: list[Path], names: dict) -> BuildResult:
    """The result of the last build, which is still what the sources give."""
    report = validator.report
    known, finish = cache.letters, cache.finish()
    result = BuildResult(report, letters=sum(1 for e in known.values() if e.get("kind") == "letter"))
    report.diagnostics = [Diagnostic(*d) for d in finish["first"]]  # also those of discover, again
    for path in files:
        entry = known[names[path]]
        report.files.append(_display(path))
        if entry.get("kind") != "letter":
            continue
        report.diagnostics.extend(Diagnostic(*d) for d in entry["diagnostics"])
        result.warnings.extend(entry["warnings"])
        if entry["skipped"]:
            result.skipped.append(_display(path))
        result.unchanged.extend(entry["outputs"])
    for part in finish["parts"].values():
        report.diagnostics.extend(Diagnostic(*d) for d in part["diagnostics"])
        result.warnings.extend(part["warnings"])
        result.unchanged.extend(part["outputs"])
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return result


# --- small helpers --------------------------------------------------------------------------


def _check_slugs(letters: list[Path]) -> None:
    from .builders.standalone import letter_slug

    seen: dict[str, Path] = {}
    for path in letters:
        slug = letter_slug(path)
        if slug in seen:
            raise OutputError(f"two outputs claim the same file: {slug}.* comes from both {_display(seen[slug])} and "
                              f"{_display(path)}; rename one of them (a letter's outputs are named after its file)")
        seen[slug] = path


def _display(path: Path) -> str:
    from .diagnostics import display_path

    return display_path(path)


def _astuple(d: Diagnostic) -> list:
    return [d.file, d.line, d.col, d.severity, d.rule, d.message, d.hint]
