"""ED706: text of the letter template (editio new letter) that was never replaced."""

from ...tei import TEI_NS
from . import at, rule

# The template's placeholder paragraphs (transform/templates/letter.xml), by where they stand,
# with what to write instead.
PLACEHOLDERS = {
    "The text of the letter.": "replace it with the text of the letter, its names tagged and linked to the registers",
    "The source of the text: the archive and shelfmark of the letter, or the printed edition it is taken from.":
        "describe the source: <msDesc> for a manuscript, <bibl> for a printed edition",
}


@rule(
    id="ED706", title="Placeholder of the letter template not replaced", severity="warning",
    doc="`editio new letter` writes a letter whose body is the paragraph \"The text of the letter.\" and whose "
        "sourceDesc is a paragraph that asks for the source. Both are valid TEI, so nothing else stops such a "
        "letter from being published with them; this rule reports each until it is replaced.",
    bad="<p>The text of the letter.</p>",
    good="<p>I have just received information from Mr. V. Kuznetsov.</p>",
)
def placeholders(doc, ctx):
    for p in doc.root.iter(f"{{{TEI_NS}}}p"):
        text = " ".join("".join(p.itertext()).split())
        if text in PLACEHOLDERS:
            yield at(doc, p, f'the placeholder "{text}" of the letter template is still here', PLACEHOLDERS[text])
