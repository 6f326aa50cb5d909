"""Finding TEI files and the documents made from them."""

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from lxml import etree

from .diagnostics import display_path
from .tei import NS, TEI_NS, local, xml_ids

SOURCE_SUFFIXES = (".xml", ".tei")
_REGISTER_SNIFF = re.compile(rb"list(?:Person|Place|Org|Bibl|Event)[\s>]")  # a literal start: searched fast
_HEADER_END = re.compile(rb"</(?:\w+:)?teiHeader\s*>")
_TAG_START = re.compile(rb"<(?:\w+:)?$")
_LETTER_SNIFF = re.compile(rb"<(?:\w+:)?correspDesc[\s>]")
_BODY = re.compile(rb"<(?:\w+:)?body[\s>]")
# the prose of a letter's body, as opposed to a register's lists (a letter without correspDesc)
_PROSE_SNIFF = re.compile(rb"<(?:\w+:)?(?:p|ab|opener|closer|salute|dateline|lg)[\s>/]")


@dataclass
class Skipped:
    """A path given or found that is not read, and why."""

    path: Path
    rule: str
    message: str
    hint: str


def discover(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """TEI files under the given paths, registers first, each once.

    Registers come first so that rules which need every register entry (tagging coverage)
    have them before the first letter is checked, without holding letters in memory.
    A symlink that leads outside the folder it was found in is not followed.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    for given in paths:
        if given.is_file():
            found.append(given)
            continue
        root = given.resolve()
        in_dir = []
        depth = len(given.parts)
        # sorted as Paths sort, by their parts, but as tuples (Path's own comparison is slow)
        for p in sorted(given.rglob("*"), key=lambda p: p.parts):
            if p.suffix.lower() not in SOURCE_SUFFIXES or any(part.startswith(".") for part in p.parts[depth:]):
                continue
            if not p.is_file():
                continue
            if p.is_symlink() and not p.resolve().is_relative_to(root):
                skipped.append(Skipped(p, "ED008", f"symbolic link to {p.resolve()} outside {display_path(given)}; not followed",
                                       "copy the file into the edition if it belongs to it"))
                continue
            in_dir.append(p)
        if not in_dir:
            skipped.append(Skipped(given, "ED007", "no TEI files (*.xml) in this folder", "check the path, or add letters with `editio new letter`"))
        found.extend(in_dir)
    unique = list(dict.fromkeys(p.absolute() for p in found))
    return sorted(unique, key=lambda p: (not looks_like_register(p), str(p))), skipped


def looks_like_register(path: Path) -> bool:
    """A register: a listPerson, listPlace or listOrg and no correspDesc in the first 64 KB."""
    try:
        with open(path, "rb") as f:
            head = f.read(8192)
            if _LETTER_SNIFF.search(head):  # a letter's header comes first: most files are decided here
                return False
            head += f.read(65536 - len(head))
    except OSError:
        return False
    header = _HEADER_END.search(head)  # lists of the header (a sourceDesc's listBibl) make no register
    after = header.end() if header else 0
    first_list = next((m for m in _REGISTER_SNIFF.finditer(head, after) if _TAG_START.search(head, max(0, m.start() - 64), m.start())), None)
    if first_list is None or _LETTER_SNIFF.search(head):
        return False
    body = _BODY.search(head, 0, first_list.start())
    return not (body and _PROSE_SNIFF.search(head, body.end(), first_list.start()))


# register lists, outside the teiHeader (whose sourceDesc may hold a listBibl of a letter)
_LISTS = etree.XPath("/*/tei:text//*[self::tei:listPerson or self::tei:listPlace or self::tei:listOrg or self::tei:listBibl "
                     "or self::tei:listEvent][1] | /*/tei:standOff//*[self::tei:listPerson or self::tei:listPlace or "
                     "self::tei:listOrg or self::tei:listBibl or self::tei:listEvent][1]", namespaces=NS)
_PROSE = etree.XPath("//tei:body//*[self::tei:p or self::tei:ab or self::tei:opener or self::tei:closer or self::tei:lg]"
                     "[not(ancestor::*[starts-with(local-name(), 'list')])][1]", namespaces=NS)


@dataclass
class Document:
    path: Path  # absolute
    tree: etree._ElementTree
    data: bytes = field(repr=False)
    encoding: str = "UTF-8"
    # schema path (resolved) -> libxml2's verdict, as validation found it: the build does not ask again
    valid_against: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def root(self):
        return self.tree.getroot()

    @cached_property
    def name(self) -> str:
        return display_path(self.path)

    @cached_property
    def is_tei(self) -> bool:
        return self.root.tag in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus")

    @cached_property
    def is_register(self) -> bool:
        """A file whose content is lists of persons, places or organisations, not a letter."""
        return bool(_LISTS(self.root)) and not self.is_letter

    @cached_property
    def is_letter(self) -> bool:
        """A correspDesc, or prose in the body outside lists (a letter whose header does not
        describe the correspondence; its back may hold lists)."""
        return bool(self.root.xpath("//tei:correspDesc", namespaces=NS)) or bool(_PROSE(self.root))

    @cached_property
    def ids(self) -> dict[str, etree._Element]:
        """xml:id -> first element carrying it."""
        out = {}
        for value in xml_ids(self.root):
            if value not in out:
                out[str(value)] = value.getparent()
        return out

    @cached_property
    def _lines(self) -> list[str]:
        try:
            text = self.data.decode(self.encoding if self.encoding else "utf-8")
        except (LookupError, UnicodeDecodeError):
            text = self.data.decode("utf-8", "replace")
        return text.lstrip("\ufeff").split("\n")

    def line_text(self, line: int) -> str:
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""

    def position(self, el, attr: str | None = None) -> tuple[int, int]:
        """(line, column) of an element's start tag, or of one of its attributes.

        libxml2 gives the line on which a start tag ends and no column; the column is
        found by looking for `<name` (and `attr=`) on that line and the lines before it.
        """
        line = el.sourceline or 0
        if not line:
            return 0, 0
        tag_re = _tag_pattern(_qualified_name(el))
        for ln in range(line, max(line - 20, 0), -1):
            text = self.line_text(ln)
            starts = [m.start() for m in tag_re.finditer(text)]
            if not starts:
                continue
            if ln == line and len(starts) > 1:
                start = starts[min(self._ranks.get(el, 0), len(starts) - 1)]
            else:
                start = starts[-1]
            if attr is None:
                return ln, start + 1
            attr_re = _attr_pattern(_qualified_attr(el, attr))
            for aln in range(ln, line + 1):
                m = attr_re.search(self.line_text(aln), start if aln == ln else 0)
                if m:
                    return aln, m.start() + 1
            return ln, start + 1
        return line, 0

    @cached_property
    def _ranks(self) -> dict:
        """element -> how many elements of the same name end their start tag earlier on the
        same line (only those with at least one such), counted once for the document."""
        counts, ranks = {}, {}
        for other in self.root.iter():
            if not isinstance(other.tag, str):
                continue
            key = (other.sourceline, other.tag)
            n = counts.get(key, 0)
            counts[key] = n + 1
            if n:
                ranks[other] = n  # keeps those proxies alive, so identity lookups work
        return ranks


@lru_cache(maxsize=1024)
def _tag_pattern(qname: str) -> re.Pattern:
    return re.compile(rf"<{re.escape(qname)}(?=[\s/>]|$)")


@lru_cache(maxsize=1024)
def _attr_pattern(qname: str) -> re.Pattern:
    return re.compile(rf"(?<![\w:.-]){re.escape(qname)}\s*=")


def _qualified_name(el) -> str:
    name = local(el.tag)
    prefix = el.prefix
    return f"{prefix}:{name}" if prefix else name


def _qualified_attr(el, attr: str) -> str:
    if attr.startswith("{"):
        ns, name = attr[1:].split("}", 1)
        if ns == "http://www.w3.org/XML/1998/namespace":
            return f"xml:{name}"
        for prefix, uri in el.nsmap.items():
            if uri == ns and prefix:
                return f"{prefix}:{name}"
        return name
    return attr
