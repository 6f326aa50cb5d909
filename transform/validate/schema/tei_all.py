"""Validity against TEI P5 tei_all.rng without paying for the whole of it.

Compiling all of tei_all (about 590 element patterns) takes 6–30 s here. But a document
that uses only the elements of a set E is valid against tei_all exactly when it is valid
against tei_all restricted to E (schema_subset: references to other elements become
notAllowed, which removes only derivations that need an element the document does not
contain; nothing else changes). So letters validated against tei_all, and the TEI the
build writes, are checked against tei_all restricted to every element seen so far:
recompiled only when a document brings an element not seen before, a tenth of a second
each time (the 123 elements of 300 Schnitzler letters: 0.13 s, against 10 s for the whole),
and restricted before a corpus is checked to every element its files name (expect).
Invalid documents are explained by the whole grammar (read, never compiled), so the
messages are those of tei_all. tests/test_schema.py checks that the verdicts agree with
the whole tei_all.
"""

import re

from lxml import etree

from ...resources import tei_all_schema
from ...tei import TEI_NS
from .rewrite import compile_relaxng
from .verdict import Schema

_seen: set[str] = set()
_schema: "Schema | None" = None
_known: set[str] | None = None
_SKIP = len(TEI_NS) + 2  # {namespace}


def schema_for(tree) -> Schema:
    """A schema whose verdict on `tree` is that of tei_all.rng."""
    _restrict({el.tag[_SKIP:] for el in tree.iter(f"{{{TEI_NS}}}*")} & element_names())
    return _schema


def expect(paths) -> None:
    """Restrict to every element the files' start tags name, before they are checked: a corpus
    then costs one compile, not one for each letter that brings an element first (19 in 300
    Schnitzler letters, each process of a build its own). The names are read from the bytes,
    a superset of what the files use (a name in a comment counts too), which changes no
    verdict; an element they miss (a file in UTF-16) is compiled in when a file brings it."""
    names: set[bytes] = set()
    for path in paths:
        try:
            names.update(_START_TAG.findall(path.read_bytes()))
        except OSError:
            continue  # validation reports it
    _restrict({name.decode("ascii") for name in names} & element_names())


_START_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def _restrict(used: set[str]) -> None:
    """Compile tei_all restricted to the elements seen so far, unless they include `used`."""
    global _schema
    if _schema is None or not used <= _seen:
        from ...schema_subset import subset

        _seen.update(used | {"TEI", "teiCorpus"})
        grammar = etree.ElementTree(etree.fromstring(subset(tei_all_schema(), sorted(_seen)).xml))
        explained = Schema(tei_all_schema(), compile_relaxng(grammar), _grammar(), compiled_from=grammar)
        if _schema is not None:
            explained.share_model(_schema)  # the whole grammar's, built once
        _schema = explained


def element_names() -> set[str]:
    """Every element name tei_all declares (an unknown name is invalid against both)."""
    global _known
    if _known is None:
        from ...schema_subset import element_defines

        _known = set(element_defines(_grammar().getroot()).values())
    return _known


_whole = None


def _grammar():
    """tei_all.rng as read (not compiled)."""
    global _whole
    if _whole is None:
        _whole = etree.parse(str(tei_all_schema()), etree.XMLParser(resolve_entities=False, no_network=True))
    return _whole
