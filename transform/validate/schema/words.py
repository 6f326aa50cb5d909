"""How the schema layer's messages name things: lists of names, the closest names, an element
as written, and a finding at an element's place."""

import difflib
import functools

from lxml import etree

from ..rules import Finding

MAX_LISTED = 8


def finding_at(doc, el, message: str, hint: str = "", attr: str | None = None) -> Finding:
    line, col = doc.position(el, attr)
    return Finding(doc.name, line, col, message, hint)



def closest(word: str, candidates, n: int = 3, cutoff: float = 0.7) -> list[str]:
    """The candidates most like word: the best, and those nearly as good."""
    return list(_closest_cached(word, tuple(candidates), n, cutoff))


@functools.lru_cache(maxsize=4096)  # difflib is slow; a document repeats its mistakes
def _closest_cached(word: str, candidates: tuple, n: int, cutoff: float) -> tuple:
    scored = [(difflib.SequenceMatcher(None, word.lower(), c.lower()).ratio(), c) for c in candidates]
    scored = sorted((s for s in scored if s[0] >= cutoff), key=lambda sc: (-sc[0], sc[1]))
    if not scored:
        return ()
    best = scored[0][0]
    return tuple(c for s, c in scored[:n] if s >= best - 0.05)


def listing(names, quote: bool = True, conj: str = "or") -> str:
    names = list(names)
    if len(names) > MAX_LISTED + 2:
        return ", ".join(f"<{n}>" if quote else n for n in names[:MAX_LISTED]) + f" and {len(names) - MAX_LISTED} more"
    items = [f"<{n}>" if quote else n for n in names]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]



def written_name(el) -> str:
    """The name of an element as written in the document."""
    q = etree.QName(el)
    return f"{el.prefix}:{q.localname}" if el.prefix else q.localname



def attr_prefixed(el, ns: str, local: str) -> str:
    if not ns:
        return local
    for prefix, uri in el.nsmap.items():
        if uri == ns and prefix:
            return f"{prefix}:{local}"
    return local

