"""Templates of `editio init` (project/) and `editio new letter` (letter.xml).

Placeholders are `${name}` (string.Template); scaffold/ fills them with XML-escaped values.
Files are stored without a leading dot (pre-commit-config.yaml, gitignore) so that package
data globs pick them up; scaffold.init.PROJECT_FILES maps them to their place in a new project.
"""
