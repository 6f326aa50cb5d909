import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# `pytest` alone runs the fast tests (under a minute); `pytest --full` runs every test, the
# slow ones (large builds, tei_all, a wheel) and those that start a browser, Java or node too.
SLOW_MARKERS = ("slow", "browser")


def pytest_addoption(parser):
    parser.addoption("--full", action="store_true", help="also run the slow and browser tests")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes more than a few seconds (large builds, tei_all, a wheel)")
    config.addinivalue_line("markers", "browser: starts Chromium, the Nu checker (Java) or node")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--full"):
        return
    for item in items:
        marks = [m for m in SLOW_MARKERS if m in item.keywords]
        if marks:
            item.add_marker(pytest.mark.skip(reason=f"{marks[0]}: run with --full"))


def bench_generator():
    """bench/generate.py as a module (bench/ is no package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEI_ALL = REPO / "transform" / "schemas" / "tei_all.rng"


@pytest.fixture
def run_editio(monkeypatch):
    """Run the editio command in-process, as a user would type it; returns click's Result."""
    from click.testing import CliRunner

    from editio.cli import cli

    def run(*args, cwd: Path | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        env = {k: v for k, v in os.environ.items() if k != "EDITIO_DEBUG"}
        return CliRunner().invoke(cli, [str(a) for a in args], env=env)

    return run
