"""`editio new person|place|org`: an entry with the next free xml:id, its name (a person's in
forename and surname parts) and authority ids, inserted into the register."""

import re
from pathlib import Path
from xml.sax.saxutils import escape

from ..tei import NS, TEI_NS
from ..validate.rules.registers import authority_form, authority_id, authority_problem
from ..xmlio import parse_bytes
from .dates_and_ids import check_date, slug
from .insert import insert_entry
from .layout import Kind, ScaffoldError, display, register_path, write
from .registers import entries, fold, read


def new_entry(root: Path, kind: Kind, name: str, ids: dict | None = None, birth: str | None = None,
              death: str | None = None, force: bool = False) -> tuple[Path, str, list[str]]:
    """Insert an entry into the register; returns (register path, new xml:id, warnings).
    ids: authority file (an idno type of kind.authorities) -> id or its URI. A name already
    in the register is refused unless force; an authority id already there always is."""
    name = " ".join((name or "").split())
    if not name:
        raise ScaffoldError("--name is empty; give the name of the " + kind.singular)
    if kind.key != "person" and (birth or death):
        raise ScaffoldError(f"--birth and --death are for persons, not for {kind.plural}")
    for value, what in ((birth, "--birth"), (death, "--death")):
        if value:
            check_date(value, what)
    if birth and death and death < birth:
        raise ScaffoldError(f"--death {death} is before --birth {birth}")
    given = {}
    for authority in kind.authorities:  # in this order in the entry
        value = (ids or {}).get(authority)
        if not value:
            continue
        problem = authority_problem(authority, value)
        if problem:
            label, form = authority_form(authority)
            raise ScaffoldError(f"--{authority} '{value}' {problem}: write {form}")
        given[authority] = authority_id(authority, value)
    unknown = sorted(set(k for k, v in (ids or {}).items() if v) - set(kind.authorities))
    if unknown:
        raise ScaffoldError(f"--{unknown[0]} is not an authority file of {kind.plural}: "
                            f"use {', '.join('--' + a for a in kind.authorities)}")
    path = register_path(root, kind)
    parsed = read(path, kind)
    known = entries(path, kind)
    warnings = []
    for e in known:
        for authority, value in given.items():
            if e.authorities.get(authority) == value:
                raise ScaffoldError(f"{display(path)} has {authority_form(authority)[0]} {value} already, as {e.id} ({e.label}); "
                                    "nothing was written")
    for e in known:
        if any(fold(n) == fold(name) for n in e.names):
            same = f"{display(path)} has an entry of the same name already: {e.id} ({e.label})"
            if not force:
                raise ScaffoldError(f"{same}; nothing was written. Use that id in the letters; if this is another "
                                    f"{kind.singular} of the same name, run the command again with --force")
            warnings.append(same)
    ident = _next_id(kind, name, {e.id for e in known} | set(parsed.tree.getroot().xpath("//@xml:id")))
    fields = [f"<{kind.name} type=\"normalised\">{_name_parts(name) if kind.key == 'person' else escape(name)}</{kind.name}>"]
    if birth:
        fields.append(f'<birth when="{birth}"/>')
    if death:
        fields.append(f'<death when="{death}"/>')
    fields += [f'<idno type="{authority}">{escape(value)}</idno>' for authority, value in given.items()]
    data = insert_entry(parsed, path, kind, ident, fields)
    check = parse_bytes(data).tree
    found = check.getroot().xpath(f"//tei:{kind.entry}[@xml:id=$id]", namespaces=NS, id=ident)
    if len(found) != 1 or found[0].getparent().tag != f"{{{TEI_NS}}}{kind.list}":
        raise ScaffoldError(f"{display(path)}: could not place the new entry inside <{kind.list}>; add it by hand")
    write(path, data)
    return path, ident, warnings


_SUFFIX = re.compile(r"^(?:jr|sr|[ivx]+)\.?$", re.I)
_PARTICLES = {"de", "del", "della", "der", "di", "da", "du", "la", "le", "van", "von", "zu", "ten", "ter"}


def _split_name(name: str) -> tuple[list[str], str, list[str]]:
    """'John Fitzgerald Kennedy Jr.' -> (['John', 'Fitzgerald'], 'Kennedy', ['Jr.']); a particle
    (von, de, van ...) before the last word belongs to the surname."""
    words = name.split()
    suffix = []
    while len(words) > 2 and _SUFFIX.match(words[-1]):
        suffix.insert(0, words.pop())
    surname = [words.pop()]
    while len(words) > 1 and words[-1].lower() in _PARTICLES:
        surname.insert(0, words.pop())
    return words, " ".join(surname), suffix


def _name_parts(name: str) -> str:
    """'John Fitzgerald Kennedy' -> forename, forename, surname: the form of the edition's
    registers, which lets the tagging-coverage rule find the surname alone in the letters."""
    if len(name.split()) < 2:
        return escape(name)
    forenames, surname, suffix = _split_name(name)
    parts = [f"<forename>{escape(w)}</forename>" for w in forenames] + [f"<surname>{escape(surname)}</surname>"]
    parts += [f"<genName>{escape(w)}</genName>" for w in suffix]
    return " ".join(parts)


def _next_id(kind: Kind, name: str, taken: set[str]) -> str:
    words = name.split()
    if kind.key == "person" and len(words) > 1:
        words = [_split_name(name)[1]]
    base = slug(" ".join(words))
    if not base:  # a name without Latin letters: numbered
        n = 1
        while f"{kind.prefix}{n}" in taken:
            n += 1
        return f"{kind.prefix}{n}"
    if not re.match(r"[a-z]", base):
        base = f"{kind.key[0]}{base}"
    ident, n = kind.prefix + base, 1
    while ident in taken:
        n += 1
        ident = f"{kind.prefix}{base}-{n}"
    return ident
