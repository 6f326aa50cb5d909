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
    <xsl:text>[</xsl:text>
    <xsl:apply-templates select="." mode="label"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- The label: the printed number; else "*" for a source note, or the note's
       position among the notes of the text that have no number. -->
  <xsl:template match="tei:note" mode="label">
    <xsl:choose>
      <xsl:when test="normalize-space(@n)">
        <xsl:value-of select="normalize-space(@n)"/>
      </xsl:when>
      <xsl:when test="@type='source'">
        <xsl:text>*</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:number level="any" count="tei:note[not(normalize-space(@n)) and not(@type='source')]" from="tei:text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="endnotes">
    <xsl:variable name="notes" select="tei:text//tei:note"/>
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
