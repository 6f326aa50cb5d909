"""`editio init --from CORPUS`: survey a corpus encoded by others and describe it in editio.toml.

The survey finds where the letters and the register files are, the schema the letters
declare, and how their pointers are written (`#id` into the letters' own lists or into
register files, file pointers, bare ids, prefixes, @key matched to @n or @xml:id), by
resolving every pointer with pointers.py against the corpus as editio will read it.
Each choice goes into editio.toml with its evidence, as a comment. No other file is
written, moved or changed.
"""

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import letter_index, pointers
from .builders.context import BuildContext
from .config import Config
from .corpus import SOURCE_SUFFIXES, looks_like_register
from .tei import ENTRY_LISTS, keyed_elements, local, t
from .validate.schema import xsd
from .validate.schema import SchemaError
from .xmlio import ParseFailure, read_xml

_SKIPPED_FOLDERS = {"output", "node_modules", "__pycache__", "site-packages"}
_TEI_ALL_HREF = re.compile(r"(^|/)tei_all\.(rng|rnc)$")


class SurveyError(Exception):
    """What stops a survey; the message says what to do."""


@dataclass
class Survey:
    root: Path
    letters: list[Path] = field(default_factory=list)
    registers: list[Path] = field(default_factory=list)
    other: list[Path] = field(default_factory=list)  # XML that is not TEI, or cannot be read
    entries: Counter = field(default_factory=Counter)  # kind -> entries in register files
    own_entries: Counter = field(default_factory=Counter)  # kind -> distinct entries of per-letter lists
    schemas: Counter = field(default_factory=Counter)  # xml-model RelaxNG (or xsi:schemaLocation XSD) href -> letters
    forms: dict = field(default_factory=dict)  # pointer form -> Counter of outcomes
    keys: Counter = field(default_factory=Counter)  # "n" / "xml:id" / "none" -> @key values matched so
    key_total: int = 0
    prefixes: Counter = field(default_factory=Counter)  # prefixDef ident -> documents declaring it
    titles: Counter = field(default_factory=Counter)  # series titles of the letters
    numbered: Counter = field(default_factory=Counter)  # per prefix: correspContext tokens naming nothing that are a letter's number
    unnumbered: Counter = field(default_factory=Counter)  # per prefix: those that are not
    numbers: dict = field(default_factory=dict)  # a letter id's number -> letter, for that count

    @property
    def sources(self) -> list[str]:
        """The fewest folders that hold every letter and register."""
        folders = sorted({p.parent for p in self.letters + self.registers}, key=lambda p: len(p.parts))
        kept: list[Path] = []
        for folder in folders:
            if not any(folder.is_relative_to(k) for k in kept):
                kept.append(folder)
        return sorted(_relative(k, self.root) for k in kept)


def survey(root: Path) -> Survey:
    root = root.absolute()
    if not root.is_dir():
        raise SurveyError(f"{root} is not a folder: give the folder that holds the corpus")
    found = Survey(root)
    index = BuildContext(Config(root=root))
    from .corpus import Document

    for path in _xml_files(root):  # registers are read whole, letters only as letter_index reads them
        if not _is_tei(path):
            found.other.append(path)
            continue
        if looks_like_register(path):
            try:
                doc = Document(path.resolve(), read_xml(path).tree, b"")
            except ParseFailure:
                found.other.append(path)
                continue
            if doc.is_register:
                found.registers.append(path)
                index.add_registers(doc)
                for entry in index.register_files.get(doc.path, {}).values():
                    found.entries[entry.kind] += 1
                continue
        found.letters.append(path)
    letter_index.read_letters(index, [p.resolve() for p in found.letters])
    for entry in index.registers.values():
        if entry.register.path in index.letters:
            found.own_entries[entry.kind] += 1
    by_n = {}
    for entries in index.register_files.values():
        for entry in entries.values():
            n = entry.element.get("n")
            if n:
                by_n.setdefault(n, entry)
    for ref in index.letters.values():
        number = pointers.LETTER_NUMBER.fullmatch(ref.id or "")
        if number:
            found.numbers.setdefault(int(number.group(1)), ref)
    for path in found.letters:  # one letter in memory at a time
        try:
            tree = read_xml(path).tree
        except ParseFailure:
            continue
        _letter(found, index, path, tree, by_n)
    if not found.letters:
        raise SurveyError(f"no TEI letters found in {root}: give the folder that holds the corpus' TEI files")
    return found


