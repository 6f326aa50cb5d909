<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: notes. In the text a note is its reference, "[1]" (its printed
  number, @n); the notes follow the text as endnotes under a rule, the source note
  (type="source") first, then the others in the order of the text.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:note">
    <xsl:apply-templates select="." mode="noteref"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="noteref">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates select="." mode="label"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- The label, by the rule of the letter's page (xslt/html/notes.xsl, note-label): "*"
       for the source note; else the printed number; else the note's number among the
       notes of the text that are not the source note. -->
  <xsl:template match="tei:note" mode="label">
    <xsl:choose>
      <xsl:when test="@type = 'source'">*</xsl:when>
      <xsl:when test="normalize-space(@n)">
        <xsl:value-of select="normalize-space(@n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="note-number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="endnotes">
    <!-- this letter's, in a teiCorpus -->
    <xsl:variable name="notes" select="$reader-notes[generate-id(ancestor::tei:TEI[1]) = generate-id(current())]"/>
    <xsl:if test="$notes">
      <xsl:text>&#10;&#10;</xsl:text>
      <xsl:value-of select="$note-rule"/>
      <xsl:text>&#10;&#10;</xsl:text>
      <xsl:apply-templates select="$notes[@type='source']" mode="endnote"/>
      <xsl:apply-templates select="$notes[not(@type='source')]" mode="endnote"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note" mode="endnote">
    <xsl:text>&#10;&#10;[</xsl:text>
    <xsl:apply-templates select="." mode="label"/>
    <xsl:text>] </xsl:text>
    <xsl:apply-templates/>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
