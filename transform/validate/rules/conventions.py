"""ED205-ED207: pointers written in a corpus' own conventions (pointers.py resolves them).

editio follows a bare id (`ref="pmb50"`, `target="L00099"`), a source file of a letter and
a @key (when editio.toml says which register attribute keys match) as its editors meant
them; these rules say where, so that the corpus can be made readable by any TEI tool.
"""

from ... import pointers
from ...diagnostics import display_path
from ...tei import keyed_elements
from . import Finding, Rule, at, references, register


def _resolver(doc, ctx):
    index = getattr(ctx, "index", None)
    if index is None:
        return None
    return pointers.Resolver(index, doc.path, doc.ids, pointers.prefix_defs(doc.root), references.memo(doc, ctx))


def _check_guessed(doc, ctx):
    resolver = _resolver(doc, ctx)
    if resolver is None:
        return
    for el, attr, tokens in pointers.written_pointers(doc.root):
        for token in tokens:
            found = resolver.resolve(token)
            if found.kind == pointers.UNRESOLVED or found.how not in (pointers.BARE, pointers.NUMBER):
                continue
            what = f"the letter {found.letter.slug}" if found.kind == pointers.LETTER else f'xml:id="{found.fragment}"'
            way = "a letter's number" if found.how == pointers.NUMBER else "a bare id"
            yield at(doc, el, f'"{token}" is {way}: editio reads it as {what}', pointers.advice(found, attr), attr=attr)


register(Rule(
    id="ED205", title="Pointer written as a bare id", severity="info",
    doc="A pointer attribute holds URIs: a bare token such as `pmb50` or `L00099` is, to TEI tools, a relative "
        "path to a file of that name. When the token is the xml:id of an element of the same file, of a register "
        "entry or of a letter of the corpus (or, with `letter_ids = \"number\"` in editio.toml, a letter's "
        "number: `B0162` for the letter `K_0162`), editio follows it as its editors meant, and says how to "
        "write it so that every tool can: `#pmb50`, or the letter's file name.",
    bad='<ref type="next" target="L00101">…</ref>',
    good='<ref type="next" target="L00101.xml">…</ref>',
    check=_check_guessed,
))


def _finish_conflicts(ctx):
    """One finding per id, at the first entry that differs from the one kept."""
    index = getattr(ctx, "index", None)
    grouped: dict[str, list] = {}
    for kept, other in (index.conflicts if index is not None else ()):
        grouped.setdefault(kept.id, [kept]).append(other)
    for kept, first, *more in grouped.values():
        also = f" (so do {len(more)} more files)" if more else ""
        yield Finding(display_path(first.register.path), first.line, 1,
                      f'the {first.kind} xml:id="{first.id}" differs from the one in {display_path(kept.register.path)} '
                      f'line {kept.line}{also}; the register keeps that one',
                      "make the entries of this id the same, or give the differing ones another xml:id")


register(Rule(
    id="ED206", title="Two entries with the same xml:id differ", severity="warning",
    doc="Entries of per-letter lists (listPerson, listPlace, listOrg, listBibl, listEvent in back or standOff) "
        "and of register files are merged by xml:id into one register: one entry per id. When two files give "
        "the same id different content (whitespace aside), the first is kept and the other is reported, never "
        "merged silently.",
    bad='<person xml:id="pmb50"><persName>Linz</persName></person>  <!-- another letter has pmb50 as Wien -->',
    good='<person xml:id="pmb50"><persName>Wien</persName></person>  <!-- the same in every letter -->',
    finish=_finish_conflicts,
))


def _check_keys(doc, ctx):
    if not getattr(ctx.config, "key_matches", None) or getattr(ctx, "index", None) is None:
        return
    if doc.is_register:  # a register's keys may name entries of registers read after it: decided in finish
        pending = ctx.store("ED207")
        for el in keyed_elements(doc.root):
            line, col = doc.position(el, "key")
            pending.append((doc.path, doc.name, line, col, el.get("key")))
        return
    resolver = _resolver(doc, ctx)
    for el in keyed_elements(doc.root):
        value = el.get("key")
        if resolver.resolve_key(value).kind == pointers.UNRESOLVED:
            yield at(doc, el, *_unknown_key(value, ctx), attr="key")


def _finish_keys(ctx):
    for path, name, line, col, value in ctx.store("ED207"):
        if pointers.Resolver(ctx.index, path, ()).resolve_key(value).kind == pointers.UNRESOLVED:
            yield Finding(name, line, col, *_unknown_key(value, ctx))


def _unknown_key(value: str, ctx) -> tuple[str, str]:
    return (f'key="{value}" names no register entry (keys are matched to the entries\' {ctx.config.key_matches})',
            "correct the key, or add the entry to a register")


register(Rule(
    id="ED207", title="@key names no register entry", severity="warning",
    doc="With `key_matches` in editio.toml (`\"n\"` or `\"xml:id\"`), a @key names the register entry whose "
        "attribute of that name has the same value. A key no entry has stays as it is: its name is shown "
        "without a link to a register.",
    bad='<persName key="Kenedy John F.">Kennedy</persName>  <!-- the entry has n="Kennedy John F." -->',
    good='<persName key="Kennedy John F.">Kennedy</persName>',
    check=_check_keys, finish=_finish_keys,
))