def init_from(root: Path, title: str | None = None, base_url: str | None = None):
    """Survey the corpus, write its editio.toml, validate it as configured: (path, survey, report)."""
    from .config import load
    from .validate.runner import Validator

    found = survey(root)
    path = write_config(found, title, base_url)
    config = load(path)
    report = Validator(config).run([config.path(s) for s in config.sources])
    return path, found, report


def summary(found: Survey, report) -> list[str]:
    """What `init --from` prints: letters, registers, pointers resolved and not, findings by rule."""
    from .validate.report import by_rule, summary as counts

    resolved = sum(c for outcomes in found.forms.values() for o, c in outcomes.items() if o != "nothing (unresolved)")
    unresolved = sum(outcomes.get("nothing (unresolved)", 0) for outcomes in found.forms.values())
    keys = sum(found.keys.values())
    lines = [f"letters: {_n(len(found.letters))} in {', '.join(found.sources)}",
             f"register entries: {_n(sum(found.entries.values()))} in {_n(len(found.registers))} register file(s), "
             f"{_n(sum(found.own_entries.values()))} in the letters' own lists",
             f"pointers: {_n(resolved)} resolved, {_n(unresolved)} naming nothing in the corpus"
             + (f"; @key: {_n(keys)} of {_n(found.key_total)} matched" if found.key_total else "")]
    lines += [""] + by_rule(report) + ["", counts(report)]
    return lines


_TEI_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:TEI|teiCorpus)[\s>]")


def _is_tei(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return bool(_TEI_ROOT.search(f.read(16384)))
    except OSError:
        return False


def _xml_files(root: Path) -> list[Path]:
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_FOLDERS)
        out.extend(Path(folder) / n for n in sorted(names) if n.lower().endswith(SOURCE_SUFFIXES))
    return out


def _letter(found: Survey, index, path: Path, tree, by_n: dict) -> None:
    root = tree.getroot()
    for pi in tree.xpath("/processing-instruction('xml-model')"):
        if pi.get("href") and (pi.get("schematypens") == "http://relaxng.org/ns/structure/1.0"
                               or (pi.get("href") or "").endswith((".rng", ".rnc"))):
            found.schemas[pi.get("href")] += 1
            break
    else:
        declared = xsd.schema_location(tree)  # an XSD counts where no RelaxNG is declared, as in validation
        found.schemas[declared[0] if declared and declared[0].lower().endswith(".xsd") else ""] += 1
    for title in root.iterfind(f"{t('teiHeader')}/{t('fileDesc')}//{t('title')}"):
        if title.get("level") in ("s", "m") or local(title.getparent().tag) == "seriesStmt":
            text = " ".join("".join(title.itertext()).split())
            if text:
                found.titles[text] += 1
                break
    defs = pointers.prefix_defs(root)
    for ident in defs:
        found.prefixes[ident] += 1
    ids = {value: value.getparent() for value in root.xpath("//@xml:id")}
    resolver = pointers.Resolver(index, path.resolve(), ids, defs)
    context = set(root.iterfind(f".//{t('correspContext')}//*"))  # where letters point at letters
    for el, _, tokens in pointers.written_pointers(root):
        for token in tokens:
            target = resolver.resolve(token)
            form = _form(token, defs)
            found.forms.setdefault(form, Counter())[_outcome(target, ids, index)] += 1
            if target.kind == pointers.UNRESOLVED and form in ("bare id", "#id") and el in context:
                number = pointers.LETTER_NUMBER.fullmatch(token.lstrip("#"))
                prefix = re.match(r"[A-Za-z_-]*", token.lstrip("#")).group(0)
                matched = number and int(number.group(1)) in found.numbers
                (found.numbered if matched else found.unnumbered)[prefix] += 1
    for el in keyed_elements(root):
        value = el.get("key").strip()
        found.key_total += 1
        if value in by_n:
            found.keys["n"] += 1
        elif value in index.registers or value.lstrip("#") in index.registers:
            found.keys["xml:id"] += 1


