"""Reading XML safely and writing files atomically.

Every source is untrusted: no DTD is loaded, no external entity is resolved, nothing is
fetched from the network, and libxml2's own limits (nesting depth, entity amplification)
stay on. Failures become a ParseFailure naming line, column and what to do.
"""

import html.entities
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

DEFAULT_MAX_BYTES = 100 * 1024 * 1024

_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*(\[(?P<subset>.*?)\])?\s*>", re.S)
_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY\s+(?P<pe>%\s+)?(?P<name>[^\s]+)\s+(SYSTEM|PUBLIC)\s+(?P<ids>(\"[^\"]*\"|'[^']*'|\s)+)")
_XML_DECL_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")


@dataclass
class ParseFailure(Exception):
    line: int
    col: int
    rule: str
    message: str
    hint: str = ""


@dataclass
class ParsedFile:
    tree: etree._ElementTree
    data: bytes
    encoding: str  # as libxml2 read it: "UTF-8", "ISO-8859-1", "UTF-16" ...


class _NothingOutside(etree.Resolver):
    """Every external resource libxml2 asks for is empty. With resolve_entities="internal",
    libxml2 2.14 still loads a DOCTYPE's external subset (<!DOCTYPE TEI SYSTEM "/any/file">)
    despite load_dtd=False, and would expand the entities declared there: that read, of a
    file or (no_network aside) a URL, never happens."""

    def resolve(self, url, pubid, context):
        return self.resolve_string("", context)


def make_parser() -> etree.XMLParser:
    # collect_ids=False: a duplicate xml:id must not abort the parse; rule ED201 reports it
    # with both lines. resolve_entities="internal": entities declared in the file expand
    # (libxml2 caps their amplification); external ones are never loaded.
    parser = etree.XMLParser(
        resolve_entities="internal",
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        collect_ids=False,
        remove_blank_text=False,
    )
    parser.resolvers.add(_NothingOutside())
    return parser


def read_xml(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedFile:
    """Parse one file or raise ParseFailure."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ParseFailure(0, 0, "ED005", f"file is {size / 2**20:.0f} MB, over the limit of {max_bytes / 2**20:.0f} MB",
                               "split the file, or raise `max_file_size` in editio.toml if it really is one document")
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ParseFailure(0, 0, "ED004", f"cannot read the file: {e.strerror}", "check that it exists and that you may read it")
    return parse_bytes(data)


def parse_bytes(data: bytes) -> ParsedFile:
    _refuse_non_xml(data)
    _refuse_external_entities(data)
    try:
        root = etree.fromstring(data, make_parser())
    except etree.XMLSyntaxError as e:
        line, col = e.position if e.position else (e.lineno or 0, 0)
        msg = re.sub(r", line \d+, column \d+\s*$", "", (e.msg or str(e)).strip())
        message, hint, line, col = _explain(msg, data, line or 0, col or 0)
        raise ParseFailure(line, col, "ED001", message, hint) from None
    tree = root.getroottree()
    return ParsedFile(tree, data, tree.docinfo.encoding or "UTF-8")


def _refuse_non_xml(data: bytes) -> None:
    head = data[:4096]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte order mark: libxml2 reads it
    if b"\x00" in head:
        raise ParseFailure(1, 0, "ED001", "this is a binary file, not XML (it contains NUL bytes)",
                           "remove it from the TEI folder, or save it as UTF-8 XML")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise ParseFailure(1, 0, "ED001", "the file is empty", "write a TEI document into it or remove it")
    if not stripped.startswith(b"<"):
        raise ParseFailure(1, 1, "ED001", "this is not XML: it does not start with '<'",
                           "a TEI file starts with <?xml version=\"1.0\" encoding=\"UTF-8\"?> or <TEI")


def _refuse_external_entities(data: bytes) -> None:
    doctype = _DOCTYPE.search(data[:65536])
    if not doctype or not doctype.group("subset"):
        return
    m = _EXTERNAL_ENTITY.search(doctype.group("subset"))
    if m:
        offset = doctype.start("subset") + m.start()
        line = data.count(b"\n", 0, offset) + 1
        col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        kind = "parameter entity" if m.group("pe") else "entity"
        name = m.group("name").decode("utf-8", "replace")
        target = m.group("ids").decode("utf-8", "replace").strip()
        raise ParseFailure(line, col, "ED003", f"the DOCTYPE declares the external {kind} '{name}' ({target}); editio never loads external files or URLs",
                           "replace the entity reference with the text it stands for, and remove the declaration")


def _explain(msg: str, data: bytes, line: int, col: int) -> tuple[str, str, int, int]:
    """libxml2's message reworded where a person needs to know what to do, and the place
    moved to where the problem starts when libxml2 reports where it noticed it."""
    m = re.match(r"Entity '([^']+)' not defined", msg)
    if m:
        name = m.group(1)
        text = _line_text(data, line)
        at = text.rfind(f"&{name};", 0, max(col, 1) + len(name) + 1)
        col = at + 1 if at >= 0 else col
        code = html.entities.name2codepoint.get(name)
        what = f"undeclared entity &{name}; (XML knows only &amp; &lt; &gt; &quot; &apos;)"
        if code is not None:
            char = chr(code)
            shown = f"{char} " if char.isprintable() and not char.isspace() else ""
            return what, f"write the character itself ({shown}U+{code:04X} {unicodedata.name(char, '')}) or the numeric reference &#{code};", line, col
        return what, "write the character itself, or a numeric reference such as &#160;", line, col
    if msg.startswith(("xmlParseEntityRef: no name", "EntityRef: expecting ';'")):
        text = _line_text(data, line)
        at = text.rfind("&", 0, max(col, 1))
        col = at + 1 if at >= 0 else col
        return ("unescaped & (an ampersand that does not begin an entity reference such as &amp;)",
                "write & as &amp; (in URLs too: ?a=1&amp;b=2)", line, col)
    m = re.match(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)", msg)
    if m:
        opened, opened_line, closing = m.groups()
        return (f"<{opened}> (opened on line {opened_line}) is not closed before </{closing}>",
                f"add </{opened}> where the {opened} ends, or remove the stray </{closing}>", line, col)
    if "Invalid bytes in character encoding" in msg or "not proper UTF-8" in msg:
        declared = _XML_DECL_ENCODING.match(data)
        label = declared.group(1).decode() if declared else "UTF-8 (the default)"
        return (f"the bytes here are not valid {label}",
                "save the file as UTF-8, or declare its real encoding, e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", line, col)
    if msg.startswith("Excessive depth"):
        return ("elements are nested more than 256 levels deep",
                "no TEI document needs such depth: check for unclosed or generated elements", line, col)
    if "amplification" in msg or "entity loop" in msg.lower():
        doctype = _DOCTYPE.search(data[:65536])
        if doctype:
            line, col = data.count(b"\n", 0, doctype.start()) + 1, 1
        return ("entity expansion is out of proportion to the file (an entity bomb); refused",
                "remove the entity declarations and write the text itself", line, col)
    if "Char 0x0" in msg or "invalid Char value" in msg:
        return (f"character not allowed in XML ({msg.splitlines()[0]})",
                "delete the control character; XML 1.0 allows only tab, LF and CR below U+0020", line, col)
    return msg.splitlines()[0], "fix the XML syntax at this place (an editor with XML checking shows it too)", line, col


def _line_text(data: bytes, line: int) -> str:
    lines = data.split(b"\n")
    return lines[line - 1].decode("utf-8", "replace") if 0 < line <= len(lines) else ""


def write_atomic(path: Path, data, durable: bool = True, keep_old=None) -> bool:
    """Write a file so that readers see the old or the new content, never a part; data is
    bytes or an iterable of bytes (written as it comes: a file larger than memory).
    durable: fsync before the rename, so that the new content survives a power cut too.
    keep_old: called once all is written; when it returns True the new content is dropped
    and the file left as it was. Returns whether the file was replaced."""
    fd, tmp = _temporary(path)
    try:
        try:  # the mode of the file it replaces; a new file has the mode any new file gets here
            os.fchmod(fd, os.stat(path).st_mode & 0o7777)
        except FileNotFoundError:
            pass
        with os.fdopen(fd, "wb") as f:
            for chunk in [data] if isinstance(data, bytes) else data:
                f.write(chunk)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        if keep_old is not None and keep_old():
            os.unlink(tmp)
            return False
        os.replace(tmp, path)
        return True
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _temporary(path: Path) -> tuple[int, str]:
    """A new file next to path (.name.XXXXXXXX.tmp), open for writing. Its name is fixed per
    process (this process's id), which costs less than mkstemp's random names; O_EXCL never
    opens a file already there (a leftover of a killed build, another thread's, a planted
    link): then it is mkstemp's name."""
    tmp = os.path.join(path.parent, f".{path.name}.{os.getpid() & 0xFFFFFFFF:08x}.tmp")
    try:
        try:
            return os.open(tmp, _NEW, 0o666), tmp
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(tmp, _NEW, 0o666), tmp
    except FileExistsError:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:  # mkstemp makes the file private (0600): give it the mode any new file gets here
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
        except BaseException:
            os.close(fd)
            os.unlink(tmp)
            raise
        return fd, tmp
