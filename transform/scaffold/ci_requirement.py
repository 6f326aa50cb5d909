"""Which editio the CI workflow of a new project installs: the one that wrote it.

PEP 610: pip records in the installed distribution's direct_url.json the URL it was
installed from (a VCS URL with its commit, a local folder, an archive); a package installed
from an index has none.
"""

import json
import re
from pathlib import Path

from .. import __version__

PLACEHOLDER_REQUIREMENT = "editio @ git+https://github.com/OWNER/editio@COMMIT"


def installed_direct_url() -> dict | None:
    """The installed editio's direct_url.json (PEP 610), or None."""
    from importlib import metadata

    # the first one that has it: an editio.egg-info left in the current folder by a build of
    # editio's sources comes first on sys.path under `python -m`, and has none
    for dist in metadata.distributions(name="editio"):
        try:
            text = dist.read_text("direct_url.json")
            if text:
                return json.loads(text)
        except ValueError:
            return None
    return None


def editio_requirement(direct_url: dict | None) -> tuple[str, str]:
    """The pip requirement of the installed editio for a CI runner, and a comment on where it
    comes from (and, when it cannot be known or reached from a runner, what to fill in)."""
    direct_url = direct_url or {}
    url = direct_url.get("url", "")
    fill_in = (f'Fill it in, e.g. "{PLACEHOLDER_REQUIREMENT}" (the repository and commit of your editio)'
               f' or "editio=={__version__}" if your package index serves it.')
    if "vcs_info" in direct_url:
        vcs = direct_url["vcs_info"]
        commit = vcs.get("commit_id")
        return (f"editio @ {vcs.get('vcs', 'git')}+{url}" + (f"@{commit}" if commit else ""),
                "editio init wrote the repository and commit its own editio was installed from.")
    if "archive_info" in direct_url:
        return f"editio @ {url}", "editio init wrote the archive its own editio was installed from."
    if url.startswith("file://"):
        from urllib.parse import unquote, urlparse

        folder = Path(unquote(urlparse(url).path))
        remote = _git_origin(folder)
        if remote:
            return (f"editio @ git+{remote[0]}@{remote[1]}",
                    f"editio init wrote the remote and commit of {folder}, the clone its own editio was installed from;\n"
                    "that commit must be pushed there.")
        return (f"editio @ {url}",
                f"editio init wrote the folder its own editio was installed from, {folder}, which a CI runner cannot reach.\n"
                + fill_in)
    return PLACEHOLDER_REQUIREMENT, f"editio init could not tell where its own editio was installed from.\n{fill_in}"


def _git_origin(folder: Path) -> tuple[str, str] | None:
    """(URL of the remote `origin`, as https when it is an scp-like ssh address; HEAD's commit)
    of a git clone, or None."""
    import subprocess

    def git(*args):
        r = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10)
        return r.stdout.strip() if r.returncode == 0 else ""

    try:
        remote, commit = git("config", "--get", "remote.origin.url"), git("rev-parse", "HEAD")
    except (OSError, subprocess.SubprocessError):
        return None
    scp = re.fullmatch(r"[\w.-]+@([\w.-]+):(.+)", remote)
    if scp:
        remote = f"https://{scp.group(1)}/{scp.group(2)}"
    return (remote, commit) if remote and commit and "://" in remote else None
