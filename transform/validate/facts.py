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

    each() gives the facts one letter at a time and is called two or three times, so that
    the ids of thousands of letters are not all held: the finish steps look up only the
    ids of files that pointers name (file.xml#id) and, for each id pointed at as #id, the
    files that define it. Only when such an id is defined nowhere are all ids added (the
    hint then looks for the closest ids in the whole edition).
    """
    store = shared(ctx)
    paths: dict[str, Path] = {}  # one Path object per file, however many pointers name it

    def path_of(text):
        return None if text is None else paths.setdefault(text, Path(text))

    for facts in each():
        path = path_of(facts["path"])
        if facts["name"]:
            ctx.doc_names[path] = facts["name"]
        store["letters_read"] += facts["letters"]
        for file, line, col, attr, token, fragment, target, source in facts["deferred"]:
            store["deferred"].append(Pointer(file, line, col, attr, token, fragment, path_of(target), path_of(source)))
        for target, ids in facts["referenced"].items():
            store["referenced"].setdefault(path_of(target), set()).update(ids)
        store["referenced_anywhere"].update(facts["referenced_anywhere"])
    files = {p.target for p in store["deferred"] if p.target is not None}
    wanted = {p.fragment for p in store["deferred"] if p.target is None}
    _add_ids(ctx, each, lambda path, value: path in files or value in wanted, files)
    if any(not ctx.global_ids.get(p.fragment) for p in store["deferred"] if p.target is None):
        _add_ids(ctx, each, lambda path, value: value not in wanted, set())  # the rest


def _add_ids(ctx, each, chosen, files: set) -> None:
    """Add the ids `chosen` keeps; the files in `files` get an entry even without ids."""
    for facts in each():
        if not facts["name"]:
            continue
        path = Path(facts["path"])
        ids = {value: line for value, line in facts["ids"].items() if chosen(path, value)}
        if ids or path in files:
            ctx.doc_ids.setdefault(path, {}).update(ids)
            for value in ids:
                ctx.global_ids.setdefault(value, []).append(path)
