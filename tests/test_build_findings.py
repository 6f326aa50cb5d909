"""`editio build` reports what `editio validate` reports.

A build checks each letter against the registers only and decides pointers between
letters in the rules' finish step, from facts merged without holding every letter's ids
(validate/facts.py); `editio validate` reads all letters into one context. On a generated
corpus with pointers written between letters as `#id` (found in one other letter, in two,
in none but close to an existing id, in none at all) and as `file.xml#id`, both must give
the same findings, in one process and in two.
"""

import re

import pytest
from conftest import bench_generator

from editio.config import Config
from editio.pipeline import build
from editio.validate.runner import Validator

LETTERS = 30


@pytest.fixture(scope="module", params=["with #ids defined nowhere", "with every #id defined"])
def corpus(tmp_path_factory, request):
    """(project, an id of each letter that no pointer names)."""
    nowhere = request.param == "with #ids defined nowhere"  # then every letter's ids are read
    root = tmp_path_factory.mktemp("findings")
    bench_generator().main([str(root), "--letters", str(LETTERS), "--seed", "5"])
    letters = sorted((root / "tei/letters").glob("*.xml"))
    for path in letters:  # the generator's pointers between letters would make every letter's ids needed
        text = re.sub(r'="L\d+\.xml(#[^"]*)?"', '="https://www.tei-c.org/"', path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    ids = [re.findall(r'xml:id="([^"]+)"', p.read_text(encoding="utf-8")) for p in letters]
    pointed = [next(i for i in found if i.endswith(".p1")) for found in ids]  # every letter's first paragraph
    unnamed = [found[-1] for found in ids]  # an id no pointer names
    # an id defined in two letters: #twice is ambiguous
    for path in letters[:2]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("<body>", '<body>\n<p xml:id="twice">Twice.</p>', 1), encoding="utf-8")
    for i, path in enumerate(letters):
        j = (i + 1) % len(letters)
        pointers = f'<ref target="#{pointed[j]}">next</ref> <ref target="#twice">both</ref>'
        if nowhere:
            pointers += f' <ref target="#{unnamed[j]}x">close</ref> <ref target="#nothing-like-it">none</ref>'
        if i in (3, 4):  # only the first letter is named as a file: the ids of the others are not all needed
            pointers += f' <ref target="{letters[0].name}#{unnamed[0]}x">close, in a file</ref>'
        text = path.read_text(encoding="utf-8")
        end = text.index("</p>", text.index("<body"))
        path.write_text(text[:end] + " " + pointers + text[end:], encoding="utf-8")
    return root, unnamed if nowhere else unnamed[:1]


def _rows(report) -> list[tuple]:
    return [(d.file, d.line, d.col, d.rule, d.message, d.hint) for d in report.diagnostics]


@pytest.mark.parametrize("jobs", [1, 2])
def test_build_finds_what_validate_finds(corpus, monkeypatch, jobs):
    corpus, unnamed = corpus
    monkeypatch.chdir(corpus)
    expected = _rows(Validator(Config(root=corpus)).run([corpus / "tei"]))
    found = _rows(build(Config(root=corpus), [corpus / "tei"], jobs=jobs, force=True).report)
    assert found == expected
    rules = {row[3] for row in expected}
    assert {"ED202", "ED204"} <= rules, rules
    hints = " ".join(row[5] for row in expected if row[3] == "ED202")
    assert all(f"#{u} " in hints for u in unnamed), "the close id is suggested"
    assert hints.count(f"#{unnamed[0]} or") >= 2, "also in a file"


def test_schema_errors_are_explained_once_for_validate_and_build(run_editio, tmp_path, monkeypatch):
    """editio validate, then editio build, then validate again explain a letter's schema
    errors once, with the same findings each time; a changed letter is explained again."""
    import shutil
    from pathlib import Path

    from conftest import REPO
    from editio.validate.schema import Schema

    explained = []
    real = Schema._explain
    monkeypatch.setattr(Schema, "_explain", lambda self, doc, *rest: explained.append(Path(doc.path).name) or real(self, doc, *rest))
    (tmp_path / "tei").mkdir()
    for name in ("two-errors.xml", "valid.xml"):
        shutil.copy(REPO / "tests" / "fixtures" / "schema" / name, tmp_path / "tei" / name)
    (tmp_path / "editio.toml").write_text('sources = ["tei"]\n', encoding="utf-8")

    def schema_errors(output: str) -> list[str]:
        return [line for line in output.splitlines() if ": error ED101 " in line]

    first = run_editio("validate", "--no-color", cwd=tmp_path)
    assert explained == ["two-errors.xml"] and len(schema_errors(first.output)) == 2
    built = run_editio("build", "--no-color", "-j", "1", cwd=tmp_path)
    again = run_editio("validate", "--no-color", cwd=tmp_path)
    assert explained == ["two-errors.xml"]  # not explained by the build, nor by validate again
    assert schema_errors(built.output) == schema_errors(first.output) and again.output == first.output
    letter = tmp_path / "tei" / "two-errors.xml"
    letter.write_text(letter.read_text(encoding="utf-8") + "<!-- changed -->\n", encoding="utf-8")
    changed = run_editio("validate", "--no-color", cwd=tmp_path)
    assert explained == ["two-errors.xml"] * 2 and schema_errors(changed.output) == schema_errors(first.output)
