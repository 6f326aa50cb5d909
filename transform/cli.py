"""The `editio` command. Thin: each command parses options, calls one function of the rooms
and hands the result to a reporter; what the commands do alike (the quiet filter, colour,
progress, exit codes) is decided once, in cli_policy.py.
"""

import os
import sys
from pathlib import Path

import click

from . import __version__
from .cli_policy import (colour_on, colour_option, default_paths, exit_with, failed, paths_argument, print_warnings,
                         progress_bar, quiet_option, refused, shown, strict_option)
from .config import ConfigError, check_rule_ids, load

EXAMPLES = {
    "validate": "Examples:\n\n  editio validate\n\n  editio validate tei/letters/frus1961-63v06-d73.xml --format github\n\n  editio validate --schema tei_all --format junit -o validation.xml",
    "build": "Examples:\n\n  editio build\n\n  editio build --check    # in CI: exit 1 when output/ is not what the sources give"
             "\n\n  editio build --base-url https://example.org/letters/ --width 0"
             "\n\n  editio build -j 1 --force    # one process, every letter processed again",
    "export": "Examples:\n\n  editio export cmif --base-url https://example.org/letters/\n\n  editio export csv\n\n"
              "  editio export text --plain --width 0    # one line per paragraph, no notes or page markers",
    "rules": "Examples:\n\n  editio rules\n\n  editio rules --format markdown > docs/rules.md",
}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="editio")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Configuration file (default: editio.toml or [tool.editio] in pyproject.toml of the project).")
@click.pass_context
def cli(ctx, config_file):
    """editio turns TEI P5 letters into a validated edition.

    Run `editio COMMAND --help` for a command's options and examples.
    """
    try:
        ctx.obj = load(config_file)
    except ConfigError as e:
        raise click.UsageError(str(e))


@cli.command(epilog=EXAMPLES["validate"])
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github", "sarif"]), default="text", show_default=True,
              help="Report format: text for people; json; junit (GitLab, Jenkins); github (pull-request annotations); sarif (code scanning).")
@click.option("--schema", "schema", metavar="PATH|tei_all",
              help="RelaxNG (.rng) or XML Schema (.xsd) for every file (default: each file's <?xml-model?>, else its xsi:schemaLocation .xsd, else the edition schema). `tei_all` is the bundled TEI P5 tei_all.rng.")
@click.option("--schematron", "schematron", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="ISO Schematron file (XPath 1) to run as well; may be repeated.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file instead of the terminal.")
@strict_option
@quiet_option("Print only errors and the summary.")
@colour_option("the text report")
@click.pass_obj
def validate(config, paths, fmt, schema, schematron, output, strict, quiet, colour):
    """Check TEI files: well-formedness, schema (RelaxNG or XSD), editio's rules, Schematron.

    PATHS are files or folders (default: the project's tei/ folder). Every finding is
    printed as file:line:col: severity rule-id message, with a hint on what to do.
    """
    from .validate.report import render, summary
    from .validate.runner import validate as run

    _check_rule_ids(config)
    with progress_bar("files") as progress:
        report = run(list(default_paths(config, paths)), config, _schema(schema), list(schematron), progress=progress)
    failure = failed(report, strict)
    rendered = render(shown(report, quiet), fmt, colour_on(colour, to_file=output is not None))
    if output:
        from .xmlio import write_atomic

        write_atomic(output, rendered.encode("utf-8"))
    click.echo(summary(report) if output else rendered, nl=output is not None)
    exit_with(failure)


def _check_rule_ids(config) -> None:
    from .validate.rules import all_rules

    try:
        check_rule_ids(config, [r.id for r in all_rules()])
    except ConfigError as e:
        raise click.UsageError(str(e))


def _schema(schema: str | None) -> Path | None:
    """--schema: a file, or tei_all for the bundled tei_all.rng."""
    if not schema:
        return None
    from .resources import tei_all_schema

    path = tei_all_schema() if schema == "tei_all" else Path(schema)
    if not path.is_file():
        raise click.BadParameter(f"{schema} does not exist", param_hint="--schema")
    return path


EXPORT_FORMATS = ("cmif", "csv", "json", "jsonld", "text", "xml")


