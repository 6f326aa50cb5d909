"""Ids of the findings that the reading, schema and Schematron layers produce.

They have no check of their own (the layers produce them) but are documented and
configurable like every rule.
"""

from . import Rule, register

register(Rule(
    id="ED001", title="File is not well-formed XML", severity="error",
    doc="The file could not be parsed as XML: a syntax error, an undeclared entity, bytes that are not "
        "in the declared encoding, a binary or empty file, nesting deeper than 256 levels, or an entity "
        "expansion bomb. Nothing else is checked in a file that does not parse.",
    bad="<p>Mr. President &nbsp;<hi>dear</p>",
    good="<p>Mr. President&#160;<hi>dear</hi></p>",
))
register(Rule(
    id="ED002", title="File is not encoded in UTF-8", severity="warning",
    doc="The file is readable but declares another encoding (ISO-8859-1, UTF-16 ...). TEI editions "
        "exchange files in UTF-8; other tools and platforms may misread them.",
    bad='<?xml version="1.0" encoding="ISO-8859-1"?>',
    good='<?xml version="1.0" encoding="UTF-8"?>',
))
register(Rule(
    id="ED003", title="External entity refused", severity="error",
    doc="The DOCTYPE declares an entity that refers to a file or URL (SYSTEM or PUBLIC). editio never "
        "loads external files or fetches URLs while reading a source, so such a file is refused: it "
        "could read files outside the project (XXE) or reach the network.",
    bad='<!DOCTYPE TEI [<!ENTITY sig SYSTEM "file:///etc/passwd">]>',
    good="<!-- no DOCTYPE: the text the entity stood for is written out in the letter -->",
))
register(Rule(
    id="ED004", title="File cannot be read", severity="error",
    doc="The file exists but could not be opened (permissions, a broken link, a device).",
    bad="(a file without read permission)", good="(a readable file)",
))
register(Rule(
    id="ED005", title="File is over the size limit", severity="error",
    doc="Files larger than `max_file_size` (default 100 MB) are not read, so one huge file cannot "
        "exhaust memory; the other files are checked as usual.",
    bad="(a 200 MB file)", good="(the text split into letters of ordinary size)",
))
register(Rule(
    id="ED006", title="Not a TEI document", severity="error",
    doc="The root element is not <TEI> or <teiCorpus> in the TEI namespace "
        "(http://www.tei-c.org/ns/1.0). TEI P4 files and files without the namespace are not TEI P5.",
    bad='<TEI xml:lang="en">', good='<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">',
))
register(Rule(
    id="ED007", title="No TEI files found", severity="error",
    doc="A folder given to editio holds no *.xml file, which usually means a wrong path.",
    bad="editio validate tei/letter", good="editio validate tei/letters",
))
register(Rule(
    id="ED008", title="Symbolic link leads outside the folder", severity="warning",
    doc="A symbolic link in the sources points outside the folder being read. It is not followed, "
        "so a checkout cannot make editio read files elsewhere on the machine.",
    bad="tei/letters/x.xml -> /home/someone/x.xml", good="(the file itself inside tei/)",
))
register(Rule(
    id="ED009", title="Letter could not be built", severity="error",
    doc="An output of this letter (its page, text, TEI or export) could not be made, for example because the "
        "TEI written for a valid source does not validate against the corpus' schema. The letter's other "
        "outputs and every other letter are still built; the message names what failed.",
    bad="(a letter whose output fails; the message says why)", good="(the same letter, built)",
))
register(Rule(
    id="ED101", title="Not valid against the schema", severity="error",
    doc="The document does not match its RelaxNG schema: the edition schema (tei/schema/editio.rng), "
        "the schema its <?xml-model?> names, or the one given with --schema. The message names the "
        "element, what the schema expected, and the closest valid names.",
    bad="<opener><salut>Dear Mr. President,</salut></opener>",
    good="<opener><salute>Dear Mr. President,</salute></opener>",
))
register(Rule(
    id="ED102", title="Schema cannot be used", severity="error",
    doc="The schema named by --schema, the configuration or an <?xml-model?> instruction does not "
        "exist, is not RelaxNG XML, is remote (editio does not fetch schemas) or does not compile.",
    bad='<?xml-model href="http://example.org/my.rng"?>', good='<?xml-model href="../schema/editio.rng"?>',
))
register(Rule(
    id="ED901", title="Schematron assertion failed", severity="error",
    doc="An assertion of a project Schematron file (ISO Schematron, XPath 1) failed, or a report fired. "
        "The message is the text of the assertion; the line is that of the node it was checked on.",
    bad="(depends on the project's Schematron)", good="(depends on the project's Schematron)",
))
