import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


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
