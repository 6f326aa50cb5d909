"""Derive the edition schema (tei/schema/editio.rng) from TEI P5 tei_all.rng.

    python -m editio.schema_subset            # write tei/schema/editio.rng
    python -m editio.schema_subset --check    # exit 1 when editio.rng is not what would be written

The input is tei_all.rng and a list of allowed element names (tei/schema/elements.txt, one
per line, `#` comments). The construction only ever removes possibilities, so the result is
a strict subset of TEI: a document valid against editio.rng is valid against tei_all.rng.

1. Every `<ref name="X"/>` whose define X declares an element that is not in the list
   becomes `<notAllowed/>`.
2. The grammar is simplified as in RelaxNG section 4.19: a group, interleave, oneOrMore or
   list with a notAllowed part is notAllowed; a choice loses its notAllowed branches (and
   is notAllowed when none is left); optional and zeroOrMore of notAllowed are empty; a
   ref to a define whose pattern is notAllowed is notAllowed; an element whose content is
   notAllowed can never occur and is treated as not listed (the generator says so).
   This is repeated until nothing changes.
3. `start` is restricted to TEI (and teiCorpus when listed); every define no longer
   reachable from `start` is dropped, and with it the Schematron patterns of dropped
   attribute classes.

The output is deterministic: the same inputs give the same bytes. Nothing else of tei_all is
changed, not even TEI's list content ((X)+, (Y)*)+, on which libxml2 is cubic: editio rewrites
that when it compiles any schema (validate/schema/rewrite.py), this one included.
"""

import argparse
import difflib
import os
import sys
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .resources import edition_schema_dir, tei_all_schema
from .xmlio import write_atomic

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
COMMAND = "python -m editio.schema_subset"
ROOTS = ("TEI", "teiCorpus")

_NAME_CLASSES = {"name", "anyName", "nsName", "choice"}  # choice only as the first child of element/attribute


class SubsetError(Exception):
    """The inputs cannot make a schema (unknown element name, unreadable file)."""


@dataclass
class Result:
    xml: bytes
    elements: list[str]  # element names that the generated schema allows
    unusable: dict[str, str] = field(default_factory=dict)  # listed name -> why it can never occur
    unreachable: list[str] = field(default_factory=list)  # listed, but no listed parent can contain it


def rng(name: str) -> str:
    return f"{{{RNG_NS}}}{name}"


_RNG_ANY = f"{{{RNG_NS}}}*"
_SKIP = len(RNG_NS) + 2


def _local(el) -> str | None:
    """RelaxNG local name of el, or None for annotations, comments and foreign elements."""
    if not isinstance(el.tag, str) or not el.tag.startswith(f"{{{RNG_NS}}}"):
        return None
    return el.tag[_SKIP:]


