"""Shared by test_html.py and test_html_browser.py: a temporary project (the edition's
letters and registers plus the letters of tests/fixtures/html), built with the HTML
builder; and the external tools, which are a skip when missing locally and a failure in CI."""

import os
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import FIXTURES, REPO
from editio.config import Config
from editio.pipeline import build

HTML_FIXTURES = FIXTURES / "html"
LETTER = "frus1961-63v06-d73"
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
SAXON_JARS = (Path("/usr/share/java/Saxon-HE.jar"), Path("/usr/share/java/Saxon-HE-9.9.jar"))


def make_project(root: Path, fixtures: bool = True) -> Path:
    """A copy of the edition's tei/ in `root`, with the HTML test letters added."""
    shutil.copytree(REPO / "tei", root / "tei")
    if fixtures:
        for letter in sorted(HTML_FIXTURES.glob("*.xml")):
            shutil.copy(letter, root / "tei" / "letters" / letter.name)
    return root


def build_html(project: Path, only=("html",), **kwargs):
    return build(Config(root=project), [project / "tei"], only=list(only) if only else None, **kwargs)


def page(path: Path):
    return lxml_html.parse(str(path)).getroot()


def require(tool: str, present: bool, how: str = "run .ci/install-tools") -> None:
    """Skip (locally) or fail (in CI, where CI=true) when a tool is missing."""
    if present:
        return
    message = f"{tool} is not installed: {how}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def saxon_jar() -> Path | None:
    return next((p for p in SAXON_JARS if p.is_file()), None)


def have(command: str) -> bool:
    return shutil.which(command) is not None
