"""Parallel and incremental builds give the bytes of a clean build in one process.

On a generated corpus of 300 letters (bench/generate.py), one copy of the edition is built
with `editio build -j 2` and then rebuilt incrementally after each round of edits (a
letter's text, a register entry's description, an entry deleted that letters point at, a
letter deleted, a letter added); a second copy gets the same edits and is built from
nothing with `-j 1 --force` each time. Output folders and printed reports must be equal.
"""

import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import bench_generator

LETTERS = 300


def editio(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "editio", "build", *args], cwd=project, capture_output=True, text=True,
                          check=False, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"})


def report(p: subprocess.CompletedProcess) -> list[str]:
    """What the build printed, without its summary (counts of files written, which differ) and
    where to publish (the output folder, which differs)."""
    lines = (p.stderr + p.stdout).splitlines()
    return [line for line in lines if not (line.startswith("publish ") or re.match(r"^\S+/output: \d+ written", line))]


def differences(a: Path, b: Path) -> list[str]:
    out = []

    def walk(cmp: filecmp.dircmp, rel: str):
        out.extend(f"only in {cmp.left}: {rel}{n}" for n in cmp.left_only)
        out.extend(f"only in {cmp.right}: {rel}{n}" for n in cmp.right_only)
        out.extend(f"differs: {rel}{n}" for n in filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)[1])
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return out


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("incremental")
    bench_generator().main([str(base / "incremental"), "--letters", str(LETTERS), "--seed", "7"])
    shutil.copytree(base / "incremental", base / "clean")
    return base / "incremental", base / "clean"


def clean_build(project: Path) -> subprocess.CompletedProcess:
    shutil.rmtree(project / "output", ignore_errors=True)
    shutil.rmtree(project / ".editio-cache", ignore_errors=True)
    return editio(project, "-j", "1", "--force")


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def rare_person(project: Path) -> tuple[str, int]:
    """A person some letters use, but few: (id, number of letters that use it)."""
    texts = [p.read_text(encoding="utf-8") for p in (project / "tei/letters").glob("*.xml")]
    counts = {}
    for ident in re.findall(r'<person xml:id="([^"]+)"', (project / "tei/registers/persons.xml").read_text(encoding="utf-8")):
        counts[ident] = sum(f'#{ident}"' in text for text in texts)
    return min(((n, i) for i, n in counts.items() if n), default=(0, ""))[::-1]


@pytest.mark.slow
def test_parallel_and_incremental_builds_equal_clean_builds(corpora):
    incremental, clean = corpora
    first = editio(incremental, "-j", "2")
    reference = clean_build(clean)
    assert first.returncode == reference.returncode, first.stderr[-2000:]
    assert not differences(incremental / "output", clean / "output")
    assert report(first) == report(reference)

    again = editio(incremental)
    assert "0 written" in again.stdout and "0 of 300 letters processed" in again.stdout, again.stdout
    assert report(again) == report(reference)

    person, users = rare_person(incremental)
    assert 1 <= users <= 20, "the generator should make a few letters use some person"
    for project in corpora:
        edit(project, "tei/letters/L000010.xml", "</p>", " A sentence added by an editor.</p>")
        text = (project / "tei/registers/persons.xml").read_text(encoding="utf-8")
        end = text.index("</person>", text.index(f'<person xml:id="{person}"'))
        (project / "tei/registers/persons.xml").write_text(text[:end] + "<note>Edited.</note>" + text[end:], encoding="utf-8")
        (project / "tei/letters/L000020.xml").unlink()
        shutil.copy(project / "tei/letters/L000030.xml", project / "tei/letters/L000301.xml")
    step = editio(incremental)
    reference = clean_build(clean)
    assert not differences(incremental / "output", clean / "output")
    assert report(step) == report(reference)
    processed = int(re.search(r"(\d+) of \d+ letters processed", step.stdout).group(1))
    # the edited letter, the added one, those using the edited person, and those pointing at
    # the deleted letter's file: not the whole corpus
    assert processed <= users + 2 + 10, step.stdout

    for project in corpora:  # an entry letters point at disappears: their references dangle
        text = (project / "tei/registers/persons.xml").read_text()
        start = text.index(f'<person xml:id="{person}"')
        end = text.index("</person>", start) + len("</person>")
        (project / "tei/registers/persons.xml").write_text(text[:start] + text[end:])
    step = editio(incremental, "-j", "2")
    reference = clean_build(clean)
    assert step.returncode == reference.returncode == 1
    assert f"#{person}" in step.stdout
    assert not differences(incremental / "output", clean / "output")
    assert report(step) == report(reference)


