"""editio init: a new project with the layout of this repository, ready to validate and build."""

import fnmatch
import json
import re
import tomllib
from pathlib import Path

from conftest import REPO
from editio.scaffold import ci_requirement, init, layout
from editio.config import KEYS, Config, load

EXPECTED = [".github/workflows/editio.yml", ".gitignore", ".pre-commit-config.yaml", "editio.toml", "tei/letters/.gitkeep",
            "tei/registers/organisations.xml", "tei/registers/persons.xml", "tei/registers/places.xml", "tei/schema/editio.rng"]


def new_project(run_editio, folder: Path, *entries: list[str]) -> Path:
    """A project made with `editio init`, then `editio new ...` for each argument list."""
    r = run_editio("init", folder, "-q")
    assert r.exit_code == 0, r.output
    for args in entries:
        r = run_editio("new", *args, cwd=folder)
        assert r.exit_code == 0, r.output
    return folder


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_init_writes_the_layout_of_this_repository(run_editio, tmp_path):
    r = run_editio("init", tmp_path / "ed")
    assert r.exit_code == 0, r.output
    assert files_under(tmp_path / "ed") == EXPECTED
    assert all(f"wrote {tmp_path / 'ed' / f}" in r.output for f in EXPECTED)
    assert (tmp_path / "ed/tei/schema/editio.rng").read_bytes() == (REPO / "tei/schema/editio.rng").read_bytes()


