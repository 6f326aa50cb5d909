"""One letter from source to outputs: read, validate, make standalone, run every builder.

The unit of work of a build, the same in the main process and in the workers of a
parallel build (pipeline.py). The Job (validator and build context holding the registers,
the builders, the output folder) is set up once by the main process; forked workers
inherit it. run() writes the letter's output files itself and returns plain data
(JSON-serialisable): the findings, the facts and records the finish steps need, the hashes
of its outputs and of what it used. That data crosses process boundaries and is what the
build cache keeps, so a letter that did not change is never read again.
"""

import hashlib
import os
from dataclasses import astuple, dataclass
from pathlib import Path

from lxml import etree

from . import pointers
from .builders.standalone import letter_slug, make_standalone
from .build_cache import digest, encode
from .output_folder import OutputError, file_sha256, sha256, write_output
from .validate import facts

_KEYED = etree.XPath("descendant-or-self::*[@key]")


@dataclass
class Letter:
    """What a builder receives: the standalone tree, the slug of its outputs, the source."""

    slug: str
    tree: object  # lxml ElementTree of the standalone letter
    source: object  # the corpus Document (read-only)


@dataclass
class Job:
    validator: object  # validate.runner.Validator, registers already read
    ctx: object  # build.context.BuildContext, registers already added
    builders: list
    output: Path  # the output folder
    project_root: Path
    check: bool = False
    cache: object = None  # build_cache.Cache: where letters leave their data for the finish steps


_JOB: Job | None = None  # the build in progress; forked workers inherit it


def start(job: Job) -> None:
    global _JOB
    _JOB = job


def forget_hashes() -> None:
    """At the start of a build: a schema may have changed since the last build of this process."""
    _FILE_HASHES.clear()
    _RESOLVED.clear()
    _NAMES.clear()
    pointers.forget_paths()


def source_name(path: Path, root: Path) -> str:
    """How the manifest and the cache name a source: relative to the project, POSIX."""
    path = path.absolute()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def run(path: Path, keep: bool = True) -> dict:
    """Validate and build one letter (see the module docstring for what comes back). With
    keep, its facts and records go to the build cache (and not back to the caller) when
    the cache can take them."""
    job = _JOB
    result = _run(job, path)
    parts = {part: encode(data) for part, data in {"facts": result["facts"], **result["records"]}.items()}
    result["digests"] = {part: digest(text) for part, text in parts.items()}
    if keep and job.cache is not None and job.cache.put_parts(result["source"], parts):
        result["facts"] = result["records"] = None
    return result


def _run(job: Job, path: Path) -> dict:
    validator = job.validator
    before = len(validator.report.diagnostics)
    with facts.isolated(validator.ctx, path) as found:
        doc = validator.check_file(path)
    diagnostics = validator.report.diagnostics[before:]
    del validator.report.diagnostics[before:]
    del validator.report.files[-1:]
    result = {"source": source_name(path, job.project_root), "slug": letter_slug(path),
              "diagnostics": [list(astuple(d)) for d in diagnostics], "facts": found, "uses": {},
              "outputs": {}, "records": {}, "warnings": [], "kind": "letter", "skipped": False}
    if doc is None:
        result.update(kind="unread", sha256=file_sha256(path), skipped=True)
        return result
    result["sha256"] = sha256(doc.data)
    result["uses"] = dependencies(doc, validator, job.ctx, job.project_root)
    if doc.is_register:  # not found by discover's sniffing: the main process reads it again as a register
        result["kind"] = "register"
        return result
    ctx = job.ctx
    letter = Letter(result["slug"], make_standalone(doc, ctx), doc)
    ctx.begin_letter()
    try:
        for builder in job.builders:
            try:
                outputs = builder.build(letter, ctx)
            except Exception as e:  # one letter that cannot be built stops neither the others nor the build
                if os.environ.get("EDITIO_DEBUG") or (isinstance(e, OutputError) and not getattr(e, "per_letter", False)):
                    raise
                result["diagnostics"].append(_not_built(validator, doc, builder, e))
                result["skipped"] = True
                continue
            for output in outputs:
                if output.path in result["outputs"]:
                    raise OutputError(f"two outputs claim the same file: {output.path}")
                result["outputs"][output.path] = list(write_output(job.output, output.path, output.data, job.check))
    finally:
        result["records"], result["warnings"] = ctx.end_letter()
    return result


def _not_built(validator, doc, builder, error: Exception) -> list:
    """An ED009 finding: what a builder could not make of this letter, and why."""
    from .diagnostics import Diagnostic

    message = f"the {builder.name} output of this letter was not written: {error}"
    hint = ("the other letters and outputs are built; if the source is valid, this is a bug in editio: "
            "please report it with this letter")
    return list(astuple(Diagnostic(doc.name, 0, 0, validator._severity("ED009"), "ED009", message, hint)))


