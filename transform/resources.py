"""Where the stylesheets and schemas are: inside the wheel, or in the checkout."""

import hashlib
import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _locate(wheel_name: str, checkout_path: str) -> Path:
    inside = _PACKAGE / wheel_name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / checkout_path


def xslt_dir() -> Path:
    return _locate("xslt", "xslt")


def edition_schema_dir() -> Path:
    return _locate("edition_schema", "tei/schema")


def edition_schema() -> Path:
    return edition_schema_dir() / "editio.rng"


def project_edition_schema(root: Path) -> Path:
    """The edition schema of the project at `root`: its tei/schema/editio.rng when it has
    one (editio init writes it there), else editio's own."""
    project = root / "tei" / "schema" / "editio.rng"
    return project if project.is_file() else edition_schema()


def tei_all_schema() -> Path:
    return _PACKAGE / "schemas" / "tei_all.rng"


def code_hash() -> str:
    """A hash of editio's own files (code, stylesheets, schemas): a changed editio makes
    every cached result stale, also between two commits of the same version."""
    digest = hashlib.sha256()
    for root in dict.fromkeys((_PACKAGE, xslt_dir(), edition_schema_dir())):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".xsl", ".rng", ".css", ".txt", ".sch", ".js", ".html")):
                    path = os.path.join(folder, name)
                    digest.update(os.path.relpath(path, root).encode())
                    with open(path, "rb") as f:
                        digest.update(hashlib.file_digest(f, "sha256").digest())
    return digest.hexdigest()
