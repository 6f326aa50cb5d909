"""`editio init` and `editio new`: a new project, a new letter, a new register entry.

Nothing is half-written: each file is composed in memory and parsed back before it is
written atomically. `init` writes nothing when any file it would write exists. A new
register entry is inserted as text into the register, so every other byte of the file
(indentation, quoting, comments, character references) stays as it was.

The layout is the one of the editio repository: letters in tei/letters/, registers in
tei/registers/{persons,places,organisations}.xml, the edition schema in tei/schema/.
"""

import difflib
import json
import os
import re
import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from . import __version__
from .tei import ISO_DATE, NS, TEI_NS, XML_ID, format_date
from .validate.rules.registers import authority_form, authority_id, authority_problem
from .xmlio import ParseFailure, parse_bytes, read_xml, write_atomic

TEMPLATES = Path(__file__).resolve().parent / "templates"
LETTERS = Path("tei/letters")
REGISTERS = Path("tei/registers")
SCHEMA = Path("tei/schema/editio.rng")
XML_MODEL = '<?xml-model href="{href}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message says what to do. Nothing was written."""


@dataclass(frozen=True)
class Kind:
    """One register: its file, list element, entry element, name element and id prefix."""

    key: str  # "person" | "place" | "org": the word after `editio new`
    file: str
    list: str
    entry: str
    name: str
    prefix: str
    singular: str
    plural: str
    authorities: tuple  # the idno types of its entries (ED602's authority files), in the order written


KINDS = {
    "person": Kind("person", "persons.xml", "listPerson", "person", "persName", "per.", "person", "persons",
                   ("wikidata", "viaf", "lcnaf", "gnd")),
    "place": Kind("place", "places.xml", "listPlace", "place", "placeName", "pla.", "place", "places",
                  ("wikidata", "geonames", "lcnaf", "gnd")),
    "org": Kind("org", "organisations.xml", "listOrg", "org", "orgName", "org.", "organisation", "organisations",
                ("wikidata", "viaf", "lcnaf", "gnd")),
}

# target in the new project -> template under templates/ (None: written by init itself)
PROJECT_FILES = {
    "editio.toml": "project/editio.toml",
    ".gitignore": "project/gitignore",
    ".pre-commit-config.yaml": "project/pre-commit-config.yaml",
    ".github/workflows/editio.yml": "project/github-workflow.yml",
    "tei/letters/.gitkeep": None,
    "tei/registers/persons.xml": "register.xml",
    "tei/registers/places.xml": "register.xml",
    "tei/registers/organisations.xml": "register.xml",
}


def _template(name: str, **values) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    return string.Template(text).substitute(values) if values else text


# ---------------------------------------------------------------- init


def init(target: Path, title: str | None = None, base_url: str | None = None) -> list[Path]:
    """Write a new project into `target` (created if needed); returns the files written."""
    from .resources import edition_schema

    title = title or target.absolute().name or "edition"
    if base_url is not None and not re.match(r"^https?://[^\s/]+(/\S*)?$", base_url):
        raise ScaffoldError(f"--base-url '{base_url}' is not an http(s) URL, e.g. https://example.org/edition/")
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    schema = edition_schema()
    files: dict[str, bytes] = {}
    for rel, template in PROJECT_FILES.items():
        if template is None:
            files[rel] = b""
        elif template == "register.xml":
            kind = next(k for k in KINDS.values() if k.file == Path(rel).name)
            files[rel] = _register(kind, title, schema.is_file()).encode("utf-8")
        elif rel == "editio.toml":
            url = f"base_url = {json.dumps(base_url)}" if base_url else '# base_url = "https://example.org/edition/"'
            files[rel] = _template(template, title=json.dumps(title, ensure_ascii=False), base_url=url).encode("utf-8")
        elif rel.endswith("editio.yml"):
            requirement, origin = editio_requirement(installed_direct_url())
            comment = "\n".join(f"  # {line}" for line in origin.splitlines())
            files[rel] = _template(template, editio_requirement=requirement, editio_origin=comment).encode("utf-8")
        else:
            files[rel] = _template(template).encode("utf-8")
    if schema.is_file():
        files[str(SCHEMA)] = schema.read_bytes()
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} is a file; give a folder for the new edition")
    existing = sorted(rel for rel in files if (target / rel).exists() or (target / rel).is_symlink())
    if existing:
        raise ScaffoldError(f"{target}: these files exist already and are not overwritten: {', '.join(existing)}; "
                            "nothing was written. Choose an empty folder, or move them away first")
    for rel, data in files.items():
        if rel.endswith(".xml"):
            parse_bytes(data)  # a broken template must never reach a project
    written = []
    try:
        for rel, data in files.items():
            _write(target / rel, data)
            written.append(target / rel)
    except ScaffoldError:
        for p in written:  # all or nothing
            p.unlink(missing_ok=True)
        raise
    return written


