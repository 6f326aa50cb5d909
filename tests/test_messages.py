"""One clear finding per mistake: an impossible date, a date given to `editio new letter`,
an emptied register list."""

import re
import shutil

import pytest

from conftest import REPO
from editio.config import load
from editio.validate.runner import validate
from test_workflow_init import new_project
from test_workflow_new import PEOPLE

LETTER = "tei/letters/frus1961-63v06-d73.xml"


@pytest.fixture
def edition(tmp_path):
    """A copy of this repository's edition: its letter and registers."""
    shutil.copytree(REPO / "tei", tmp_path / "tei")
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    return tmp_path


def findings(folder, *paths):
    report = validate([folder / p for p in paths] or [folder / "tei"], load(start=folder))
    return [d for d in report.diagnostics if d.severity == "error"]


def test_an_impossible_day_is_one_finding_that_says_why(edition):
    letter = edition / LETTER
    text = letter.read_text()
    assert text.count('when="1962-11-04"') >= 1
    letter.write_text(text.replace('when="1962-11-04"', 'when="1962-02-30"', 1))
    errors = findings(edition)
    assert [(d.rule, d.message) for d in errors] == [("ED301", 'when="1962-02-30": February 1962 has no day 30: it has 28 days')]


def test_a_date_of_the_wrong_form_is_still_a_schema_finding(edition):
    letter = edition / LETTER
    letter.write_text(letter.read_text().replace('when="1962-11-04"', 'when="4.11.1962"', 1))
    rules = sorted(d.rule for d in findings(edition))
    assert rules and all(r in ("ED101", "ED301") for r in rules) and len(rules) == 1


@pytest.mark.parametrize("date, words", [
    ("1962-02-30", "February 1962 has no day 30: it has 28 days"),
    ("1900-02-29", "February 1900 has no day 29"),
    ("1962-13-01", "month 13 does not exist"),
    ("1962-11-4", "is not a date in the form YYYY-MM-DD"),
])
def test_new_letter_says_what_is_wrong_with_the_date(run_editio, tmp_path, date, words):
    project = new_project(run_editio, tmp_path / "ed", *PEOPLE)
    r = run_editio("new", "letter", "--from", "khrushchev", "--to", "kennedy", "--date", date, cwd=project)
    assert r.exit_code == 1 and words in r.output and f"'{date}'" in r.output
    assert not list((project / "tei/letters").glob("*.xml"))
    if "form" not in words:
        assert "form" not in r.output, "the form is right: the day or month is wrong"


def test_an_emptied_register_list_names_its_entry_as_the_example(edition):
    register = edition / "tei/registers/organisations.xml"
    register.write_text(re.sub(r"<listOrg>.*</listOrg>", "<listOrg>\n    </listOrg>", register.read_text(), flags=re.S))
    found = [d for d in findings(edition, "tei/registers/organisations.xml") if d.rule == "ED101"]
    assert len(found) == 1 and "<listOrg> is incomplete" in found[0].message
    assert found[0].hint == "add the content that <listOrg> requires, e.g. <org>"
