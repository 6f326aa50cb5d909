"""pre-commit hooks, the GitHub action and the GitLab CI snippet: each runs the command it names."""

import re
import shlex
import shutil

from lxml import etree

from conftest import FIXTURES, REPO


def yaml_items(path) -> list[dict]:
    """The `- key: value` items of a flat YAML list (the shape of .pre-commit-hooks.yaml)."""
    items = []
    for line in path.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        m = re.match(r"^(- |  )(\w[\w-]*): (.*)$", line)
        assert m, f"{path.name}: unexpected line {line!r}"
        if m.group(1) == "- ":
            items.append({})
        items[-1][m.group(2)] = m.group(3)
    return items


def edition_copy(tmp_path):
    shutil.copytree(REPO / "tei", tmp_path / "tei")
    return tmp_path


def run_line(run_editio, command: str, cwd):
    words = shlex.split(command)
    assert words[0] == "editio", command
    return run_editio(*words[1:], cwd=cwd)


def test_pre_commit_hooks_run_validate_and_fmt_check(run_editio, tmp_path):
    hooks = {h["id"]: h for h in yaml_items(REPO / ".pre-commit-hooks.yaml")}
    assert set(hooks) == {"editio-validate", "editio-fmt"}
    assert {h["language"] for h in hooks.values()} == {"python"}
    assert hooks["editio-validate"]["entry"] == "editio validate" and hooks["editio-fmt"]["entry"] == "editio fmt --check"
    assert all(h["pass_filenames"] == "false" for h in hooks.values())
    assert re.search(hooks["editio-fmt"]["files"], "tei/letters/d73.xml")
    project = edition_copy(tmp_path)
    assert run_line(run_editio, hooks["editio-validate"]["entry"], project).exit_code == 0
    # fmt --check fails while a file is not formatted, and passes once `editio fmt` ran
    letter = project / "tei/letters/frus1961-63v06-d73.xml"
    before = letter.read_text()
    letter.write_text(before.replace('<pb xml:id="d73.pb199" n="199"/>', '<pb n="199"  xml:id="d73.pb199" />'))
    assert letter.read_text() != before
    r = run_line(run_editio, hooks["editio-fmt"]["entry"], project)
    assert r.exit_code == 1 and "would reformat tei/letters/frus1961-63v06-d73.xml" in r.output
    run_editio("fmt", cwd=project)
    assert run_line(run_editio, hooks["editio-fmt"]["entry"], project).exit_code == 0
    assert run_line(run_editio, hooks["editio-validate"]["entry"], project).exit_code == 0


def test_github_action_installs_from_its_path_and_annotates(run_editio, tmp_path):
    text = (REPO / "action.yml").read_text()
    assert re.search(r"^runs:\n  using: composite$", text, re.M)
    assert "uses: actions/setup-python@v5" in text
    assert 'run: python -m pip install "${{ github.action_path }}"' in text
    assert (REPO / "pyproject.toml").is_file(), "the action's path is an installable project"
    command = re.search(r"run: (editio validate .*)$", text, re.M).group(1)
    assert command == "editio validate --format github ${{ inputs.paths }}"
    project = edition_copy(tmp_path)
    assert run_line(run_editio, command.replace("${{ inputs.paths }}", ""), project).exit_code == 0
    letter = project / "tei/letters/frus1961-63v06-d73.xml"
    letter.write_text(letter.read_text().replace('when="1962-11-05"', 'when="1962-11-31"', 1))
    r = run_line(run_editio, command.replace("${{ inputs.paths }}", "tei"), project)
    assert r.exit_code == 1 and r.output.startswith("::error file=tei/letters/frus1961-63v06-d73.xml,line=")


def test_gitlab_snippet_writes_the_junit_report_it_publishes(run_editio, tmp_path):
    text = (REPO / "docs/gitlab-ci.yml").read_text()
    command = re.search(r"^    - (editio validate .*)$", text, re.M).group(1)
    assert command == "editio validate --format junit -o editio-junit.xml"
    assert re.search(r"^  artifacts:\n    when: always\n    reports:\n      junit: editio-junit.xml$", text, re.M)
    project = edition_copy(tmp_path)
    r = run_line(run_editio, command, project)
    assert r.exit_code == 0, r.output
    report = etree.parse(str(project / "editio-junit.xml"))
    schema = etree.RelaxNG(etree.parse(str(FIXTURES / "junit.rng")))
    assert schema.validate(report), schema.error_log
