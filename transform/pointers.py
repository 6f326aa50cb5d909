"""Pointers: what a URI in @ref, @corresp, @target, @who (or a @key) names, decided in one place.

Corpora write pointers to register entries and to other letters in many ways:

    #pmb123                        an xml:id in this file, in a register file or in another
                                   letter's back/standOff list
    ../registers/persons.xml#p1    an xml:id in the file named (relative to this file)
    L000002.xml, ../letters/x.xml  another letter of the corpus (a source file)
    pmb123, L02871                 a bare token: the xml:id of an entry or of a letter
    pmb:123                        a prefix declared in a listPrefixDef, expanded first
    https://d-nb.info/gnd/118…     an external URI
    key="Escher (vom Glas) Jakob"  a @key, matched to the register attribute editio.toml names

resolve() and resolve_key() turn each into one Target: an entry, a letter, an element of
the same file, an external URI, or unresolved with the reason. Validation rules, the
letter job's dependencies and the standalone letter all ask here.

What a pointer may name is the index: an object with
- registers: {xml:id: RegisterEntry}, corpus-wide (register files and per-letter lists);
- register_files: {absolute path: {xml:id: RegisterEntry}};
- letters: {absolute path: LetterRef} and letter_ids: {xml:id: LetterRef};
- keys: {@key value: RegisterEntry} (empty unless editio.toml says how @key is matched);
- letter_numbers: {number: LetterRef} (empty unless editio.toml's letter_ids = "number").
build.context.BuildContext is one.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .tei import POINTER_ATTRIBUTES, pointer_elements, t

# A URI's scheme (RFC 3986): a pointer that has one is a full URI, never a file of the corpus.
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# What a URL parser may take for a scheme: all before the first ":" that no "/", "?" or "#"
# precedes (RFC 3986, appendix B). Wider than SCHEME, as a browser strips spaces and tabs
# first: a link is safe to write only when this is http(s) or there is none.
_LINK_SCHEME = re.compile(r"^([^:/?#]*):")

ENTRY, LETTER, LOCAL, EXTERNAL, UNRESOLVED = "entry", "letter", "local", "external", "unresolved"

# how a resolved pointer was written, when editio had to guess (an info finding says how to write it)
BARE, KEY, PREFIX, FILE, NUMBER = "bare id", "key", "prefix", "file", "letter number"
# an id that is a letter's number: letters or underscores, then digits (B0162, K_0162, L00101)
LETTER_NUMBER = re.compile(r"[A-Za-z]+[_-]?0*(\d+)")


@dataclass(frozen=True)
class LetterRef:
    """Another letter of the corpus, as a pointer to it is written in the standalone letter."""

    slug: str  # its outputs' name: the file name without suffix
    path: Path  # absolute, resolved
    id: str  # the xml:id of its root, or ''
    title: str  # its own title (entities.letter_title)
    date: str  # ISO date of sending, or ''

    @property
    def href(self) -> str:
        return f"{self.slug}.xml"


@dataclass(frozen=True)
class Target:
    """What one pointer names."""

    kind: str  # ENTRY | LETTER | LOCAL | EXTERNAL | UNRESOLVED
    token: str  # as written
    entry: object = None  # build.context.RegisterEntry, for ENTRY
    letter: LetterRef | None = None  # for LETTER
    fragment: str = ""  # the id named (LOCAL, ENTRY, UNRESOLVED '#id'), or ''
    how: str = ""  # '' when written as editio reads pointers; else BARE, KEY, PREFIX or FILE
    reason: str = ""  # for UNRESOLVED: why, as a sentence after the quoted token
    via_file: Path | None = None  # for ENTRY named as file#id: the register file

    @property
    def written(self) -> str:
        """The pointer as the standalone letter writes it."""
        if self.kind in (ENTRY, LOCAL):
            return f"#{self.fragment}"
        if self.kind == LETTER:
            return self.letter.href
        return self.token


def has_scheme(token: str) -> bool:
    return bool(SCHEME.match(token))


def is_url(href: str) -> bool:
    """A URI with a scheme and an authority (https://…, file://…): a resource elsewhere."""
    m = SCHEME.match(href)
    return bool(m) and href.startswith("//", m.end())


def link_scheme(url: str) -> str | None:
    """The scheme a browser may read in a link, lower-cased; None for a relative link."""
    m = _LINK_SCHEME.match(url)
    return m.group(1).lower() if m else None


def written_pointers(top):
    """(element, attribute, [URIs]) for each pointer attribute (@ref, @corresp, @target,
    @who) of `top` and its descendants, in document order."""
    for el in pointer_elements(top):
        for attr in POINTER_ATTRIBUTES:
            value = el.get(attr)
            if value:
                yield el, attr, value.split()


def split(token: str) -> tuple[str, str]:
    """'../registers/persons.xml?x#per.x' -> ('../registers/persons.xml', 'per.x'), unquoted."""
    file, _, fragment = token.partition("#")
    return unquote(file.split("?", 1)[0]), unquote(fragment)


def prefix_defs(root) -> dict[str, list[tuple[str, str]]]:
    """ident -> [(matchPattern, replacementPattern)] of a document's prefixDefs."""
    out: dict[str, list[tuple[str, str]]] = {}
    for el in root.iter(t("prefixDef")):
        ident, match, replacement = el.get("ident"), el.get("matchPattern"), el.get("replacementPattern")
        if ident and match is not None and replacement is not None:
            out.setdefault(ident, []).append((match, replacement))
    return out


def expand_prefix(token: str, prefixes: dict) -> str | None:
    """'pmb:123' -> the replacement of the first matching pattern of prefix 'pmb', or None."""
    ident, _, rest = token.partition(":")
    for match, replacement in prefixes.get(ident, ()):
        try:
            m = re.fullmatch(match, rest)
        except re.error:
            continue
        if m:
            return re.sub(r"\$(\d)", lambda g: m.group(int(g.group(1))) or "", replacement)
    return None


class Resolver:
    """Resolves the pointers of one file (its folder, its own ids, its prefixes)."""

    def __init__(self, index, base: Path, local=(), prefixes: dict | None = None, memo: dict | None = None):
        self.index = index
        self.base = base  # the referring file (absolute)
        self.local = local  # the xml:ids of the referring file
        self.prefixes = prefixes or {}
        self._folder = base.parent  # one Path object: its hash, for _REAL, is worked out once
        self._paths: dict[str, Path] = {}
        # memo: shared by the resolvers that ask about the same file (its rules; a letter's
        # job: what it uses, its standalone copy), so that a pointer is resolved once. They
        # have the same index; only a token with a scheme depends on the prefixes.
        self._memo = memo if memo is not None else {}
        self._scope = (base, frozenset(local))
        self._with_prefixes = (base, frozenset(local), tuple(sorted((k, tuple(v)) for k, v in self.prefixes.items())))

    def resolve(self, token: str) -> Target:
        key = (self._with_prefixes if has_scheme(token) else self._scope, token)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._resolve(token)
        return found

    def _resolve(self, token: str) -> Target:
        if has_scheme(token):
            expanded = expand_prefix(token, self.prefixes) if self.prefixes else None
            if expanded is not None and not has_scheme(expanded):
                found = self.resolve(expanded)
                return _as(found, token, PREFIX)
            return Target(EXTERNAL, token)
        file, fragment = split(token)
        if not file:
            return self._by_id(token, fragment, how="")
        path = self._path(file)
        letter = self.index.letters.get(path)
        if letter is not None:
            if letter.path == self.base and fragment:
                return self._by_id(token, fragment, how="")
            return Target(LETTER, token, letter=letter, fragment=fragment, how="" if not fragment else FILE)
        entries = self.index.register_files.get(path)
        if entries is not None:
            if fragment in entries:
                return Target(ENTRY, token, entry=entries[fragment], fragment=fragment, via_file=path)
            reason = f": {file} has no entry with xml:id=\"{fragment}\"" if fragment else f" names the whole register {file}"
            return Target(UNRESOLVED, token, fragment=fragment, reason=reason)
        if "#" not in token and "/" not in file:  # a bare token: an id of this file, an entry or a letter
            found = self._by_id(token, file, how=BARE)
            if found.kind != UNRESOLVED:
                return found
        if not _exists(path):
            return Target(UNRESOLVED, token, fragment=fragment,
                          reason=f": no file {file} next to this one, and no entry or letter has this id")
        return Target(UNRESOLVED, token, fragment=fragment, reason=f": {file} is neither a letter nor a register of the corpus")

    def resolve_key(self, value: str) -> Target:
        """A @key: a pointer when written as one (`#id`, `file#id`), else looked up among
        the keys editio.toml names (register attribute matched)."""
        key = (self._scope, "key", value)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._resolve_key(value)
        return found

    def _resolve_key(self, value: str) -> Target:
        value = value.strip()
        if "#" in value and " " not in value:
            found = self.resolve(value)
            return _as(found, value, KEY) if found.kind in (ENTRY, LOCAL, LETTER) else found
        entry = self.index.keys.get(value)
        if entry is not None:
            return Target(ENTRY, value, entry=entry, fragment=entry.id, how=KEY)
        if value in self.local:
            return Target(LOCAL, value, fragment=value, how=KEY)
        return Target(UNRESOLVED, value, reason=": no register entry has this key")

    def _by_id(self, token: str, ident: str, how: str) -> Target:
        if ident in self.local:
            letter = self.index.letter_ids.get(ident)
            if letter is not None and letter.path == self.base:  # the letter's own id: the letter, not a place in it
                return Target(LETTER, token, letter=letter, how=how)
            return Target(LOCAL, token, fragment=ident, how=how)
        entry = self.index.registers.get(ident)
        if entry is not None:
            return Target(ENTRY, token, entry=entry, fragment=ident, how=how)
        letter = self.index.letter_ids.get(ident)
        if letter is not None:
            return Target(LETTER, token, letter=letter, how=how)
        number = LETTER_NUMBER.fullmatch(ident)
        letter = self.index.letter_numbers.get(int(number.group(1))) if number and self.index.letter_numbers else None
        if letter is not None:  # `B0162` for the letter whose xml:id is K_0162 (editio.toml letter_ids = "number")
            return Target(LETTER, token, letter=letter, how=NUMBER)
        if not ident:
            return Target(UNRESOLVED, token, reason=" names no id")
        return Target(UNRESOLVED, token, fragment=ident,
                      reason=f": no element has xml:id=\"{ident}\", in this file or elsewhere in the corpus")

    def _path(self, file: str) -> Path:
        path = self._paths.get(file)
        if path is None:
            path = self._paths[file] = real_path(self._folder, file)
        return path


# The file system is asked once per build about a file part written in a folder, not once per
# pointer or per file that writes it (a corpus of per-letter lists writes the same bare ids
# in every letter). Emptied at the start of each build (forget_paths), as files may change.
_REAL: dict[tuple[Path, str], Path] = {}
_EXISTS: dict[Path, bool] = {}


def real_path(folder: Path, file: str) -> Path:
    """The file a path written in folder names, symbolic links resolved (asked once per build)."""
    key = (folder, file)
    path = _REAL.get(key)
    if path is None:
        path = _REAL[key] = Path(os.path.realpath(os.path.join(folder, file)))
    return path


def _exists(path: Path) -> bool:
    if path not in _EXISTS:
        _EXISTS[path] = os.path.exists(path)
    return _EXISTS[path]


def forget_paths() -> None:
    _REAL.clear()
    _EXISTS.clear()


def _as(found: Target, token: str, how: str) -> Target:
    """`found`, as reached from `token` written another way."""
    if found.kind == UNRESOLVED:
        return Target(UNRESOLVED, token, fragment=found.fragment, reason=found.reason)
    return Target(found.kind, token, entry=found.entry, letter=found.letter, fragment=found.fragment,
                  how=how, via_file=found.via_file)


def advice(target: Target, attr: str) -> str:
    """How to write a pointer that editio resolved by guessing (an info finding's hint)."""
    if target.kind == LETTER:
        return f'write {attr}="{target.letter.href}" (the letter\'s file), so any TEI tool can follow it'
    if target.how == KEY:
        return f'add ref="#{target.fragment}" (or a file pointer to the register), so tools other than editio can follow it'
    return f'write {attr}="#{target.fragment}", so any TEI tool can follow it'
