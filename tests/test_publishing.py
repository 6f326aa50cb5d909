"""The output folder is the publishing root: published as it is at base_url, every URL the
exports and the pages give is a file in it, and `editio build` says where to publish."""

import json
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
from lxml import etree, html

from conftest import REPO

BASE = "https://example.org/kennedy-khrushchev/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The edition of this repository built with a base URL, as `editio build` does it."""
    from click.testing import CliRunner

    from editio.cli import cli

    folder = tmp_path_factory.mktemp("site")
    (folder / "editio.toml").write_text(f'sources = ["{REPO / "tei"}"]\noutput = "out"\nbase_url = "{BASE}"\n', encoding="utf-8")
    cwd = Path.cwd()
    try:
        import os

        os.chdir(folder)
        result = CliRunner().invoke(cli, ["build", "--no-color"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return folder / "out", result.output


def published_file(root: Path, url: str) -> Path:
    """The file a static host serves for an absolute URL under BASE."""
    assert url.startswith(BASE), url
    rel = unquote(urldefrag(url)[0][len(BASE):])
    path = (root / rel).resolve()
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    assert path.is_relative_to(root.resolve()), url
    return path


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def test_every_url_of_cmif_is_a_file_of_the_published_folder(built):
    root, _ = built
    tree = etree.parse(str(root / "export/cmif.xml"))
    urls = [v for v in tree.xpath("//@*|//text()") if str(v).strip().startswith(BASE)]
    assert f"{BASE}export/cmif.xml" in [str(u).strip() for u in urls] and f"{BASE}html/frus1961-63v06-d73.html" in urls
    for url in urls:
        assert published_file(root, str(url).strip()).is_file(), url


def test_every_url_of_the_json_ld_and_the_pages_is_a_file_of_the_published_folder(built):
    root, _ = built
    checked = 0
    for path in sorted((root / "export/jsonld").rglob("*.json")):
        for url in strings(json.loads(path.read_text(encoding="utf-8"))):
            if url.startswith(BASE):
                assert published_file(root, url).is_file(), (path.name, url)
                checked += 1
    for page in sorted(root.rglob("*.html")):
        doc = html.parse(str(page)).getroot()
        for script in doc.xpath("//script[@type='application/ld+json']"):
            for url in strings(json.loads(script.text)):
                if url.startswith(BASE):
                    assert published_file(root, url).is_file(), (page.name, url)
                    checked += 1
        for link in doc.xpath("//@href|//@src"):
            target = urldefrag(link)[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue  # a fragment of the page itself, or an external URL
            resolved = (page.parent / unquote(target)).resolve()
            assert resolved.is_relative_to(root.resolve()) and resolved.is_file(), (page.relative_to(root), link)
            checked += 1
    assert checked > 20


def test_the_published_address_itself_leads_to_the_reading_edition(built):
    root, _ = built
    page = html.parse(str(published_file(root, BASE))).getroot()
    assert page.xpath("string(//meta[@http-equiv='refresh']/@content)") == "0; url=html/index.html"
    assert page.xpath("//a/@href") == ["html/index.html"] and (root / "html/index.html").is_file()


def test_build_says_where_to_publish_and_the_url_of_cmif(built, run_editio, tmp_path):
    root, output = built
    assert f"publish {root} as it is at {BASE}" in output
    cmif = re.search(r"^CMIF for correspSearch: (\S+)$", output, re.M).group(1)
    assert published_file(root, cmif) == (root / "export/cmif.xml").resolve()
    (tmp_path / "editio.toml").write_text(f'sources = ["{REPO / "tei"}"]\noutput = "out"\n', encoding="utf-8")
    r = run_editio("build", cwd=tmp_path)
    assert r.exit_code == 0 and "as it is, at the address you give as base_url" in r.output and "CMIF for" not in r.output
