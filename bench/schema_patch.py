"""What-if for the benchmarks: the proposed fix for libxml2's cubic time on long registers.

TEI declares listPerson, listPlace, listOrg, listBibl, listEvent (and in tei_all listNym,
listObject) with content of the shape

    (X+, Y*)+        e.g. ((model.personLike | listPerson)+, (relation | listRelation)*)+

which is ambiguous (a run of persons can be split into groups in many ways). libxml2's
RelaxNG validator keeps every way as a state and compares states pairwise, so a list of n
entries costs O(n^3): 1,000 persons 1 s, 2,000 persons 11 s, 5,000 several minutes. The
same language written unambiguously,

    X, (X | Y)*

is validated in linear time (20,000 persons in 0.2 s), with the same verdict on every
document. rewrite() does that on a RelaxNG tree; install() makes editio's schema loader
use it in this process only (bench/run --patch-schema, bench/profile_validate.py --patch-schema).
"""

from __future__ import annotations

import copy

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
_AMBIGUOUS = "//r:oneOrMore[count(*)=1]/r:group[count(*)=2][*[1][self::r:oneOrMore]][*[2][self::r:zeroOrMore]]"


def _q(name: str) -> str:
    return f"{{{RNG}}}{name}"


def _one(children) -> etree._Element:
    children = [copy.deepcopy(c) for c in children]
    if len(children) == 1:
        return children[0]
    group = etree.Element(_q("group"))
    group.extend(children)
    return group


def rewrite(tree) -> int:
    """Rewrite every oneOrMore(group(oneOrMore(X), zeroOrMore(Y))) as group(X, zeroOrMore(choice(X, Y))).

    Returns the number of patterns rewritten. Also inside included grammars? No: only the
    tree given (editio.rng and tei_all.rng are single files)."""
    hits = tree.xpath(_AMBIGUOUS, namespaces={"r": RNG})
    for group in hits:
        outer = group.getparent()
        xs, ys = list(group[0]), list(group[1])
        new = etree.Element(_q("group"))
        new.append(_one(xs))
        repeat = etree.SubElement(new, _q("zeroOrMore"))
        choice = etree.SubElement(repeat, _q("choice"))
        choice.append(_one(xs))
        choice.append(_one(ys))
        new.tail = outer.tail
        outer.getparent().replace(outer, new)
    return len(hits)


def install() -> None:
    """Make editio.validate.relaxng compile every schema rewritten (its messages still read the original)."""
    import types

    from editio.validate import relaxng

    real = relaxng.etree

    def patched_relaxng(tree=None, *args, **kwargs):
        if tree is not None:
            tree = copy.deepcopy(tree)
            rewrite(tree)
        return real.RelaxNG(tree, *args, **kwargs)

    proxy = types.SimpleNamespace(**{name: getattr(real, name) for name in dir(real) if not name.startswith("__")})
    proxy.RelaxNG = patched_relaxng
    relaxng.etree = proxy
