"""One letter from source to outputs: read, validate, make standalone, run every builder.

The unit of work of a build, the same in the main process and in the workers of a
parallel build. It reads the Build (run.py): its validator and build context holding the
registers, its builders, output folder and cache, all set up once by the main process.
run() writes the letter's output files itself and returns plain data (JSON-serialisable):
the findings, the facts and records the finish steps need, the hashes of its outputs and
of what it used. That data crosses process boundaries and is what the build cache keeps,
so a letter that did not change is never read again.
"""

import os
from pathlib import Path

from ..builders import Letter
from ..builders.standalone import letter_slug, make_standalone
from ..diagnostics import Diagnostic
from ..validate import facts
from .cache import digest, encode
from .outputs import OutputError, file_sha256, sha256, source_name, write_output


def run(build, path: Path, keep: bool = True) -> dict:
    """Validate and build one letter (see the module docstring for what comes back). With
    keep, its facts and records go to the build cache (and not back to the caller) when
    the cache can take them."""
    result = _run(build, path)
    parts = {part: encode(data) for part, data in {"facts": result["facts"], **result["records"]}.items()}
    result["digests"] = {part: digest(text) for part, text in parts.items()}
    if keep and build.cache.put_parts(result["source"], parts):
        result["facts"] = result["records"] = None
    return result


def _run(build, path: Path) -> dict:
    validator = build.validator
    before = len(validator.report.diagnostics)
    with facts.isolated(validator.ctx, path) as found:
        doc = validator.check_file(path)
    diagnostics = validator.report.diagnostics[before:]
    del validator.report.diagnostics[before:]
    del validator.report.files[-1:]
    result = {"source": source_name(path, build.root), "slug": letter_slug(path),
              "diagnostics": [d.as_list() for d in diagnostics], "facts": found, "uses": {},
              "outputs": {}, "records": {}, "warnings": [], "kind": "letter", "skipped": False}
    if doc is None:
        result.update(kind="unread", sha256=file_sha256(path), skipped=True)
        return result
    result["sha256"] = sha256(doc.data)
    schema = validator.schema_for(doc)
    resolved: dict = {}  # the letter's pointers, resolved once for what it uses and its standalone copy
    result["uses"] = build.uses.of_letter(doc, schema, resolved)
    if doc.is_register:  # not found by discover's sniffing: the main process reads it again as a register
        result["kind"] = "register"
        return result
    ctx = build.ctx
    letter = Letter(result["slug"], make_standalone(doc, ctx, resolved), doc, schema if isinstance(schema, Path) else None)
    ctx.begin_letter()
    try:
        for builder in build.builders:
            try:
                outputs = builder.build(letter, ctx)
            except Exception as e:  # one letter that cannot be built stops neither the others nor the build
                if os.environ.get("EDITIO_DEBUG"):
                    raise
                result["diagnostics"].append(_not_built(validator, doc, builder, e))
                result["skipped"] = True
                continue
            for output in outputs:
                if output.path in result["outputs"]:
                    raise OutputError(f"two outputs claim the same file: {output.path}")
                result["outputs"][output.path] = list(write_output(build.out.root, output.path, output.data, build.check))
    finally:
        result["records"], result["warnings"] = ctx.end_letter()
    return result


def _not_built(validator, doc, builder, error: Exception) -> list:
    """An ED009 finding: what a builder could not make of this letter, and why."""
    message = f"the {builder.name} output of this letter was not written: {error}"
    hint = ("the other letters and outputs are built; if the source is valid, this is a bug in editio: "
            "please report it with this letter")
    return Diagnostic(doc.name, 0, 0, validator._severity("ED009"), "ED009", message, hint).as_list()


# --- the hand-over to the workers of a pool ----------------------------------------------------

_WORKER_BUILD = None  # in a worker process only: the Build it was forked with (set by adopt)


def adopt(build) -> None:
    """The pool's initializer: a worker, forked from the main process, keeps the Build it
    inherited (registers read, stylesheets and schemas compiled), which is never pickled."""
    global _WORKER_BUILD
    _WORKER_BUILD = build


def run_in_worker(path: Path) -> dict:
    return run(_WORKER_BUILD, path)
