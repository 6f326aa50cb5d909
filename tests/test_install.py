"""The install is what the README and the tutorial say, and it works with Debian's own Python,
which refuses `pip install` outside a virtual environment (PEP 668): the commands are taken
from the documents and run in a clone of this repository, with only the system's PATH."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

DEBIAN_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
DEBIAN_PYTHON = Path("/usr/bin/python3")


def sh_blocks(text: str) -> list[list[str]]:
    return [m.group(1).strip().splitlines() for m in re.finditer(r"^```sh\n(.*?)^```$", text, re.M | re.S)]


def quick_start() -> list[str]:
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index("## Quick start"):]
    return sh_blocks(section)[0]


def tutorial_install() -> list[str]:
    text = (REPO / "docs/tutorial.md").read_text()
    section = text[text.index("## 1. Install editio"):]
    return sh_blocks(section)[0]


def debian_shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["/bin/bash", "-c", command], cwd=cwd, env={"PATH": DEBIAN_PATH, "HOME": str(cwd)},
                          capture_output=True, text=True, timeout=900)


def clone(tmp_path: Path) -> Path:
    """The repository as a fresh clone would have it: its tracked files, as they are now."""
    target = tmp_path / "editio"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    for name in filter(None, files.split("\0")):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


def needs_debian_python():
    if not DEBIAN_PYTHON.is_file() or subprocess.run([DEBIAN_PYTHON, "-c", "import ensurepip, venv"]).returncode:
        pytest.skip("Debian's python3 with python3-venv is not installed")


def test_quick_start_is_two_commands_and_ci_runs_them():
    first, second = quick_start()
    assert first.startswith("bash .ci/install-tools && python3 -m venv .venv && ")
    assert second == ".venv/bin/python -m pytest -q --full"
    ci = (REPO / ".ci/run").read_text()
    install = first.removesuffix(" && .venv/bin/editio build")
    assert install != first and install in ci.splitlines()
    lines = ci.splitlines()
    assert lines[-1] == second and ".venv/bin/editio build --check" in lines
    assert lines.index(install) < lines.index(".venv/bin/editio build --check") < lines.index(second)
    path_line = next(i for i, line in enumerate(lines) if line.startswith("export PATH="))
    assert lines[path_line].startswith(f'export PATH="{DEBIAN_PATH}') and path_line < lines.index(install)
    tools = (REPO / ".ci/install-tools").read_text()
    assert re.search(r"^packages=\(python3-venv python3-pip ", tools, re.M)


@pytest.mark.slow
def test_quick_start_builds_the_edition_with_debian_python(tmp_path):
    """The first command of the quick start without `bash .ci/install-tools` (apt-get and npm
    are not for a test): venv, pip install, build; the build writes what output/ holds."""
    needs_debian_python()
    repo = clone(tmp_path)
    first = quick_start()[0].removeprefix("bash .ci/install-tools && ")
    r = debian_shell(first, repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "externally-managed" not in r.stderr
    check = debian_shell(".venv/bin/editio build --check", repo)
    assert check.returncode == 0 and "up to date" in check.stdout, check.stdout + check.stderr
    version = debian_shell(".venv/bin/python -c 'import sys; print(sys.base_prefix)'", repo)
    assert version.stdout.strip() == "/usr"


@pytest.mark.slow
def test_tutorial_install_works_with_debian_python(tmp_path):
    """Step 1 of the tutorial, line by line in one shell, beside a clone named editio; then
    `editio --version` as the tutorial shows it. Nothing for the tests is installed."""
    needs_debian_python()
    clone(tmp_path)
    lines = tutorial_install()
    assert lines == ["python3 -m venv .venv", ".venv/bin/pip install ./editio", ". .venv/bin/activate"]
    r = debian_shell(" && ".join([*lines, "editio --version", "pip list --format=freeze"]), tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"^editio, version \S+$", r.stdout, re.M)
    installed = {line.split("==")[0].lower() for line in r.stdout.splitlines() if "==" in line}
    assert {"editio", "lxml", "click"} <= installed
    assert not installed & {"pytest", "hypothesis", "playwright"}, "the user's install takes no test tools"
