"""The build pipeline: standalone letters, safe and atomic outputs, stale outputs removed."""

import json
import shutil

import pytest
from lxml import etree

from conftest import REPO, TEI_ALL
from editio.builders import Output
from editio.builders import registry
from editio.config import Config
from editio.pipeline import OutputError, OutputFolder, build

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


class Capture:
    """A builder that writes each standalone letter as it receives it."""

    name = "capture"

    def build(self, letter, ctx):
        return [Output(f"capture/{letter.slug}.xml", etree.tostring(letter.tree, encoding="UTF-8"))]

    def finish(self, ctx):
        return [Output("capture/registers.txt", "\n".join(sorted(ctx.registers)).encode())]


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(REPO / "tei", tmp_path / "tei", ignore=shutil.ignore_patterns("schema"))
    monkeypatch.setattr(registry, "BUILDERS", [Capture])
    return tmp_path


@pytest.mark.slow
def test_standalone_letter_embeds_the_register_entries_it_names(project):
    source_before = (project / "tei/letters/frus1961-63v06-d73.xml").read_bytes()
    result = build(Config(root=project, schema=str(TEI_ALL)), [project / "tei"])
    assert (project / "tei/letters/frus1961-63v06-d73.xml").read_bytes() == source_before, "sources are never changed"
    tree = etree.parse(str(project / "output/capture/frus1961-63v06-d73.xml"))
    refs = {r for el in tree.iter() if isinstance(el.tag, str) for r in (el.get("ref") or "").split()}
    assert "#per.kennedy" in refs and not any(".xml#" in r for r in refs)
    embedded = set(tree.xpath("//t:standOff//t:person/@xml:id|//t:standOff//t:place/@xml:id|//t:standOff//t:org/@xml:id", namespaces=NS))
    local_refs = {r[1:] for r in refs if r.startswith("#")}
    ids = set(tree.xpath("//@xml:id"))
    assert local_refs <= ids, local_refs - ids  # the standalone file resolves every #ref itself
    assert {"per.kennedy", "per.khrushchev", "pla.cuba", "org.usun"} <= embedded
    assert all(p.get(XML_ID) for p in tree.xpath("//t:text//t:p|//t:text//t:note", namespaces=NS))
    schema = etree.RelaxNG(etree.parse(str(TEI_ALL)))
    assert schema.validate(tree), schema.error_log
    assert result.report.count("error") == 0, result.report.diagnostics


def test_rebuild_writes_nothing_and_check_sees_staleness(project):
    cfg = Config(root=project, schema=str(TEI_ALL))
    first = build(cfg, [project / "tei"])
    assert "capture/frus1961-63v06-d73.xml" in first.written
    again = build(cfg, [project / "tei"])
    assert again.written == [] and "capture/frus1961-63v06-d73.xml" in again.unchanged
    assert build(cfg, [project / "tei"], check=True).stale == []
    letter = project / "tei/letters/frus1961-63v06-d73.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("a great, serious talk", "a great, serious, talk"), encoding="utf-8")
    stale = build(cfg, [project / "tei"], check=True)
    # the manifest records the source's hash, so it is stale too
    assert stale.stale == ["capture/frus1961-63v06-d73.xml", "manifest.json"]
    assert b"serious, talk" not in (project / "output/capture/frus1961-63v06-d73.xml").read_bytes(), "--check writes nothing"


def test_a_build_cache_of_an_older_format_or_damaged_is_built_again_never_an_error(project):
    cfg = Config(root=project, schema=str(TEI_ALL))
    first = build(cfg, [project / "tei"])
    outputs = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    index = project / ".editio-cache/index.json"
    header, *entries = index.read_text(encoding="utf-8").splitlines()
    older = {**json.loads(header), "format": 2}  # an older editio wrote [name, entry] lines
    index.write_text("\n".join([json.dumps(older), *(json.dumps([json.loads(n), json.loads(e)])
                                                     for n, e in (line.split("\t", 1) for line in entries))]) + "\n")
    again = build(cfg, [project / "tei"])
    assert again.processed == again.letters > 0
    assert [str(d) for d in again.report.diagnostics] == [str(d) for d in first.report.diagnostics]
    assert {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()} == outputs

    header, *entries = index.read_text(encoding="utf-8").splitlines()
    damaged = [line.split("\t", 1)[0] + "\t{\"sha256\": " if '"kind":"letter"' in line else line for line in entries]
    index.write_text("\n".join([header, *damaged]) + "\n")
    third = build(cfg, [project / "tei"])
    assert third.processed == sum(line != d for line, d in zip(entries, damaged)) > 0  # those letters only
    assert {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()} == outputs


