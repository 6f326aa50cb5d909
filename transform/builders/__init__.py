"""Builders: one module per output format, all with the same small interface.

A builder has a `name`, optionally `records` (the classes of the records it keeps, which
the build cache makes again when it reads them back) and two methods:
- build(letter, ctx) -> list[Output]: the outputs of one letter. `letter` holds the
  standalone letter (registers embedded, references made `#id`, see standalone.py) and
  its source as validation read it; a builder never parses a source or touches the disk.
- finish(ctx) -> list[Output]: what spans the corpus (registers, index, exports), from
  ctx.registers and what build() recorded, read back one letter at a time with
  ctx.records(name). An Output of finish() may give its data as an iterable of bytes,
  made as it is written, so that no output of the corpus has to fit in memory.
A builder that cannot make an output raises BuildError (or any error): of one letter, that
letter gets finding ED009 and the others are built; of finish(), the build stops with its
message. The pipeline owns the loop, the writing and the removal of stale outputs; a
builder never imports it.
"""

from dataclasses import dataclass


class BuildError(Exception):
    """What a builder cannot make, and why (see the module docstring)."""


@dataclass
class Letter:
    """What a builder receives: the standalone tree, the slug of its outputs, the source."""

    slug: str
    tree: object  # lxml ElementTree of the standalone letter
    source: object  # the corpus Document (read-only), as validation read it (its verdicts: valid_against)
    schema: object = None  # the Path of the schema validation checked the source with; None: none it could use


@dataclass(frozen=True)
class Output:
    path: str  # POSIX path relative to the output folder, e.g. "html/frus1961-63v06-d73.html"
    data: bytes  # or, from finish(), an iterable of bytes


def batched(items, size: int):
    """Lists of up to `size` items of an iterable, made as it is read (itertools.batched
    is Python 3.12)."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def builders(names=None) -> list:
    """The registered builders in the order they run (all, or those named)."""
    from . import registry

    chosen = registry.BUILDERS
    if names:
        chosen = [b for b in chosen if b.name in names]
    return [b() for b in chosen]
