"""The benchmark corpus generator (bench/generate.py): deterministic, well-formed, valid, varied."""

import hashlib
from pathlib import Path

import pytest
from conftest import REPO, bench_generator
from lxml import etree

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
LETTERS = 20


generate = bench_generator()


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("bench")
    out = {}
    for style in ("editio", "other"):
        out[style] = base / style
        generate.generate(out[style], LETTERS, seed=7, style=style)
    return out


def test_same_seed_same_bytes_other_seed_other_bytes(corpora, tmp_path):
    again = tmp_path / "again"
    generate.generate(again, LETTERS, seed=7, style="editio")
    assert _digest(again) == _digest(corpora["editio"])
    other = tmp_path / "other-seed"
    generate.generate(other, LETTERS, seed=8, style="editio")
    a, b = _digest(other), _digest(corpora["editio"])
    assert a.keys() == b.keys()
    tei = [k for k in a if k.startswith("tei/")]
    assert all(a[k] != b[k] for k in tei), "every TEI file differs with another seed"


def test_command_line_gives_the_same_bytes(corpora, tmp_path):
    assert generate.main([str(tmp_path / "cli"), "--letters", str(LETTERS), "--seed", "7"]) == 0
    assert _digest(tmp_path / "cli") == _digest(corpora["editio"])


@pytest.mark.parametrize("style", ["editio", "other"])
def test_every_file_parses(corpora, style):
    files = sorted((corpora[style] / "tei").rglob("*.xml"))
    letters = [f for f in files if f.parent.name == "letters"]
    assert len(letters) == LETTERS
    assert (len(files) - len(letters)) == (3 if style == "editio" else 0), "registers only in the editio style"
    for f in files:
        root = etree.parse(str(f)).getroot()
        assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"


def test_editio_style_validates_without_errors(corpora):
    from editio.config import Config
    from editio.validate.runner import validate

    root = corpora["editio"]
    report = validate([root / "tei"], Config(root=root))
    assert len(report.files) == LETTERS + 3
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert not errors, errors[:5]
    assert report.count("warning") <= 2, report.diagnostics[:5]


def test_editio_style_is_valid_against_the_edition_schema(corpora):
    schema_path = REPO / "tei" / "schema" / "editio.rng"
    if not schema_path.is_file():
        schema_path = REPO / "transform" / "schemas" / "tei_all.rng"
    schema = etree.RelaxNG(etree.parse(str(schema_path)))
    for f in sorted((corpora["editio"] / "tei").rglob("*.xml")):
        assert schema.validate(etree.parse(str(f))), (f.name, schema.error_log[:3])


def test_other_style_looks_like_other_projects(corpora):
    letter = etree.parse(str(corpora["other"] / "tei/letters/L000002.xml"))
    root = letter.getroot()
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    assert letter.xpath("//t:back/t:listPerson/t:person", namespaces=TEI)
    assert letter.xpath("//t:text//t:persName[@key]|//t:text//t:placeName[@key]", namespaces=TEI)
    assert not letter.xpath("//*[contains(@ref, '.xml#')]")
    invalid = etree.parse(str(corpora["other"] / "tei/letters/L000013.xml"))  # one in 25, from the 13th
    assert invalid.xpath("//t:pb[@facs='']", namespaces=TEI) and invalid.xpath("//t:p/t:salute", namespaces=TEI)
    assert not letter.xpath("//t:pb[@facs='']|//t:p/t:salute", namespaces=TEI)
    letters = [etree.parse(str(f)) for f in sorted((corpora["other"] / "tei/letters").glob("*.xml"))]
    assert any(t.xpath("//t:lb[@break='no']", namespaces=TEI) for t in letters)
    unnumbered = [t for t in letters if t.xpath("//t:back//t:note[not(@n)]", namespaces=TEI)]
    assert 0 < len(unnumbered) < len(letters)
    outside = [ref for t in letters for ref in t.xpath("//t:text//@ref[starts-with(., '#')]", namespaces=TEI)
               if not t.xpath(f"//*[@xml:id='{ref[1:]}']")]
    assert outside, "some pointers name ids their letter does not list"
    text_elements = letter.xpath("//t:text//t:body//t:hi|//t:text//t:body//t:persName", namespaces=TEI)
    assert text_elements and all(el.get("{http://www.w3.org/XML/1998/namespace}id") for el in text_elements)


def test_variety_on_a_small_sample(corpora):
    counts = {}
    sizes = []
    for f in sorted((corpora["editio"] / "tei/letters").glob("*.xml")):
        sizes.append(f.stat().st_size)
        tree = etree.parse(str(f))
        for name in ("note", "choice", "add", "del", "hi", "persName", "placeName", "orgName", "pb",
                     "supplied", "unclear", "gap", "correspDesc", "sic", "abbr", "orig"):
            counts[name] = counts.get(name, 0) + len(tree.xpath(f"//t:text//t:{name}|//t:teiHeader//t:{name}", namespaces=TEI))
    for name, n in counts.items():
        assert n > 0, f"no <{name}> in {LETTERS} letters"
    assert counts["correspDesc"] == LETTERS
    assert min(sizes) < 8 * 1024 < max(sizes), sizes
    persons = etree.parse(str(corpora["editio"] / "tei/registers/persons.xml")).xpath("//t:person", namespaces=TEI)
    assert len(persons) == 100 + LETTERS


def test_sizes_and_notes_follow_the_stated_distribution():
    """Without writing files: one forced 400 KB letter, a long tail, at most 200 notes."""
    regs = generate.Registers(1, 400)
    sizes = [generate.LetterWriter(1, 400, i, regs, "editio")._body_size() for i in range(400)]
    assert max(sizes) == generate.MAX_BODY
    assert sorted(sizes)[200] < 10_000 and min(sizes) >= 150
    writer = generate.LetterWriter(1, 400, 200, regs, "editio")
    assert writer.notes_wanted <= 200
