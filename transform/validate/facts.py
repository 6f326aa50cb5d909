"""What one letter's checks leave behind for the rules' finish step, as plain data.

A build checks letters one at a time, in worker processes or from an earlier build's
cache, so a letter's check must not see other letters, and what it records for finish()
must travel. `isolated` runs a letter's checks against the registers only and takes what
they added to the Context: its ids and the pointers collect() recorded
(rules/references.py). `merge_all` adds that data to the Context of the main process
before finish(). Both are JSON-serialisable.

Only the registers are shared context for letters: a pointer into another letter is then
never decided while the letter is read but always in finish(), with the same message, so
the findings do not depend on the order of the letters or on how many processes read them.
A rule whose check() adds to a store for finish() must be taken and merged here.
"""

from contextlib import contextmanager
from pathlib import Path

from .rules.references import Pointer, shared

# ctx.store of rules/references.py: the collections letters add to
_ADDED = {"deferred": list, "referenced": dict, "referenced_anywhere": set}


@contextmanager
def isolated(ctx, path: Path):
    """Check one letter with fresh collections; yields a dict filled with its facts on exit."""
    store = shared(ctx)
    kept = {key: store[key] for key in _ADDED}
    letters_read = store["letters_read"]
    for key, factory in _ADDED.items():
        store[key] = factory()
    facts: dict = {}
    try:
        yield facts
        facts.update(_take(ctx, store, path.resolve(), store["letters_read"] - letters_read))
    finally:
        for key, value in kept.items():
            store[key] = value
        store["letters_read"] = letters_read
        store["current"] = None
        store["targets"] = (None, {})
        _forget(ctx, path.resolve())


def _take(ctx, store, path: Path, letters: int) -> dict:
    return {
        "path": str(path),
        "name": ctx.doc_names.get(path, ""),
        "ids": ctx.doc_ids.get(path, {}),
        "letters": letters,
        "deferred": [[p.file, p.line, p.col, p.attr, p.token, p.fragment,
                      None if p.target is None else str(p.target), None if p.source is None else str(p.source)]
                     for p in store["deferred"]],
        "referenced": {str(k): sorted(v) for k, v in store["referenced"].items()},
        "referenced_anywhere": sorted(store["referenced_anywhere"]),
    }


def _forget(ctx, path: Path) -> None:
    """Take a letter's ids out of the Context again (Context.add put them in)."""
    for value in ctx.doc_ids.pop(path, {}):
        files = ctx.global_ids.get(value)
        if files and path in files:
            files.remove(path)
            if not files:
                del ctx.global_ids[value]
    ctx.doc_names.pop(path, None)


def merge_all(ctx, each) -> None:
    """Add every letter's facts to the Context, as if the letters had been read here.

    each() gives the facts one letter at a time and is called up to four times, so that
    the ids of thousands of letters are not all held. The finish steps look up the ids
    pointed at: each `file.xml#id` in its file, and each `#id` in every file that defines
    it. More ids are added only for hints: all ids of a file that lacks an id pointed at
    in it (the hint names the closest), and all ids of the edition when an `#id` is
    defined nowhere.
    """
    store = shared(ctx)
    paths: dict[str, Path] = {}  # one Path object per file, however many pointers name it
    order: dict[Path, int] = {}  # the letters in reading order

    def path_of(text):
        return None if text is None else paths.setdefault(text, Path(text))

    for facts in each():
        path = path_of(facts["path"])
        order.setdefault(path, len(order))
        if facts["name"]:
            ctx.doc_names[path] = facts["name"]
        store["letters_read"] += facts["letters"]
        for file, line, col, attr, token, fragment, target, source in facts["deferred"]:
            store["deferred"].append(Pointer(file, line, col, attr, token, fragment, path_of(target), path_of(source)))
        for target, ids in facts["referenced"].items():
            store["referenced"].setdefault(path_of(target), set()).update(ids)
        store["referenced_anywhere"].update(facts["referenced_anywhere"])
    in_files = {(p.target, p.fragment) for p in store["deferred"] if p.target is not None}
    wanted = {p.fragment for p in store["deferred"] if p.target is None}
    _add_ids(ctx, each, lambda path, value: (path, value) in in_files or value in wanted, {t for t, _ in in_files})
    lacking = {t for t, fragment in in_files if fragment and fragment not in ctx.doc_ids.get(t, {})}
    if lacking:
        _add_ids(ctx, each, lambda path, value: path in lacking)
    if any(not ctx.global_ids.get(p.fragment) for p in store["deferred"] if p.target is None):
        _add_ids(ctx, each, lambda path, value: True)  # the rest
    for files in ctx.global_ids.values():  # in reading order, as if read here (registers, read here, first)
        if len(files) > 1:
            files.sort(key=lambda f: order.get(f, -1))


def _add_ids(ctx, each, chosen, files: set = frozenset()) -> None:
    """Add the ids `chosen` keeps and the Context lacks; the files in `files` get an entry
    even without ids."""
    for facts in each():
        if not facts["name"]:
            continue
        path = Path(facts["path"])
        known = ctx.doc_ids.get(path, {})
        ids = {value: line for value, line in facts["ids"].items() if value not in known and chosen(path, value)}
        if ids or path in files:
            ctx.doc_ids.setdefault(path, {}).update(ids)
            for value in ids:
                ctx.global_ids.setdefault(value, []).append(path)