# ---------------------------------------------------------------- where this editio came from
# The CI workflow installs the editio that wrote it. PEP 610: pip records in the installed
# distribution's direct_url.json the URL it was installed from (a VCS URL with its commit, a
# local folder, an archive); a package installed from an index has none.
PLACEHOLDER_REQUIREMENT = "editio @ git+https://github.com/OWNER/editio@COMMIT"


def installed_direct_url() -> dict | None:
    """The installed editio's direct_url.json (PEP 610), or None."""
    from importlib import metadata

    # the first one that has it: an editio.egg-info left in the current folder by a build of
    # editio's sources comes first on sys.path under `python -m`, and has none
    for dist in metadata.distributions(name="editio"):
        try:
            text = dist.read_text("direct_url.json")
            if text:
                return json.loads(text)
        except ValueError:
            return None
    return None


def editio_requirement(direct_url: dict | None) -> tuple[str, str]:
    """The pip requirement of the installed editio for a CI runner, and a comment on where it
    comes from (and, when it cannot be known or reached from a runner, what to fill in)."""
    direct_url = direct_url or {}
    url = direct_url.get("url", "")
    fill_in = (f'Fill it in, e.g. "{PLACEHOLDER_REQUIREMENT}" (the repository and commit of your editio)'
               f' or "editio=={__version__}" if your package index serves it.')
    if "vcs_info" in direct_url:
        vcs = direct_url["vcs_info"]
        commit = vcs.get("commit_id")
        return (f"editio @ {vcs.get('vcs', 'git')}+{url}" + (f"@{commit}" if commit else ""),
                "editio init wrote the repository and commit its own editio was installed from.")
    if "archive_info" in direct_url:
        return f"editio @ {url}", "editio init wrote the archive its own editio was installed from."
    if url.startswith("file://"):
        from urllib.parse import unquote, urlparse

        folder = Path(unquote(urlparse(url).path))
        remote = _git_origin(folder)
        if remote:
            return (f"editio @ git+{remote[0]}@{remote[1]}",
                    f"editio init wrote the remote and commit of {folder}, the clone its own editio was installed from;\n"
                    "that commit must be pushed there.")
        return (f"editio @ {url}",
                f"editio init wrote the folder its own editio was installed from, {folder}, which a CI runner cannot reach.\n"
                + fill_in)
    return PLACEHOLDER_REQUIREMENT, f"editio init could not tell where its own editio was installed from.\n{fill_in}"


def _git_origin(folder: Path) -> tuple[str, str] | None:
    """(URL of the remote `origin`, as https when it is an scp-like ssh address; HEAD's commit)
    of a git clone, or None."""
    import subprocess

    def git(*args):
        r = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10)
        return r.stdout.strip() if r.returncode == 0 else ""

    try:
        remote, commit = git("config", "--get", "remote.origin.url"), git("rev-parse", "HEAD")
    except (OSError, subprocess.SubprocessError):
        return None
    scp = re.fullmatch(r"[\w.-]+@([\w.-]+):(.+)", remote)
    if scp:
        remote = f"https://{scp.group(1)}/{scp.group(2)}"
    return (remote, commit) if remote and commit and "://" in remote else None


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as e:
        raise ScaffoldError(f"cannot write {_display(path)}: {e.strerror}; check that you may write to that folder "
                            "(nothing was changed)") from None


