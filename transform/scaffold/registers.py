"""A register as `editio new` reads it: its entries (id, names, authority ids), and the entry
a user means by an id or a name, or an error listing the close matches."""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..tei import NS, TEI_NS, XML_ID
from ..validate.rules.registers import authority_id, authority_problem
from ..xmlio import ParseFailure, read_xml
from .layout import Kind, ScaffoldError, display, register_path


@dataclass
class Entry:
    id: str
    names: list[str]  # normalised first, as written
    kind: Kind
    authorities: dict = None  # idno type -> id, of the authority files the kind has

    @property
    def label(self) -> str:
        return self.names[0] if self.names else self.id


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def fold(s: str) -> str:
    """For matching: lower case, no accents, words separated by single spaces."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", s))


def read(path: Path, kind: Kind):
    if not path.is_file():
        raise ScaffoldError(f"there is no register of {kind.plural}: {display(path)} does not exist; "
                            "run `editio init` to make a project, or run editio in the project's folder")
    try:
        return read_xml(path)
    except ParseFailure as e:
        raise ScaffoldError(f"{display(path)}:{e.line}:{e.col}: {e.message}; {e.hint} (then run the command again)") from None


def entries(path: Path, kind: Kind) -> list[Entry]:
    tree = read(path, kind).tree
    out = []
    for el in tree.getroot().iter(f"{{{TEI_NS}}}{kind.entry}"):
        ident = el.get(XML_ID)
        if not ident:
            continue
        names = [_text(n) for n in el.iter(f"{{{TEI_NS}}}{kind.name}")
                 if next(n.iterancestors(f"{{{TEI_NS}}}{kind.entry}"), None) is el and _text(n)]
        normalised = [_text(n) for n in el.findall(f"tei:{kind.name}[@type='normalised']", NS)]
        names = list(dict.fromkeys([*normalised, *names]))
        ids = {}
        for idno in el.findall("tei:idno", NS):
            kind_of_id = (idno.get("type") or "").strip().lower()
            if kind_of_id in kind.authorities and _text(idno) and not authority_problem(kind_of_id, _text(idno)):
                ids.setdefault(kind_of_id, authority_id(kind_of_id, _text(idno)))
        out.append(Entry(ident, names, kind, ids))
    return out


def resolve(root: Path, kind: Kind, query: str) -> Entry:
    """The register entry a user means by `query`: an xml:id (with or without its prefix) or a name."""
    path = register_path(root, kind)
    known = entries(path, kind)
    by_id = {e.id: e for e in known}
    if query in by_id:
        return by_id[query]
    if kind.prefix + query in by_id:
        return by_id[kind.prefix + query]
    q = fold(query)
    if q:
        exact = [e for e in known if any(fold(n) == q for n in e.names)]
        if len(exact) == 1:
            return exact[0]
        words = set(q.split())
        partial = exact or [e for e in known if any(words <= set(fold(n).split()) for n in e.names)]
        if len(partial) == 1:
            return partial[0]
        if len(partial) > 1:
            which = "; ".join(f"{e.id} ({e.label})" for e in partial)
            raise ScaffoldError(f"'{query}' names more than one {kind.singular} in {display(path)}: {which}; give the xml:id")
    folded: dict[str, Entry] = {}  # id, id without prefix, names and their words -> entry
    for e in known:
        for key in (e.id, e.id.removeprefix(kind.prefix), *e.names, *(w for n in e.names for w in n.split())):
            folded.setdefault(fold(key), e)
    found = list(dict.fromkeys(folded[k].id for k in difflib.get_close_matches(q, list(folded), n=8, cutoff=0.6)))
    tip = "; close matches: " + ", ".join(f"{i} ({by_id[i].label})" for i in found[:5]) if found else (
        f"; it has {len(known)} entries" + (f", e.g. {', '.join(e.id for e in known[:5])}" if known else ""))
    raise ScaffoldError(f"no {kind.singular} '{query}' in {display(path)}{tip}. "
                        f"Give an xml:id or a name of the register, or add the {kind.singular} first: "
                        f"editio new {kind.key} --name \"{query}\"")
