<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio, every output: which notes a reader gets, where their references are, and their
  numbers, worked out once per letter (in a teiCorpus, through the corpus).
  A note's label (html/notes.xsl, text/notes.xsl) is "*" for the source note, else its
  printed number (@n), else its number among the notes of the text that are not the
  source note; its HTML id, when it has no xml:id, uses its number among all of them.
  xsl:number level="any" would walk back over the whole letter for every note, which is
  quadratic in a letter of thousands of notes; here one pass makes a table, read with a
  key (so are page breaks without an xml:id, html/core.xsl). The table is a result tree
  fragment made a node-set once with exsl:node-set, which libxslt (lxml, xsltproc) and
  Saxon both have.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:exsl="http://exslt.org/common"
  exclude-result-prefixes="tei exsl">

  <xsl:key name="anchor" use="@xml:id" match="tei:anchor[@xml:id]"/>
  <!-- Notes kept apart from the text (in back or standOff), by the anchor they point at
       (@target, else @corresp); their reference is at the anchor (html/core.xsl,
       text/core.xsl). One alternative: libxslt walks the letter for each alternative of
       a key's pattern, for every key at the first key() (html/behaviours.xsl). -->
  <xsl:key name="note-at" use="translate(substring-before(concat(normalize-space(@target | @corresp[not(../@target)]), ' '), ' '), '#', '')"
      match="tei:note[@target or @corresp][ancestor::tei:back or ancestor::tei:standOff]"/>

  <!-- The notes a reader gets, in the order of the text: those of the text that have words,
       but for those in the register lists the reading text leaves out (html/namesdates.xsl),
       and the notes of standOff that point at an anchor. -->
  <xsl:variable name="reader-notes" select="/descendant::tei:text/descendant::tei:note[normalize-space()][not(ancestor::tei:listPerson
      or ancestor::tei:listPlace or ancestor::tei:listOrg or ancestor::tei:listEvent or ancestor::tei:listNym
      or ancestor::tei:listObject or ancestor::tei:listRelation or ancestor::tei:listBibl[ancestor::tei:back])]
      | /descendant::tei:standOff/descendant::tei:note[normalize-space()][key('anchor', translate(substring-before(concat(normalize-space(@target), ' '), ' '), '#', ''))]
      | /descendant::tei:standOff/descendant::tei:note[normalize-space()][not(@target)][key('anchor', translate(substring-before(concat(normalize-space(@corresp), ' '), ' '), '#', ''))]"/>

  <!-- Omitted where they are: a note without words (its reference would be an empty
       label), and a note kept apart from the text that points at an anchor (its reference
       is at the anchor, the note among the endnotes). -->
  <xsl:template match="tei:note[not(normalize-space())]" priority="3"/>
  <xsl:template priority="2" match="tei:back//tei:note[key('anchor', translate(substring-before(concat(normalize-space(@target), ' '), ' '), '#', ''))]
      | tei:back//tei:note[not(@target)][key('anchor', translate(substring-before(concat(normalize-space(@corresp), ' '), ' '), '#', ''))]"/>

  <xsl:variable name="note-table">
    <xsl:for-each select="$reader-notes">
      <number of="all{generate-id()}"><xsl:value-of select="position()"/></number>
    </xsl:for-each>
    <xsl:for-each select="$reader-notes[not(@type = 'source')]">
      <number of="counted{generate-id()}"><xsl:value-of select="position()"/></number>
    </xsl:for-each>
  </xsl:variable>

  <!-- Numbers kept in tables like note-table (html/core.xsl has one of page breaks), by
       the kind of number and the generate-id() of what is numbered. -->
  <xsl:key name="number" match="number" use="@of"/>

  <xsl:variable name="note-numbers" select="exsl:node-set($note-table)"/>

  <!-- note-number: the current note's number (param which: 'counted', among the notes
       that are not the source note; 'all', among all of them). -->
  <xsl:template name="note-number">
    <xsl:param name="which" select="'counted'"/>
    <xsl:call-template name="number-in">
      <xsl:with-param name="table" select="$note-numbers"/>
      <xsl:with-param name="key" select="concat($which, generate-id())"/>
    </xsl:call-template>
  </xsl:template>

  <!-- number-in: the number under key in table (a table like note-table, as a node-set). -->
  <xsl:template name="number-in">
    <xsl:param name="table"/>
    <xsl:param name="key"/>
    <xsl:for-each select="$table">
      <xsl:value-of select="key('number', $key)"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