def _form(token: str, prefixes: dict) -> str:
    """How a pointer is written: '#pmb…', 'file#id', 'letter file', 'bare id', 'prefix pmb:', 'URI'."""
    if pointers.has_scheme(token):
        ident = token.split(":", 1)[0]
        return f"prefix {ident}:" if ident in prefixes else "URI"
    if token.startswith("#"):
        stem = re.match(r"[A-Za-z_.-]*", token[1:]).group(0)
        return f"#{stem}…" if stem and len(stem) < len(token) - 1 else "#id"
    if "#" in token:
        return "file#id"
    if "/" in token or token.lower().endswith(SOURCE_SUFFIXES):
        return "file"
    return "bare id"


def _outcome(target, ids: dict, index) -> str:
    if target.kind == pointers.LOCAL:
        el = ids.get(target.fragment)
        parent = el.getparent() if el is not None else None
        if parent is not None and local(parent.tag).startswith("list") and local(el.tag) in ENTRY_LISTS:
            return f"per-letter {local(parent.tag)} entries"
        return "elements of the same letter"
    if target.kind == pointers.ENTRY:
        where = "other letters' lists" if target.entry.register.path in index.letters else "register files"
        return f"{target.entry.kind} entries of {where}"
    if target.kind == pointers.LETTER:
        return "letters of the corpus"
    if target.kind == pointers.EXTERNAL:
        return "external URIs"
    return "nothing (unresolved)"


def write_config(found: Survey, title: str | None = None, base_url: str | None = None) -> Path:
    """CORPUS/editio.toml, with each choice and its evidence; refuses to overwrite one."""
    path = found.root / "editio.toml"
    if path.exists():
        raise SurveyError(f"{path} exists: editio init --from writes a new one only; remove it (or edit it) first")
    text = render(found, title, base_url)
    path.write_text(text, encoding="utf-8")
    return path


