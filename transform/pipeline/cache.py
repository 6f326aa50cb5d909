"""The build cache: what earlier builds learnt of each letter, so that a rebuild processes
only the letters whose inputs changed and still assembles the corpus-wide outputs.

It lives in <project>/.editio-cache/, not in output/, which is published:
- index.json: the first line, JSON, holds what spans the sources: per finish step its
  findings, warnings and outputs (finish.Finish), and the table of dependencies
  (Dependencies). Then one line per source, its name (JSON), a tab and its entry (JSON):
  its hash, what it uses (numbers into that table), its outputs (hash, size, mtime), its
  findings and the digests of its parts. A line at a time is read and written. The last
  build's entries are kept as their JSON text, decoded when used (entry_text, read_entry):
  about 1.3 KB a letter instead of 4.5 KB as Python objects; those this build makes go to
  a temporary file as they are made (Entries), and only where each starts stays in memory;
- parts/<letter>: a letter's data for the finish steps, one file a letter (a file costs
  more to create than to fill), written by the process that built the letter. Its first
  line, JSON, lists its parts and their sizes ([["facts", 812], ["html", 2310], ...]):
  "facts", its validation facts, or a builder's name, the records that builder keeps. The
  parts follow in that order. A step reads only its slice (seek), so the main process never
  holds more than one step's data; a slice shorter than listed (a build killed while
  writing) is a miss, and the letter is processed again;
- findings/: each source's schema verdict and findings, shared with editio validate
  (validate/findings_cache.py).
It is JSON, never pickle: a cache that came with a cloned project must not be able to run
code. A cache that cannot be read is ignored (everything is rebuilt); one that cannot be
written costs the next build its speed, nothing else.
"""

import dataclasses
import hashlib
import itertools
import json
import tempfile
from pathlib import Path

from ..validate.findings_cache import CACHE_DIR, ignore_folder
from ..xmlio import write_atomic

FORMAT = 4  # older indexes are ignored (everything is rebuilt)


_RAW = b"\x00"  # the first byte of a part kept as raw bytes (JSON text never starts so)


def encode(value) -> str | bytes:
    """A part as it is kept: bytes as they are (a letter's TEI for corpus.xml: JSON would
    escape it, and decoding it took most of corpus.xml's time), anything else as JSON text: dataclasses tagged with their name, bytes as latin-1
    text ("@record" and "@bytes" cannot be xml:ids, which the facts have as keys). Keys keep
    their order, which the builders' finish steps may rely on; the builders make them in a
    fixed order, so the same data is the same text in any process. json's C encoder walks
    the data and calls _tagged only for what JSON lacks."""
    if isinstance(value, bytes):
        return _RAW + value
    return json.dumps(value, default=_tagged, ensure_ascii=False)


