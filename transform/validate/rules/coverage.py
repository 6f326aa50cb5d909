"""ED701: names of register entries that occur untagged in the text of a letter.

Registers are checked before letters (corpus.discover puts them first), so their names are
collected while they are read. Each letter is searched with one regular expression (a trie)
of the names all of whose words occur in it, which finds what the trie of every name would
find: a handful of names, where compiling the trie of 12,000 takes 1.4 s. When the text has
a name, the letter's source is then scanned as text: a light lexer over the characters (the
file is known to be well-formed) keeps the stack of open elements, so a match knows whether
it lies inside <text> and inside a name element, and has its exact line and column.
"""

import html
import os
import re
from bisect import bisect_right
from collections import Counter

from ...tei import NS, TEI_NS, XML_ID, local
from . import Finding, rule

_ENTRIES = "//tei:person[@xml:id]|//tei:place[@xml:id]|//tei:org[@xml:id]"
_NAME_PARTS = {"persName": "name", "placeName": "name", "orgName": "name", "surname": "surname", "addName": "additional name"}
_TAG_FOR = {"person": "persName", "place": "placeName", "org": "orgName"}
_NAME_PART_TAGS = tuple(f"{{{TEI_NS}}}{n}" for n in _NAME_PARTS)
_ENTRY_TAGS = tuple(f"{{{TEI_NS}}}{k}" for k in _TAG_FOR)
# Elements whose content is a tagged name; any element with @ref or @key counts too.
_TAGGED = {"persName", "placeName", "orgName", "name", "rs", "geogName", "settlement", "country", "region"}
_MARKUP = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|</(?P<end>[^\s>]+)\s*>"
    r"|<(?P<start>[^\s/>!?]+)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>",
    re.S,
)
_REF_OR_KEY = re.compile(r"(?:^|\s)(?:ref|key)\s*=")
_END = ""  # trie key: a name ends here


_TOKEN = re.compile(r"\w+")


def _names(ctx) -> dict:
    return ctx.store("ED701", lambda: {"names": {}, "by_word": None})


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _collect_names(doc, ctx) -> None:
    store = _names(ctx)
    names = store["names"]
    path = doc.path.resolve()
    for entry in doc.root.xpath(_ENTRIES, namespaces=NS):
        kind = local(entry.tag)
        ident = entry.get(XML_ID)
        for el in entry.iter(*_NAME_PART_TAGS):
            owner = next(el.iterancestors(*_ENTRY_TAGS), None)
            if owner is not entry:
                continue  # the name of a nested entry
            name = " ".join("".join(el.itertext()).split())
            if _letters(name) < 3:
                continue
            label = _NAME_PARTS[local(el.tag)]
            item = (label, ident, path, kind)
            found = names.setdefault(name, [])
            if not any(x[1] == ident and x[2] == path for x in found):
                found.append(item)
    store["by_word"] = None


def _units(name: str) -> list[str]:
    """A name as regex pieces matched against the source: spaces may be any whitespace, and
    characters may be written as entity references."""
    units = []
    escaped = {"&": "(?:&|&amp;|&#38;)", "'": "(?:'|&apos;|&#39;)", '"': '(?:"|&quot;|&#34;)', ">": "(?:>|&gt;)"}
    for ch in name:
        if ch == " ":
            units.append(r"\s+")
        else:
            units.append(escaped.get(ch, re.escape(ch)))
    return units


def _trie_pattern(names: list[str]) -> str:
    trie: dict = {}
    for name in names:
        node = trie
        for unit in _units(name):
            node = node.setdefault(unit, {})
        node[_END] = r"(?!\w)" if _WORD(name[-1]) else ""

    def emit(node) -> str:
        alts = [unit + emit(child) for unit, child in sorted(node.items()) if unit != _END]
        if _END in node:
            alts.append(node[_END])  # last: the longest name wins
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


def _regex(ctx, *texts: str):
    """The names that may occur in `texts` as one trie-shaped pattern: those all of whose words
    are words of texts (a handful in a letter, whether the registers hold hundreds of names or
    tens of thousands). A name matches only where each of its words stands whole (the pattern
    writes word characters as themselves, never as entities, and puts a non-word character,
    whitespace or an entity, which ends in ";", between them; matches() checks the boundary
    before the name, the pattern the one after it), so the names left out match nowhere in
    texts and the matches are those of the trie of every name. The word boundary before a
    name is checked in matches(): a look-behind in the pattern makes the search three times slower."""
    names = _candidates(_names(ctx), set().union(*(_TOKEN.findall(text) for text in texts)))
    return re.compile(_trie_pattern(names)) if names else None


def _candidates(store, words: set) -> list[str]:
    """The names all of whose words are among `words`, sorted. Each name is filed under its
    word that fewest names have, so that a word of a letter brings few names to test."""
    if store["by_word"] is None:
        words_of = {name: frozenset(_TOKEN.findall(name)) for name in store["names"]}
        count = Counter(word for its_words in words_of.values() for word in its_words)
        store["by_word"] = {}
        for name, its_words in words_of.items():
            rarest = min(its_words, key=lambda word: (count[word], word))
            store["by_word"].setdefault(rarest, []).append((name, its_words))
    index = store["by_word"]
    return sorted(name for word in words for name, its_words in index.get(word, ()) if its_words <= words)