# --- what a letter uses ---------------------------------------------------------------------
#
# Keys, and what their value is:
#   "#id"            the register entry a corpus-wide #id (or bare id) names: its hash, or None
#   "path#id"        the entry with that id in the register file at path (relative to the
#                    project): its hash, or None
#   "ids:path"       the ids of a register file, when a pointer names one it lacks (the
#                    finding suggests the closest ones)
#   "file:path"      whether a file named by a pointer that is no register exists
#   "letter:path"    another letter pointed at: its slug, title and date
#   "key:value"      the entry a @key names (editio.toml's key_matches): its hash, or None
#   "schema:path"    the RelaxNG schema the letter is validated against: its hash
# A rebuild processes a letter again when any value differs (pipeline.py).


def dependencies(doc, validator, ctx, root: Path) -> dict:
    uses: dict = {}
    pending = [(doc.root, doc.path, set(doc.ids))]
    prefixes = pointers.prefix_defs(doc.root)
    keyed = bool(getattr(ctx.config, "key_matches", None))
    seen = set()
    while pending:
        top, base, own = pending.pop()
        resolver = pointers.Resolver(ctx, base, own, prefixes)
        found = [resolver.resolve(token) for _, _, tokens in pointers.written_pointers(top) for token in tokens]
        if keyed:
            for el in _KEYED(top):
                target = resolver.resolve_key(el.get("key"))
                found.append(target)
                if target.kind == pointers.UNRESOLVED or target.how == pointers.KEY:
                    uses[f"key:{el.get('key').strip()}"] = None
        for target in found:
            entry = _use(target, base, root, uses)
            if entry is not None and id(entry) not in seen:  # entries point at entries: follow them
                seen.add(id(entry))
                pending.append((entry.element, entry.file, ()))
    schema = validator.schema_for(doc)
    if isinstance(schema, Path):
        uses[f"schema:{source_name(schema, root)}"] = None
    for key in uses:
        uses[key] = value_of(key, ctx, root)  # (the value as the registers are now)
    return dict(sorted(uses.items()))


def _use(target, base: Path, root: Path, uses: dict):
    """Adds the keys a resolved pointer depends on; the entry it names, if any."""
    kind = target.kind
    if kind in (pointers.EXTERNAL, pointers.LOCAL):
        return None
    if kind == pointers.LETTER:
        uses[f"letter:{_name(target.letter.path, root)}"] = None
        return None
    if target.how == pointers.KEY:  # its key is recorded by the caller
        return target.entry
    file, fragment = pointers.split(target.token) if not target.how else ("", target.fragment)
    if kind == pointers.ENTRY and target.via_file is None:
        uses[f"#{target.entry.id}"] = None
        return target.entry
    if kind == pointers.ENTRY:
        uses[f"{_name(target.via_file, root)}#{fragment}"] = None
        return target.entry
    # unresolved: what would make it resolve
    if not file:
        uses[f"#{fragment or target.token}"] = None
        return None
    path = _resolved(os.path.join(base.parent, file), root)
    name = _name(path, root)
    if fragment and target.reason.startswith(f": {file} has no entry"):
        uses[f"{name}#{fragment}"] = None
        uses[f"ids:{name}"] = None
    else:
        uses[f"file:{name}"] = None
        if "/" not in file and "#" not in target.token:  # a bare token: an id that may appear
            uses[f"#{file}"] = None
    return None


def _name(path: Path, root: Path) -> str:
    return _NAMES.get(path) or _NAMES.setdefault(path, source_name(path, root))


def value_of(key: str, ctx, root: Path):
    """The current value of a dependency key (see above)."""
    kind, _, rest = key.partition(":")
    if kind == "file":
        return os.path.isfile(_absolute(rest, root))
    if kind == "schema":
        return _hash_file(_absolute(rest, root))
    if kind == "ids":
        return _digest(sorted(ctx.register_files.get(_resolved(rest, root), {})))
    if kind == "letter":
        ref = ctx.letters.get(_resolved(rest, root))
        return _digest([ref.slug, ref.title, ref.date]) if ref else None
    if kind == "key":
        return entry_hash(ctx.keys.get(rest), root)
    file, _, fragment = key.partition("#")
    if not file:
        entry = ctx.registers.get(fragment)
        ref = ctx.letter_ids.get(fragment) if entry is None else None  # an id may come to name a letter
        return entry_hash(entry, root) if ref is None else _digest([ref.slug, ref.title, ref.date])
    return entry_hash(ctx.register_files.get(_resolved(file, root), {}).get(fragment), root)


def _absolute(name: str, root: Path) -> str:
    return name if os.path.isabs(name) else os.path.join(root, name)


_RESOLVED: dict = {}
_NAMES: dict = {}  # real path -> source_name


def _resolved(name: str, root: Path) -> Path:
    """The real path of a file the project names (asked of the file system once per build)."""
    if name not in _RESOLVED:
        _RESOLVED[name] = Path(_absolute(name, root)).resolve()
    return _RESOLVED[name]


def entry_hash(entry, root: Path) -> str | None:
    """The hash of a register entry: its file (as the project names it) and its XML."""
    if entry is None:
        return None
    if entry.digest is None:
        entry.digest = _digest([source_name(entry.file, root), entry.data.decode("latin-1")])
    return entry.digest


_FILE_HASHES: dict = {}


def _hash_file(path: str) -> str | None:
    if path not in _FILE_HASHES:
        _FILE_HASHES[path] = file_sha256(path)
    return _FILE_HASHES[path]


def _digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:20]
