"""Where the stylesheets and schemas are: inside the wheel, or in the checkout."""

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
