"""The schema layer: RelaxNG validation with messages that say what is wrong and what to do.

libxml2 (through lxml) decides whether a document is valid. Its messages are terse ("Did not
expect element salut there", column 0, an XPath) and one mistake often produces several of
them, for the element and for each ancestor whose content then fails. So when a document is
invalid, editio reads the schema itself: the grammar is compiled into content models of
element names, and the document is walked as Jing does, element by element, with
derivatives of those models. That gives one finding per mistake, with the element's line
and column, in words:

    unknown element <salut>                                  hint: did you mean <salute>?
    <salute> is not allowed inside <p>                       hint: it is allowed inside <closer>, <opener> ...
    <titleStmt> is incomplete: missing required element <title>
    unknown attribute @rnd on <hi>                           hint: did you mean @rend?
    @part="X" is not a valid value on <div>                  hint: the allowed values are F, I, N, Y

Every libxml2 error must be explained by such a finding (at its element, or below it, where
the mistake that caused it is); one that is not (a data type the walk does not check, or a
feature of the grammar it does not model) is reported from libxml2's own message, reworded
and placed (libxml_errors.py). A document libxml2 accepts has no findings.

The modules, in the order a document meets them:
    load.py           reading a schema file and compiling it once per process (xsd.py: W3C XML Schema)
    rewrite.py        the grammar libxml2 gets: TEI's list content made unambiguous (linear)
    tei_all.py        TEI P5 tei_all, compiled restricted to the elements seen
    verdict.py        Schema: libxml2's verdict, and the findings that explain it
    rng.py            RelaxNG XML as read: pattern children, name classes
    patterns.py       content models as hash-consed patterns, and their derivatives
    grammar.py        the grammar compiled to those patterns, and what may contain what
    attributes.py     the attributes an element allows and requires, and their values
    walk.py           the explaining walk: one finding per mistake
    text_position.py  where a text node begins in the source
    libxml_errors.py  libxml2's own errors that the walk does not explain, reworded
    words.py          how messages name things (lists, did-you-mean, an element as written)
"""

from .load import SchemaError, load_schema
from .rewrite import compile_relaxng
from .verdict import Schema
from .walk import WALK_CAP

__all__ = ["Schema", "SchemaError", "WALK_CAP", "compile_relaxng", "load_schema"]
