"""ED701 finds the same untagged names when a letter is matched against the trie of the names
all of whose words occur in it (what rules/coverage.py does) as against the trie of every
register name.

The corpus is bench/generate.py's, with register names written untagged into the letters:
whole, inside longer words, across a line break, with an entity reference, after a
character reference, as the start of a longer name, with a last word that occurs only inside
a longer word, and next to markup, so that both ways of matching meet every case that decides a match.
"""

import re

import pytest
from conftest import bench_generator

from editio.config import Config
from editio.validate.rules import coverage
from editio.validate.runner import Validator

LETTERS = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("untagged")
    bench_generator().main([str(root), "--letters", str(LETTERS), "--seed", "11"])
    register = root / "tei/registers/persons.xml"
    persons = register.read_text(encoding="utf-8")
    surnames = re.findall(r"<surname>([^<]+)</surname>", persons)
    forenames = re.findall(r"<forename>([^<]+)</forename>", persons)
    extra = []
    for i, path in enumerate(sorted((root / "tei/letters").glob("*.xml"))):
        a, b, c = (surnames[(7 * i + k) % len(surnames)] for k in (0, 3, 5))
        extra.append(f'<person xml:id="per.extra{i}"><persName>{a} Ridge</persName></person>')  # a first word shared
        extra.append(f'<person xml:id="per.sons{i}"><persName>{c} &amp; Sons</persName></person>')
        full = f"{forenames[i % len(forenames)]}\n      {surnames[i % len(surnames)]}"
        text = (f"Met {a} today, not {a}son nor Mc{b}; {full}, {b}&amp;Co, <hi>{a}</hi>{b}, {a} Ridge. "
                f"Also &#65;{c} and {a.upper()}, {c} &amp; Sonsbury, {c} &amp;\n Sons.")
        source = path.read_text(encoding="utf-8")
        end = source.index("</p>", source.index("<body"))  # the first paragraph of the letter's text
        path.write_text(source[:end] + f" {text}" + source[end:], encoding="utf-8")
    register.write_text(persons.replace("</listPerson>", "".join(extra) + "</listPerson>", 1), encoding="utf-8")
    return root


def _findings(root, monkeypatch) -> list[tuple]:
    monkeypatch.chdir(root)
    report = Validator(Config(root=root)).run([root / "tei"])
    return [(d.file, d.line, d.col, d.message, d.hint) for d in report.diagnostics if d.rule == "ED701"]


def test_names_of_the_letter_find_what_all_names_find(corpus, monkeypatch):
    own_names = _findings(corpus, monkeypatch)
    monkeypatch.setattr(coverage, "_candidates", lambda store, words: sorted(store["names"]))  # every name, every letter
    every_name = _findings(corpus, monkeypatch)
    assert own_names == every_name
    assert len({f[0] for f in every_name}) == LETTERS, "every letter has untagged names"
    assert not any("son\"" in f[3] or "\"Mc" in f[3] for f in every_name), "no match inside a longer word"
    assert any("&amp; Sons\"" in f[3] or "& Sons\"" in f[3] for f in every_name), "a name with an entity and a second word"
