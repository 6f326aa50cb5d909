"""The finish steps of a build: the rules that span the corpus, and each builder's finish()."""

import hashlib
import json
import os

from ..builders import BuildError
from ..diagnostics import Diagnostic
from ..validate import facts
from .cache import read_entry
from .outputs import EDITION, OutputError, intact, stamp


class Finish:
    """The finish steps, each skipped when its inputs are those of the last build.

    A part is the rules' finish step ("facts") or one builder's. Its inputs are the
    registers and, of each letter, the part's facts or records, of which every letter has
    a digest (job.run). When the digest of all of them and the part's outputs are as
    the last build left them, its findings, warnings and outputs are reused: a typo fixed
    in one letter remakes corpus.xml, not the register pages. Otherwise the part's data of
    every letter is read from the cache, one letter at a time, and the step runs.
    """

    def __init__(self, cache, index: dict, registers: list[str], out, recover, parts: list[str]):
        """index: source -> entry_text (cache.py), read once here; parts: the steps that may run."""
        self.cache, self.out, self.recover = cache, out, recover
        self.letters: list[str] = []
        self.kept: dict[str, frozenset] = {}  # letter -> the parts it has data for (few distinct sets, shared)
        slugs, shared = {}, {}
        registers = [(n, read_entry(index[n])["sha256"]) for n in registers]
        # the digest of each part, of the registers and of every letter's digests of that part:
        # a builder's part is every record it keeps, under its name or "name:..." (builders/xml.py
        # keeps two); hashed as json.dumps([registers, [[letter, [[key, digest], ...]], ...]])
        hashes = {part: hashlib.sha256(("[" + json.dumps(registers) + ", [").encode()) for part in parts}
        for name, text in index.items():
            entry = read_entry(text)
            if entry["kind"] != "letter":
                continue
            digests = entry["digests"]
            for part in parts:
                of = sorted((k, v) for k, v in digests.items() if k == part or k.startswith(part + ":"))
                hashes[part].update(((", " if self.letters else "") + json.dumps([name, of])).encode())
            kept = frozenset(digests)
            self.kept[name] = shared.setdefault(kept, kept)
            slugs[name] = entry["slug"]
            self.letters.append(name)
        self.by_slug = sorted(self.letters, key=slugs.__getitem__)
        for hashed in hashes.values():
            hashed.update(b"]]")
        self.digests = {part: hashed.hexdigest() for part, hashed in hashes.items()}
        self.previous = (cache.finish() or {}).get("parts", {})
        self.parts: dict[str, dict] = {}

    def _reusable(self, part: str, digest: str) -> dict | None:
        before = self.previous.get(part)
        if not before or before["digest"] != digest:
            return None
        if not all(intact(self.out.root, rel, recorded) for rel, recorded in before["outputs"].items()):
            return None
        return before

    def _data(self, part: str, by_slug: bool = False):
        """The part's data of each letter, one at a time: from the cache, else (a cache that
        lost it, or could not take it) by processing the letter again. Letters the builder
        kept nothing of (not well-formed, or nothing to keep) are left out."""
        for name in self.by_slug if by_slug else self.letters:
            if part not in self.kept[name]:
                continue
            try:
                data = self.cache.part(name, part)
            except KeyError:
                data = self.recover(name).get(part)
            if data is not None:
                yield data

    def rules(self, validator) -> list[Diagnostic]:
        digest = self.digests["facts"]
        before = self._reusable("facts", digest)
        if before is None:
            start = len(validator.report.diagnostics)
            with facts.merged(validator.ctx, lambda: self._data("facts")):  # not kept for the builders' steps
                validator.finish_rules()
            found = validator.report.diagnostics[start:]
            del validator.report.diagnostics[start:]
            before = {"digest": digest, "outputs": {}, "warnings": [], "diagnostics": [as_list(d) for d in found]}
        self.parts["facts"] = before
        return [Diagnostic(*d) for d in before["diagnostics"]]

    def builder(self, builder, ctx) -> list[str]:
        digest = self.digests[builder.name]
        before = self._reusable(builder.name, digest)
        if before is not None:
            for rel, recorded in before["outputs"].items():
                self.out.claim(rel, recorded[0], EDITION, False)
        else:
            ctx.letter_records, ctx.warnings = self._data, []
            outputs = {}
            try:
                for output in builder.finish(ctx):  # an output may read the letters' records as it is written
                    self.out.put(output.path, output.data, EDITION)
                    outputs[output.path] = [self.out.digest(output.path), *stamp(os.path.join(self.out.root, output.path))]
            except BuildError as e:  # what spans the corpus cannot be made: the build stops, and says why
                raise OutputError(str(e)) from None
            finally:
                ctx.letter_records = None
            before = {"digest": digest, "outputs": outputs, "warnings": ctx.warnings, "diagnostics": []}
        self.parts[builder.name] = before
        return list(before["warnings"])


def as_list(d: Diagnostic) -> list:
    """A finding as the cache keeps it."""
    return [d.file, d.line, d.col, d.severity, d.rule, d.message, d.hint]
