"""Builders: one module per output format, all with the same small interface.

A builder has a `name` and two methods:
- build(doc, ctx) -> list[Output]: the outputs of one letter. `doc` is the standalone
  letter (registers embedded, references made `#id`, see standalone.py); a builder
  never parses a source or touches the disk.
- finish(ctx) -> list[Output]: what spans the corpus (registers, index, exports), from
  ctx.registers and what build() recorded, read back one letter at a time with
  ctx.records(name). An Output of finish() may give its data as an iterable of bytes,
  made as it is written, so that no output of the corpus has to fit in memory.
The pipeline owns the loop, the writing and the removal of stale outputs.
"""

from dataclasses import dataclass


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
