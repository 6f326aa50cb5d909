"""The `editio` command. Thin: each command parses options and calls one function.

Exit codes (the same for every command):
  0  success; validation found nothing at error level
  1  validation found errors (or, with --strict, warnings)
  2  usage error: unknown option, a path that does not exist, a bad configuration
  3  internal error (a bug in editio: please report it with the command you ran)
"""

import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import ConfigError, check_rule_ids, load

EXAMPLES = {
    "validate": "Examples:\n\n  editio validate\n\n  editio validate tei/letters/frus1961-63v06-d73.xml --format github\n\n  editio validate --schema tei_all --format junit -o validation.xml",
    "build": "Examples:\n\n  editio build\n\n  editio build --check    # in CI: exit 1 when output/ is not what the sources give",
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
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github", "sarif"]), default="text", show_default=True,
              help="Report format: text for people; json; junit (GitLab, Jenkins); github (pull-request annotations); sarif (code scanning).")
@click.option("--schema", "schema", metavar="PATH|tei_all",
              help="RelaxNG schema for every file (default: each file's <?xml-model?>, else the edition schema). `tei_all` is the bundled TEI P5 tei_all.rng.")
@click.option("--schematron", "schematron", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="ISO Schematron file (XPath 1) to run as well; may be repeated.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file instead of the terminal.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary.")
@click.option("--color/--no-color", "colour", default=None, help="Colour the text report (default: when printing to a terminal).")
@click.pass_obj
def validate(config, paths, fmt, schema, schematron, output, strict, quiet, colour):
    """Check TEI files: well-formedness, RelaxNG schema, editio's rules, Schematron.

    PATHS are files or folders (default: the project's tei/ folder). Every finding is
    printed as file:line:col: severity rule-id message, with a hint on what to do.
    """
    from .resources import tei_all_schema
    from .validate.report import render
    from .validate.rules import all_rules
    from .validate.runner import validate as run

    try:
        check_rule_ids(config, [r.id for r in all_rules()])
    except ConfigError as e:
        raise click.UsageError(str(e))
    paths = _default_paths(config, paths)
    schema_path = None
    if schema:
        schema_path = tei_all_schema() if schema == "tei_all" else Path(schema)
        if not schema_path.is_file():
            raise click.BadParameter(f"{schema} does not exist", param_hint="--schema")
    report = run(list(paths), config, schema_path, list(schematron))
    if quiet:
        report.diagnostics = [d for d in report.diagnostics if d.severity == "error"]
    if colour is None:
        colour = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    rendered = render(report, fmt, colour)
    if output:
        from .xmlio import write_atomic

        write_atomic(output, rendered.encode("utf-8"))
        from .validate.report import summary

        click.echo(summary(report))
    else:
        click.echo(rendered, nl=False)
    failed = report.count("error") or (strict and report.count("warning"))
    sys.exit(1 if failed else 0)


@cli.command(epilog=EXAMPLES["build"])
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when the output folder is not what a build would write.")
@click.option("--strict", is_flag=True, help="Do not build letters that have validation errors, and exit 1.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary.")
@click.option("--color/--no-color", "colour", default=None, help="Colour the report (default: on a terminal).")
@click.pass_obj
def build(config, paths, check, strict, quiet, colour):
    """Validate the sources and write the edition into the output folder.

    PATHS are files or folders (default: the project's tei/ folder). Letters that are
    well-formed are built even when invalid (the problems are printed) unless --strict;
    files that are not well-formed are reported and skipped. Exit 1 when anything was
    at error level (or, with --check, when the output folder is stale).
    """
    from .pipeline import OutputError, build as run_build
    from .validate.report import text

    paths = _default_paths(config, paths)
    try:
        result = run_build(config, list(paths), check=check, strict=strict)
    except OutputError as e:
        raise click.ClickException(str(e))
    report = result.report
    if quiet:
        report.diagnostics = [d for d in report.diagnostics if d.severity == "error"]
    if colour is None:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    if report.diagnostics:
        click.echo(text(report, colour), nl=False)
    out = config.path(config.output)
    if check:
        for p in result.stale:
            click.echo(f"stale: {out / p}")
        click.echo(f"{out}: {'up to date' if not result.stale else f'{len(result.stale)} files out of date; run editio build'}")
        sys.exit(1 if result.stale else 0)
    click.echo(f"{out}: {len(result.written)} written, {len(result.unchanged)} unchanged, {len(result.removed)} removed"
               + (f"; not built: {', '.join(result.skipped)}" if result.skipped else ""))
    sys.exit(1 if report.count("error") else 0)


def _default_paths(config, paths):
    if paths:
        return paths
    paths = tuple(config.path(p) for p in config.sources)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise click.UsageError(f"no paths given and {', '.join(missing)} does not exist; name the TEI files or folders")
    return paths


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
