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

from dataclasses import dataclass, field

from lxml.builder import ElementMaker


class BuildError(Exception):
    """What a builder cannot make, and why (see the module docstring)."""


@dataclass
class Letter:
    """What a builder receives: the standalone tree, the slug of its outputs, the source."""

    slug: str
    tree: object  # lxml ElementTree of the standalone letter
    source: object  # the corpus Document (read-only), as validation read it (its verdicts: valid_against)
    schema: object = None  # the Path of the schema validation checked the source with; None: none it could use
    jsonld: dict | None = field(default=None, repr=False)  # its JSON-LD, made once for the page and the export


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


# A page or file too big for memory is made as it is written: its frame is serialised with a
# comment where content goes, cut there, and the content serialised a batch at a time in
# between (lxml's incremental xmlfile would declare the namespace again on every element).


def split_at(data: bytes, mark: str) -> list[bytes]:
    """A serialised frame cut at each comment <!--MARK-->: the pieces around the places for content."""
    return data.split(f"<!--{mark}-->".encode())


def between(data: bytes, start: str, end: str) -> bytes:
    """What a serialised frame has between the comments <!--START--> and <!--END--> (its last)."""
    return data.partition(f"<!--{start}-->".encode())[2].rpartition(f"<!--{end}-->".encode())[0]


def element_maker(namespace: str | None = None) -> ElementMaker:
    """lxml's ElementMaker for the pages and frames the builders make: E("a", {"href": url},
    "words", child, [more, children], None). A child is text, an element, a dict of
    attributes or a list of children; None, as a child or as an attribute's value, is left out."""

    def add_children(el, items):
        for item in items:
            if isinstance(item, (list, tuple)):
                add_children(el, item)
            elif isinstance(item, str):
                if len(el):
                    el[-1].tail = (el[-1].tail or "") + item
                else:
                    el.text = (el.text or "") + item
            elif item is not None:
                el.append(item)

    def add_attributes(el, attributes):
        for key, value in attributes.items():
            if value is not None:
                el.set(key, value)

    typemap = {type(None): lambda el, item: None, list: add_children, tuple: add_children, dict: add_attributes}
    return ElementMaker(typemap, namespace=namespace, nsmap={None: namespace} if namespace else None)


def builders(names=None) -> list:
    """The registered builders in the order they run (all, or those named)."""
    from . import registry

    chosen = registry.BUILDERS
    if names:
        chosen = [b for b in chosen if b.name in names]
    return [b() for b in chosen]
