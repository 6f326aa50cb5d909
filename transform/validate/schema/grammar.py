"""The grammar as content models: read (include, div, combine), compiled into patterns on first
use, and the static facts the walk's messages need (which elements may contain which)."""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from .attributes import Attributes
from .patterns import DATA, EMPTY, NA, TEXT, Patterns
from .rng import RNG, element_nameclass, nameclass_label, nc_matches, nc_names, rng_children, safe_parser


class Unsupported(Exception):
    """A grammar feature the model does not follow (nested grammars, parentRef)."""


@dataclass
class ElementDecl:
    """An <element> pattern of the grammar."""

    id: int
    nameclass: tuple
    node: object  # the rng:element
    content: int = -1  # pattern id, compiled on first use
    attributes: list = field(default_factory=list)  # [(nameclass, value node)], on first use
    required_attrs: frozenset = frozenset()
    attrs_done: bool = False

    @property
    def label(self) -> str:
        return nameclass_label(self.nameclass)


class Grammar(Patterns, Attributes):
    """The grammar compiled to hash-consed patterns over element names and text."""

    def __init__(self, tree, path: Path, generated: bool):
        super().__init__()
        self.generated = generated
        self.path = path
        self.defines: dict[str, list] = {}  # name -> [(combine, node)]
        self.start: list = []  # [(combine, rng:start)]
        self._load_grammar(tree.getroot(), path, set())
        self.elements: list[ElementDecl] = []
        self._element_ids: dict[object, int] = {}
        self._define_cache: dict[str, int] = {}
        self.start_pattern = self._combine(self.start)
        self._all_compiled = False
        self._by_name: dict[tuple[str, str], list[int]] | None = None
        self._direct: dict[tuple[str, str], set[str]] | None = None
        self._parents: dict[tuple[str, str], list[str]] | None = None
        self._children: dict[int, frozenset] = {}
        self._text_in: dict[int, bool] = {}
        self._names: dict[str, set[str]] | None = None
        self._contains: dict[tuple[int, str, str], bool] = {}
        self._alphabetical: dict[frozenset, list[str]] = {}
        self._child_labels: dict[int, frozenset] = {}
        self._required_in_order: dict[int, list[int]] = {}
        self._first_names: dict[int, dict[str, tuple[str, str]]] = {}
        # (declaration, attribute, value) that the walk found fine: the same on every document
        self.fine_attributes: set[tuple[int, str, str]] = set()
        self._values: dict[tuple[int, str, str], list] = {}

    # ----- reading the grammar (include, div, combine)

    def _load_grammar(self, grammar, path: Path, seen: set, override: set | None = None) -> None:
        if grammar.tag != f"{RNG}grammar":
            # A schema that is a single pattern, e.g. <element name="TEI">...
            self.start.append((None, grammar))
            return
        for child in self._grammar_children(grammar):
            local = etree.QName(child).localname
            if local == "start":
                if override is None or "start" not in override:
                    self.start.append((child.get("combine"), child))
            elif local == "define":
                name = child.get("name")
                if override is not None and name in override:
                    continue
                self.defines.setdefault(name, []).append((child.get("combine"), child))
            elif local == "include":
                href = child.get("href") or ""
                target = Path(unquote(urlparse(href).path)) if urlparse(href).scheme == "file" else Path(href)
                if not target.is_absolute():
                    target = path.parent / target
                target = target.resolve()
                if target in seen:
                    raise Unsupported("include cycle")
                sub = etree.parse(str(target), safe_parser()).getroot()
                overrides = set()
                for c in self._grammar_children(child):
                    if etree.QName(c).localname == "start":
                        overrides.add("start")
                    elif etree.QName(c).localname == "define":
                        overrides.add(c.get("name"))
                self._load_grammar(sub, target, seen | {target}, overrides | (override or set()))
                for c in self._grammar_children(child):
                    if etree.QName(c).localname == "start":
                        self.start.append((c.get("combine"), c))
                    elif etree.QName(c).localname == "define":
                        self.defines.setdefault(c.get("name"), []).append((c.get("combine"), c))

    def _grammar_children(self, el):
        for child in el:
            if not isinstance(child.tag, str) or not child.tag.startswith(RNG):
                continue
            if etree.QName(child).localname == "div":
                yield from self._grammar_children(child)
            else:
                yield child


    # ----- compiling rng elements

    def _compile_group(self, nodes) -> int:
        result = EMPTY
        for n in nodes:
            result = self.group(result, self._compile(n))
        return result

    def _compile(self, n) -> int:
        kind = etree.QName(n).localname
        if kind == "element":
            return self._mk(("element", self._declare(n)))
        if kind == "ref":
            return self._compile_define(n.get("name"))
        if kind in ("group",):
            return self._compile_group(rng_children(n))
        if kind == "interleave":
            result = EMPTY
            for c in rng_children(n):
                result = self.interleave(result, self._compile(c))
            return result
        if kind == "choice":
            return self.choice(*(self._compile(c) for c in rng_children(n)))
        if kind == "optional":
            return self.choice(self._compile_group(rng_children(n)), EMPTY)
        if kind == "zeroOrMore":
            return self.choice(self.one_or_more(self._compile_group(rng_children(n))), EMPTY)
        if kind == "oneOrMore":
            return self.one_or_more(self._compile_group(rng_children(n)))
        if kind == "mixed":
            return self.interleave(TEXT, self._compile_group(rng_children(n)))
        if kind == "text":
            return TEXT
        if kind in ("data", "value", "list"):
            return DATA
        if kind == "empty" or kind == "attribute":
            return EMPTY
        if kind == "notAllowed":
            return NA
        if kind == "externalRef":
            return self._compile_external(n)
        raise Unsupported(kind)

    def _compile_external(self, n) -> int:
        href = n.get("href") or ""
        base = Path(n.getroottree().docinfo.URL or self.path).parent
        target = (base / unquote(urlparse(href).path if urlparse(href).scheme == "file" else href)).resolve()
        root = etree.parse(str(target), safe_parser()).getroot()
        if root.tag == f"{RNG}grammar":
            raise Unsupported("externalRef to a grammar")
        return self._compile(root)

    def _compile_define(self, name: str) -> int:
        if name in self._define_cache:
            return self._define_cache[name]
        parts = self.defines.get(name)
        if not parts:
            raise Unsupported(f"ref to undefined {name}")
        self._define_cache[name] = NA  # a define cannot refer to itself outside an element
        result = self._combine(parts)
        self._define_cache[name] = result
        return result

    def _combine(self, parts) -> int:
        """The pattern of a define or start given in several parts (combine="choice|interleave")."""
        if not parts:
            raise Unsupported("no start")
        compiled = [self._compile_group(rng_children(node)) if etree.QName(node).localname in ("define", "start")
                    else self._compile(node) for _, node in parts]
        if next((c for c, _ in parts if c), None) == "interleave":
            result = EMPTY
            for p in compiled:
                result = self.interleave(result, p)
            return result
        return self.choice(*compiled)

    def _declare(self, node) -> int:
        eid = self._element_ids.get(node)
        if eid is None:
            eid = len(self.elements)
            nc = element_nameclass(node)
            self.elements.append(ElementDecl(eid, nc, node))
            self._element_ids[node] = eid
        return eid

    def content(self, eid: int) -> int:
        decl = self.elements[eid]
        if decl.content < 0:
            children = rng_children(decl.node)
            if decl.node.get("name") is None and children:
                children = children[1:]  # the name class
            decl.content = NA  # guard against reentry
            decl.content = self._compile_group(children)
        return decl.content

    def compile_all(self) -> None:
        """Compile every element reachable from start (for parents and name lists)."""
        if self._all_compiled:
            return
        done = 0
        while done < len(self.elements):
            self.content(done)
            done += 1
        self._all_compiled = True


    def children(self, eid: int) -> frozenset:
        """Every element declaration that may occur anywhere directly inside eid."""
        r = self._children.get(eid)
        if r is None:
            r, text = self._reachable(self.content(eid))
            self._children[eid] = r
            self._text_in[eid] = text
        return r

    def allows_text(self, eid: int) -> bool:
        self.children(eid)
        return self._text_in[eid]

    def _reachable(self, p: int) -> tuple[frozenset, bool]:
        out, text, todo, seen = set(), False, [p], set()
        while todo:
            q = todo.pop()
            if q in seen:
                continue
            seen.add(q)
            node = self.nodes[q]
            kind = node[0]
            if kind == "element":
                out.add(node[1])
            elif kind in ("text", "data"):
                text = True
            elif kind == "choice":
                todo.extend(node[1])
            elif kind in ("group", "interleave"):
                todo.extend(node[1:3])
            elif kind == "oneOrMore":
                todo.append(node[1])
        return frozenset(out), text

    def declarations(self, ns: str, local: str) -> list[int]:
        """The named element declarations for this name (not wildcards)."""
        if self._by_name is None:
            self.compile_all()
            index: dict[tuple[str, str], list[int]] = {}
            for d in self.elements:
                for name in nc_names(d.nameclass):
                    index.setdefault(name, []).append(d.id)
            self._by_name = index
        return self._by_name.get((ns, local), [])

    def names(self) -> dict[str, set[str]]:
        """local name -> namespaces of the named element declarations."""
        if self._names is None:
            self.compile_all()
            out: dict[str, set[str]] = {}
            for d in self.elements:
                for ns, local in nc_names(d.nameclass):
                    out.setdefault(local, set()).add(ns)
            self._names = out
        return self._names

    def _labelled(self):
        """Each element declaration, all compiled, with the names of the elements it declares."""
        self.compile_all()
        return [(d, [n[1] for n in nc_names(d.nameclass)]) for d in self.elements]

    def parents(self, ns: str, local: str) -> list[str]:
        """Names of the elements inside which an element of this name may occur."""
        if self._parents is None:
            parents: dict[tuple[str, str], set[str]] = {}
            for d, labels in self._labelled():
                if not labels:
                    continue
                for child in self.children(d.id):
                    for name in nc_names(self.elements[child].nameclass):
                        parents.setdefault(name, set()).update(labels)
            self._parents = {k: sorted(v, key=str.lower) for k, v in parents.items()}
        return self._parents.get((ns, local), [])

    def direct_parents(self, ns: str, local: str) -> set[str]:
        """Names of the elements whose content model names this element itself, not through a class."""
        if self._direct is None:
            direct: dict[tuple[str, str], set[str]] = {}
            for d, labels in self._labelled():
                for ref in d.node.iter(f"{RNG}ref"):
                    for _, define in self.defines.get(ref.get("name"), []):
                        inner = rng_children(define)
                        if len(inner) == 1 and etree.QName(inner[0]).localname == "element":
                            for name in nc_names(element_nameclass(inner[0])):
                                direct.setdefault(name, set()).update(labels)
            self._direct = direct
        return self._direct.get((ns, local), set())

    def label(self, eid: int) -> str:
        return self.elements[eid].label

    # ----- what the walk's messages ask again and again, kept

    def may_contain(self, eid: int, ns: str, local: str) -> bool:
        """Whether an element of this name may occur anywhere directly inside eid."""
        key = (eid, ns, local)
        r = self._contains.get(key)
        if r is None:
            r = self._contains[key] = any(nc_matches(self.elements[c].nameclass, ns, local) for c in self.children(eid))
        return r

    def child_labels(self, eid: int) -> frozenset:
        """The labels of the element declarations that may occur directly inside eid."""
        r = self._child_labels.get(eid)
        if r is None:
            r = self._child_labels[eid] = frozenset(self.label(c) for c in self.children(eid))
        return r

    def alphabetical(self, names: frozenset) -> list[str]:
        """Names as messages list them: case-insensitively in alphabetical order."""
        r = self._alphabetical.get(names)
        if r is None:
            r = self._alphabetical[names] = sorted(names, key=lambda n: (n.lower(), n))
        return r

    def required_in_order(self, p: int) -> list[int]:
        """required(p), by label."""
        r = self._required_in_order.get(p)
        if r is None:
            r = self._required_in_order[p] = sorted(self.required(p), key=lambda e: self.label(e).lower())
        return r

    def first_names(self, p: int) -> dict[str, tuple[str, str]]:
        """label -> a name of each element declaration that may come next in p."""
        r = self._first_names.get(p)
        if r is None:
            r = self._first_names[p] = {self.label(e): n for e in self.first(p)[0] for n in nc_names(self.elements[e].nameclass)[:1]}
        return r
