"""What every command of `editio` does alike, decided once: the options they share, which
findings are shown, colour, the progress bar and the exit code.

Exit codes (the same for every command):
  0  success; validation found nothing at error level
  1  validation found errors (or, with --strict, warnings: validate and build); or a command could not do what
     was asked, and wrote nothing: init into existing files, new with an unknown person or
     place, fmt on a file that is not XML, fmt --check or build --check with files that would change
  2  usage error: unknown option, a path that does not exist, a bad configuration
  3  internal error (a bug in editio: please report it with the command you ran)
  130  interrupted (Ctrl-C), except serve, which stops with 0
"""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click

STRICT_HELP = "Warnings count as errors: exit 1 on warnings too."


def paths_argument(command):
    """PATHS: files or folders that exist (default: the project's sources, see default_paths)."""
    return click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))(command)


def strict_option(command):
    return click.option("--strict", is_flag=True, help=STRICT_HELP)(command)


def quiet_option(help: str):  # noqa: A002 - click's name
    return click.option("-q", "--quiet", is_flag=True, help=help)


def colour_option(what: str):
    return click.option("--color/--no-color", "colour", default=None, help=f"Colour {what} (default: on a terminal).")


def default_paths(config, paths) -> tuple:
    """The paths given, else the configuration's sources, which must exist."""
    if paths:
        return paths
    paths = tuple(config.path(p) for p in config.sources)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise click.UsageError(f"no paths given and {', '.join(missing)} does not exist; name the TEI files or folders")
    return paths


def colour_on(colour: bool | None, to_file: bool = False) -> bool:
    """--color/--no-color as given; else colour on a terminal, unless NO_COLOR is set or the
    report goes to a file."""
    if colour is not None:
        return colour
    return not to_file and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def failed(report, strict: bool = False) -> bool:
    """Whether validation failed: errors, or with --strict warnings too (validate and build alike)."""
    return bool(report.count("error") or (strict and report.count("warning")))


def shown(report, quiet: bool):
    """The report as printed: with --quiet, its errors only. Decide the exit code before."""
    if quiet:
        report.diagnostics = [d for d in report.diagnostics if d.severity == "error"]
    return report


@contextmanager
def refused(*errors):
    """A library's error whose message says what to do (nothing was written) becomes the
    command's message and exit 1."""
    try:
        yield
    except errors as e:
        raise click.ClickException(str(e)) from None


def exit_with(failure: bool):
    sys.exit(1 if failure else 0)


def print_warnings(messages) -> None:
    for message in messages:
        click.echo(f"warning: {message}", err=True)


def on_terminal() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_bar(what: str):
    """A progress line on stderr (done/total, the rate, the time left) when stderr is a
    terminal outside CI. Yields show(done, total) for the validator and the build, or None;
    on leaving, the line is ended and the cursor shown again, also on Ctrl-C."""
    if not on_terminal():
        yield None
        return
    bar, started = None, time.monotonic()

    def info(_):
        rate = bar.pos / max(time.monotonic() - started, 1e-3)
        return f"{what}, {rate:.0f}/s" + (f", {bar.format_eta()} left" if bar.eta_known and not bar.finished else "")

    def show(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, file=sys.stderr, show_pos=True, show_eta=False, show_percent=False,
                                    item_show_func=info, bar_template="[%(bar)s] %(info)s", info_sep=" ",
                                    fill_char="#", empty_char=".", width=30)
        bar.update(done - bar.pos)

    try:
        yield show
    finally:
        if bar is not None:
            bar.render_finish()