def _output_options(command):
    """--width, --plain and --base-url, shared by build and export; they become the build's options."""
    command = click.option("--base-url", metavar="URL",
                           help="Where the edition is published, e.g. https://example.org/letters/: CMIF and JSON-LD use it "
                                "for the URLs of the letters and files (without it they have none).")(command)
    command = click.option("--plain", is_flag=True, help="Text edition without note references, notes and page markers (for corpus linguistics).")(command)
    command = click.option("--width", type=click.IntRange(min=0), default=None, metavar="N",
                           help="Wrap the text edition at N characters (default: text_width of the configuration, 72); 0 keeps one line per paragraph.")(command)
    return command


def _options(width, plain, base_url) -> dict:
    return {"width": width, "plain": plain, "base_url": base_url}


@cli.command(epilog=EXAMPLES["build"])
@paths_argument
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when the output folder is not what a build would write.")
@strict_option
@quiet_option("Print only errors and the summary.")
@colour_option("the report")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Letters processed in N processes at once (default: one per core).")
@click.option("--force", is_flag=True, help="Process every letter again, even those unchanged since the last build.")
@_output_options
@click.pass_obj
def build(config, paths, check, strict, quiet, colour, jobs, force, width, plain, base_url):
    """Validate the sources and write the edition into the output folder.

    PATHS are files or folders (default: the project's tei/ folder). Letters that are
    well-formed are built even when invalid (the problems are printed); files that are not
    well-formed are reported and skipped, and what an earlier build made of them is kept,
    marked stale. Exit 1 when anything was at error level (with --strict, at warning
    level), and with --check also when the output folder is stale.

    A rebuild processes only the letters whose source, register entries or schema changed
    since the last build (the cache is in .editio-cache/, the hashes in output/manifest.json);
    the output is the same as that of a clean build.
    """
    from .validate.report import text

    with progress_bar("letters") as progress:
        result = _run_build(config, paths, check=check, options=_options(width, plain, base_url), jobs=jobs, force=force,
                            progress=progress)
    failure = failed(result.report, strict) or bool(check and result.stale)
    report = shown(result.report, quiet)
    if report.diagnostics:
        click.echo(text(report, colour_on(colour)), nl=False)
    for line in _build_summary(config, result, check, quiet, base_url):
        click.echo(line)
    exit_with(failure)


def _run_build(config, paths, **kwargs):
    """pipeline.build on PATHS (default: the project's sources); its warnings printed."""
    from .pipeline import OutputError, build as run_build

    with refused(OutputError):
        result = run_build(config, list(default_paths(config, paths)), **kwargs)
    print_warnings(result.warnings)
    return result


def _build_summary(config, result, check: bool, quiet: bool, base_url: str | None) -> list[str]:
    """What a build did to the output folder (with --check: what it would do), and where to publish it."""
    out = config.path(config.output)
    if check:
        return [*(f"stale: {out / p}" for p in result.stale),
                f"{out}: {'up to date' if not result.stale else f'{len(result.stale)} files out of date; run editio build'}"]
    letters = f"; {result.processed} of {result.letters} letters processed" if result.processed < result.letters else ""
    kept = f", {len(result.kept)} kept stale" if result.kept else ""
    lines = [f"stale: {out / p} (kept from the last good build: fix the errors above and build again)" for p in result.kept]
    lines.append(f"{out}: {len(result.written)} written, {len(result.unchanged)} unchanged, {len(result.removed)} removed{kept}{letters}"
                 + (f"; not built: {', '.join(result.skipped)}" if result.skipped else ""))
    if not quiet:
        from .builders.edition import publishing

        lines.append(publishing(out, base_url or config.base_url))
    return lines


@cli.command(epilog=EXAMPLES["export"])
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@paths_argument
@_output_options
@click.pass_obj
def export(config, fmt, paths, width, plain, base_url):
    """Write one format of the edition into the output folder, and nothing else.

    FORMAT is cmif (export/cmif.xml), csv (export/*.csv), json (export/*.json), jsonld
    (export/jsonld/), text (text/) or xml (xml/). PATHS are files or folders (default:
    the project's tei/ folder); registers must be among them. Validation problems are
    counted, not printed (run editio validate for them); exit 1 when there were errors.
    """
    result = _run_build(config, paths, only=[fmt], options=_options(width, plain, base_url))
    errors = result.report.count("error")
    click.echo(f"{config.path(config.output)}: {fmt}: {len(result.written)} written, {len(result.unchanged)} unchanged"
               + (f"; the sources have {errors} validation error(s): run editio validate" if errors else ""))
    exit_with(failed(result.report))


