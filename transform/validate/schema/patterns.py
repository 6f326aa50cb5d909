"""Content models as hash-consed patterns over element names and text, and their derivatives
(as Jing checks content): what may come next, what is still required, whether it may end."""

from .rng import nc_matches

NA, EMPTY, TEXT, DATA = 0, 1, 2, 3
TEXT_TOKEN = "#text"


class Patterns:
    """Patterns by number; self.elements holds the element declarations they refer to."""

    def __init__(self):
        self.nodes: list[tuple] = [("notAllowed",), ("empty",), ("text",), ("data",)]
        self._ids: dict[tuple, int] = {n: i for i, n in enumerate(self.nodes)}
        self.elements: list = []
        self._deriv: dict[tuple[int, object], int] = {}
        self._nullable: dict[int, bool] = {}
        self._first: dict[int, tuple[frozenset, bool]] = {}
        self._required: dict[int, frozenset] = {}
        self._matching: dict[tuple[int, str, str], list[int]] = {}

    def _mk(self, node: tuple) -> int:
        pid = self._ids.get(node)
        if pid is None:
            pid = len(self.nodes)
            self.nodes.append(node)
            self._ids[node] = pid
        return pid

    def choice(self, *ps: int) -> int:
        items: set[int] = set()
        for p in ps:
            if p == NA:
                continue
            node = self.nodes[p]
            if node[0] == "choice":
                items.update(node[1])
            else:
                items.add(p)
        if not items:
            return NA
        if len(items) == 1:
            return next(iter(items))
        return self._mk(("choice", tuple(sorted(items))))

    def group(self, a: int, b: int) -> int:
        return self._pair("group", a, b)

    def interleave(self, a: int, b: int) -> int:
        return self._pair("interleave", *sorted((a, b)))  # a & b is b & a: one pattern for both

    def _pair(self, kind: str, a: int, b: int) -> int:
        if a == NA or b == NA:
            return NA
        if a == EMPTY:
            return b
        if b == EMPTY:
            return a
        return self._mk((kind, a, b))

    def one_or_more(self, p: int) -> int:
        if p in (NA, EMPTY):
            return p
        return self._mk(("oneOrMore", p))


    # ----- derivatives

    def nullable(self, p: int) -> bool:
        r = self._nullable.get(p)
        if r is None:
            node = self.nodes[p]
            kind = node[0]
            if kind in ("empty", "text", "data"):
                r = True
            elif kind in ("notAllowed", "element"):
                r = False
            elif kind == "choice":
                r = any(self.nullable(c) for c in node[1])
            elif kind in ("group", "interleave"):
                r = self.nullable(node[1]) and self.nullable(node[2])
            else:  # oneOrMore
                r = self.nullable(node[1])
            self._nullable[p] = r
        return r

    def deriv(self, p: int, token) -> int:
        key = (p, token)
        r = self._deriv.get(key)
        if r is None:
            node = self.nodes[p]
            kind = node[0]
            if kind in ("notAllowed", "empty"):
                r = NA
            elif kind == "text":
                r = TEXT if token == TEXT_TOKEN else NA
            elif kind == "data":
                r = EMPTY if token == TEXT_TOKEN else NA
            elif kind == "element":
                r = EMPTY if token != TEXT_TOKEN and nc_matches(self.elements[node[1]].nameclass, *token) else NA
            elif kind == "choice":
                r = self.choice(*(self.deriv(c, token) for c in node[1]))
            elif kind == "group":
                a, b = node[1], node[2]
                r = self.group(self.deriv(a, token), b)
                if self.nullable(a):
                    r = self.choice(r, self.deriv(b, token))
            elif kind == "interleave":
                a, b = node[1], node[2]
                r = self.choice(self.interleave(self.deriv(a, token), b), self.interleave(a, self.deriv(b, token)))
            else:  # oneOrMore
                r = self.group(self.deriv(node[1], token), self.choice(p, EMPTY))
            self._deriv[key] = r
        return r

    def first(self, p: int) -> tuple[frozenset, bool]:
        """(element declarations that may come next, whether text may come next)."""
        r = self._first.get(p)
        if r is None:
            node = self.nodes[p]
            kind = node[0]
            if kind == "element":
                r = (frozenset([node[1]]), False)
            elif kind in ("text", "data"):
                r = (frozenset(), True)
            elif kind in ("empty", "notAllowed"):
                r = (frozenset(), False)
            elif kind in ("choice", "interleave"):
                parts = [self.first(c) for c in (node[1] if kind == "choice" else node[1:3])]
                r = (frozenset().union(*(e for e, _ in parts)), any(t for _, t in parts))
            elif kind == "group":
                a, b = node[1], node[2]
                ea, ta = self.first(a)
                if self.nullable(a):
                    eb, tb = self.first(b)
                    r = (ea | eb, ta or tb)
                else:
                    r = (ea, ta)
            else:
                r = self.first(node[1])
            self._first[p] = r
        return r

    def required(self, p: int) -> frozenset:
        """Element declarations that every completion of p must contain (Jing's 'required')."""
        r = self._required.get(p)
        if r is None:
            node = self.nodes[p]
            kind = node[0]
            if kind == "element":
                r = frozenset([node[1]])
            elif kind == "choice":
                sets = [self.required(c) for c in node[1]]
                r = frozenset.intersection(*sets) if sets else frozenset()
            elif kind in ("group", "interleave"):
                r = self.required(node[1]) | self.required(node[2])
            elif kind == "oneOrMore":
                r = self.required(node[1])
            else:
                r = frozenset()
            self._required[p] = r
        return r

    # ----- static facts

    def matching(self, p: int, ns: str, local: str) -> list[int]:
        """Element declarations among those that may come next in p that match a name."""
        key = (p, ns, local)
        r = self._matching.get(key)
        if r is None:
            r = self._matching[key] = sorted(e for e in self.first(p)[0] if nc_matches(self.elements[e].nameclass, ns, local))
        return r