def in_process(project: Path, monkeypatch, session=None):
    """editio build in this process, as editio serve runs it (with its session), or clean."""
    from editio import pipeline
    from editio.config import load

    monkeypatch.chdir(project)  # findings name files relative to the working folder
    if session is None:
        shutil.rmtree(project / "output", ignore_errors=True)
        shutil.rmtree(project / ".editio-cache", ignore_errors=True)
    result = pipeline.build(load(start=project), [project / "tei"], jobs=1, session=session)
    return result, result.report.diagnostics


@pytest.mark.slow
def test_rebuilds_that_keep_the_registers_and_headers_in_memory_equal_clean_builds(tmp_path, monkeypatch):
    """editio serve keeps the registers as checked and the letters' headers from one build to
    the next (pipeline/session.py): each rebuild must still see every edit, as a clean build does."""
    from editio import pipeline

    bench_generator().main([str(tmp_path / "kept"), "--letters", "12", "--seed", "7"])
    shutil.copytree(tmp_path / "kept", tmp_path / "clean")
    kept, clean = tmp_path / "kept", tmp_path / "clean"
    session = pipeline.Session()

    def same_as_clean(step: str):
        result, found = in_process(kept, monkeypatch, session)
        _, expected = in_process(clean, monkeypatch)
        assert not differences(kept / "output", clean / "output"), step
        assert found == expected, step
        return result, found

    same_as_clean("first build")
    person = re.search(r'<person xml:id="([^"]+)"', (kept / "tei/registers/persons.xml").read_text()).group(1)
    users = [p.name for p in (kept / "tei/letters").glob("*.xml") if f'#{person}"' in p.read_text()]
    assert users, "the generator makes letters that point at the first person"
    for project in (kept, clean):
        edit(project, "tei/letters/L000003.xml", "</p>", " A sentence added by an editor.</p>")
    result, _ = same_as_clean("a letter's text edited")
    assert result.processed == 1
    for project in (kept, clean):
        text = (project / "tei/registers/persons.xml").read_text()
        end = text.index("</person>", text.index(f'<person xml:id="{person}"'))
        (project / "tei/registers/persons.xml").write_text(text[:end] + "<note>Edited in the register.</note>" + text[end:])
    result, _ = same_as_clean("a register entry edited")
    assert result.processed >= len(users), "the letters that use the entry are built again"
    assert any("Edited in the register." in p.read_text() for p in (kept / "output/html").rglob("*.html"))
    for project in (kept, clean):  # the entry goes: the letters' pointers to it dangle
        text = (project / "tei/registers/persons.xml").read_text()
        start = text.index(f'<person xml:id="{person}"')
        end = text.index("</person>", start) + len("</person>")
        (project / "tei/registers/persons.xml").write_text(text[:start] + text[end:])
    _, found = same_as_clean("a register entry removed")
    assert any(f"#{person}" in d.message and d.severity == "error" for d in found)
    for project in (kept, clean):  # a letter added (the copy of another, under a new name), one removed
        shutil.copy(project / "tei/letters/L000005.xml", project / "tei/letters/L000013.xml")
        (project / "tei/letters/L000006.xml").unlink()
    same_as_clean("a letter added, another removed")