def render(found: Survey, title: str | None = None, base_url: str | None = None) -> str:
    lines = ["# editio.toml for a corpus editio did not write, from `editio init --from` (a survey of the files).",
             "# Each setting says what it is based on; change any of them. editio changes none of the corpus' files.", ""]
    title = title or (found.titles.most_common(1)[0][0] if found.titles and
                      found.titles.most_common(1)[0][1] * 2 >= len(found.letters) else found.root.name)
    lines += [f"title = {_toml(title)}"] + ([f"base_url = {_toml(base_url)}"] if base_url else []) + [""]
    own = sum(found.own_entries.values())
    lines.append(f"# {_n(len(found.letters))} letters and {_n(len(found.registers))} register file(s) "
                 f"({_kinds(found.entries) or 'no entries'}); the letters' own back/standOff lists hold "
                 f"{_n(own)} entries ({_kinds(found.own_entries) or 'none'}), merged by xml:id into the registers.")
    if found.other:
        lines.append(f"# Not read: {_n(len(found.other))} XML files that are not TEI or not well-formed "
                     f"(e.g. {_relative(found.other[0], found.root)}).")
    lines += [f"sources = [{', '.join(_toml(s) for s in found.sources)}]", ""]
    lines += _schema_lines(found) + [""]
    lines.append("# Pointers, as written in the letters, and what they name:")
    for form, outcomes in sorted(found.forms.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(outcomes.values())
        best, count = outcomes.most_common(1)[0]
        rest = "; ".join(f"{_n(c)} {o}" for o, c in outcomes.most_common()[1:3])
        lines.append(f"#   {_n(count)} of {_n(total)} `{form}` pointers resolve to {best}" if best != "nothing (unresolved)"
                     else f"#   {_n(count)} of {_n(total)} `{form}` pointers name nothing in the corpus")
        if rest:
            lines.append(f"#     (and {rest})")
    if "bare id" in found.forms:
        lines.append("#   Bare ids that name an entry or a letter are followed; rule ED205 (info) says how to write them.")
    numbered = _letter_numbers(found)
    if numbered:
        prefix, count, total = numbered
        lines += [f"#   {_n(count)} of {_n(total)} pointers `{prefix}…` of correspContext that name nothing are a letter's",
                  "#   number (e.g. B0162 for the letter whose xml:id is K_0162): followed as such.",
                  'letter_ids = "number"']
    if found.prefixes:
        lines.append(f"#   listPrefixDef prefixes declared: {', '.join(sorted(found.prefixes))} (expanded before resolving)")
    lines.append("")
    lines += _key_lines(found) + [""]
    lines += ["# The editorial-policy rules (sender, addressee, date and place of sending, licence, tagged names,",
              "# authority ids ...) are reported at info: this corpus did not adopt editio's policy. Turn them up",
              "# with policy = \"warning\", or one at a time in [rules].",
              'policy = "info"', ""]
    return "\n".join(lines)


def _letter_numbers(found: Survey):
    """(prefix, matched, total) when the pointers of one prefix that name nothing are, mostly
    all, letters' numbers (a coincidence of numbers is not enough); else None."""
    if not found.numbered:
        return None
    prefix, count = found.numbered.most_common(1)[0]
    total = count + found.unnumbered[prefix]
    return (prefix, count, total) if count * 2 >= total else None


def _schema_lines(found: Survey) -> list[str]:
    declared = [(href, c) for href, c in found.schemas.most_common() if href]
    none = found.schemas.get("", 0)
    if not declared:
        return [f"# The letters declare no schema (RelaxNG xml-model or XSD xsi:schemaLocation): validated against TEI P5 tei_all,",
                "# never editio's edition subset.", 'schema = "tei_all"']
    href, count = declared[0]
    evidence = f"{_n(count)} of {_n(len(found.letters))} letters declare {href}" + (f" ({_n(none)} none)" if none else "")
    if _TEI_ALL_HREF.search(href):
        return [f"# {evidence}: TEI P5 tei_all, validated with editio's bundled copy.", 'schema = "tei_all"']
    if pointers.has_scheme(href):
        return [f"# {evidence}, a remote schema editio does not fetch: validated against TEI P5 tei_all;",
                "# download it into the corpus and name it here to use it.", 'schema = "tei_all"']
    example = next(p for p in found.letters)
    local_schema = (example.parent / href).resolve()
    if local_schema.is_file() and xsd.is_xsd(local_schema):
        try:
            xsd.load_schema(local_schema)
        except SchemaError as e:
            return [f"# {evidence}, which editio cannot use: {_comment(e.message)}.",
                    "# Validated against TEI P5 tei_all instead.", 'schema = "tei_all"']
    if local_schema.is_file():
        return [f"# {evidence}: the corpus' own schema.", f"schema = {_toml(_relative(local_schema, found.root))}"]
    return [f"# {evidence}, which does not exist: validated against TEI P5 tei_all.", 'schema = "tei_all"']


def _key_lines(found: Survey) -> list[str]:
    if not found.key_total:
        return ["# No @key in the letters."]
    by_n, by_id = found.keys.get("n", 0), found.keys.get("xml:id", 0)
    evidence = (f"{_n(by_n)} of {_n(found.key_total)} @key values match the @n of register entries, "
                f"{_n(by_id)} an xml:id")
    if not by_n and not by_id:
        return [f"# {_n(found.key_total)} @key values, none matching a register entry's @n or xml:id: not followed.",
                '# key_matches = "n"']
    choice = "n" if by_n >= by_id else "xml:id"
    return [f"# {evidence}.", f"key_matches = {_toml(choice)}"]


def _kinds(counter: Counter) -> str:
    return ", ".join(f"{_n(c)} {k}" for k, c in counter.most_common())


def _n(number: int) -> str:
    return f"{number:,}"


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


def _comment(text: str) -> str:
    """text on one comment line, without the absolute path of the machine it was surveyed on."""
    return " ".join(re.sub(r"\S*/([^/\s]+\.xsd)", r"\1", text).split())
