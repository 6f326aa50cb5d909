"""The explaining walk: the document checked element by element against the content models,
with one finding per mistake, in words, at the element's line and column."""

from lxml import etree

from ...tei import TEI_NS, XML_NS
from ..rules import Finding
from .attributes import datatype_hint
from .grammar import Grammar
from .patterns import NA, TEXT_TOKEN
from .rng import nc_matches, nc_names
from .text_position import source_index, text_position
from .words import MAX_LISTED, attr_prefixed, closest, finding_at, listing, written_name

WALK_CAP = 100  # findings the walk explains in one file; libxml2's errors after them are counted
_FINE_KEPT = 50_000  # attribute values the grammar remembers as fine, at most: a worker walks thousands of letters


def example_child(parent: str, expected: list[str]) -> str | None:
    """The child to name as an example of what an empty element needs: the entry of a list
    (<org> for <listOrg>), else the first that is not the element itself (a <listOrg>
    may hold a <listOrg>, but that is no help to someone who deleted the last <org>)."""
    entry = parent[4:].lower() if parent.startswith("list") else None
    for name in expected:
        if entry and name.lower() == entry:
            return name
    return next((name for name in expected if name != parent), None)


def _tokens(el):
    """(token, child element or None, text) of el's content in order; whitespace-only text is skipped."""
    pending = el.text or ""
    prev = None
    out = []
    tokens = _TOKENS
    for child in el:
        tag = child.tag
        if isinstance(tag, str):
            if pending and not pending.isspace():
                out.append((TEXT_TOKEN, prev, pending))
            pending = child.tail or ""
            out.append((tokens.get(tag) or _token(tag), child, None))
            prev = child
        else:  # comment or processing instruction: its tail continues the text
            pending += child.tail or ""
    if pending and not pending.isspace():
        out.append((TEXT_TOKEN, prev, pending))
    return out


_TOKENS: dict[str, tuple[str, str]] = {}


def _token(name: str) -> tuple[str, str]:
    """(namespace or "", local name) of an element's tag or an attribute's name as lxml has it."""
    token = _TOKENS.get(name)
    if token is None:
        token = _TOKENS[name] = tuple(name[1:].split("}", 1)) if name[0] == "{" else ("", name)
    return token


class _Enough(Exception):
    """The walk has WALK_CAP findings."""