def read_element_list(path: Path) -> list[str]:
    """Element names of an elements.txt: one per line, `#` starts a comment."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise SubsetError(f"cannot read the element list {path}: {e.strerror}")
    names: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if any(c.isspace() for c in name):
            raise SubsetError(f"{path}:{number}: one element name per line, not {name!r}")
        names.append(name)
    return sorted(set(names))


def element_defines(grammar) -> dict[str, str]:
    """define name -> element name, for defines whose pattern is a named TEI element."""
    out = {}
    for define in grammar.iterchildren(rng("define")):
        patterns = list(define.iterchildren(_RNG_ANY))
        if len(patterns) == 1 and patterns[0].tag[_SKIP:] == "element" and patterns[0].get("name"):
            out[define.get("name")] = patterns[0].get("name")
    return out


def _content(el) -> list:
    """The pattern children of el, without its name class (element, attribute) or annotations."""
    children = list(el.iterchildren(_RNG_ANY))
    if _local(el) in ("element", "attribute") and el.get("name") is None and children and children[0].tag[_SKIP:] in _NAME_CLASSES:
        children = children[1:]
    return children


NOT_ALLOWED = "notAllowed"
EMPTY = "empty"


def _reduce(el, dead: set[str]):
    """Simplify the pattern el in place, as RelaxNG section 4.19 does for notAllowed and empty.

    Returns el itself, another element that replaces it, or NOT_ALLOWED / EMPTY.
    """
    kind = _local(el)
    if kind == "ref":
        return NOT_ALLOWED if el.get("name") in dead else el
    if kind == "notAllowed":
        return NOT_ALLOWED
    if kind == "empty":
        return EMPTY
    if kind in ("text", "value", "parentRef", "externalRef", "grammar", "data"):
        return el  # data/except holds no element refs in TEI
    states = _reduce_children(el, dead)
    if kind == "choice":
        empty_seen = False
        for child, state in states:
            if state is NOT_ALLOWED or (state is EMPTY and empty_seen):
                el.remove(child)
            empty_seen = empty_seen or state is EMPTY
        alive = [(c, s) for c, s in states if c.getparent() is el]
        if not alive:
            return NOT_ALLOWED
        if len(alive) == 1:
            only, state = alive[0]
            return EMPTY if state is EMPTY else only
        return el
    # Everything else: the children form a group.
    if any(s is NOT_ALLOWED for _, s in states):
        return EMPTY if kind in ("optional", "zeroOrMore") else NOT_ALLOWED
    if kind == "element":
        return el
    if kind in ("group", "interleave", "define", "start"):
        if len(states) > 1:
            for child, state in states:
                if state is EMPTY:
                    el.remove(child)
            states = [(c, s) for c, s in states if c.getparent() is el] or states[:1]
        if all(s is EMPTY for _, s in states):
            return EMPTY
        if len(states) == 1 and kind in ("group", "interleave"):
            return states[0][0]
        return el
    if kind in ("oneOrMore", "zeroOrMore", "optional"):
        return EMPTY if all(s is EMPTY for _, s in states) else el
    return el  # attribute, list, mixed


def _reduce_children(el, dead: set[str]) -> list:
    """Reduce each pattern child of el; returns (child element now in el, state) pairs."""
    out = []
    for child in _content(el):
        result = _reduce(child, dead)
        if result is NOT_ALLOWED or result is EMPTY:
            replacement = etree.Element(rng(result)) if _local(child) != result else child
            state = result
        else:
            replacement, state = result, None
        if replacement is not child:
            replacement.tail = child.tail
            el.replace(child, replacement)
        out.append((replacement, state))
    return out


def _pattern_state(define, dead: set[str]):
    """Reduce a define (or start) in place; NOT_ALLOWED, EMPTY or None."""
    result = _reduce(define, dead)
    if result is NOT_ALLOWED or result is EMPTY:
        for child in _content(define):
            define.remove(child)
        etree.SubElement(define, rng(result))
        return result
    return None


def subset(tei_all: Path, allowed: list[str]) -> Result:
    """The edition schema for these element names, as bytes, with what the generator found."""
    parser = etree.XMLParser(remove_blank_text=True, no_network=True, resolve_entities=False, load_dtd=False)
    try:
        tree = etree.parse(str(tei_all), parser)
    except (OSError, etree.XMLSyntaxError) as e:
        raise SubsetError(f"cannot read {tei_all}: {e}")
    grammar = tree.getroot()
    if grammar.tag != rng("grammar"):
        raise SubsetError(f"{tei_all} is not a RelaxNG grammar")
    defines = {d.get("name"): d for d in grammar.iterchildren(rng("define"))}
    el_defines = element_defines(grammar)
    known = set(el_defines.values())
    unknown = [n for n in allowed if n not in known]
    if unknown:
        lines = []
        for n in unknown:
            close = difflib.get_close_matches(n, sorted(known), n=3, cutoff=0.6)
            lines.append(f"  {n}" + (f" (did you mean {', '.join(close)}?)" if close else ""))
        raise SubsetError("not TEI elements (no such element in tei_all.rng):\n" + "\n".join(lines))

    wanted = set(allowed)
    dead = {d for d, name in el_defines.items() if name not in wanted}
    originals = {d: deepcopy(defines[d]) for d in el_defines if d not in dead}

    start = grammar.find(rng("start"))
    if start is None:
        raise SubsetError(f"{tei_all} has no <start>")
    roots = [r for r in ROOTS if r in wanted and r in defines]
    if not roots:
        raise SubsetError("the element list must contain TEI (or teiCorpus): a document needs a root element")
    for child in list(start):
        start.remove(child)
    parent = start if len(roots) == 1 else etree.SubElement(start, rng("choice"))
    for r in roots:
        etree.SubElement(parent, rng("ref"), name=r)

    # Until nothing changes: an element whose content is notAllowed cannot occur, and a
    # define whose pattern is notAllowed is notAllowed wherever it is referred to. A reduced
    # define changes again only when a define it refers to dies, so after the first round
    # only those that refer to the defines that died in the last one are reduced again.
    order = {name: i for i, name in enumerate(defines)}
    referring: dict[str, list[str]] = {}
    for name, define in defines.items():
        for ref in {r.get("name") for r in define.iter(rng("ref"))}:
            referring.setdefault(ref, []).append(name)
    todo = list(defines)
    while todo:
        new = set()
        for name in todo:
            if name not in dead and _pattern_state(defines[name], dead) is NOT_ALLOWED:
                new.add(name)
        dead |= new
        todo = sorted({r for name in new for r in referring.get(name, ())}, key=order.__getitem__)
    unusable = {}
    for d, original in originals.items():
        if d in dead:
            required = _required(original, dead, el_defines)
            unusable[el_defines[d]] = ("it requires " + " and ".join(f"<{r}>" for r in required)
                                       if required else "its content cannot be matched with the listed elements")
    if _pattern_state(start, dead) is NOT_ALLOWED:
        why = "; ".join(f"<{n}>: {w}" for n, w in sorted(unusable.items()))
        raise SubsetError(f"with this element list no document can be valid ({why})")

    # Keep what start reaches.
    reached: set[str] = set()
    todo = [start]
    while todo:
        node = todo.pop()
        for ref in node.iter(rng("ref")):
            target = ref.get("name")
            if target not in reached and target in defines:
                reached.add(target)
                todo.append(defines[target])
    for name, define in defines.items():
        if name not in reached:
            grammar.remove(define)
    for pattern in list(grammar.iterchildren(f"{{{SCH_NS}}}pattern")):
        owner = _pattern_owner(pattern.get("id") or "", defines)
        if owner is not None and owner not in reached:
            grammar.remove(pattern)

    kept = sorted({el_defines[d] for d in reached if d in el_defines})
    notice = etree.Comment(
        f"\nGENERATED FILE, do not edit. Written by `{COMMAND}` from the TEI P5 tei_all.rng\n"
        f"bundled with editio and the element list tei/schema/elements.txt ({len(kept)} elements).\n"
        f"Every element not in the list is notAllowed and nothing else is changed, so a document\n"
        f"valid against this schema is valid against tei_all. To change it, edit elements.txt\n"
        f"and run `{COMMAND}`.\n")
    comments = [c for c in grammar.iterchildren() if isinstance(c, etree._Comment)]
    leading = [c for c in comments if grammar.index(c) < len(comments)]
    if leading:
        leading[-1].addnext(notice)
    else:
        grammar.insert(0, notice)

    etree.indent(tree, space="   ")
    xml = b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(tree, xml_declaration=False, encoding="utf-8") + b"\n"
    unreachable = sorted(n for n in wanted if n not in set(kept) and n not in unusable)
    return Result(xml, kept, dict(sorted(unusable.items())), unreachable)


def _required(define, dead: set[str], el_defines: dict[str, str]) -> list[str]:
    """The dead elements that a define's content cannot do without (for the warning)."""
    out: list[str] = []

    def walk(el) -> None:
        kind = _local(el)
        if kind in ("optional", "zeroOrMore", "attribute"):
            return
        if kind == "ref":
            if el.get("name") in dead:
                out.append(el_defines.get(el.get("name"), el.get("name")))
            return
        if kind == "choice" and _reduce(deepcopy(el), dead) is not NOT_ALLOWED:
            return
        for c in _content(el):
            walk(c)

    for c in _content(_content(define)[0]):
        walk(c)
    return sorted(set(out))