def test_new_project_validates_builds_and_checks_clean(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed")
    r = run_editio("validate", cwd=project)
    assert r.exit_code == 0 and "3 files checked: no problems" in r.output, r.output
    r = run_editio("fmt", "--check", cwd=project)
    assert r.exit_code == 0 and "0 files would be reformatted, 3 unchanged" in r.output, r.output
    r = run_editio("build", cwd=project)
    assert r.exit_code == 0, r.output
    assert (project / "output/manifest.json").is_file()
    # an empty register is still a register, not a letter: no letter page, text or export is made of it
    made = json.loads((project / "output/manifest.json").read_text())["files"]
    for name in ("persons", "places", "organisations"):
        assert not [f for f in made if f.startswith(("text/", "xml/", "export/jsonld/")) and name in f], made


def test_init_refuses_existing_files_and_writes_nothing(run_editio, tmp_path):
    (tmp_path / "tei/registers").mkdir(parents=True)
    (tmp_path / "editio.toml").write_text("output = 'site'\n")
    (tmp_path / "tei/registers/persons.xml").write_text("mine")
    r = run_editio("init", tmp_path)
    assert r.exit_code == 1
    assert "editio.toml, tei/registers/persons.xml" in r.output and "nothing was written" in r.output
    assert files_under(tmp_path) == ["editio.toml", "tei/registers/persons.xml"]
    assert (tmp_path / "editio.toml").read_text() == "output = 'site'\n"
    r = run_editio("init", tmp_path / "editio.toml")
    assert r.exit_code != 0 and "Traceback" not in r.output


def test_init_into_the_current_folder_with_a_title(run_editio, tmp_path):
    r = run_editio("init", "--title", "Kennedy & Khrushchev", "-q", cwd=tmp_path)
    assert r.exit_code == 0 and r.output == ""
    persons = (tmp_path / "tei/registers/persons.xml").read_text()
    assert "<title>Kennedy &amp; Khrushchev: register of persons</title>" in persons


def test_configuration_template_names_every_key_with_its_default(tmp_path):
    init.init(tmp_path / "ed", 'Letters "K" & \\ K')
    text = (tmp_path / "ed/editio.toml").read_text()
    assert tomllib.loads(text) == {"title": 'Letters "K" & \\ K'}, "all but the title are commented out: the defaults apply"
    commented = dict(re.findall(r"^# ([a-z_]+) = (.+)$", text, re.M))
    assert set(commented) | {"rules", "title"} == set(KEYS), "the template documents every configuration key"
    assert "# [rules]" in text
    uncommented = "\n".join(f"{k} = {v}" for k, v in commented.items())
    (tmp_path / "editio.toml").write_text(uncommented)
    cfg = load(tmp_path / "editio.toml")
    default = Config(root=tmp_path)
    for key in ("sources", "output", "max_file_size", "text_width"):
        assert getattr(cfg, key) == getattr(default, key), key


def test_templates_travel_as_package_data():
    conf = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "editio.templates" in conf["packages"]
    patterns = conf["package-data"]["editio.templates"]
    for p in layout.TEMPLATES.rglob("*"):
        if p.is_file() and p.suffix != ".pyc" and p.name != "__init__.py" and "__pycache__" not in p.parts:
            rel = p.relative_to(layout.TEMPLATES).as_posix()
            assert any(fnmatch.fnmatch(rel, pat) for pat in patterns), f"{rel} is not in package-data"
    for template in init.PROJECT_FILES.values():
        assert template is None or (layout.TEMPLATES / template).is_file()


def test_workflow_and_pre_commit_of_a_new_project_run_editio(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed")
    workflow = (project / ".github/workflows/editio.yml").read_text()
    hooks = (project / ".pre-commit-config.yaml").read_text()
    assert "EDITIO_REQUIREMENT" in workflow and "${" not in workflow
    commands = re.findall(r"^\s+run: (editio .+)$", workflow, re.M) + re.findall(r"^\s+entry: (editio .+)$", hooks, re.M)
    assert "editio validate --format github" in commands and "editio validate" in commands and "editio fmt --check" in commands
    run_editio("build", cwd=project)
    for command in commands:
        r = run_editio(*command.split()[1:], cwd=project)
        assert r.exit_code == 0, (command, r.output)


def test_base_url_goes_into_the_configuration(run_editio, tmp_path):
    r = run_editio("init", tmp_path / "ed", "--base-url", "https://example.org/letters", "-q")
    assert r.exit_code == 0
    assert load(tmp_path / "ed/editio.toml").base_url == "https://example.org/letters/"
    r = run_editio("init", tmp_path / "other", "--base-url", "example.org")
    assert r.exit_code == 1 and "is not an http(s) URL" in r.output and not (tmp_path / "other").exists()


def test_a_failed_write_leaves_nothing_behind(run_editio, tmp_path):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei/letters").write_text("a file where the folder should be")
    r = run_editio("init", tmp_path)
    assert r.exit_code == 1 and "cannot write" in r.output and "Traceback" not in r.output
    assert files_under(tmp_path) == ["tei/letters"]


def workflow_install(workflow: str) -> tuple[str, str]:
    """From a workflow's YAML text: the run line of the step named "Install editio", and the
    requirement it installs (a workflow-level env setting it names, resolved)."""
    env = dict(re.findall(r'^  ([A-Z_]+): "([^"]*)"$', workflow[workflow.index("\nenv:"):workflow.index("\njobs:")], re.M))
    step = re.search(r"^\s+- name: Install editio\n\s+run: (.+)$", workflow, re.M)
    assert step, workflow
    run = step.group(1)
    names = re.findall(r"\$(\w+)", run)
    assert names and all(n in env for n in names), (run, env)
    return run, re.sub(r"\$(\w+)", lambda m: env[m.group(1)], run)


def test_workflow_installs_the_editio_that_wrote_it(run_editio, tmp_path):
    """What pip recorded for the installed editio (PEP 610) is what the workflow installs."""
    import subprocess
    from importlib import metadata

    recorded = [d.read_text("direct_url.json") for d in metadata.distributions(name="editio")]
    direct_url = json.loads(next(filter(None, recorded), "{}"))
    project = new_project(run_editio, tmp_path / "ed")
    run, command = workflow_install((project / ".github/workflows/editio.yml").read_text())
    assert run.startswith("python -m pip install ")
    requirement = re.fullmatch(r'python -m pip install "(editio @ .+)"', command).group(1)
    url = direct_url.get("url", "")
    if "vcs_info" in direct_url:
        assert requirement == f"editio @ {direct_url['vcs_info']['vcs']}+{url}@{direct_url['vcs_info']['commit_id']}"
    else:  # a local folder (this test's editable install): its origin and commit, else the folder itself
        folder = url.removeprefix("file://")
        origin = subprocess.run(["git", "-C", folder, "config", "--get", "remote.origin.url"], capture_output=True, text=True).stdout.strip()
        head = subprocess.run(["git", "-C", folder, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        assert requirement in {f"editio @ {url}", f"editio @ git+{origin}@{head}"}


def test_editio_requirement_follows_pep_610(tmp_path):
    import subprocess

    vcs = {"url": "https://github.com/someone/editio.git", "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "main"}}
    assert ci_requirement.editio_requirement(vcs)[0] == "editio @ git+https://github.com/someone/editio.git@0123abc"
    archive = {"url": "https://example.org/editio-0.1.0.tar.gz", "archive_info": {}}
    assert ci_requirement.editio_requirement(archive)[0] == "editio @ https://example.org/editio-0.1.0.tar.gz"
    unknown, why = ci_requirement.editio_requirement(None)
    assert unknown == ci_requirement.PLACEHOLDER_REQUIREMENT and "Fill it in" in why
    folder = tmp_path / "editio clone"
    folder.mkdir()
    url = folder.as_uri()
    local, why = ci_requirement.editio_requirement({"url": url, "dir_info": {"editable": True}})
    assert local == f"editio @ {url}" and "cannot reach" in why and "Fill it in" in why
    git = ["git", "-C", str(folder), "-c", "user.name=a", "-c", "user.email=a@b"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "x"], check=True)
    subprocess.run([*git, "remote", "add", "origin", "git@github.com:someone/editio.git"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    cloned, why = ci_requirement.editio_requirement({"url": url, "dir_info": {}})
    assert cloned == f"editio @ git+https://github.com/someone/editio.git@{head}" and "must be pushed" in why
