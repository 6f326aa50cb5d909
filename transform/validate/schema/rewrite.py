"""The grammar libxml2 gets: TEI's list content made unambiguous, so that validation is linear."""

import copy

from lxml import etree

from .rng import RNG, rng_children


def compile_relaxng(tree) -> etree.RelaxNG:
    """libxml2's validator for the grammar tree, with list content made unambiguous (tree is not changed).

    Only libxml2 gets the rewritten copy: the walk that explains errors reads the grammar as
    written, so its messages do not depend on the rewrite.
    """
    tree = copy.deepcopy(tree)  # keeps the base URL, against which libxml2 resolves includes
    linear_lists(tree.getroot())
    return etree.RelaxNG(tree)


def linear_lists(root) -> int:
    """Rewrite every oneOrMore(group(oneOrMore(X), zeroOrMore(Y))) as group(X, zeroOrMore(choice(X, Y))).

    TEI writes listPerson, listPlace, listOrg, listBibl, listEvent, listNym and listObject as
    ((X)+, (Y)*)+, e.g. ((model.personLike | listPerson)+, (relation | listRelation)*)+. That
    is ambiguous (a run of persons splits into groups in many ways) and libxml2 keeps every
    split as a state, comparing them pairwise: O(n^3) for n entries, 160 s for 5,100 persons.
    X, (X | Y)* is unambiguous and validated in linear time. The two languages are equal, so
    every document gets the same verdict: a word of (X+, Y*)+ is an X followed by Xs and Ys;
    conversely, an X followed by Xs and Ys, cut before each X, is a sequence of X+, Y* blocks
    (whatever X and Y match). (X+)+, as a subset of tei_all without Y has it, is X+.
    Nothing else is changed. Grammars that libxml2 reads from <include>/<externalRef> files
    are compiled as written. Returns how many were rewritten.
    """
    done = 0
    # Innermost first, so that a list pattern inside X or Y is rewritten before X or Y is copied.
    for outer in reversed(list(root.iter(f"{RNG}oneOrMore"))):
        parts, middle = rng_children(outer), None
        if len(parts) == 1 and etree.QName(parts[0]).localname == "group":
            middle = parts[0]
            parts = rng_children(middle)
        if outer.getparent() is None:
            continue
        if [etree.QName(p).localname for p in parts] == ["oneOrMore"]:
            # (X+)+ is X+: what a subset of tei_all makes of the list when it has no Y (relation)
            inner = parts[0]
            for name, value in {**outer.attrib, **(middle.attrib if middle is not None else {})}.items():
                if inner.get(name) is None:
                    inner.set(name, value)
            inner.tail = outer.tail
            outer.getparent().replace(outer, inner)
            done += 1
            continue
        if [etree.QName(p).localname for p in parts] != ["oneOrMore", "zeroOrMore"]:
            continue
        # Each operand becomes a group that keeps its element's attributes (ns, datatypeLibrary).
        x, y = copy.deepcopy(parts[0]), copy.deepcopy(parts[1])
        x.tag = y.tag = f"{RNG}group"
        either = etree.Element(f"{RNG}choice")
        either.extend([copy.deepcopy(x), y])
        more = etree.Element(f"{RNG}zeroOrMore")
        more.append(either)
        new = etree.Element(f"{RNG}group", {**outer.attrib, **(middle.attrib if middle is not None else {})})
        new.extend([x, more])
        new.tail = outer.tail
        outer.getparent().replace(outer, new)
        done += 1
    return done

