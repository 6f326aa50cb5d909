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
import re
from dataclasses import astuple, dataclass
from pathlib import Path


from .build.standalone import letter_slug, make_standalone
from .build_cache import digest, encode
from .output_folder import OutputError, file_sha256, sha256, write_output
from .tei import POINTER_ATTRIBUTES, pointer_elements
from .validate import facts

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


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
            for output in builder.build(letter, ctx):
                if output.path in result["outputs"]:
                    raise OutputError(f"two outputs claim the same file: {output.path}")
                result["outputs"][output.path] = list(write_output(job.output, output.path, output.data, job.check))
    finally:
        result["records"], result["warnings"] = ctx.end_letter()
    return result


# --- what a letter uses ---------------------------------------------------------------------
#
# Keys, and what their value is:
#   "#id"            the register entry a corpus-wide #id names: its hash, or None
#   "path#id"        the entry with that id in the register file at path (relative to the
#                    project): its hash, or None
#   "ids:path"       the ids of a register file, when a pointer names one it lacks (the
#                    finding suggests the closest ones)
#   "file:path"      whether a file named by a pointer that is no register exists
#   "schema:path"    the RelaxNG schema the letter is validated against: its hash
# A rebuild processes a letter again when any value differs (pipeline.py).


def dependencies(doc, validator, ctx, root: Path) -> dict:
    uses: dict = {}
    local = set(doc.ids)
    pending = [(doc.root, doc.path)]
    seen = set()
    while pending:
        top, base = pending.pop()
        for el in pointer_elements(top):
            for attr in POINTER_ATTRIBUTES:
                for token in (el.get(attr) or "").split():
                    entry = _use(token, base, ctx, root, local, uses)
                    if entry is not None and id(entry) not in seen:  # entries point at entries: follow them
                        seen.add(id(entry))
                        pending.append((entry.element, entry.file))
    schema = validator.schema_for(doc)
    if isinstance(schema, Path):
        uses[f"schema:{source_name(schema, root)}"] = None
    for key in uses:
        uses[key] = value_of(key, ctx, root)  # (the value as the registers are now)
    return dict(sorted(uses.items()))


def _use(token: str, base: Path, ctx, root: Path, local: set, uses: dict):
    if _SCHEME.match(token):
        return None
    file, _, fragment = token.partition("#")
    if not file:
        if fragment in local:
            return None
        uses[token] = None
        return ctx.registers.get(fragment)
    target = _resolved(os.path.join(base.parent, file.split("?", 1)[0]), root)
    name = _NAMES.get(target) or _NAMES.setdefault(target, source_name(target, root))
    entries = ctx.register_files.get(target)
    if entries is None:
        uses[f"file:{name}"] = None
        return None
    if not fragment:
        return None
    uses[f"{name}#{fragment}"] = None
    if fragment not in entries:
        uses[f"ids:{name}"] = None
    return entries.get(fragment)


def value_of(key: str, ctx, root: Path):
    """The current value of a dependency key (see above)."""
    kind, _, rest = key.partition(":")
    if kind == "file":
        return os.path.isfile(_absolute(rest, root))
    if kind == "schema":
        return _hash_file(_absolute(rest, root))
    if kind == "ids":
        return _digest(sorted(ctx.register_files.get(_resolved(rest, root), {})))
    file, _, fragment = key.partition("#")
    if not file:
        return entry_hash(ctx.registers.get(fragment), root)
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