class Walker:
    def __init__(self, model: Grammar, doc):
        self.m = model
        self.doc = doc
        self.found: list[tuple[object, Finding]] = []
        self._used: set[str] | None = None
        self._source: tuple[str, list[int]] | None = None  # for text_position, made on first use
        self.attr_findings: set = set()  # (element, attribute) with a finding
        self.stopped = False  # WALK_CAP findings reached: the rest of the document was not walked
        self._not_inside: dict[tuple, str] = {}  # not_inside_hint's answers

    def ranked(self, names) -> list[str]:
        """Element names: those this document uses first (its vocabulary), then alphabetically."""
        if self._used is None:
            self._used = {_token(tag)[1] for tag in {e.tag for e in self.doc.root.iter(etree.Element)}}
        used = self._used
        order = self.m.alphabetical(frozenset(names))
        return [n for n in order if n in used] + [n for n in order if n not in used]

    def add(self, el, message: str, hint: str = "", attr: str | None = None, pos: tuple[int, int] | None = None):
        if pos is None:
            f = finding_at(self.doc, el, message, hint, attr)
        else:
            f = Finding(self.doc.name, pos[0], pos[1], message, hint)
        self.found.append((el, f))
        if len(self.found) > WALK_CAP:
            raise _Enough

    def run(self) -> list[tuple[object, Finding]]:
        try:
            return self._run()
        except _Enough:
            self.stopped = True
            return self.found[:WALK_CAP]

    def _run(self) -> list[tuple[object, Finding]]:
        root = self.doc.root
        q = etree.QName(root)
        token = (q.namespace or "", q.localname)
        start = self.m.start_pattern
        if self.m.deriv(start, token) == NA:
            expected = sorted({self.m.label(e) for e in self.m.first(start)[0]}, key=str.lower)
            self.add(root, f"<{written_name(root)}> cannot be the root element", "the schema expects " + listing(expected))
            decls = self.m.declarations(*token)
            if len(decls) == 1:
                self.element(root, decls[0])
            return self.found
        self.element(root, self.m.matching(start, *token)[0])
        return self.found

    # one element: its attributes, then its content
    def element(self, el, eid: int) -> bool:
        """Check el against a declaration; False when its own content (not deeper) has errors."""
        decl = self.m.elements[eid]
        if decl.nameclass[0] in ("any", "nsName"):
            return True  # a wildcard: anything goes below (TEI xenoData, egXML)
        self.attributes(el, eid)
        m = self.m
        deriv = m.deriv
        state = m.content(eid)
        tokens = _tokens(el)
        states = []
        errors_here = []
        last: dict = {}  # token -> where it last occurs in el, filled at the first error
        for i, (token, child, text) in enumerate(tokens):
            states.append(state)
            nxt = deriv(state, token)
            if nxt != NA:
                if token != TEXT_TOKEN:
                    self.element(child, m.matching(state, *token)[0])
                state = nxt
                continue
            # Not allowed here.
            if token == TEXT_TOKEN:
                self.text_error(el, eid, state, child, text)
                errors_here.append(None)
                continue
            if not last:
                last.update((t, j) for j, (t, _, _) in enumerate(tokens))
            repaired = self.child_error(el, eid, state, child, token, tokens, i, states, errors_here, last)
            errors_here.append(child)
            if repaired is not None:
                state = repaired
            decls = m.declarations(*token)
            if len(decls) == 1:
                # Check a misplaced element as what it says it is, unless its own content does
                # not fit that either: then it is probably not the element meant, and what
                # would be said about its content is noise.
                before = len(self.found)
                if not self.element(child, decls[0]):
                    del self.found[before:]
        if not m.nullable(state):
            self.incomplete(el, eid, state, errors_here)
        return not errors_here and m.nullable(state)

    def child_error(self, el, eid, state, child, token, tokens, i, states, errors_here, last):
        """Report a child element that the content model rejects; the state to go on with, or None."""
        m = self.m
        ns, local = token
        name = written_name(child)
        parent = written_name(el)
        if not m.declarations(ns, local):
            self.unknown_element(child, ns, local)
            return None
        if not m.may_contain(eid, ns, local):
            self.add(child, f"<{name}> is not allowed inside <{parent}>", self.not_inside_hint(eid, parent, token))
            return None
        memo: dict = {}  # for completes(): the tries below share their walks to the end
        # A required element missing before it?
        for missing in m.required_in_order(state):
            for name2 in nc_names(m.elements[missing].nameclass)[:1]:
                after = m.deriv(m.deriv(state, name2), token)
                if after == NA:
                    continue
                if last.get(name2, -1) > i:
                    break  # it is there, later: reported where it is, as out of order
                if not self.meant_as(errors_here, [m.label(missing)]):
                    self.add(child, f"<{parent}> is incomplete: missing required element <{m.label(missing)}> before <{name}>",
                             f"add <{m.label(missing)}> before <{name}>")
                return after
        # Out of order: would it fit earlier (the nearest place first) or later?
        for j in range(i - 1, -1, -1):
            t_j, other, _ = tokens[j]
            if other is None or t_j == TEXT_TOKEN or m.deriv(states[j], token) == NA:
                continue
            if t_j == token and m.deriv(m.deriv(states[j], token), token) == NA:
                self.add(child, f"a second <{name}> is not allowed in <{parent}>",
                         f"<{parent}> has one <{name}> (the first is on line {other.sourceline}); merge them or delete this one")
                return None
            if self.completes(m.deriv(states[j], token), tokens, j, i, memo):
                self.add(child, f"<{name}> is not allowed at this point in <{parent}>",
                         f"move it before <{written_name(other)}> (line {other.sourceline})")
                return None
        s = state
        for j in range(i + 1, len(tokens)):
            t_j, other, _ = tokens[j]
            s = m.deriv(s, t_j)
            if s == NA:
                break
            if other is not None and t_j != TEXT_TOKEN and self.completes(m.deriv(s, token), tokens, j + 1, i, memo):
                self.add(child, f"<{name}> is not allowed at this point in <{parent}>",
                         f"move it after <{written_name(other)}> (line {other.sourceline})")
                return None
        # One of several elements missing before it?
        firsts = m.first_names(state)
        before = {label: n for label, n in firsts.items() if m.deriv(m.deriv(state, n), token) != NA}
        if before and not m.nullable(state) and not any(last.get(n, -1) > i for n in before.values()):
            labels = self.ranked(before)
            repaired = m.choice(*(m.deriv(m.deriv(state, n), token) for n in before.values()))
            if not self.meant_as(errors_here, labels):
                self.add(child, f"<{parent}> is incomplete: {listing(labels)} must come before <{name}>",
                         f"add {'one of ' if len(labels) > 1 else ''}{listing(labels)} before <{name}>")
            return repaired
        expected = self.ranked(firsts)
        if expected:
            where = f"here <{parent}> expects {listing(expected)}" + (" or its end" if m.nullable(state) else "")
        else:
            where = f"nothing more may follow here in <{parent}>"
        after = self.ranked(before)
        if after:
            where += f"; <{name}> may follow {listing(after)}"
        self.add(child, f"<{name}> is not allowed at this point in <{parent}>", where)
        return None

    def not_inside_hint(self, eid: int, parent: str, token: tuple[str, str]) -> str:
        """Where an element that eid may not contain is allowed; worked out once per document
        for each pair (a letter's lists may repeat one mistake in every entry)."""
        key = (eid, parent, token)
        hint = self._not_inside.get(key)
        if hint is None:
            m = self.m
            ns, local = token
            direct = m.direct_parents(ns, local)
            parents = self.ranked(m.parents(ns, local))
            parents = [p for p in parents if p in direct] + [p for p in parents if p not in direct]
            if parents:
                hint = f"it is allowed inside {listing(parents)}"
                inside = self.ranked(m.child_labels(eid))
                if len(inside) <= MAX_LISTED:
                    hint += f"; <{parent}> may contain " + (listing(inside, conj="and") if inside else "no elements")
            elif any(nc_matches(m.elements[e].nameclass, ns, local) for e in m.first(m.start_pattern)[0]):
                hint = "it is allowed only as the root element"
            else:
                hint = "no element of the schema may contain it"
            self._not_inside[key] = hint
        return hint

    def meant_as(self, errors_here, labels) -> bool:
        """Whether an element already reported in this parent was probably meant to be one of labels."""
        for child in errors_here:
            if child is not None and closest(etree.QName(child).localname, labels, n=1, cutoff=0.6):
                return True
        return False

    def completes(self, state: int, tokens, k: int, skip: int, memo: dict) -> bool:
        """Whether tokens[k:] without tokens[skip] (and without unknown elements) complete the content from state.

        memo maps (state, position) to the answer. The tries of one error start from many
        positions; their walks to the end soon meet on the same state at the same position,
        so that together they cost linear, not quadratic, time in a long parent (a register).
        """
        m = self.m
        walked = []
        while True:
            key = (state, k)
            result = memo.get(key)
            if result is not None:
                break
            walked.append(key)
            if state == NA or k == len(tokens):
                result = state != NA and m.nullable(state)
                break
            t = tokens[k][0]
            k += 1
            if k - 1 != skip and (t == TEXT_TOKEN or m.declarations(*t)):
                state = m.deriv(state, t)
        for key in walked:
            memo[key] = result
        return result

    def unknown_element(self, child, ns: str, local: str) -> None:
        m = self.m
        name = written_name(child)
        names = m.names()
        if local in names and ns not in names[local]:
            right = sorted(names[local])[0]
            have = f"namespace {ns}" if ns else "no namespace"
            prefixes = [p for p, uri in child.nsmap.items() if uri == right and p]
            if prefixes:
                hint = f"write it <{prefixes[0]}:{local}>, in the namespace {right}"
            elif right == TEI_NS:
                hint = f'declare the TEI namespace: xmlns="{right}" on the root element (and no xmlns="" below it)'
            else:
                hint = f"put <{name}> in the namespace {right}"
            self.add(child, f"<{name}> is in {have}, not in the schema's namespace {right or '(none)'}", hint)
            return
        if ns not in (TEI_NS, "") and not any(ns in v for v in names.values()):
            self.add(child, f"unknown element <{name}> (namespace {ns})",
                     f"the schema allows no elements of the namespace {ns} here")
            return
        hints = []
        close = closest(local, [n for n, nss in names.items() if ns in nss])
        if close:
            hints.append("did you mean " + listing(close) + "?")
        if ns == TEI_NS and m.generated and local in _tei_all_names():
            hints.append(f"<{local}> is a TEI element but not in this edition's schema; if the edition needs it, "
                         "add it to tei/schema/elements.txt and run `python -m editio.schema_subset`")
        if not hints:
            hints.append("the schema has no element of this name; check the spelling")
        self.add(child, f"unknown element <{name}>", " ".join(hints))

    def text_error(self, el, eid, state, prev, text) -> None:
        m = self.m
        parent = written_name(el)
        if self._source is None:
            self._source = source_index(self.doc)
        pos = text_position(self.doc, el, prev, text, *self._source)
        takes_text = self.ranked({m.label(e) for e in m.first(state)[0] if m.allows_text(e)})
        if m.allows_text(eid):
            message = f"text is not allowed at this point in <{parent}>"
        else:
            message = f"text is not allowed inside <{parent}>"
        snippet = " ".join(text.split())
        snippet = snippet if len(snippet) <= 30 else snippet[:29] + "…"
        hint = f'"{snippet}": '
        if not m.children(eid) and not m.allows_text(eid):
            hint += f"<{parent}> must be empty; delete the text"
        elif takes_text:
            hint += f"put it inside an element that may hold text, such as {listing(takes_text[:4])}, or delete it"
        else:
            hint += f"<{parent}> may contain only elements here; delete the text or put it where text is allowed"
        self.add(el, message, hint, pos=pos)

    def incomplete(self, el, eid, state, errors_here) -> None:
        m = self.m
        required = self.ranked({m.label(e) for e in m.required(state)})
        # A misspelt or misplaced child that was meant to be the missing one: said already.
        if required and self.meant_as(errors_here, required):
            return
        if not required and any(c is not None for c in errors_here):
            return
        parent = written_name(el)
        if required:
            s = "s" if len(required) > 1 else ""
            self.add(el, f"<{parent}> is incomplete: missing required element{s} {listing(required, conj='and')}",
                     f"add {listing(required, conj='and')} inside <{parent}>")
        else:
            expected = self.ranked({m.label(e) for e in m.first(state)[0]})
            text = m.first(state)[1]
            what = listing(expected) + (" or text" if text else "") if expected else "text"
            example = example_child(parent, expected)
            self.add(el, f"<{parent}> is incomplete: it needs {'one of ' if len(expected) > 1 else ''}{what}",
                     f"add the content that <{parent}> requires" + (f", e.g. <{example}>" if example else ""))

    # attributes
    def attributes(self, el, eid: int) -> None:
        attrib = el.attrib
        if attrib:
            fine = self.m.fine_attributes
            for attr, value in attrib.items():
                if (eid, attr, value) not in fine and self.attribute(el, eid, attr, value, *_token(attr)):
                    if len(fine) >= _FINE_KEPT:  # values (every xml:id) differ from letter to letter: bounded
                        fine.clear()
                    fine.add((eid, attr, value))
        required = self.m.attributes(eid).required_attrs
        if not required:
            return
        present = {_token(attr) for attr in attrib}
        if required <= present:
            return
        name = written_name(el)
        for ns, local in sorted(required):
            if (ns, local) not in present:
                shown = f"xml:{local}" if ns == XML_NS else local
                values = self.m.attribute_values(eid, ns, local)
                hint = f"add @{shown}"
                if values and values[0].closed:
                    hint += ": one of " + listing(values[0].closed, quote=False)
                elif values:
                    words = datatype_hint(values[0])
                    hint += f": {words}" if words else ""
                self.add(el, f"<{name}> lacks the required attribute @{shown}", hint)

    def attribute(self, el, eid: int, attr: str, value: str, ns: str, local: str) -> bool:
        """Check one attribute of el; whether it is fine (no finding)."""
        name = written_name(el)
        descriptions = self.m.attribute_values(eid, ns, local)
        shown = f"xml:{local}" if ns == XML_NS else (attr_prefixed(el, ns, local))
        if not descriptions:
            known = sorted({("xml:" if n == XML_NS else "") + l for nc, _ in self.m.attributes(eid).attributes for n, l in nc_names(nc)})
            close = closest(shown, known)
            if close:
                hint = "did you mean " + listing(["@" + c for c in close], quote=False) + "?"
            elif known and len(known) <= MAX_LISTED * 2:
                hint = f"<{name}> has the attributes " + listing(["@" + k for k in known], quote=False, conj="and")
            elif known:
                hint = f"<{name}> has no attribute of this name; check the spelling"
            else:
                hint = f"<{name}> takes no attributes"
            self.add(el, f"unknown attribute @{shown} on <{name}>", hint, attr=attr)
            self.attr_findings.add((el, attr))
            return False
        if any(d.closed is None for d in descriptions):
            return True
        allowed = sorted({v for d in descriptions for v in d.closed})
        is_list = any(d.is_list for d in descriptions)
        given = value.split() if is_list else [" ".join(value.split())]
        bad = [g for g in given if g not in allowed] if given else [""]
        if bad:
            close = closest(bad[0], allowed, n=1, cutoff=0.5)
            hint = (f'did you mean "{close[0]}"? ' if close else "") + "the allowed values are " + listing(allowed, quote=False)
            self.add(el, f'@{shown}="{value}" is not a valid value on <{name}>', hint, attr=attr)
            self.attr_findings.add((el, attr))
            return False
        return True


def _tei_all_names() -> set[str]:
    from .tei_all import element_names  # imported here: tei_all makes Schemas, which use this walk

    return element_names()
