"""ED202-ED204: pointers (@ref, @corresp, @target, @who) into the edition resolve, across files.

A value is a whitespace-separated list of URIs. `#id` names an xml:id of the same file or,
as many projects write it for their registers, of any file of the corpus. `file.xml#id`
and `../registers/persons.xml#id` are relative to the referring file. URIs with a scheme
(https:, urn:, mailto: ...) and prefixes declared in a prefixDef point outside the edition
and are not followed.

What can be decided while a document is read (a target already read) is reported in
check(); the rest is kept, with its position, for finish(). collect() is shared with the
rules of registers.py.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ... import pointers
from ...tei import NS, POINTER_ATTRIBUTES, keyed_elements
from ..suggest import Budget, Index, Suggestions
from . import Finding, Rule, at, register

_POINTERS = etree.XPath("|".join(f"//tei:*/@{a}" for a in POINTER_ATTRIBUTES), namespaces=NS)
_SHARED = "editio.references"  # ctx.store key shared by ED202-ED204 and ED601


@dataclass
class Pointer:
    """One URI of a pointer attribute that could not be resolved while its file was read."""

    file: str  # display name of the referring file
    line: int
    col: int
    attr: str
    token: str  # as written
    fragment: str  # the id pointed at ('' for a whole file)
    target: Path | None = None  # None for '#id' not found locally: looked up in the corpus
    source: Path | None = None  # the referring file


@dataclass
class Collected:
    """What collect() learnt from one document."""

    path: Path
    dangling: list[Finding] = field(default_factory=list)  # ED202, decided now
    bad_files: list[Finding] = field(default_factory=list)  # ED203, decided now


def shared(ctx) -> dict:
    return ctx.store(_SHARED, lambda: {
        "current": None,  # Collected for the document being checked
        "deferred": [],  # Pointers left for finish
        "referenced": {},  # absolute path -> ids pointed at in it ('' for the whole file)
        "referenced_anywhere": set(),  # ids pointed at with a non-local '#id'
        "letters_read": 0,  # documents read that are not registers
        "in_project": {},  # resolved path -> whether it lies inside the project folder
        "suggestions": Suggestions(),  # did-you-mean indexes, and the folders listed
        "budgets": {},  # display name of a file -> its did-you-mean Budget in finish()
        "targets": (None, {}),  # (the document being checked, what its tokens resolve to), for memo()
    })


def memo(doc, ctx) -> dict:
    """What the resolvers of the rules that follow a document's pointers (ED202-ED205) share
    (pointers.Resolver's memo): they ask about the same tokens."""
    store = shared(ctx)
    asked, found = store["targets"]
    if asked is not doc:
        found = {}
        store["targets"] = (doc, found)
    return found


def prefixes(doc) -> set[str]:
    return {p for p in doc.root.xpath("//tei:prefixDef/@ident", namespaces=NS)}


def outside_edition(token: str, declared: set[str]) -> bool:
    return pointers.has_scheme(token) or token.split(":", 1)[0] in declared


def split_target(folder: Path, token: str) -> tuple[Path, str]:
    """'../registers/persons.xml#per.x', written in folder -> (absolute path, 'per.x')."""
    path_part, fragment = pointers.split(token)
    return pointers.real_path(folder, path_part), fragment


def collect(doc, ctx) -> Collected:
    """Resolve every pointer of a document once, for all the rules that need them."""
    store = shared(ctx)
    current = store["current"]
    if current is not None and current.path == doc.path:
        return current
    current = Collected(doc.path)
    store["current"] = current
    if not doc.is_register:
        store["letters_read"] += 1
    here = doc.path.resolve()
    folder = doc.path.parent
    here_inside = here.is_relative_to(ctx.project_root)
    local = doc.ids
    declared = prefixes(doc)
    # a bare token the corpus' index resolves (an id, a letter) is ED205's, not a missing file
    resolver = pointers.Resolver(ctx.index, doc.path, local, memo=memo(doc, ctx)) if getattr(ctx, "index", None) is not None else None
    referenced = store["referenced"]
    own = referenced.setdefault(here, set())
    targets: dict[str, tuple] = {}  # path as written -> (target, ids or None, problem, its referenced set)
    budget = Budget()
    for pointer in _POINTERS(doc.root):
        el, attr = pointer.getparent(), pointer.attrname
        for token in pointer.split():
            if outside_edition(token, declared):
                continue
            if token.startswith("#"):
                ident = pointers.split(token)[1]
                if ident in local:
                    own.add(ident)
                    continue
                line, col = doc.position(el, attr)
                store["deferred"].append(Pointer(doc.name, line, col, attr, token, ident, None, here))
                store["referenced_anywhere"].add(ident)
                continue
            if resolver is not None and "#" not in token:
                found = resolver.resolve(token)
                if found.kind != pointers.UNRESOLVED:
                    if found.kind in (pointers.ENTRY, pointers.LOCAL):
                        (own if found.kind == pointers.LOCAL else store["referenced_anywhere"]).add(found.fragment)
                    continue
            path_part, fragment = token.partition("#")[0], pointers.split(token)[1]  # the path as written, for messages
            known = targets.get(path_part)
            if known is None:
                target, _ = split_target(folder, path_part)
                ids = ctx.doc_ids.get(target)
                problem = None if ids is not None else _file_problem(ctx, target, path_part, here_inside, budget)
                known = targets[path_part] = (target, ids, problem, referenced.setdefault(target, set()))
            target, ids, problem, refs = known
            refs.add(fragment)
            if ids is not None:
                if fragment and fragment not in ids:
                    current.dangling.append(at(doc, el, *_dangling_in_file(ctx, budget, token, fragment, ids), attr=attr))
            elif problem:
                if resolver is not None and _bare(token) and problem.gone():  # not meant as a file
                    message, hint = (": names nothing: no file of that name next to this one, and no entry or letter of the "
                                     "corpus has this id",
                                     'write "#id" for an element or register entry, "FILE.xml" for a letter, or a full URI (https://...)')
                else:
                    message, hint = problem.message, problem.hint()
                current.bad_files.append(at(doc, el, f'"{token}"{message}', hint, attr=attr))
            elif target.suffix.lower() == ".xml":
                line, col = doc.position(el, attr)
                store["deferred"].append(Pointer(doc.name, line, col, attr, token, fragment, target, here))
    if resolver is not None and getattr(ctx.config, "key_matches", None):
        for el in keyed_elements(doc.root):
            found = resolver.resolve_key(el.get("key"))
            if found.kind == pointers.ENTRY:
                store["referenced_anywhere"].add(found.fragment)
    return current




def _bare(token: str) -> bool:
    return "#" not in token and "/" not in token and not token.lower().endswith((".xml", ".tei"))


@dataclass
class _FileProblem:
    """Why the file a pointer names cannot be pointed at: the message after the quoted URI, and a hint."""

    message: str
    target: Path
    outside: bool  # True: the file lies outside the project; False: it does not exist
    near_in: "Index | None" = None  # for a file that does not exist: its folder's files, for did-you-mean
    _hint: str | None = None

    def gone(self) -> bool:
        """Whether no file of this name exists (its folder's listing, read once, says so for a missing one)."""
        return not self.outside or not self.target.exists()

    def hint(self) -> str:
        """Worked out when shown: a bare token that names no file is reported as an id that
        names nothing, and its did-you-mean among the file names is never needed."""
        if self._hint is None:
            if self.outside:
                self._hint = ("point only at files of the edition (paths relative to this file), or write a full URI "
                              "(https://...) for an external resource")
            else:
                near = self.near_in.closest(self.target.name, n=2) if self.near_in is not None else []
                tip = f"; did you mean {', '.join(near)}?" if near else ""
                self._hint = f"check the path, which is relative to the folder of this file{tip}"
        return self._hint


def _file_problem(ctx, target: Path, path_part: str, source_inside: bool, budget: Budget) -> _FileProblem | None:
    """Why the file named cannot be pointed at, or None (source_inside: whether the file that
    points lies inside the project; one checked from outside cannot tell where its project ends)."""
    store = shared(ctx)
    inside = store["in_project"].get(target)
    if inside is None:
        inside = store["in_project"][target] = target.is_relative_to(ctx.project_root)
    if not inside and source_inside:
        return _FileProblem(f" points outside the project ({target})", target, outside=True)
    suggestions = store["suggestions"]
    if not suggestions.exists(target):
        # the question counts against the file's budget now, whether or not its answer is shown
        files = suggestions.files_in(target.parent) if budget.allows(target.name) else None
        return _FileProblem(f": the file {path_part} does not exist", target, outside=False, near_in=files)
    return None


def _closest(ctx, budget: Budget, ident: str, candidates) -> list[str]:
    """The ids most like `ident`, while the file asking has questions left."""
    if not budget.allows(ident):
        return []
    return shared(ctx)["suggestions"].among(candidates).closest(ident)


def _dangling_in_file(ctx, budget: Budget, token: str, fragment: str, ids) -> tuple[str, str]:
    path_part = token.partition("#")[0]
    near = _closest(ctx, budget, fragment, ids)
    if near:
        hint = "did you mean " + " or ".join(f"{path_part}#{n}" for n in near) + "?"
    else:
        hint = f"add an element with xml:id=\"{fragment}\" to {path_part}, or correct the reference"
    return f'"{token}": {path_part} has no element with xml:id="{fragment}"', hint


def _unreadable(token: str) -> tuple[str, str]:
    path_part = token.partition("#")[0]
    return (f'"{token}": {path_part} cannot be read as XML, so the reference cannot be checked',
            f"make {path_part} well-formed XML (validate it with editio)")


def _finding(p: Pointer, message: str, hint: str) -> Finding:
    return Finding(p.file, p.line, p.col, message, hint)


# --- ED202 ----------------------------------------------------------------------------


def _check_dangling(doc, ctx):
    yield from collect(doc, ctx).dangling


def definers(ctx, ident: str) -> list[Path]:
    """The files that define xml:id `ident`: those read in this run or, when none does, the
    other XML files of the project's source folders (read once, only when needed), so that
    validating a single letter still finds register entries written as `#id`."""
    found = ctx.global_ids.get(ident)
    if found:
        return found
    store = shared(ctx)
    if "project_ids" not in store:
        index: dict[str, list[Path]] = {}
        for source in ctx.config.sources:
            folder = ctx.config.path(source)
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*.xml")):
                if any(part.startswith(".") for part in path.relative_to(folder).parts):
                    continue
                path = path.resolve()
                if path in ctx.doc_names:
                    continue
                for value in ctx.ids_in(path) or {}:
                    index.setdefault(value, []).append(path)
        store["project_ids"] = index
    return store["project_ids"].get(ident, [])


def _finish_dangling(ctx):
    for p in shared(ctx)["deferred"]:
        if p.target is None:
            if not definers(ctx, p.fragment):
                yield _finding(p, *_dangling_anywhere(ctx, p))
            continue
        ids = _target_ids(ctx, p.target)
        if ids is not None and p.fragment and p.fragment not in ids:
            yield _finding(p, *_dangling_in_file(ctx, _budget(ctx, p), p.token, p.fragment, ids))


def _budget(ctx, p: Pointer) -> Budget:
    return shared(ctx)["budgets"].setdefault(p.file, Budget())


def _dangling_anywhere(ctx, p: Pointer) -> tuple[str, str]:
    if not p.fragment:
        return f'"{p.token}" names no id', "write the xml:id after the hash, or remove the empty pointer"
    near = _closest(ctx, _budget(ctx, p), p.fragment, ctx.global_ids)  # the referring file is in it too
    if near:
        where = []
        for n in near:
            files = ctx.global_ids.get(n, [])
            shown = ctx.doc_names.get(files[0], files[0].name) if files else ""
            where.append(f"#{n}" + (f" ({shown})" if shown and files[0] != p.source else ""))
        hint = "did you mean " + " or ".join(where) + "?"
    else:
        hint = (f'give the element meant xml:id="{p.fragment}", or correct the reference; '
                f'for an entry in another file name the file: {p.attr}="../registers/persons.xml#{p.fragment}"')
    return f'"{p.token}": no element has xml:id="{p.fragment}", in this file or elsewhere in the edition', hint


register(Rule(
    id="ED202", title="Reference points to an xml:id that does not exist", severity="error",
    doc="Every URI in @ref, @corresp, @target and @who that points into the edition must name an existing "
        "element. `#id` is looked up in the same file, then (as many editions write `#id` for register entries "
        "kept in other files) in every file of the corpus. `file.xml#id` and `../registers/persons.xml#id` are "
        "relative to the referring file; the target file is read even when it was not given on the command "
        "line. URIs with a scheme (https:, urn:, mailto: ...) or a prefix declared in a prefixDef are not "
        "followed. The hint names the closest existing ids.",
    bad='<persName ref="../registers/persons.xml#per.kenedy">Kennedy</persName>',
    good='<persName ref="../registers/persons.xml#per.kennedy">Kennedy</persName>',
    check=_check_dangling, finish=_finish_dangling,
))


# --- ED203 ----------------------------------------------------------------------------


def _check_files(doc, ctx):
    yield from collect(doc, ctx).bad_files


def _target_ids(ctx, target: Path):
    return ctx.doc_ids.get(target) if target in ctx.doc_ids else ctx.ids_in(target)


def _finish_files(ctx):
    for p in shared(ctx)["deferred"]:
        if p.target is not None and _target_ids(ctx, p.target) is None and p.target.is_relative_to(ctx.project_root):
            yield _finding(p, *_unreadable(p.token))


register(Rule(
    id="ED203", title="Reference points to a file that does not exist or is outside the project", severity="error",
    doc="A relative URI in @ref, @corresp, @target or @who names a file: it must exist, lie inside the project "
        "folder and, when it is XML, be readable, so that the reference can be followed (and published). The "
        "path is relative to the folder of the referring file. Full URIs (https://...) are not checked.",
    bad='<persName ref="../register/persons.xml#per.kennedy">Kennedy</persName>',
    good='<persName ref="../registers/persons.xml#per.kennedy">Kennedy</persName>',
    check=_check_files, finish=_finish_files,
))


# --- ED204 ----------------------------------------------------------------------------


def _check_ambiguous(doc, ctx):
    collect(doc, ctx)
    return ()


def _finish_ambiguous(ctx):
    for p in shared(ctx)["deferred"]:
        if p.target is not None:
            continue
        files = [f for f in definers(ctx, p.fragment) if f != p.source]
        if len(files) < 2:
            continue
        names = [ctx.doc_names[f] if f in ctx.doc_names else _relative(f, p.source) for f in files]
        lines = [f"{n} line {ctx.doc_ids[f][p.fragment]}" for n, f in zip(names, files)]
        rel = _relative(files[0], p.source)
        yield _finding(p, f'"{p.token}" is ambiguous: xml:id="{p.fragment}" is defined in {len(files)} files ({"; ".join(lines)})',
                       f'name the file: {p.attr}="{rel}#{p.fragment}", or rename the duplicates so each id is unique in the edition')


def _relative(target: Path, source: Path | None) -> str:
    if source is None:
        return target.name
    return Path(os.path.relpath(target, source.parent)).as_posix()


register(Rule(
    id="ED204", title="#id is defined in several files", severity="error",
    doc="A `#id` that is not defined in its own file is looked up in the whole corpus. When two or more "
        "other files define that xml:id, the reference is ambiguous: a register entry may have been copied, "
        "or two registers use the same id. Name the file in the pointer, or make the ids unique across the "
        "edition.",
    bad='<persName ref="#per.kennedy">Kennedy</persName>  <!-- per.kennedy in persons.xml and in persons-old.xml -->',
    good='<persName ref="../registers/persons.xml#per.kennedy">Kennedy</persName>',
    check=_check_ambiguous, finish=_finish_ambiguous,
))

