"""ED701 finds the same untagged names whether a process matches a letter against the trie
of all register names or against the trie of the names whose first word occurs in the
letter (what the first letters a process checks get: rules/coverage.py).

The corpus is bench/generate.py's, with register names written untagged into the letters:
whole, inside longer words, across a line break, with an entity reference, after a
character reference, as the start of a longer name and next to markup, so that both ways of matching meet every case that decides a match.
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
        full = f"{forenames[i % len(forenames)]}\n      {surnames[i % len(surnames)]}"
        text = (f"Met {a} today, not {a}son nor Mc{b}; {full}, {b}&amp;Co, <hi>{a}</hi>{b}, {a} Ridge. "
                f"Also &#65;{c} and {a.upper()}.")
        source = path.read_text(encoding="utf-8")
        end = source.index("</p>", source.index("<body"))  # the first paragraph of the letter's text
        path.write_text(source[:end] + f" {text}" + source[end:], encoding="utf-8")
    register.write_text(persons.replace("</listPerson>", "".join(extra) + "</listPerson>", 1), encoding="utf-8")
    return root


def _findings(root, monkeypatch, few: int) -> list[tuple]:
    monkeypatch.setattr(coverage, "_FEW", few)  # when the whole trie replaces the letters' own: no setting says
    monkeypatch.chdir(root)
    report = Validator(Config(root=root)).run([root / "tei"])
    return [(d.file, d.line, d.col, d.message, d.hint) for d in report.diagnostics if d.rule == "ED701"]


def test_names_of_the_letter_find_what_all_names_find(corpus, monkeypatch):
    every_name = _findings(corpus, monkeypatch, few=0)  # the whole trie from the first letter on
    own_names = _findings(corpus, monkeypatch, few=10**9)  # a trie of its own names for every letter
    assert own_names == every_name
    assert len({f[0] for f in every_name}) == LETTERS, "every letter has untagged names"
    assert not any("son\"" in f[3] or "\"Mc" in f[3] for f in every_name), "no match inside a longer word"