@cli.command(epilog=EXAMPLES["rules"])
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.pass_obj
def rules(config, fmt):
    """List every validation rule: id, severity (as configured), title; with --format markdown, the full documentation."""
    from .validate.rules import all_rules
    from .validate.rules_doc import render_rules

    click.echo(render_rules(all_rules(), config, fmt), nl=False)


def main():
    try:
        cli(prog_name="editio")
    except KeyboardInterrupt:
        click.echo("editio: interrupted", err=True)
        sys.exit(130)
    except Exception as e:  # never a traceback for a user; EDITIO_DEBUG=1 shows it
        if os.environ.get("EDITIO_DEBUG"):
            raise
        click.echo(f"editio: internal error: {type(e).__name__}: {e}\n"
                   "This is a bug in editio. Run again with EDITIO_DEBUG=1 to see where, and report it.", err=True)
        sys.exit(3)


# ---------------------------------------------------------------- the archivist's daily workflow
# init, new, stats, fmt, serve/watch: thin commands over scaffold/, stats.py, fmt.py, serve.py.

WORKFLOW_EXAMPLES = {
    "init": "Examples:\n\n  editio init my-edition\n\n  editio init . --title \"Kennedy-Khrushchev letters\" --base-url https://example.org/letters/"
            "\n\n  editio init --from ~/corpora/briefe",
    "new": "Examples:\n\n  editio new person --name \"John Fitzgerald Kennedy\" --wikidata Q9696 --birth 1917-05-29 --death 1963-11-22\n\n"
           "  editio new letter --from khrushchev --to kennedy --date 1962-11-04 --place-from moscow",
    "letter": "Examples:\n\n  editio new letter --from khrushchev --to kennedy --date 1962-11-04\n\n"
              "  editio new letter --from per.khrushchev --to \"John Kennedy\" --date 1962-11-04 --place-from Moscow --place-to Washington --id d73",
    "person": "Examples:\n\n  editio new person --name \"John Fitzgerald Kennedy\" --wikidata Q9696 --viaf 9851059 --lcnaf n79018774 --birth 1917-05-29 --death 1963-11-22",
    "place": "Examples:\n\n  editio new place --name \"Moscow\" --wikidata Q649 --geonames 524901",
    "org": "Examples:\n\n  editio new org --name \"United States Mission to the United Nations\"",
    "stats": "Examples:\n\n  editio stats\n\n  editio stats --format json > stats.json",
    "fmt": "Examples:\n\n  editio fmt\n\n  editio fmt tei/letters/frus1961-63v06-d73.xml\n\n  editio fmt --check    # in CI: exit 1 listing the files that would change",
    "serve": "Examples:\n\n  editio serve\n\n  editio serve --port 8080\n\n  editio watch --host 0.0.0.0    # visible to other machines: only on a trusted network",
}


@cli.command("init", epilog=WORKFLOW_EXAMPLES["init"])
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="Name of the edition, for editio.toml and the registers' headers (default: the folder's name).")
@click.option("--base-url", metavar="URL", help="Where the edition will be published (base_url of editio.toml), e.g. https://example.org/letters/.")
@quiet_option("Print nothing but errors.")
@click.option("--from", "corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="CORPUS",
              help="Describe an existing corpus instead: survey CORPUS and write only CORPUS/editio.toml.")
def init_command(directory, title, base_url, quiet, corpus):
    """Start a new edition in DIRECTORY (default: here), ready to validate and build.

    Writes tei/letters/, tei/registers/ (persons, places, organisations), tei/schema/editio.rng,
    editio.toml (defaults, commented), .gitignore, .github/workflows/editio.yml and
    .pre-commit-config.yaml. Refuses, writing nothing, when any of these files exists.

    With --from CORPUS, for letters encoded by others: surveys CORPUS (where the letters
    and registers are, the schema they declare, how their pointers are written) and writes
    CORPUS/editio.toml, each choice commented with its evidence, changing no other file;
    then prints the survey and the findings by rule. `editio build` in CORPUS follows.
    """
    if corpus is not None:
        from .survey import SurveyError, init_from, summary

        with refused(SurveyError):
            path, found, report = init_from(corpus, title, base_url)
        if not quiet:
            click.echo(f"wrote {path}")
            click.echo("\n".join(summary(found, report)))
            click.echo(f"next: cd {corpus} && editio build")
        return
    from .scaffold.init import init
    from .scaffold.layout import ScaffoldError

    with refused(ScaffoldError):
        written = init(directory, title, base_url)
    if not quiet:
        for p in written:
            click.echo(f"wrote {p}")
        click.echo(f"next: cd {directory} && editio new person --name \"...\"")


