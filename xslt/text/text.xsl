<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio: the plain-text edition of a letter (XSLT 1.0; lxml, xsltproc and Saxon alike).

  Input: the standalone letter (see transform/build/standalone.py).
  Output: logical lines, which transform/build/text.py lays out:
    - a line ends with LF; a blank line separates blocks (paragraphs, heads, opener,
      closer, endnotes); a line element (salute, signed, dateline ...) starts a new line;
    - whitespace inside a line is as in the TEI, with tab, CR and LF turned into spaces
      (text.py collapses runs of spaces and strips each line, so the indentation of the
      TEI never reaches the text, words separated only by a line break stay apart, and
      words joined across inline elements stay joined);
    - a page break is a marker between U+E000 and U+E001 ("[Page 200]"); text.py moves a
      marker that falls inside a word to the end of the word, keeps it in one piece when
      wrapping, and drops the two delimiters.
    - a line break inside a word (lb break="no") is the mark U+E003; text.py removes it
      with the spaces around it, so that the words on both sides are one.
  Wrapping at a width is done in Python (text.py), never here.

  Modules: one per TEI area, included; fallback.xsl imported, so every template here
  outranks it. plain.xsl imports this stylesheet and drops notes and page breaks.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:import href="fallback.xsl"/>

  <xsl:include href="params.xsl"/>
  <xsl:include href="behaviours.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="textstructure.xsl"/>
  <xsl:include href="core.xsl"/>
  <xsl:include href="namesdates.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="transcr.xsl"/>
  <xsl:include href="figures.xsl"/>
  <xsl:include href="../common/note-numbers.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <!-- A letter: header block, text, endnotes. Its standOff (the register entries it
       refers to) and any facsimile are not part of the reading text. -->
  <xsl:template match="tei:TEI">
    <xsl:apply-templates select="tei:teiHeader" mode="header"/>
    <xsl:apply-templates select="tei:text"/>
    <xsl:call-template name="endnotes"/>
  </xsl:template>

  <!-- A corpus: its letters one after the other. -->
  <xsl:template match="tei:teiCorpus">
    <xsl:apply-templates select="tei:TEI|tei:teiCorpus"/>
  </xsl:template>

</xsl:stylesheet>
