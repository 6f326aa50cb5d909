"""A build killed at any moment (SIGKILL: no cleanup code runs) leaves every output either
as the previous complete build made it or as the new build makes it, never a part of a
file; the sources are untouched; the next build removes the temporary files a kill left.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from editio.pipeline.outputs import TEMPORARY as _TEMPORARY  # the temporaries' names, defined once

# after the command is given to a warm process; a warm build of this project takes ~0.1-0.3 s
KILL_AFTER_MS = [0, 5, 10, 20, 30, 45, 60, 80, 100, 125, 150, 180, 220, 270, 350]

# A process that has run `editio build --check` once (schemas and stylesheets compiled,
# nothing written), then, for each "kill N" on stdin, forks a child that runs the real
# build and SIGKILLs it after N ms. Forking a warm process puts the kills in the build
# itself rather than in Python's start-up.
WORKER = """
import os, signal, sys, time
from click.testing import CliRunner
from editio.cli import cli
CliRunner().invoke(cli, ["build", "--check", "-q"])
print("ready", flush=True)
for line in sys.stdin:
    ms = float(line.split()[1])
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1); os.dup2(devnull, 2)
        CliRunner().invoke(cli, ["build", "-q"])
        os._exit(0)
    time.sleep(ms / 1000)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    print("killed" if os.WIFSIGNALED(status) else "finished", flush=True)
"""
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def editio_build(project: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "EDITIO_DEBUG"}
    return subprocess.Popen([sys.executable, "-m", "editio", "build", "-q"], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def edit_sources(project: Path) -> None:
    """A change that alters the letter's outputs and, through a register, the corpus-wide ones."""
    letter = project / "tei/letters/frus1961-63v06-d73.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("a great, serious talk", "a great, serious, long talk"), encoding="utf-8")
    persons = project / "tei/registers/persons.xml"
    text = persons.read_text(encoding="utf-8")
    persons.write_text(text.replace("Kennedy", "Kennedy (JFK)", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """(project with the edited sources and the old output, old output, new output)."""
    base = tmp_path_factory.mktemp("interrupt")
    old_project, new_project = base / "old", base / "new"
    for p in (old_project, new_project):
        shutil.copytree(REPO / "tei", p / "tei")
    edit_sources(new_project)
    from editio.config import load
    from editio.pipeline import build

    for p in (old_project, new_project):  # in-process (faster); the final build of the test checks it matches the command
        build(load(start=p), [p / "tei"])
    old, new = snapshot(old_project / "output"), snapshot(new_project / "output")
    changed = [k for k in old.keys() & new.keys() if old[k] != new[k]]
    assert len(changed) >= 5, "the two builds must differ in many files for the test to mean something"
    shutil.copytree(old_project / "output", new_project / "old-output")
    return new_project, old, new


def test_killed_build_leaves_old_or_new_files_only(versions):
    project, old, new = versions
    sources = snapshot(project / "tei")
    env = {k: v for k, v in os.environ.items() if k != "EDITIO_DEBUG"}
    worker = subprocess.Popen([sys.executable, "-c", WORKER], cwd=project, env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    outcomes = {"old": 0, "new": 0, "mixed": 0, "temporaries": 0, "finished": 0}
    try:
        assert worker.stdout.readline().strip() == "ready"
        for ms in KILL_AFTER_MS:
            shutil.rmtree(project / "output", ignore_errors=True)
            shutil.copytree(project / "old-output", project / "output")
            worker.stdin.write(f"kill {ms}\n")
            worker.stdin.flush()
            outcomes["finished"] += worker.stdout.readline().strip() == "finished"
            seen = snapshot(project / "output")
            temporaries = [k for k in seen if _TEMPORARY.match(Path(k).name)]
            outcomes["temporaries"] += bool(temporaries)
            finals = {k: v for k, v in seen.items() if k not in temporaries}
            for rel, data in finals.items():
                assert data == old.get(rel) or data == new.get(rel), f"killed after {ms} ms: {rel} is neither the old nor the new file"
            assert set(finals) <= set(old) | set(new), f"killed after {ms} ms: unexpected files {set(finals) - set(old) - set(new)}"
            outcomes["old" if finals == old else "new" if finals == new else "mixed"] += 1
            assert snapshot(project / "tei") == sources, f"killed after {ms} ms: a source changed"
    finally:
        worker.stdin.close()
        worker.wait(timeout=10)
    print(outcomes)
    # the spread must reach into the writing: some kills leave a mixture of old and new files
    assert outcomes["mixed"] >= 1, outcomes

    # the next build completes the output and removes the temporaries a kill left behind
    (project / "output/html/.stale.html.abcd1234.tmp").write_bytes(b"<html>half")
    assert editio_build(project).wait(timeout=60) in (0, 1)
    assert snapshot(project / "output") == new
    assert snapshot(project / "tei") == sources
