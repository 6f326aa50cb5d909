#!/usr/bin/env python3
"""A synthetic corpus of TEI letters for benchmarks: realistic variety, deterministic bytes.

    python bench/generate.py OUT_DIR --letters N --seed S [--style editio|other] [--xml-model]

Writes OUT_DIR/editio.toml and OUT_DIR/tei/letters/L000001.xml ... and, in the editio style,
the registers OUT_DIR/tei/registers/{persons,places,organisations}.xml. The same arguments
always give the same bytes (letter i depends only on the seed, i, and N).

Styles
- editio: the edition's own encoding (see tei/letters/frus1961-63v06-d73.xml): names carry
  ref="../registers/persons.xml#per.x" into register files (TEI with standOff/listPerson ...);
  valid against the edition schema tei/schema/editio.rng. With --xml-model every file names
  the schema in <?xml-model href="../schema/editio.rng"?> (the schema is copied there);
  without it (the default) the edition schema applies because no schema is named.
- other: TEI as other projects write it (the real editions it copies: per-letter lists, many
  pointers to ids listed elsewhere): key="..." instead of ref on most names, entities
  listed in back/listPerson of each letter and pointed at with ref="#id", and one name in
  twelve pointing at an id its letter does not list (the id of another letter's list, or
  of none), notes in back pointing at anchors (in half the letters without @n), words
  broken across lines (lb break="no"), one letter in twenty-five invalid against tei_all
  (a salute inside a paragraph, empty facs), xsi:schemaLocation on the root, rend
  variants, an xml:id on every element, an xml-model naming the published tei_all.rng,
  and no registers.

Text is made of pseudo-words built from syllables; people, places and organisations get
pseudo-names from a different syllable set (so no name is ever an ordinary word, and no name
is that of a real person). Authority identifiers are synthetic (Q9xxxxxxxxx is beyond the
range of real Wikidata items).

Sizes (body text, before the header of about 2-3 KB): log-normal, median about 5 KB, with a
Pareto tail up to 400 KB; in corpora of 200 letters or more one letter is made 400 KB.
Notes: 0-200, their density varying by letter. Registers grow with the corpus
(persons 100 + N, places 100 + N/3, organisations 50 + N/8); every entry is mentioned at
least once, frequent correspondents very often (a Zipf-like distribution).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import math
import random
import shutil
import sys
from pathlib import Path

TEI_NS = "http://www.tei-c.org/ns/1.0"
MAX_BODY = 364 * 1024  # characters of body text; with the header and UTF-8, the longest file is just under 400 KB

# --- vocabulary -----------------------------------------------------------------------
# Ordinary words use only these letters; names always contain one of NAME_MARK, so a name
# never equals an ordinary word (a tagging-coverage rule will not find untagged names).
_W_CONS = "bcdfglmnprstv"
_W_VOW = ["a", "e", "i", "o", "u", "a", "e", "i", "ea", "ou", "ie", "ä", "é", "ö"]
_W_CODA = ["", "", "", "", "n", "r", "s", "l", "nt", "st", "m", "rd"]
_N_CONS = "bdfglmnprstv"
_N_MARK = ["k", "z", "w", "y", "j", "h", "kh", "zh"]
_N_VOW = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "au"]


def _vocabulary(size: int = 4000) -> list[str]:
    rng = random.Random("editio-bench-vocabulary")
    words, seen = [], set()
    # short function-like words first: they get the highest Zipf weights
    while len(words) < size:
        n = 1 if len(words) < 60 else rng.choice((1, 2, 2, 2, 3, 3, 4))
        w = "".join(rng.choice(_W_CONS) + rng.choice(_W_VOW) for _ in range(n)) + rng.choice(_W_CODA)
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


VOCAB = _vocabulary()
_CUM = list(itertools.accumulate(1.0 / (r + 2.7) ** 1.07 for r in range(len(VOCAB))))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_SLUG = str.maketrans({"ä": "ae", "é": "e", "ö": "oe", " ": "-", "'": ""})


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slug(s: str) -> str:
    return s.lower().translate(_SLUG)


def name_part(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(_N_CONS) + rng.choice(_N_VOW) for _ in range(syllables)]
    i = rng.randrange(syllables)
    parts[i] = rng.choice(_N_MARK) + rng.choice(_N_VOW)
    return ("".join(parts) + rng.choice(["", "", "n", "r", "k", "s"])).capitalize()


# --- registers --------------------------------------------------------------------------


class Entry:
    __slots__ = ("extra", "id", "kind", "name", "short")

    def __init__(self, kind, ident, name, short, extra):
        self.kind, self.id, self.name, self.short, self.extra = kind, ident, name, short, extra


class Registers:
    """The corpus's persons, places and organisations; deterministic from the seed and N."""

    def __init__(self, seed: int, letters: int):
        rng = random.Random(f"registers:{seed}:{letters}")
        self.persons = self._make(rng, "per", 100 + letters, self._person)
        self.places = self._make(rng, "pla", 100 + letters // 3, self._place)
        self.orgs = self._make(rng, "org", 50 + letters // 8, self._org)
        for e in self.persons:  # residence and affiliation point into the other registers
            e.extra["residence"] = rng.randrange(len(self.places)) if rng.random() < 0.5 else None
            e.extra["affiliation"] = rng.randrange(len(self.orgs)) if rng.random() < 0.25 else None
        for e in self.orgs:
            e.extra["place"] = rng.randrange(len(self.places)) if rng.random() < 0.6 else None
        # Zipf-like popularity: a few entries are mentioned very often
        self.cum = {kind: list(itertools.accumulate(1.0 / (r + 1.5) ** 0.9 for r in range(len(entries))))
                    for kind, entries in (("per", self.persons), ("pla", self.places), ("org", self.orgs))}
        self.correspondents = max(12, letters // 60)

    @staticmethod
    def _make(rng, prefix, count, make):
        out, taken = [], set()
        for k in range(count):
            name, short, ident_base, extra = make(rng)
            ident = f"{prefix}.{ident_base}"
            n = 2
            while ident in taken:
                ident = f"{prefix}.{ident_base}-{n}"
                n += 1
            taken.add(ident)
            out.append(Entry(prefix, ident, name, short, extra))
        return out

    @staticmethod
    def _person(rng):
        fore = name_part(rng, rng.choice((1, 2, 2)))
        sur = name_part(rng, rng.choice((2, 2, 3)))
        born = rng.randrange(1700, 1820)
        extra = {"fore": fore, "sur": sur, "born": born, "died": born + rng.randrange(25, 95),
                 "sex": rng.choice("MF"), "month": rng.randrange(1, 13), "day": rng.randrange(1, 29),
                 "occupation": rng.randrange(len(VOCAB)), "idnos": rng.random(), "q": rng.randrange(10**9)}
        return f"{fore} {sur}", sur, slug(f"{sur}-{fore}"), extra

    @staticmethod
    def _place(rng):
        name = name_part(rng, rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.15:
            name = f"{name} {rng.choice(['an der', 'upon', 'de'])} {name_part(rng, 2)}"
        extra = {"type": rng.choice(["city", "city", "city", "town", "region", "country"]),
                 "lat": rng.uniform(-60, 70), "lon": rng.uniform(-170, 170), "g": rng.randrange(10**8)}
        return name, name, slug(name), extra

    @staticmethod
    def _org(rng):
        base = name_part(rng, 2)
        pattern = rng.choice(["{} Society", "Academy of {}", "{} & Sons", "University of {}",
                              "{} Library", "Council of {}", "{} Gazette"])
        name = pattern.format(base)
        return name, base, slug(name.replace("&", "and").replace(" ", "-")), {"q": rng.randrange(10**9)}

    def pick(self, rng, kind):
        entries = {"per": self.persons, "pla": self.places, "org": self.orgs}[kind]
        cum = self.cum[kind]
        return entries[bisect.bisect(cum, rng.random() * cum[-1])]


def _dates(e: Entry) -> tuple[str, str]:
    x = e.extra
    return f"{x['born']:04d}-{x['month']:02d}-{x['day']:02d}", f"{x['died']:04d}"


def register_persons(regs: Registers) -> str:
    out = []
    for e in regs.persons:
        x = e.extra
        born, died = _dates(e)
        lines = [f'      <person xml:id="{e.id}" sex="{x["sex"]}">',
                 f'        <persName type="normalised"><forename>{esc(x["fore"])}</forename> <surname>{esc(x["sur"])}</surname></persName>',
                 f'        <birth when="{born}"/>', f'        <death when="{died}"/>',
                 f'        <occupation>{esc(VOCAB[x["occupation"]])}</occupation>']
        if x["residence"] is not None:
            p = regs.places[x["residence"]]
            lines.append(f'        <residence><placeName ref="places.xml#{p.id}">{esc(p.name)}</placeName></residence>')
        if x["affiliation"] is not None:
            o = regs.orgs[x["affiliation"]]
            lines.append(f'        <affiliation><orgName ref="organisations.xml#{o.id}">{esc(o.name)}</orgName></affiliation>')
        if x["idnos"] < 0.7:
            lines.append(f'        <idno type="wikidata">Q9{x["q"]:09d}</idno>')
        if x["idnos"] < 0.3:
            lines.append(f'        <idno type="viaf">99{x["q"]:09d}</idno>')
        lines.append("      </person>")
        out.append("\n".join(lines))
    return _register("persons", "persons", "listPerson", out)


def register_places(regs: Registers) -> str:
    out = []
    for e in regs.places:
        x = e.extra
        out.append(f'      <place xml:id="{e.id}" type="{x["type"]}">\n'
                   f'        <placeName type="normalised">{esc(e.name)}</placeName>\n'
                   f'        <location><geo>{x["lat"]:.4f} {x["lon"]:.4f}</geo></location>\n'
                   f'        <desc>A {x["type"]} named in the letters.</desc>\n'
                   f'        <idno type="geonames">9{x["g"]:08d}</idno>\n'
                   "      </place>")
    return _register("places", "places", "listPlace", out)


def register_orgs(regs: Registers) -> str:
    out = []
    for e in regs.orgs:
        x = e.extra
        lines = [f'      <org xml:id="{e.id}">', f'        <orgName type="normalised">{esc(e.name)}</orgName>']
        if x["place"] is not None:
            p = regs.places[x["place"]]
            lines.append(f'        <placeName ref="places.xml#{p.id}">{esc(p.name)}</placeName>')
        lines.append("        <desc>An organisation named in the letters.</desc>")
        lines.append(f'        <idno type="wikidata">Q9{x["q"]:09d}</idno>')
        lines.append("      </org>")
        out.append("\n".join(lines))
    return _register("organisations", "organisations", "listOrg", out)


def _responsibility(ident: str, what: str) -> str:
    """The lines of a generated file's header that say who made it and that it is free, from
    its respStmt (in titleStmt) to the end of its publicationStmt."""
    return f"""        <respStmt xml:id="{ident}.resp">
          <resp>generated by bench/generate.py</resp>
          <orgName>editio benchmark</orgName>
        </respStmt>
      </titleStmt>
      <publicationStmt>
        <authority>editio benchmark</authority>
        <idno type="editio">{ident}</idno>
        <availability status="free">
          <licence target="https://creativecommons.org/publicdomain/zero/1.0/">Synthetic {what}, dedicated to the public domain (CC0 1.0).</licence>
        </availability>
      </publicationStmt>"""


def _revision(ident: str) -> str:
    return f"""    <revisionDesc status="draft">
      <change when="2026-01-01" who="#{ident}.resp">Generated.</change>
    </revisionDesc>"""


def _register(ident: str, what: str, list_name: str, entries: list[str]) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Synthetic edition: register of {what}</title>
{_responsibility(ident, "data")}
      <sourceDesc>
        <p>Synthetic data: pseudo-names made from syllables; no entry names a real {what[:-1]}.</p>
      </sourceDesc>
    </fileDesc>
{_revision(ident)}
  </teiHeader>
  <standOff>
    <{list_name}>
""" + "\n".join(entries) + f"""
    </{list_name}>
  </standOff>
</TEI>
"""


# --- letters ----------------------------------------------------------------------------


def letter_name(i: int) -> str:
    return f"L{i + 1:06d}"


class LetterWriter:
    """One letter. Text is produced sentence by sentence until the body budget is spent."""

    def __init__(self, seed: int, n_letters: int, i: int, regs: Registers, style: str):
        self.rng = random.Random(f"letter:{seed}:{n_letters}:{i}")
        self.i, self.n, self.regs, self.style = i, n_letters, regs, style
        self.pfx = letter_name(i)
        rng = self.rng
        self.body_size = self._body_size()
        # notes per KB: many letters have none, editions of scholars' letters have many
        density = rng.choice((0.0, 0.0, 0.15, 0.3, 0.6, 1.0, 2.0))
        self.notes_wanted = min(200, int(self.body_size / 1024 * density + rng.random()))
        self.note_every = self.body_size / self.notes_wanted if self.notes_wanted else math.inf
        self.notes = 0
        self.ids = itertools.count(1)
        self.page = 1
        self.lb = rng.random() < 0.25  # encode line breaks of the original
        self.year = rng.randrange(1780, 1860)
        self.month, self.day = rng.randrange(1, 13), rng.randrange(1, 29)
        self.mentioned: dict[str, Entry] = {}  # other style: listed in back
        self.back_notes: list[str] = []
        # other style: what real editions have (see the module docstring)
        self.numbered_notes = self.style != "other" or rng.random() < 0.5
        self.invalid = self.style == "other" and i % 25 == 12
        c = regs.correspondents
        pers = regs.persons
        # letter i always mentions the register entries whose index is i modulo N
        self.guaranteed = [e for lst in (regs.persons, regs.places, regs.orgs) for e in lst[i::n_letters]]
        self.sender = pers[rng.randrange(c)] if rng.random() < 0.8 else regs.pick(rng, "per")
        self.addressee = pers[rng.randrange(c)] if rng.random() < 0.8 else regs.pick(rng, "per")
        if self.addressee is self.sender:
            self.addressee = pers[(pers.index(self.sender) + 1) % len(pers)]
        self.place_from = regs.pick(rng, "pla")
        self.place_to = regs.pick(rng, "pla")

    def _body_size(self) -> int:
        rng = self.rng
        if self.n >= 200 and self.i == self.n // 2:
            return MAX_BODY
        if rng.random() < 0.02:
            return int(min(MAX_BODY, 30 * 1024 * rng.paretovariate(1.2)))
        return int(min(MAX_BODY, max(150, rng.lognormvariate(math.log(5000), 1.0))))

    # -- small pieces --
    def xid(self, kind: str) -> str:
        return f' xml:id="{self.pfx}.{kind}{next(self.ids)}"' if self.style == "other" else ""

    def element(self, name: str, kind: str, attributes: dict, content: str) -> str:
        """<name xml:id="…" attribute="value">content</name>, the xml:id in the other style only.
        (The attributes come before the content: they are drawn from the generator first.)"""
        written = "".join(f' {key}="{value}"' for key, value in attributes.items())
        return f"<{name}{self.xid(kind)}{written}>{content}</{name}>"

    def words(self, k: int) -> list[str]:
        return self.rng.choices(VOCAB, cum_weights=_CUM, k=k)

    def phrase(self, lo: int = 1, hi: int = 3) -> str:
        return " ".join(self.words(self.rng.randint(lo, hi)))

    def iso(self) -> tuple[str, str]:
        rng = self.rng
        y = self.year + rng.choice((-1, 0, 0, 0))
        m, d = rng.randrange(1, 13), rng.randrange(1, 29)
        form = rng.random()
        if form < 0.6:
            return f"{y:04d}-{m:02d}-{d:02d}", f"{d} {MONTHS[m - 1]} {y}"
        if form < 0.85:
            return f"{y:04d}-{m:02d}-{d:02d}", f"the {d}th"
        return f"{y:04d}-{m:02d}", f"{MONTHS[m - 1]} {y}"

    def name(self, e: Entry, text: str | None = None) -> str:
        tag = {"per": "persName", "pla": "placeName", "org": "orgName"}[e.kind]
        if text is None:
            text = e.name
            if e.kind == "per":
                r = self.rng.random()
                text = e.short if r < 0.4 else (f"{e.extra['fore'][0]}. {e.short}" if r < 0.55 else e.name)
        if self.style == "editio":
            file = {"per": "persons", "pla": "places", "org": "organisations"}[e.kind]
            return f'<{tag} ref="../registers/{file}.xml#{e.id}">{esc(text)}</{tag}>'
        # other projects: an entity list in back, pointed at with #id or named by key
        local = e.id.replace(".", "_")
        if self.rng.random() < 1 / 12:  # listed in another letter's back, or nowhere
            return f'<{tag}{self.xid("n")} ref="#{local}">{esc(text)}</{tag}>'
        self.mentioned.setdefault(local, e)
        if e.kind == "per" and self.rng.random() < 0.6:
            return f'<{tag}{self.xid("n")} ref="#{local}">{esc(text)}</{tag}>'
        return f'<{tag}{self.xid("n")} key="{local}">{esc(text)}</{tag}>'

    def pointer(self, e: Entry) -> str:
        """The attribute that links an element which is not a name (repository, settlement)."""
        if self.style == "editio":
            file = {"per": "persons", "pla": "places", "org": "organisations"}[e.kind]
            return f' ref="../registers/{file}.xml#{e.id}"'
        return f' key="{e.id.replace(".", "_")}"'

    def rend(self, what: str) -> str:
        if self.style == "editio":
            return what
        return self.rng.choice({"italic": ["italic", "it", "i", "font-style:italic", "italics"],
                                "underline": ["underline", "u", "ul", "underlined"],
                                "superscript": ["superscript", "sup", "super", "vertical-align:super"],
                                "spaced": ["spaced", "letterspace", "sperr"],
                                "bold": ["bold", "b", "font-weight:bold"]}[what])

    def inline(self, depth: int = 0) -> str:
        """A short marked-up span; nests (hi inside q inside emph ...) up to depth 2."""
        rng = self.rng
        r = rng.random()
        inner = self.inline(depth + 1) if depth < 2 and rng.random() < 0.25 else ""
        inner = f"{self.phrase()} {inner}".rstrip() if inner else self.phrase()
        if r < 0.35:
            what = rng.choice(["italic", "italic", "underline", "superscript", "spaced", "bold"])
            return self.element("hi", "h", {"rend": self.rend(what)}, inner)
        if r < 0.5:
            return self.element("emph", "e", {}, inner)
        if r < 0.7:
            return self.element("foreign", "f", {"xml:lang": rng.choice(["la", "fr", "de", "it", "la"])}, self.phrase(1, 4))
        if r < 0.85:
            return self.element("q", "q", {}, inner)
        return self.element("title", "t", {"level": rng.choice(["m", "j", "a"])}, self.phrase(2, 5).capitalize())

    def editorial(self) -> str:
        rng = self.rng
        r = rng.random()
        w = self.words(1)[0]
        if r < 0.14 and len(w) > 3:
            wrong = w[1] + w[0] + w[2:] if w[0] != w[1] else w + w[-1]
            return f'<choice{self.xid("c")}><sic>{wrong}</sic><corr>{w}</corr></choice>'
        if r < 0.26 and len(w) > 4:
            return f'<choice{self.xid("c")}><abbr>{w[:3]}.</abbr><expan>{w}</expan></choice>'
        if r < 0.36 and ("i" in w or "u" in w):
            return f'<choice{self.xid("c")}><orig>{w.replace("i", "y").replace("u", "v")}</orig><reg>{w}</reg></choice>'
        if r < 0.5:
            return self.element("add", "a", {"place": rng.choice(["above", "below", "margin", "inline"])}, self.phrase())
        if r < 0.64:
            return self.element("del", "d", {"rend": rng.choice(["strikethrough", "overwritten", "erased"])}, self.phrase())
        if r < 0.7:
            return f'<subst{self.xid("s")}><del>{w}</del><add place="above">{self.words(1)[0]}</add></subst>'
        if r < 0.8:
            return self.element("supplied", "s", {"reason": rng.choice(["illegible", "omitted", "damage"])}, w)
        if r < 0.9:
            return self.element("unclear", "u", {"reason": rng.choice(["illegible", "faded", "damage"])}, w)
        unit = rng.choice(["chars", "words", "lines"])
        return f'<gap{self.xid("g")} reason="{rng.choice(["illegible", "damage", "cancelled"])}" quantity="{rng.randint(1, 12)}" unit="{unit}"/>'

    def mention(self) -> str:
        rng = self.rng
        if self.guaranteed:
            return self.name(self.guaranteed.pop())
        kind = rng.choice(("per", "per", "per", "pla", "pla", "org"))
        return self.name(self.regs.pick(rng, kind))

    def sentence(self, in_note: bool = False) -> str:
        rng = self.rng
        toks = self.words(rng.randint(5, 24))
        toks[0] = toks[0].capitalize()
        n = len(toks)
        if rng.random() < 0.45:
            toks.insert(rng.randrange(1, n), self.mention())
        if rng.random() < 0.1:
            when, shown = self.iso()
            toks.insert(rng.randrange(1, n), f'<date{self.xid("dt")} when="{when}">{shown}</date>')
        if rng.random() < 0.3:
            toks.insert(rng.randrange(1, n), self.inline())
        if not in_note and rng.random() < 0.3:
            toks.insert(rng.randrange(1, n), self.editorial())
        if in_note and rng.random() < 0.3:
            toks.insert(rng.randrange(1, n), self.bibl())
        if in_note and rng.random() < 0.08 and self.n > 1:
            j = rng.randrange(self.n)
            if j != self.i:
                other = letter_name(j)
                target = f"{other}.xml#{other}.letter" if self.style == "editio" else f"{other}.xml"
                toks.insert(rng.randrange(1, n), f'<ref{self.xid("r")} target="{target}">{self.phrase(1, 2)}</ref>')
        if self.lb and not in_note and n > 8:
            toks.insert(rng.randrange(1, n), f'<lb{self.xid("lb")}/>')
            if self.style == "other" and rng.random() < 0.5:  # a word broken across two lines
                k = rng.randrange(1, n)
                word = toks[k]
                if word.isalpha() and len(word) > 3:
                    toks[k] = f'{word[:2]}<lb{self.xid("lb")} break="no"/>{word[2:]}'
        return " ".join(toks) + rng.choice(".....;?!")

    def bibl(self) -> str:
        rng = self.rng
        when, _ = self.iso()
        year = when[:4]
        scope = f', <biblScope unit="page">{rng.randint(1, 600)}</biblScope>' if rng.random() < 0.6 else ""
        return (f'<bibl{self.xid("b")}>{self.name(self.regs.pick(rng, "per"))}, <title level="m">{self.phrase(2, 6).capitalize()}</title>, '
                f'<date when="{year}">{year}</date>{scope}</bibl>')

    def note(self) -> str:
        rng = self.rng
        self.notes += 1
        body = " ".join(self.sentence(in_note=True) for _ in range(rng.choice((1, 1, 2, 3, 4))))
        if self.style == "other":
            anchor = f"{self.pfx}.anc{self.notes}"
            n = f' n="{self.notes}"' if self.numbered_notes else ""
            self.back_notes.append(f'<note xml:id="{self.pfx}.fn{self.notes}"{n} target="#{anchor}" type="commentary">{body}</note>')
            return f'<anchor xml:id="{anchor}"/>'
        return f'<note xml:id="{self.pfx}.fn{self.notes}" n="{self.notes}" place="foot">{body}</note>'

    def paragraph_text(self, budget: int, spent: list[int]) -> str:
        """Sentences (one a line) until about `budget` bytes; notes and page breaks fall in."""
        out, size = [], 0
        while size < budget:
            s = self.sentence()
            if self.notes < self.notes_wanted and (spent[0] + size) / self.note_every > self.notes:
                s += self.note()
            if (spent[0] + size) // 2600 >= self.page:
                self.page += 1
                facs = ' facs=""' if self.invalid else ""
                s = f'<pb{self.xid("pb")} n="{self.page}"{facs}/>' + s
            out.append(s)
            size += len(s) + 11  # with the line break and indentation that join adds
        spent[0] += size
        return "\n          ".join(out)

    def block(self, spent: list[int]) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.04:
            items = "".join(f'\n            <item{self.xid("i")}>{self.sentence()}</item>' for _ in range(rng.randint(2, 7)))
            if rng.random() < 0.2:
                sub = "".join(f"<item>{self.phrase(2, 6)}</item>" for _ in range(rng.randint(2, 4)))
                items += f'\n            <item>{self.phrase(2, 4)}<list type="bulleted">{sub}</list></item>'
            s = f'<list{self.xid("l")} type="{rng.choice(["bulleted", "ordered", "simple"])}">{items}\n          </list>'
        elif r < 0.06:
            cols, rows = rng.randint(2, 5), rng.randint(2, 9)
            head = "".join(f"<cell>{self.words(1)[0].capitalize()}</cell>" for _ in range(cols))
            body = "".join("\n            <row>" + "".join(f"<cell>{rng.randint(1, 999)}</cell>" for _ in range(cols)) + "</row>"
                           for _ in range(rows))
            s = (f'<table{self.xid("tb")} rows="{rows + 1}" cols="{cols}"><head>{self.phrase(2, 4).capitalize()}</head>'
                 f'\n            <row role="label">{head}</row>{body}\n          </table>')
        elif r < 0.07:
            lines = "".join(f"\n            <l>{self.phrase(3, 7).capitalize()}</l>" for _ in range(rng.randint(2, 8)))
            s = f'<lg{self.xid("lg")} type="stanza">{lines}\n          </lg>'
        else:
            pid = f'{self.pfx}.p{next(self.ids)}'
            text = self.paragraph_text(rng.choice((200, 500, 900, 1500, 2500)), spent)
            return f'<p xml:id="{pid}">{text}</p>'
        spent[0] += len(s)
        return s

    def body(self) -> str:
        rng = self.rng
        spent = [0]
        facs = ' facs=""' if self.invalid else ""
        when = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        parts = [f'<pb{self.xid("pb")} n="1"{facs}/>',
                 f'<div type="letter" xml:id="{self.pfx}.letter">',
                 (f'  <opener{self.xid("o")}><dateline>{self.name(self.place_from, self.place_from.name)}, '
                  f'<date when="{when}">{self.day} {MONTHS[self.month - 1]} {self.year}</date></dateline>'
                  f'<salute>{self.phrase(1, 2).capitalize()} {self.name(self.addressee, self.addressee.name)},</salute></opener>')]
        while spent[0] < self.body_size or self.guaranteed:
            parts.append("  " + self.block(spent))
        while self.notes < self.notes_wanted:  # a long run of short paragraphs may leave notes over
            parts.append(f'  <p xml:id="{self.pfx}.p{next(self.ids)}">{self.sentence()}{self.note()}</p>')
        if self.invalid:  # as real letters have it: a greeting inside a paragraph, which TEI does not allow
            parts.append(f'  <p xml:id="{self.pfx}.p{next(self.ids)}"><salute>{self.phrase(2, 4).capitalize()}</salute></p>')
        parts.append(f'  <closer{self.xid("cl")}><salute>{self.phrase(2, 4).capitalize()}</salute>'
                     f'<signed>{self.name(self.sender, self.sender.name)}</signed></closer>')
        if rng.random() < 0.1:
            parts.append(f'  <postscript{self.xid("ps")}><p xml:id="{self.pfx}.ps">{self.sentence()}</p></postscript>')
        parts.append("</div>")
        return "\n        ".join(parts)

    def header(self) -> str:
        rng = self.rng
        s, a = self.sender, self.addressee
        when = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        date_text = f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        repo = self.regs.orgs[rng.randrange(min(12, len(self.regs.orgs)))]
        prev_next = []
        if self.i > 0:
            prev_next.append(f'<ref type="prev" target="{letter_name(self.i - 1)}.xml">previous letter</ref>')
        if self.i + 1 < self.n:
            prev_next.append(f'<ref type="next" target="{letter_name(self.i + 1)}.xml">next letter</ref>')
        context = f"\n        <correspContext>{''.join(prev_next)}</correspContext>" if prev_next else ""
        received = ""
        if rng.random() < 0.7:
            rd = f"{self.year:04d}-{self.month:02d}-{min(28, self.day + rng.randint(1, 9)) if self.day < 28 else 28:02d}"
            received = f"\n          <date when=\"{rd}\"/>"
        editorial = ""
        if rng.random() < 0.5:
            editorial = ("\n    <encodingDesc>\n      <editorialDecl>\n        <p>" + self.sentence() +
                         "</p>\n      </editorialDecl>\n    </encodingDesc>")
        if self.style == "other":
            editorial = ("\n    <encodingDesc>\n      <tagsDecl>\n        <rendition xml:id=\"italic\">font-style: italic</rendition>\n"
                         "      </tagsDecl>\n    </encodingDesc>")
        return f"""  <teiHeader{self.xid("th")}>
    <fileDesc>
      <titleStmt>
        <title type="main">Letter from {esc(s.name)} to {esc(a.name)}, {esc(self.place_from.name)}, {date_text}</title>
{_responsibility(self.pfx, "text")}
      <sourceDesc>
        <msDesc xml:id="{self.pfx}.ms">
          <msIdentifier>
            <settlement{self.pointer(self.place_from)}>{esc(self.place_from.name)}</settlement>
            <repository{self.pointer(repo)}>{esc(repo.name)}</repository>
            <collection>{self.phrase(1, 3).capitalize()} papers</collection>
            <idno type="shelfmark">Ms. {rng.randint(1, 999)}/{rng.randint(1, 99)}</idno>
          </msIdentifier>
          <physDesc>
            <objectDesc form="letter">
              <supportDesc><support>{rng.choice(["paper", "laid paper", "wove paper"])}, {rng.randint(1, 6)} leaves</support></supportDesc>
            </objectDesc>
          </physDesc>
        </msDesc>
      </sourceDesc>
    </fileDesc>{editorial}
    <profileDesc>
      <correspDesc xml:id="{self.pfx}.corresp">
        <correspAction type="sent">
          {self.name(s, s.name)}
          {self.name(self.place_from, self.place_from.name)}
          <date when="{when}">{date_text}</date>
        </correspAction>
        <correspAction type="received">
          {self.name(a, a.name)}
          {self.name(self.place_to, self.place_to.name)}{received}
        </correspAction>{context}
      </correspDesc>
      <langUsage>
        <language ident="en">English (synthetic)</language>
      </langUsage>
      <textClass>
        <keywords>
          <term>{self.phrase(1, 2)}</term>
        </keywords>
      </textClass>
    </profileDesc>
{_revision(self.pfx)}
  </teiHeader>"""

    def back(self) -> str:
        if self.style != "other":
            return ""
        lists = []
        for kind, list_name, item in (("per", "listPerson", "person"), ("pla", "listPlace", "place"), ("org", "listOrg", "org")):
            entries = [(k, e) for k, e in sorted(self.mentioned.items()) if e.kind == kind]
            if not entries:
                continue
            tag = {"per": "persName", "pla": "placeName", "org": "orgName"}[kind]
            rows = "".join(f'\n          <{item} xml:id="{k}"><{tag}>{esc(e.name)}</{tag}>'
                           + (f'<idno type="wikidata">Q9{e.extra["q"]:09d}</idno>' if "q" in e.extra else "")
                           + f"</{item}>" for k, e in entries)
            lists.append(f"\n        <{list_name}>{rows}\n        </{list_name}>")
        notes = ""
        if self.back_notes:
            notes = '\n      <div type="notes">\n        ' + "\n        ".join(self.back_notes) + "\n      </div>"
        return "\n    <back>" + "".join(lists) + f"{notes}\n    </back>"

    def write(self, xml_model: bool) -> str:
        body = self.body()
        header = self.header()
        back = self.back()  # after body and header: it lists what they mention
        if self.style == "other":
            pi = ('<?xml-model href="https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" type="application/xml" '
                  'schematypens="http://relaxng.org/ns/structure/1.0"?>\n')
            root = (f'<TEI xmlns="{TEI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                    f'xsi:schemaLocation="{TEI_NS} https://tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd" '
                    f'xml:id="{self.pfx}" xml:lang="en">')
        else:
            pi = ('<?xml-model href="../schema/editio.rng" type="application/xml" '
                  'schematypens="http://relaxng.org/ns/structure/1.0"?>\n') if xml_model else ""
            root = f'<TEI xmlns="{TEI_NS}" xml:lang="en">'
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n{pi}{root}\n{header}\n  <text>\n    <body>\n        {body}\n    </body>{back}\n'
                "  </text>\n</TEI>\n")


# --- the corpus ---------------------------------------------------------------------------


def write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.write_bytes(data)


def generate(out: Path, letters: int, seed: int, style: str = "editio", xml_model: bool = False, progress=None) -> list[Path]:
    """Write the corpus; returns the files written (registers first)."""
    if style not in ("editio", "other"):
        raise ValueError(f"unknown style {style!r}")
    out = Path(out)
    letters_dir = out / "tei" / "letters"
    letters_dir.mkdir(parents=True, exist_ok=True)
    (out / "editio.toml").write_text('# synthetic corpus written by bench/generate.py\nsources = ["tei"]\n', encoding="utf-8")
    regs = Registers(seed, letters)
    files = []
    if style == "editio":
        reg_dir = out / "tei" / "registers"
        reg_dir.mkdir(parents=True, exist_ok=True)
        for name, text in (("persons", register_persons(regs)), ("places", register_places(regs)),
                           ("organisations", register_orgs(regs))):
            files.append(reg_dir / f"{name}.xml")
            write_if_changed(files[-1], text)
        if xml_model:
            schema = _edition_schema()
            (out / "tei" / "schema").mkdir(exist_ok=True)
            shutil.copyfile(schema, out / "tei" / "schema" / "editio.rng")
    for i in range(letters):
        path = letters_dir / f"{letter_name(i)}.xml"
        write_if_changed(path, LetterWriter(seed, letters, i, regs, style).write(xml_model))
        files.append(path)
        if progress and (i + 1) % 1000 == 0:
            progress(i + 1)
    return files


def _edition_schema() -> Path:
    here = Path(__file__).resolve().parent.parent / "tei" / "schema" / "editio.rng"
    if here.is_file():
        return here
    from editio.resources import edition_schema

    return edition_schema()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write the corpus into (created)")
    ap.add_argument("--letters", type=int, default=100, help="number of letters (default 100)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--style", choices=["editio", "other"], default="editio")
    ap.add_argument("--xml-model", action="store_true", help="editio style: name ../schema/editio.rng in an xml-model PI")
    args = ap.parse_args(argv)
    if args.letters < 1:
        ap.error("--letters must be at least 1")
    files = generate(args.out, args.letters, args.seed, args.style, args.xml_model,
                     progress=lambda k: print(f"  {k} letters", file=sys.stderr))
    size = sum(f.stat().st_size for f in files)
    print(f"{args.out}: {len(files)} files, {size / 2**20:.1f} MB ({args.style} style, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