def matches(regex, text: str):
    """The names in text, whole words only: leftmost first, the longest at each place."""
    pos = 0
    while True:
        m = regex.search(text, pos)
        if m is None:
            return
        start = m.start()
        if start and _WORD(m.group()[0]) and _WORD(text[start - 1]):
            pos = start + 1  # inside a longer word (McKennedy): look again from the next character
            continue
        yield m
        pos = m.end()


def _WORD(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _source(doc) -> str:
    try:
        text = doc.data.decode(doc.encoding or "utf-8")
    except (LookupError, UnicodeDecodeError):
        text = doc.data.decode("utf-8", "replace")
    return text.lstrip("\ufeff")


def _untagged_runs(source: str):
    """(offset, raw text) of every run of character data inside <text> and outside any name element."""
    stack: list[tuple[bool, bool]] = []  # (in text, in a tagged name)
    pos = 0
    for m in _MARKUP.finditer(source):
        if stack and stack[-1] == (True, False) and m.start() > pos:
            yield pos, source[pos:m.start()]
        pos = m.end()
        if m.group("end"):
            if stack:
                stack.pop()
            continue
        name = m.group("start")
        if not name:
            continue  # comment, processing instruction, CDATA, DOCTYPE
        unprefixed = name.rsplit(":", 1)[-1]
        in_text, tagged = stack[-1] if stack else (False, False)
        in_text = in_text or unprefixed == "text"
        tagged = tagged or unprefixed in _TAGGED or bool(_REF_OR_KEY.search(m.group("attrs")))
        if not m.group("empty"):
            stack.append((in_text, tagged))


def _untagged_text(doc) -> list[str]:
    """The text nodes inside <text> and outside name elements, from the tree."""
    out: list[str] = []

    def visit(el):  # appends to a list: generators would cost more than the rest of the rule
        if el.text:
            out.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and not _is_tagged(child):
                visit(child)
            if child.tail:
                out.append(child.tail)

    for text in doc.root.iter(f"{{{TEI_NS}}}text"):
        if not any(a.tag == f"{{{TEI_NS}}}text" for a in text.iterancestors()):
            visit(text)
    return out


_TAGGED_CLARK = {f"{{{TEI_NS}}}{n}" for n in _TAGGED}


def _is_tagged(el) -> bool:
    return el.tag in _TAGGED_CLARK or el.get("ref") is not None or el.get("key") is not None


@rule(
    id="ED701", title="Name of a register entry is not tagged", severity="warning",
    doc="A name of a person, place or organisation of the registers checked in the same run (its persName, "
        "surname, placeName, orgName or addName, including variant forms, of at least three letters) occurs in "
        "the text of a letter outside persName, placeName, orgName, name, rs or any element with @ref or "
        "@key. Whole words only, case-sensitive; the teiHeader is not searched. The hint gives the markup "
        "with the ref written relative to the letter. Not every match is a mention of the entry (a namesake, "
        "a ship named after a place): where it is not, nothing needs to change, or wrap it in <rs> or <name> "
        "without @ref.",
    bad='<p>Mr. Stevenson handed him a list of weapons.</p>',
    good='<p>Mr. <persName ref="../registers/persons.xml#per.stevenson">Stevenson</persName> handed him a list of weapons.</p>',
)
def untagged_names(doc, ctx):
    if doc.is_register:
        _collect_names(doc, ctx)
        return
    store = _names(ctx)
    if not store["names"]:
        return  # no registers (a corpus of per-letter lists): no name to look for
    plain = "\x00".join(_untagged_text(doc))
    regex = _regex(ctx, plain)
    if regex is None or next(matches(regex, plain), None) is None:
        return  # the usual case, seen on the tree; the source is scanned only to place what is found
    source = _source(doc)
    runs = list(_untagged_runs(source))
    regex = _regex(ctx, plain, *(run for _, run in runs))  # the words of the source's runs too (entities)
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    names = store["names"]
    folder = doc.path.resolve().parent
    for offset, run in runs:
        for m in matches(regex, run):
            found = html.unescape(" ".join(m.group().split()))
            entries = names.get(found)
            if not entries:
                continue
            start = offset + m.start()
            line = bisect_right(line_starts, start)
            col = start - line_starts[line - 1] + 1
            what = ", ".join(f"{label} of {ident}" for label, ident, _, _ in entries)
            label, ident, path, kind = entries[0]
            ref = f"{os.path.relpath(path, folder)}".replace(os.sep, "/") + f"#{ident}"
            tag = _TAG_FOR[kind]
            others = "".join(f" (or #{e[1]})" for e in entries[1:])
            yield Finding(doc.name, line, col, f'"{found}" ({what}) is not tagged',
                          f'wrap it: <{tag} ref="{ref}">{found}</{tag}>{others}')
