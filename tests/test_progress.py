"""Progress on a terminal: validate and build show done/total, the rate and the time left on
stderr, only when stderr is a terminal (never in CI or when redirected)."""

import re

import pytest

from conftest import REPO
from editio import cli as cli_module

LINE = re.compile(r"\r\[[#.]{30}\] (\d+)/(\d+) (files|letters), \d+/s, \d+:\d\d left ")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "editio.toml").write_text(f'sources = ["{REPO / "tei"}"]\noutput = "out"\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command, what", [("validate", "files"), ("build", "letters")])
def test_progress_on_a_terminal(run_editio, project, monkeypatch, command, what):
    monkeypatch.setattr(cli_module, "_on_terminal", lambda: True)  # CliRunner is no terminal: the test says it is
    r = run_editio(command, cwd=project)
    assert r.exit_code == 0, r.output
    shown = LINE.findall(r.stderr)
    assert shown and all(kind == what for _, _, kind in shown), r.stderr
    done = [int(d) for d, _, _ in shown]
    assert done == sorted(done) and done[-1] == int(shown[-1][1]), "it counts up to the total"
    assert r.stderr.count("\n") >= 1 and LINE.pattern not in r.stdout


def test_no_progress_when_not_on_a_terminal(run_editio, project):
    r = run_editio("validate", cwd=project)
    assert r.exit_code == 0 and not LINE.search(r.stderr) and "\r" not in r.output
