"""One finding of any layer: the only thing validators produce and reporters format."""

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info", "off")


@dataclass(frozen=True)
class Diagnostic:
    file: str  # path as the user should see it (relative to the working directory when inside it)
    line: int  # 1-based; 0 when the finding concerns the whole file
    col: int  # 1-based; 0 when unknown
    severity: str  # "error" | "warning" | "info"
    rule: str  # stable rule id, e.g. "ED201"
    message: str  # what is wrong
    hint: str = ""  # what to do about it

    def as_list(self) -> list:
        """Its fields in order, as the build cache and worker results keep them (what
        dataclasses.astuple gives, without its deep copy of every field)."""
        return [self.file, self.line, self.col, self.severity, self.rule, self.message, self.hint]

    def sort_key(self):
        return (self.file, self.line, self.col, self.rule, self.message)


def display_path(path) -> str:
    """A path relative to the working directory when it lies inside it, else absolute."""
    import os
    from pathlib import Path

    if isinstance(path, Path) and path.is_absolute():  # the usual case, without pathlib's slow relative_to
        text, cwd = str(path), os.getcwd()
        if text.startswith(cwd + os.sep):
            return text[len(cwd) + 1:]
    p = Path(path).absolute()
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)