def _tagged(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@record": type(value).__name__, **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    if isinstance(value, bytes):
        return {"@bytes": value.decode("latin-1")}
    raise TypeError(f"{type(value).__name__} cannot be kept in the build cache")


def decode(data: bytes, types: dict):
    """The records encode() wrote; types: the record classes by name (what the builders
    declare, see Cache)."""
    if data[:1] == _RAW:
        return data[1:]
    text = data.decode("utf-8")

    def hook(obj: dict):
        if "@bytes" in obj:
            return obj["@bytes"].encode("latin-1")
        name = obj.pop("@record", None)
        return obj if name is None else types[name](**obj)  # only the types given: a KeyError is a bad cache

    return json.loads(text, object_hook=hook)


class Dependencies:
    """What the letters use (dependencies.Uses.of_letter: key -> value), each key once. A
    letter's uses are kept as numbers into this table ("3 17 250"): thousands of letters
    name the same register entries, and a map per letter would be most of the index."""

    def __init__(self, pairs=()):
        self.keys: list[str] = []
        self.values: list = []
        self._number: dict[str, int] = {}
        for key, value in pairs:
            self._add(key, value)

    def _add(self, key: str, value) -> int:
        number = self._number.get(key)
        if number is None:
            number = self._number[key] = len(self.keys)
            self.keys.append(key)
            self.values.append(value)
        return number

    def encode(self, uses: dict) -> str:
        """A letter's uses (as the registers are now) as numbers into the table."""
        return " ".join(str(self._add(key, value)) for key, value in uses.items())

    def decode(self, code: str) -> dict:
        return {self.keys[int(n)]: self.values[int(n)] for n in code.split()}

    def changed(self, value_of) -> set[int]:
        """The numbers of the keys whose value is no longer the one recorded."""
        return {n for n, (key, value) in enumerate(zip(self.keys, self.values)) if value_of(key) != value}

    def pairs(self) -> list:
        return [list(pair) for pair in zip(self.keys, self.values)]


class Entries:
    """This build's entries of the index (source -> entry_text), as a dict would keep them,
    in a temporary file: only where each one starts stays in memory (about 100 bytes a
    letter instead of 1.2 KB). Read back in the order they were put."""

    def __init__(self, pairs=()):
        self._file = tempfile.TemporaryFile()  # deleted when closed, or when the process ends
        self._at: dict[str, int] = {}
        for name, text in pairs:
            self[name] = text

    def __setitem__(self, name: str, text: bytes) -> None:
        self._at[name] = self._file.seek(0, 2)
        self._file.write(text + b"\n")  # an entry is one line (entry_text)

    def __getitem__(self, name: str) -> bytes:
        self._file.seek(self._at[name])
        return self._file.readline()[:-1]

    def __contains__(self, name) -> bool:
        return name in self._at

    def __iter__(self):
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def items(self):
        for name in list(self._at):
            yield name, self[name]

    def close(self) -> None:
        self._file.close()


class Cache:
    """records: the classes of the records the builders keep (each builder's `records`),
    which a part read back is made of again; the cache stores what it is given."""

    _size = 0  # of the dependency table the entries of the index use

    def __init__(self, folder: Path, key: str, read: bool = True, records=()):
        self.folder = folder
        self.key = key  # what every cached result depends on (editio's code, options, configuration)
        self.types = {cls.__name__: cls for cls in records}
        self.header, self.letters = self._load() if read else ({}, {})  # letters: source -> entry_text
        self.started = 0  # when this build started (ns), kept for the next one (run.Build._hashes)
        self.dependencies = Dependencies(self.header.get("dependencies", ()))

    def _load(self) -> tuple[dict, dict]:
        """The index, or nothing when it is missing, of another key, or not as written. The
        entries are checked when they are decoded (letter)."""
        letters: dict = {}
        try:
            with open(self.folder / "index.json", "rb") as f:
                header = json.loads(f.readline())
                if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != self.key:
                    return {}, {}
                self._size = len(header["dependencies"])
                for line in f:
                    name, tab, entry = line.rstrip(b"\n").partition(b"\t")
                    name = json.loads(name)
                    if not tab or not isinstance(name, str):
                        return {}, {}
                    letters[name] = entry
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}, {}
        return header, letters

    def letter(self, source: str) -> dict | None:
        """A source's entry of the last build; None when there is none, or it is not as written."""
        text = self.letters.get(source)
        if text is None:
            return None
        try:
            entry = read_entry(text)
            uses = list(map(int, entry.get("uses", "").split())) if isinstance(entry, dict) else None
            if uses is not None and (not uses or 0 <= min(uses) and max(uses) < self._size):  # (in C: asked per letter)
                return entry
        except (ValueError, TypeError, AttributeError):
            pass
        return None

    def take(self, source: str) -> dict | None:
        """letter(source), no longer kept here (the build keeps its own entry of it)."""
        entry = self.letter(source)
        self.letters.pop(source, None)
        return entry

    def finish(self) -> dict | None:
        return self.header.get("finish")

    def _part_file(self, source: str) -> Path:
        return self.folder / "parts" / hashlib.sha1(source.encode()).hexdigest()[:20]

    def put_parts(self, source: str, parts: dict) -> bool:
        """Keep a letter's data for the finish steps (encoded) in its file; False when it
        could not be written. Not atomic: a part cut short by a kill is shorter than its
        header says, and the letter is then processed again (part, finish.Finish)."""
        bodies = [text if isinstance(text, bytes) else text.encode("utf-8") for text in parts.values()]
        header = json.dumps([[part, len(body)] for part, body in zip(parts, bodies)]).encode() + b"\n"
        path = self._part_file(source)
        try:
            try:
                f = open(path, "wb")
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                f = open(path, "wb")
            with f:
                f.write(b"".join([header, *bodies]))
        except OSError:
            return False
        return True

    def part(self, source: str, part: str):
        """A letter's data for one finish step; KeyError when it is not (or not wholly) there."""
        try:
            with open(self._part_file(source), "rb") as f:
                offset, size = 0, None
                for name, length in json.loads(f.readline()):
                    if name == part:
                        size = length
                        break
                    offset += length
                if size is None:
                    raise KeyError(source)
                f.seek(offset, 1)
                data = f.read(size)
            if len(data) != size:
                raise KeyError(source)
            return decode(data, self.types)
        except (OSError, ValueError, TypeError) as e:
            raise KeyError(source) from e

    def forget(self, sources) -> None:
        """Remove the data of letters that are gone."""
        for source in sources:
            try:
                self._part_file(source).unlink()
            except OSError:
                pass

    def save(self, letters, finish: dict, dependencies: Dependencies) -> None:
        """letters: source -> entry_text (Entries, or a dict)."""
        header = {"format": FORMAT, "key": self.key, "started": self.started, "finish": finish,
                  "dependencies": dependencies.pairs()}
        lines = itertools.chain([(json.dumps(header, ensure_ascii=False) + "\n").encode()],
                                (json.dumps(name).encode() + b"\t" + entry + b"\n" for name, entry in letters.items()))
        self._write(self.folder / "index.json", lines)

    def _write(self, path: Path, data) -> bool:
        try:
            ignore_folder(self.folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data, durable=False)
            return True
        except OSError:
            return False  # a cache that cannot be written only makes builds slower


def entry_text(entry: dict) -> bytes:
    """A source's entry of the index as it is kept in memory and written: JSON, one line."""
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()


def read_entry(text: bytes) -> dict:
    return json.loads(text)


def digest(encoded) -> str:
    """The digest of a part of a letter, from what encode() made of it."""
    return hashlib.sha256(encoded if isinstance(encoded, bytes) else encoded.encode()).hexdigest()[:24]