def test_a_letters_data_in_the_cache_cut_short_is_made_again(tmp_path):
    """A build killed while a letter's data for the finish steps was written leaves that
    file cut short: the finish steps never take what is left for the whole, the letter is
    processed again."""
    project = tmp_path
    shutil.copytree(REPO / "tei", project / "tei", ignore=shutil.ignore_patterns("schema"))
    cfg = Config(root=project, schema=str(TEI_ALL))
    shutil.copy(project / "tei/letters/frus1961-63v06-d73.xml", project / "tei/letters/copy.xml")
    build(cfg, [project / "tei"])
    outputs = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    kept = [p for p in (project / ".editio-cache").rglob("*") if p.is_file() and p.parent.name == "parts"]
    assert len(kept) == 2
    for path in kept:
        path.write_bytes(path.read_bytes()[:path.stat().st_size // 2])
    manifest = json.loads((project / "output/manifest.json").read_text(encoding="utf-8"))
    corpus_wide = [f for f, v in manifest["files"].items() if v["from"] == "edition"]
    assert "xml/corpus.xml" in corpus_wide
    for f in corpus_wide:  # every finish step runs again, and reads every letter's data
        (project / "output" / f).unlink()
    again = build(cfg, [project / "tei"])
    assert again.processed == 0 and sorted(again.written) == sorted(corpus_wide)
    assert {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()} == outputs


def test_outputs_of_a_deleted_source_are_removed(project):
    cfg = Config(root=project, schema=str(TEI_ALL))
    extra = project / "tei/letters/copy.xml"
    shutil.copy(project / "tei/letters/frus1961-63v06-d73.xml", extra)
    build(cfg, [project / "tei"])
    assert (project / "output/capture/copy.xml").is_file()
    extra.unlink()
    result = build(cfg, [project / "tei"])
    assert result.removed == ["capture/copy.xml"]
    assert not (project / "output/capture/copy.xml").exists()


def test_invalid_well_formed_letters_are_built(project):
    letter = project / "tei/letters/frus1961-63v06-d73.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("<salute>Dear Mr. President,</salute>", "<salut>Dear Mr. President,</salut>"), encoding="utf-8")
    result = build(Config(root=project, schema=str(TEI_ALL)), [project / "tei"])
    assert (project / "output/capture/frus1961-63v06-d73.xml").is_file(), "a well-formed letter is built"
    assert result.report.count("error") >= 1 and not result.skipped


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "html/../../x", "", "./"])
def test_output_paths_cannot_leave_the_output_folder(tmp_path, bad):
    folder = OutputFolder(tmp_path / "output", check=False)
    with pytest.raises(OutputError):
        folder.put(bad, b"x", "tei/x.xml")
    assert not (tmp_path / "escape.html").exists()


def test_a_file_name_a_url_cannot_carry_gives_outputs_with_a_safe_name(tmp_path):
    """A source file named "d73%20Kopie.xml" (as one public edition has one) or with spaces
    gets outputs named with "-" instead, so every link to its page works."""
    project = tmp_path / "p"
    shutil.copytree(REPO / "tei", project / "tei")
    letters = project / "tei/letters"
    (letters / "frus1961-63v06-d73.xml").rename(letters / "d73%20Kopie of #2.xml")
    build(Config(root=project), [project / "tei"])
    pages = sorted(p.name for p in (project / "output/html").glob("d73*.html"))
    assert pages == ["d73-Kopie-of-2.html"]
    index = (project / "output/html/index.html").read_text(encoding="utf-8")
    assert 'href="d73-Kopie-of-2.html"' in index and "%20" not in index


def test_the_manifest_names_editios_own_schema_without_the_path_of_the_install(project):
    # a project without a schema of its own is validated against editio's: the manifest must
    # be the same wherever editio is installed, so it cannot carry that path
    letter = project / "tei/letters/frus1961-63v06-d73.xml"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text[:text.index("<?xml-model")] + text[text.index("<TEI"):], encoding="utf-8")
    build(Config(root=project), [project / "tei"])
    manifest = (project / "output/manifest.json").read_text(encoding="utf-8")
    assert '"schema:editio:editio.rng"' in manifest
    assert str(REPO) not in manifest
