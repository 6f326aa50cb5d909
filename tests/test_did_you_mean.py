"""Did-you-mean hints of pointers that do not resolve: the same answers as difflib over every
name, from an index whose cost does not grow with the number of names (validate/suggest.py)."""

import difflib
import random

import pytest

from conftest import FIXTURES, TEI_ALL
from editio.config import Config
from editio.validate.runner import validate
from editio.validate.suggest import NEIGHBOURS, PER_FILE, Index

LETTER = (FIXTURES / "rules" / "ED202-dangling-register" / "letters" / "letter.xml").read_text()
REGISTER = (FIXTURES / "rules" / "ED202-dangling-register" / "registers" / "persons.xml").read_text()


def _ids(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    syllables = ["an", "ber", "ch", "dor", "el", "fe", "gr", "hof", "in", "ka", "lu", "mann", "ne", "or", "st", "ze"]
    return sorted({"per." + "".join(rng.choice(syllables) for _ in range(rng.randint(2, 5))) for _ in range(count)})


def _typos(ids: list[str], count: int, seed: int = 3) -> list[tuple[str, str]]:
    """(typo, id): one letter dropped, doubled or changed, at the start, middle or end of an id."""
    rng = random.Random(seed)
    out = []
    for ident in rng.sample(ids, count):
        i = rng.choice([4, len(ident) // 2, len(ident) - 1])
        kind = rng.choice(["drop", "double", "change"])
        typo = (ident[:i] + ident[i + 1:] if kind == "drop" else
                ident[:i] + ident[i] + ident[i:] if kind == "double" else ident[:i] + "x" + ident[i + 1:])
        out.append((typo, ident))
    return out


@pytest.mark.slow
def test_index_finds_what_difflib_over_every_name_finds():
    ids = _ids(5_000)
    assert len(ids) > 20 * NEIGHBOURS  # the index compares a small part of them
    index = Index(ids)
    found_by_difflib = 0
    for typo, ident in _typos(ids, 80):
        if difflib.get_close_matches(typo, ids, n=1, cutoff=0.6) == [ident]:
            found_by_difflib += 1
            assert index.closest(typo)[:1] == [ident], typo
    assert found_by_difflib > 50


def test_a_few_names_are_all_compared():
    assert Index(["per.kennedy", "per.johnson"]).closest("per.kenedy") == ["per.kennedy"]


def _project(tmp_path, persons: list[str], pointers: list[str]):
    (tmp_path / "letters").mkdir()
    (tmp_path / "registers").mkdir()
    entries = "".join(f'<person xml:id="{p}"><persName>{p}</persName></person>\n' for p in persons)
    start, _, rest = REGISTER.partition('<person xml:id="per.kennedy">')
    (tmp_path / "registers" / "persons.xml").write_text(start + entries + rest.partition("</person>")[2])
    names = " ".join(f'<persName ref="{p}">N</persName>' for p in pointers)
    head, _, tail = LETTER.partition('<persName ref="../registers/persons.xml#per.kenedy">')
    (tmp_path / "letters" / "letter.xml").write_text(head + names + '<persName ref="../registers/persons.xml#per.kenedy">'
                                                     + tail)
    return validate([tmp_path], Config(root=tmp_path), schema=TEI_ALL)


def test_typo_in_a_register_of_thousands_of_entries_is_found(tmp_path):
    ids = _ids(1_000) + ["per.kennedy"]
    assert len(ids) > 4 * NEIGHBOURS  # more than the index compares
    report = _project(tmp_path, ids, [])
    hints = [d.hint for d in report.diagnostics if d.rule == "ED202"]
    assert len(hints) == 1 and hints[0].startswith("did you mean ../registers/persons.xml#per.kennedy or"), hints


def test_missing_files_get_hints_up_to_a_number_per_file(tmp_path):
    files = [f"page{i:03}.xml" for i in range(PER_FILE + 5)]
    report = _project(tmp_path, ["per.kennedy"], [f"{f[:-4]}x.xml" for f in files])
    for f in files:
        (tmp_path / "letters" / f).write_text("x")
    missing = [d for d in report.diagnostics if d.rule == "ED203"]
    assert len(missing) == len(files)
    # the files were written after the run: no hint could name them
    assert not any("did you mean" in d.hint for d in missing)
    report = validate([tmp_path], Config(root=tmp_path), schema=TEI_ALL)
    missing = [d for d in report.diagnostics if d.rule == "ED203"]
    with_hint = [d for d in missing if "did you mean" in d.hint]
    assert len(with_hint) == PER_FILE and all("; did you mean page" in d.hint for d in with_hint)
    first = sorted(missing, key=lambda d: (d.line, d.col))[:PER_FILE]
    assert with_hint == [d for d in first if d in with_hint], "the first pointers of the file get the hints"


def test_bare_ids_that_name_nothing_spend_the_questions_of_their_file(tmp_path):
    """A bare token that names no file is reported as an id that names nothing (no file name to
    suggest), but it asked its question: the file's questions are spent in document order."""
    bare = [f"lettr{i}" for i in range(PER_FILE)]
    report = _project(tmp_path, ["per.kennedy"], ["lettr", "lettr#p1"] + bare + ["lettr.xml"])
    found = {d.message.split('"')[1]: d for d in report.diagnostics if d.rule == "ED203"}
    assert "names nothing" in found["lettr"].message and "did you mean" not in found["lettr"].hint
    assert "the file lettr does not exist" in found["lettr#p1"].message
    assert found["lettr#p1"].hint.endswith("; did you mean letter.xml?")
    assert all("names nothing" in found[b].message for b in bare)
    assert "the file lettr.xml does not exist" in found["lettr.xml"].message
    assert "did you mean" not in found["lettr.xml"].hint, "its file's questions were spent"