def _register(kind: Kind, title: str, with_schema: bool) -> str:
    return _template("register.xml", xml_model=XML_MODEL.format(href="../schema/editio.rng") if with_schema else "",
                     edition=escape(title), plural=kind.plural, singular=kind.singular, file=Path(kind.file).stem,
                     prefix=kind.prefix, command=kind.key, list=kind.list, entry=kind.entry)


# ---------------------------------------------------------------- registers


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


def _fold(s: str) -> str:
    """For matching: lower case, no accents, words separated by single spaces."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", s))


def register_path(root: Path, kind: Kind) -> Path:
    return root / REGISTERS / kind.file


def _display(path: Path) -> str:
    from .diagnostics import display_path

    return display_path(path)


def _read(path: Path, kind: Kind):
    if not path.is_file():
        raise ScaffoldError(f"there is no register of {kind.plural}: {_display(path)} does not exist; "
                            "run `editio init` to make a project, or run editio in the project's folder")
    try:
        return read_xml(path)
    except ParseFailure as e:
        raise ScaffoldError(f"{_display(path)}:{e.line}:{e.col}: {e.message}; {e.hint} (then run the command again)") from None


def entries(path: Path, kind: Kind) -> list[Entry]:
    tree = _read(path, kind).tree
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
    q = _fold(query)
    if q:
        exact = [e for e in known if any(_fold(n) == q for n in e.names)]
        if len(exact) == 1:
            return exact[0]
        words = set(q.split())
        partial = exact or [e for e in known if any(words <= set(_fold(n).split()) for n in e.names)]
        if len(partial) == 1:
            return partial[0]
        if len(partial) > 1:
            which = "; ".join(f"{e.id} ({e.label})" for e in partial)
            raise ScaffoldError(f"'{query}' names more than one {kind.singular} in {_display(path)}: {which}; give the xml:id")
    folded: dict[str, Entry] = {}  # id, id without prefix, names and their words -> entry
    for e in known:
        for key in (e.id, e.id.removeprefix(kind.prefix), *e.names, *(w for n in e.names for w in n.split())):
            folded.setdefault(_fold(key), e)
    found = list(dict.fromkeys(folded[k].id for k in difflib.get_close_matches(q, list(folded), n=8, cutoff=0.6)))
    tip = "; close matches: " + ", ".join(f"{i} ({by_id[i].label})" for i in found[:5]) if found else (
        f"; it has {len(known)} entries" + (f", e.g. {', '.join(e.id for e in known[:5])}" if known else ""))
    raise ScaffoldError(f"no {kind.singular} '{query}' in {_display(path)}{tip}. "
                        f"Give an xml:id or a name of the register, or add the {kind.singular} first: "
                        f"editio new {kind.key} --name \"{query}\"")


# ---------------------------------------------------------------- dates and ids

_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")


def check_date(value: str, what: str) -> str:
    """An ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) that exists, or a ScaffoldError."""
    from .validate.rules.dates import DateError, parse

    if not ISO_DATE.match(value or ""):
        raise ScaffoldError(f"{what} '{value}' is not a date in the form YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 1962-11-04")
    try:
        parse(value)  # the form is right: what is wrong is the month or the day, which rule ED301 words
    except DateError as e:
        raise ScaffoldError(f"{what} '{value}': {e.message}; check the date in the source") from None
    return value


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: 'Washington, D.C.' -> 'washington-d-c'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _ids_in_sources(root: Path) -> set[str]:
    ids = set()
    pattern = re.compile(rb"xml:id\s*=\s*[\"']([^\"']+)[\"']")
    folder = root / "tei"
    for p in folder.rglob("*.xml") if folder.is_dir() else ():
        try:
            ids.update(m.group(1).decode("utf-8", "replace") for m in pattern.finditer(p.read_bytes()))
        except OSError:
            continue
    return ids


def _prefix_taken(prefix: str, ids: set[str]) -> bool:
    return any(i == prefix or i.startswith(prefix + ".") for i in ids)


# ---------------------------------------------------------------- new letter


def new_letter(root: Path, sender: str, addressee: str, date: str, place_from: str | None = None,
               place_to: str | None = None, letter_id: str | None = None) -> Path:
    """Write tei/letters/ID.xml from the template; returns its path."""
    check_date(date, "--date")
    who_from = resolve(root, KINDS["person"], sender)
    who_to = resolve(root, KINDS["person"], addressee)
    where_from = resolve(root, KINDS["place"], place_from) if place_from else None
    where_to = resolve(root, KINDS["place"], place_to) if place_to else None
    letters = root / LETTERS
    taken_ids = _ids_in_sources(root)
    if letter_id is not None:
        if not _ID.match(letter_id):
            raise ScaffoldError(f"--id '{letter_id}' cannot be a file name and id prefix: use letters, digits, '.', '-' "
                                "and '_', starting with a letter, e.g. d74")
        if (letters / f"{letter_id}.xml").exists():
            raise ScaffoldError(f"{_display(letters / f'{letter_id}.xml')} exists already; choose another --id (nothing was written)")
        if _prefix_taken(letter_id, taken_ids):
            raise ScaffoldError(f"xml:ids beginning with '{letter_id}.' are used in the edition already; choose another --id")
    else:
        base = "-".join(x.id.removeprefix(x.kind.prefix) for x in (who_from, who_to)) + f"-{date}"
        base = base if _ID.match(base) else f"l{base}"
        letter_id, n = base, 1
        while (letters / f"{letter_id}.xml").exists() or _prefix_taken(letter_id, taken_ids):
            n += 1
            letter_id = f"{base}-{n}"
    path = letters / f"{letter_id}.xml"
    registers = os.path.relpath(root / REGISTERS, letters).replace(os.sep, "/")
    schema = root / SCHEMA
    indent = " " * 10

    def name(el: str, entry: Entry) -> str:
        ref = f"{registers}/{entry.kind.file}#{entry.id}"
        return f"{indent}<{el} ref={quoteattr(ref)}>{escape(entry.label)}</{el}>\n"

    sent = name("persName", who_from) + (name("placeName", where_from) if where_from else "")
    sent += f'{indent}<date when="{date}">{format_date(date)}</date>\n'
    received = name("persName", who_to) + (name("placeName", where_to) if where_to else "")
    title = f"Letter from {who_from.label} to {who_to.label}, " + (f"{where_from.label}, " if where_from else "") + format_date(date)
    xml_model = XML_MODEL.format(href=os.path.relpath(schema, letters).replace(os.sep, "/")) if schema.is_file() else ""
    text = _template("letter.xml", xml_model=xml_model, title=escape(title), edition=escape(root.absolute().name),
                     id=escape(letter_id), prefix=letter_id, sent=sent, received=received)
    data = text.encode("utf-8")
    parse_bytes(data)
    if path.exists():  # made by someone else meanwhile
        raise ScaffoldError(f"{_display(path)} exists already; nothing was written")
    _write(path, data)
    return path


# ---------------------------------------------------------------- new register entry


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
    parsed = _read(path, kind)
    known = entries(path, kind)
    warnings = []
    for e in known:
        for authority, value in given.items():
            if e.authorities.get(authority) == value:
                raise ScaffoldError(f"{_display(path)} has {authority_form(authority)[0]} {value} already, as {e.id} ({e.label}); "
                                    "nothing was written")
    for e in known:
        if any(_fold(n) == _fold(name) for n in e.names):
            same = f"{_display(path)} has an entry of the same name already: {e.id} ({e.label})"
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
    data = _insert(parsed, path, kind, ident, fields)
    check = parse_bytes(data).tree
    found = check.getroot().xpath(f"//tei:{kind.entry}[@xml:id=$id]", namespaces=NS, id=ident)
    if len(found) != 1 or found[0].getparent().tag != f"{{{TEI_NS}}}{kind.list}":
        raise ScaffoldError(f"{_display(path)}: could not place the new entry inside <{kind.list}>; add it by hand")
    _write(path, data)
    return path, ident, warnings


_SUFFIX = re.compile(r"^(?:jr|sr|[ivx]+)\.?$", re.I)
_PARTICLES = {"de", "del", "della", "der", "di", "da", "du", "la", "le", "van", "von", "zu", "ten", "ter"}


def _name_parts(name: str) -> str:
    """'John Fitzgerald Kennedy' -> forename, forename, surname: the form of the edition's
    registers, which lets the tagging-coverage rule find the surname alone in the letters."""
    words = name.split()
    if len(words) < 2:
        return escape(name)
    suffix = []
    while len(words) > 2 and _SUFFIX.match(words[-1]):
        suffix.insert(0, words.pop())
    surname = [words.pop()]
    while len(words) > 1 and words[-1].lower() in _PARTICLES:
        surname.insert(0, words.pop())
    parts = [f"<forename>{escape(w)}</forename>" for w in words] + [f"<surname>{escape(' '.join(surname))}</surname>"]
    parts += [f"<genName>{escape(w)}</genName>" for w in suffix]
    return " ".join(parts)


def _next_id(kind: Kind, name: str, taken: set[str]) -> str:
    words = name.split()
    if kind.key == "person" and len(words) > 1:
        while len(words) > 2 and _SUFFIX.match(words[-1]):
            words.pop()
        surname = [words.pop()]
        while len(words) > 1 and words[-1].lower() in _PARTICLES:
            surname.insert(0, words.pop())
        words = surname
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


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _indent_at(text: str, offset: int) -> str:
    """The whitespace between the start of the line and offset (empty when there is other text)."""
    before = text[_line_start(text, offset):offset]
    return before if not before.strip() else ""


def _start_tag(text: str, el, attr_id: str | None = None) -> re.Match:
    """The start tag of an element in the source text: by its xml:id, else at its line."""
    qname = f"{el.prefix}:{el.tag.rsplit('}', 1)[1]}" if el.prefix else el.tag.rsplit("}", 1)[1]
    if attr_id:
        m = re.search(rf"<{re.escape(qname)}\b[^>]*?\sxml:id\s*=\s*([\"']){re.escape(attr_id)}\1", text)
        if m:
            return m
    # libxml2's sourceline is the line on which the start tag ends: take the last such tag
    # that starts before the end of that line
    line_ends = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    end = line_ends[min(max((el.sourceline or 1) - 1, 0), len(line_ends) - 1)]
    found = None
    for m in re.finditer(rf"<{re.escape(qname)}(?=[\s/>])", text[:end + 1]):
        found = m
    if found is None:
        raise ScaffoldError(f"cannot find <{qname}> in the source text near line {el.sourceline}; add the entry by hand")
    return found


def _entry_text(kind: Kind, ident: str, fields: list[str], indent: str, step: str) -> str:
    inner = "".join(f"\n{indent}{step}{f}" for f in fields)
    return f"<{kind.entry} xml:id={quoteattr(ident)}>{inner}\n{indent}</{kind.entry}>"


def _insert(parsed, path: Path, kind: Kind, ident: str, fields: list[str]) -> bytes:
    encoding = parsed.encoding or "UTF-8"
    bom = parsed.data.startswith(b"\xef\xbb\xbf")
    text = parsed.data.decode(encoding).lstrip("\ufeff")
    root = parsed.tree.getroot()
    lists = root.findall(f".//tei:{kind.list}", NS)
    entry_tag = f"{{{TEI_NS}}}{kind.entry}"
    placeholders = root.xpath(f"//tei:{kind.list}/tei:{kind.entry}[not(@xml:id)][tei:note/@type='editio-empty']", namespaces=NS)
    if placeholders:
        placeholder = placeholders[0]
        # the entry without xml:id that `editio init` writes, so that an empty register is valid TEI
        start = _start_tag(text, placeholder)
        end = re.compile(rf"</{re.escape(start.group(0)[1:])}\s*>").search(text, start.end())
        indent = _indent_at(text, start.start())
        list_indent = _indent_at(text, _start_tag(text, placeholder.getparent()).start())
        step = indent[len(list_indent):] if indent.startswith(list_indent) and indent != list_indent else "  "
        block = _entry_text(kind, ident, fields, indent, step)
        return _encode(text[:start.start()] + block + text[end.end():], encoding, bom)
    if lists:
        with_entries = [lst for lst in lists if lst.find(entry_tag) is not None]
        target = with_entries[0] if with_entries else lists[0]
        siblings = [c for c in target if c.tag == entry_tag and c.get(XML_ID)]
        list_tag = _start_tag(text, target)
        list_indent = _indent_at(text, list_tag.start())
        if siblings:
            first = _start_tag(text, siblings[0], siblings[0].get(XML_ID))
            indent = _indent_at(text, first.start()) or list_indent + "  "
            step = indent[len(list_indent):] if indent.startswith(list_indent) and indent != list_indent else "  "
            ids = [s.get(XML_ID) for s in siblings]
            after = next((s for s in siblings if s.get(XML_ID) > ident), None) if ids == sorted(ids) else None
            if after is not None:
                at = _start_tag(text, after, after.get(XML_ID)).start()
                block = _entry_text(kind, ident, fields, indent, step) + "\n" + indent
                return _encode(text[:at] + block + text[at:], encoding, bom)
        else:
            step = "  "
            indent = list_indent + step
        qname = list_tag.group(0)[1:]
        close = re.compile(rf"</{re.escape(qname)}\s*>")
        last = target[-1] if len(target) else None
        if last is not None and last.tag != entry_tag:
            raise ScaffoldError(f"{_display(path)}: <{kind.list}> ends with <{_local(last)}>, not an entry; "
                                f"add the {kind.singular} by hand")
        from_offset = _start_tag(text, last, last.get(XML_ID)).end() if last is not None else list_tag.end()
        m = close.search(text, from_offset)
        if not m:
            raise ScaffoldError(f"{_display(path)}: cannot find </{qname}>; add the {kind.singular} by hand")
        return _encode(_before_close(text, m.start(), _entry_text(kind, ident, fields, indent, step), indent, list_indent),
                       encoding, bom)
    stand_off = root.find("tei:standOff", NS)
    if stand_off is None:
        raise ScaffoldError(f"{_display(path)} has no <{kind.list}> and no <standOff>; add "
                            f"<standOff><{kind.list}>...</{kind.list}></standOff> after the teiHeader, or run `editio init`")
    so_tag = _start_tag(text, stand_off)
    so_indent = _indent_at(text, so_tag.start())
    step, indent = "  ", so_indent + "  "
    m = re.compile(rf"</{re.escape(so_tag.group(0)[1:])}\s*>").search(text, so_tag.end())
    block = f"<{kind.list}>\n{indent}{step}" + _entry_text(kind, ident, fields, indent + step, step) + f"\n{indent}</{kind.list}>"
    return _encode(_before_close(text, m.start(), block, indent, so_indent), encoding, bom)


def _local(el) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else "comment"


def _before_close(text: str, at: int, block: str, indent: str, close_indent: str) -> str:
    """Insert block as the last child, before the closing tag at `at`, on a line of its own."""
    line_start = _line_start(text, at)
    if not text[line_start:at].strip():  # the closing tag starts its line: insert above it
        return text[:line_start] + indent + block + "\n" + text[line_start:]
    return text[:at] + "\n" + indent + block + "\n" + close_indent + text[at:]


def _encode(text: str, encoding: str, bom: bool) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
