"""`editio init` and `editio new`: a new project, a new letter, a new register entry.

Nothing is half-written: each file is composed in memory and parsed back before it is
written atomically. `init` writes nothing when any file it would write exists. A new
register entry is inserted as text into the register, so every other byte of the file
(indentation, quoting, comments, character references) stays as it was.

- layout.py: the project's layout (where letters, registers and the schema go), the
  registers' kinds, the error every module raises, and writing a file.
- init.py: `editio init`; ci_requirement.py: which editio its CI workflow installs.
- registers.py: reading a register and finding the entry a user means.
- dates_and_ids.py: the dates and ids `editio new` accepts and makes.
- new_letter.py: `editio new letter`; new_entry.py: `editio new person|place|org`.
- insert.py: the new entry's text placed into the register's bytes.
"""