def _pattern_owner(pattern_id: str, defines: dict) -> str | None:
    """The define a top-level Schematron pattern of tei_all belongs to (ids are tei_all-CLASS-...)."""
    if not pattern_id.startswith("tei_all-"):
        return None
    rest = pattern_id[len("tei_all-"):]
    classes = [n[: -len(".attributes")] for n in defines if n.endswith(".attributes")]
    matches = [c for c in classes if rest.startswith(c + "-")]
    if not matches:
        return None
    return max(matches, key=len) + ".attributes"


def default_paths() -> tuple[Path, Path, Path]:
    folder = edition_schema_dir()
    return tei_all_schema(), folder / "elements.txt", folder / "editio.rng"


def main(argv: list[str] | None = None) -> int:
    tei_all, elements, output = default_paths()
    ap = argparse.ArgumentParser(prog=COMMAND, description="Derive the edition schema editio.rng from tei_all.rng and an element list.")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 when the schema file is not what would be written")
    ap.add_argument("--elements", type=Path, default=elements, help=f"element list (default: {elements})")
    ap.add_argument("--tei-all", type=Path, default=tei_all, help=f"TEI tei_all.rng (default: {tei_all})")
    ap.add_argument("-o", "--output", type=Path, default=output, help=f"schema to write (default: {output})")
    args = ap.parse_args(argv)
    try:
        result = subset(args.tei_all, read_element_list(args.elements))
    except SubsetError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for name, why in result.unusable.items():
        print(f"warning: <{name}> is listed but can never occur: {why}, which is not listed", file=sys.stderr)
    for name in result.unreachable:
        print(f"warning: <{name}> is listed but no listed element may contain it", file=sys.stderr)
    try:
        current = args.output.read_bytes()
    except OSError:
        current = None
    if args.check:
        if current == result.xml:
            print(f"{args.output} is up to date ({len(result.elements)} elements)")
            return 0
        why = "does not exist" if current is None else "is not what the generator writes from"
        print(f"{args.output} {why} {args.elements}; run `{COMMAND}` and commit the result", file=sys.stderr)
        return 1
    if current != result.xml:
        write_atomic(args.output, result.xml)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(args.output, 0o666 & ~umask)  # (write_atomic may fall back to a private mkstemp file, 0600)
    print(f"wrote {args.output} ({len(result.elements)} elements, {len(result.xml) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
