"""The package works installed as a wheel, away from the checkout: stylesheets and schemas travel inside it."""

import pytest
import subprocess
import sys
import venv
import zipfile

from conftest import FIXTURES, REPO

pytestmark = [pytest.mark.slow]


def test_wheel_installs_and_validates_from_another_directory(tmp_path):
    import shutil

    # a copy without what an editable install or an earlier build leaves (egg-info, build/),
    # which setuptools would read the list of files from
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "*.egg-info", "build",
                                                                ".pytest_cache", ".editio-cache", "__pycache__"))
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, source],
                   check=True, cwd=tmp_path, capture_output=True)
    wheel = next(dist.glob("editio-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "editio/schemas/tei_all.rng" in names
    assert "editio/edition_schema/editio.rng" in names
    packages = [p.parent.relative_to(REPO / "transform").as_posix() for p in (REPO / "transform").rglob("__init__.py")]
    assert not [p for p in packages if f"editio/{p}/__init__.py".replace("/./", "/") not in names], "every package is in the wheel"

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "-q", wheel], check=True, capture_output=True)
    editio = env_dir / "bin" / "editio"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    version = subprocess.run([editio, "--version"], cwd=elsewhere, capture_output=True, text=True)
    assert version.returncode == 0 and "0.1.0" in version.stdout
    # the installed copy finds its own schemas: nothing of the checkout is on its path
    where = subprocess.run([py, "-c", "import editio.resources as r; print(r.edition_schema(), r.tei_all_schema())"],
                           cwd=elsewhere, capture_output=True, text=True, check=True).stdout
    assert str(REPO) not in where and str(env_dir) in where
    letter = elsewhere / "letter.xml"
    letter.write_bytes((FIXTURES / "reading" / "utf8-bom.xml").read_bytes())
    ok = subprocess.run([editio, "validate", letter.name, "--schema", "tei_all"], cwd=elsewhere, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = elsewhere / "broken.xml"
    broken.write_text(letter.read_text(encoding="utf-8-sig").replace("<p>Déjà vu</p>", "<p><salut>Déjà vu</salut></p>"))
    bad = subprocess.run([editio, "validate", broken.name], cwd=elsewhere, capture_output=True, text=True)
    assert bad.returncode == 1 and "ED101" in bad.stdout, bad.stdout + bad.stderr
