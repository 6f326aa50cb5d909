"""Progress on a terminal: validate and build show done/total, the rate and the time left on
stderr, only when stderr is a terminal (never in CI or when redirected)."""

import os
import re
import subprocess
import sys
import threading

import pytest

from conftest import REPO

LINE = re.compile(r"\r(?:\x1b\[\?25l)?\[[#.]{30}\] (\d+)/(\d+) (files|letters), \d+/s(?:, \d\d:\d\d:\d\d left)?")
CURSOR_SHOWN = "\x1b[?25h"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "editio.toml").write_text(f'sources = ["{REPO / "tei"}"]\noutput = "out"\n', encoding="utf-8")
    return tmp_path


def on_terminal(folder, *args, env=None):
    """editio run as a user runs it, its stderr a (pseudo-)terminal: (exit code, stdout, what the terminal showed)."""
    import pty

    master, slave = pty.openpty()
    env = env or {k: v for k, v in os.environ.items() if k not in ("CI", "EDITIO_DEBUG")}
    p = subprocess.Popen([sys.executable, "-m", "editio", *args], cwd=folder, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    shown = []

    def read():
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the process has closed the terminal
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    out, _ = p.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return p.returncode, out.decode(), b"".join(shown).decode()


@pytest.mark.parametrize("command, what", [("validate", "files"), ("build", "letters")])
def test_progress_on_a_terminal(project, command, what):
    code, out, terminal = on_terminal(project, command, "--no-color")
    assert code == 0, out + terminal
    shown = LINE.findall(terminal)
    assert shown and all(kind == what for _, _, kind in shown), repr(terminal)
    done = [int(d) for d, _, _ in shown]
    assert done == sorted(done) and done[-1] == int(shown[-1][1]), "it counts up to the total"
    assert terminal.rstrip("\r\n").endswith(CURSOR_SHOWN), "the line is ended and the cursor shown again"
    assert "\r" not in out


def test_no_progress_in_ci(project):
    code, out, terminal = on_terminal(project, "validate", env={**os.environ, "CI": "true"})
    assert code == 0 and not LINE.search(terminal) and "\r" not in terminal + out


def test_no_progress_when_not_on_a_terminal(run_editio, project):
    r = run_editio("validate", cwd=project)
    assert r.exit_code == 0 and not LINE.search(r.stderr) and "\r" not in r.output
