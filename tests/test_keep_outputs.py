"""Nothing published is lost to an error: a letter that fails (schema error, not well-formed)
keeps the outputs of its last good build, marked stale in output/manifest.json and in the
report; the other letters' outputs and the corpus-wide files stay."""

import json

import pytest

from test_workflow_init import new_project
from test_workflow_new import PEOPLE

LETTERS = ("d73", "d74")


@pytest.fixture
def project(run_editio, tmp_path):
    folder = new_project(run_editio, tmp_path / "ed", *PEOPLE)
    for ident in LETTERS:
        r = run_editio("new", "letter", "--from", "khrushchev", "--to", "kennedy", "--date", "1962-11-04", "--id", ident, cwd=folder)
        assert r.exit_code == 0, r.output
    r = run_editio("build", cwd=folder)
    assert r.exit_code == 0, r.output
    return folder


def outputs(folder):
    out = folder / "output"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and p.name != "manifest.json"}


def manifest(folder) -> dict:
    return json.loads((folder / "output/manifest.json").read_text())["files"]


def test_a_schema_error_keeps_the_letters_tei_and_the_corpus_files_stale(run_editio, project):
    before = outputs(project)
    letter = project / "tei/letters/d73.xml"
    good, bad = '<p xml:id="d73.p1">The text of the letter.</p>', '<para xml:id="d73.p1">The text of the letter.</para>'
    letter.write_text(letter.read_text().replace(good, bad))
    r = run_editio("build", "--no-color", cwd=project)
    assert r.exit_code == 1 and "ED101" in r.output
    after = outputs(project)
    assert set(after) == set(before), "nothing removed"
    assert after["xml/d73.xml"] == before["xml/d73.xml"], "the last good TEI of the letter"
    assert after["xml/d74.xml"] == before["xml/d74.xml"] and after["html/d74.html"] == before["html/d74.html"]
    files = manifest(project)
    stale = sorted(p for p, v in files.items() if v.get("stale"))
    assert "xml/d73.xml" in stale and not any("d74" in p for p in stale)
    assert all(files[p]["from"] in ("tei/letters/d73.xml", "edition") for p in stale)
    for p in stale:
        assert f"stale: {project / 'output' / p} (kept from the last good build" in r.output
    assert f"{len(stale)} kept stale" in r.output
    # the next build, with nothing changed, still says so; the fixed letter clears it
    r = run_editio("build", "--no-color", cwd=project)
    assert r.exit_code == 1 and f"{len(stale)} kept stale" in r.output
    letter.write_text(letter.read_text().replace(bad, good))
    r = run_editio("build", "--no-color", cwd=project)
    assert r.exit_code == 0 and "stale" not in r.output
    assert not any(v.get("stale") for v in manifest(project).values()) and outputs(project) == before


def test_a_letter_that_is_not_well_formed_keeps_all_its_outputs(run_editio, project):
    before = outputs(project)
    letter = project / "tei/letters/d73.xml"
    letter.write_text(letter.read_text().replace("The text of the letter.", "The text & the letter."))
    r = run_editio("build", "--no-color", cwd=project)
    assert r.exit_code == 1 and "not built: tei/letters/d73.xml" in r.output
    after = outputs(project)
    for path in ("html/d73.html", "text/d73.txt", "xml/d73.xml", "html/d74.html", "xml/d74.xml", "xml/corpus.xml", "xml/editio.rng"):
        assert path in after, path
    assert after["html/d73.html"] == before["html/d73.html"] and after["text/d73.txt"] == before["text/d73.txt"]
    stale = {p for p, v in manifest(project).items() if v.get("stale")}
    assert {"html/d73.html", "text/d73.txt", "xml/d73.xml"} <= stale and not any("d74" in p for p in stale)
    # the corpus-wide outputs still have the letter, as its last good build made it
    for path in ("html/index.html", "xml/corpus.xml", "export/cmif.xml", "export/entities.csv"):
        assert after[path] == before[path], path
    assert b"d73.html" in after["html/index.html"]
    # and so does the next build, with nothing changed; the mended letter is built again
    r = run_editio("build", "--no-color", cwd=project)
    assert r.exit_code == 1 and outputs(project) == after
    letter.write_text(letter.read_text().replace("The text & the letter.", "The text of the letter, mended."))
    r = run_editio("build", "--no-color", cwd=project)
    assert r.exit_code == 0 and b"mended" in (project / "output/html/d73.html").read_bytes()
    assert not any(v.get("stale") for v in manifest(project).values())


def test_a_deleted_letter_still_takes_its_outputs_away(run_editio, project):
    (project / "tei/letters/d74.xml").unlink()
    letter = project / "tei/letters/d73.xml"
    letter.write_text(letter.read_text().replace("The text of the letter.", "The text & the letter."))
    r = run_editio("build", "--no-color", cwd=project)
    assert r.exit_code == 1
    assert not (project / "output/html/d74.html").exists() and not (project / "output/xml/d74.xml").exists()
    assert (project / "output/html/d73.html").exists()