@cli.group("new", epilog=WORKFLOW_EXAMPLES["new"])
def new():
    """Add a letter (from the template) or an entry of a register."""


@new.command("letter", epilog=WORKFLOW_EXAMPLES["letter"])
@click.option("--from", "sender", required=True, metavar="PERSON", help="The writer: an xml:id of the register of persons (per.kennedy, kennedy) or a name.")
@click.option("--to", "addressee", required=True, metavar="PERSON", help="The addressee, as --from.")
@click.option("--date", required=True, metavar="YYYY-MM-DD", help="Date of sending (ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--place-from", metavar="PLACE", help="Place of sending: an xml:id of the register of places or a name.")
@click.option("--place-to", metavar="PLACE", help="Place of receipt, as --place-from.")
@click.option("--id", "letter_id", metavar="ID", help="File name (without .xml) and prefix of the letter's xml:ids (default: writer-addressee-date).")
@quiet_option("Print nothing but errors.")
@click.pass_obj
def new_letter(config, sender, addressee, date, place_from, place_to, letter_id, quiet):
    """Write a new letter into tei/letters/, with its header and correspDesc filled in.

    Persons and places are looked up in the registers; an unknown one is an error that
    lists the close matches, and nothing is written.
    """
    from .scaffold.layout import ScaffoldError
    from .scaffold.new_letter import new_letter as make

    with refused(ScaffoldError):
        path = make(config.root, sender, addressee, date, place_from, place_to, letter_id)
    if not quiet:
        from .diagnostics import display_path

        click.echo(f"wrote {display_path(path)}")


def _add_entry(config, key: str, name: str, quiet: bool, force: bool, ids: dict, birth=None, death=None) -> None:
    from .diagnostics import display_path
    from .scaffold.layout import KINDS, ScaffoldError
    from .scaffold.new_entry import new_entry

    with refused(ScaffoldError):
        path, ident, warnings = new_entry(config.root, KINDS[key], name, ids, birth, death, force)
    print_warnings(warnings)
    if not quiet:
        click.echo(f"added {ident} to {display_path(path)}")


def _entry_options(key: str):
    """--name, one option per authority file of the register (KINDS[key].authorities), --force, -q."""
    from .scaffold.layout import KINDS
    from .validate.rules.registers import authority_form

    kind = KINDS[key]

    def decorate(command):
        options = [click.option("--name", required=True, help=f"The name of the {kind.singular}, as it should appear in the register.")]
        for authority in kind.authorities:
            label, form = authority_form(authority)
            options.append(click.option(f"--{authority}", metavar="ID", help=f"{label}: {form}."))
        options += [
            click.option("--force", is_flag=True, help=f"Add the {kind.singular} even when the register has one of the same name."),
            quiet_option("Print nothing but errors."),
        ]
        for option in reversed(options):
            command = option(command)
        return click.pass_obj(command)

    return decorate


def _ids(key: str, given: dict) -> dict:
    from .scaffold.layout import KINDS

    return {a: given.pop(a) for a in KINDS[key].authorities}


@new.command("person", epilog=WORKFLOW_EXAMPLES["person"])
@_entry_options("person")
@click.option("--birth", metavar="YYYY-MM-DD", help="Date of birth (ISO 8601).")
@click.option("--death", metavar="YYYY-MM-DD", help="Date of death (ISO 8601).")
def new_person(config, name, quiet, force, birth, death, **ids):
    """Add a person to tei/registers/persons.xml, with the next free xml:id (per.SURNAME).

    A name the register has already is refused (use its id), unless --force.
    """
    _add_entry(config, "person", name, quiet, force, _ids("person", ids), birth, death)


@new.command("place", epilog=WORKFLOW_EXAMPLES["place"])
@_entry_options("place")
def new_place(config, name, quiet, force, **ids):
    """Add a place to tei/registers/places.xml, with the next free xml:id (pla.NAME).

    A name the register has already is refused (use its id), unless --force.
    """
    _add_entry(config, "place", name, quiet, force, _ids("place", ids))


@new.command("org", epilog=WORKFLOW_EXAMPLES["org"])
@_entry_options("org")
def new_org(config, name, quiet, force, **ids):
    """Add an organisation to tei/registers/organisations.xml, with the next free xml:id (org.NAME).

    A name the register has already is refused (use its id), unless --force.
    """
    _add_entry(config, "org", name, quiet, force, _ids("org", ids))


@cli.command("stats", epilog=WORKFLOW_EXAMPLES["stats"])
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="A table for people, or JSON.")
@colour_option("the table")
@click.pass_obj
def stats_command(config, paths, fmt, colour):
    """Count letters, dates, register entries, tagged and untagged names, notes and problems.

    PATHS are files or folders (default: the project's tei/ folder). Exit 0 whatever the
    validation found (`editio validate` is the check); the numbers include it.
    """
    from .stats import collect, render

    result = collect(config, list(default_paths(config, paths)))
    on = fmt == "text" and colour_on(colour)
    click.echo(render(result, fmt, on), nl=False, color=on)


@cli.command("fmt", epilog=WORKFLOW_EXAMPLES["fmt"])
@paths_argument
@click.option("--check", is_flag=True, help="Write nothing; exit 1 listing the files that would change (for CI).")
@quiet_option("Print only the files that change (or would) and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also list the files that are formatted already.")
@click.pass_obj
def fmt_command(config, paths, check, quiet, verbose):
    """Lay out TEI files canonically: element-only content indented, attributes ordered.

    Mixed content (text with inline elements) and everything under xml:space="preserve" is
    never changed; files are written atomically; a formatted file stays as it is. The
    rules of the layout are in docs/reference.md.
    """
    from .corpus import discover
    from .diagnostics import display_path
    from .fmt import findings as problems, format_files, summary
    from .validate.report import findings

    files, skipped = discover(list(default_paths(config, paths)))
    results = format_files(files, check, config.max_file_size)
    report = problems(results, skipped)
    if report.diagnostics:
        click.echo("\n".join(findings(report)), err=True, nl=False)
    for r in results:
        if r.changed or (verbose and not r.error):
            click.echo(f"{('would reformat' if check else 'reformatted') if r.changed else 'unchanged'} {display_path(r.path)}")
    if not quiet:
        click.echo(summary(results, check))
    exit_with(failed(report) or (check and any(r.changed for r in results)))


@cli.command("serve", epilog=WORKFLOW_EXAMPLES["serve"])
@paths_argument
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; anything but loopback makes the edition visible to the network.")
@quiet_option("Print only the build summaries, not the problems.")
@colour_option("the problems")
@click.pass_obj
def serve_command(config, paths, port, host, quiet, colour):
    """Build, serve the edition at http://127.0.0.1:8000/ and rebuild when a source changes (alias: watch).

    Open pages reload themselves after each rebuild and show the validation problems as a
    banner (only in what the server sends: the files in the output folder are not changed).
    Stop with Ctrl-C.
    """
    from .serve import Preview, is_loopback

    preview = Preview(config, list(default_paths(config, paths)), quiet=quiet, colour=colour_on(colour))
    preview.rebuild()
    try:
        server = preview.start(host, port)
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror}; choose another --port (--port 0 takes any free one)")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"serving {preview.site()} at http://{shown}:{server.server_address[1]}/ ; rebuilding when the sources change (Ctrl-C to stop)")
    if not is_loopback(host):
        print_warnings([f"listening on {host}: other machines on the network can read the edition"])
    try:
        preview.watch()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        preview.stop()


def _alias(command: click.Command, name: str) -> click.Command:
    """The same command under another name, left out of `editio --help` (its help names the alias)."""
    import copy

    alias = copy.copy(command)
    alias.name, alias.hidden = name, True
    return alias


cli.add_command(_alias(serve_command, "watch"))
