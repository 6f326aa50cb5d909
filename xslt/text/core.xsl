<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: phrase-level elements of TEI core and transcription.
  Inline elements add nothing, so no word is split by markup; choice renders its
  reading text (corr, reg, expan) everywhere.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:hi|tei:emph|tei:foreign|tei:term|tei:mentioned|tei:soCalled|tei:q|tei:quote|tei:said|tei:title|tei:bibl|tei:biblStruct|tei:idno|tei:ref|tei:seg|tei:w|tei:c|tei:pc|tei:unclear|tei:add|tei:subst|tei:metamark|tei:num|tei:measure|tei:abbr|tei:expan|tei:sic|tei:corr|tei:orig|tei:reg">
    <xsl:call-template name="inline"/>
  </xsl:template>

  <!-- choice: the reading text, the first of corr, reg, expan; else its first child.
       sic, orig and abbr inside a choice are thus never rendered. -->
  <xsl:template match="tei:choice">
    <xsl:choose>
      <xsl:when test="tei:corr|tei:reg|tei:expan">
        <xsl:apply-templates select="(tei:corr|tei:reg|tei:expan)[1]"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="*[1]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A ref without words that points to a day (YYYY-MM-DD, a diary's entry, as some
       editions write it): the day, as the letter's page shows it. -->
  <xsl:template match="tei:ref[not(normalize-space())][translate(@target, '0123456789', '0000000000') = '0000-00-00']">
    <xsl:value-of select="@target"/>
  </xsl:template>

  <!-- supplied: text added by the editor, in square brackets. -->
  <xsl:template match="tei:supplied">
    <xsl:text>[</xsl:text>
    <xsl:call-template name="inline"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- gap: an omission, as an ellipsis in brackets. -->
  <xsl:template match="tei:gap">
    <xsl:text>[…]</xsl:text>
  </xsl:template>

  <!-- lb: a line break in prose is a word boundary: a space. -->
  <xsl:template match="tei:lb">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- lb break="no": a line break inside a word: the mark U+E003, which text.py removes
       with the spaces around it, so that the words on both sides are one. (A pattern on
       the text nodes beside it would be tested on every text node of the letter.) -->
  <xsl:template match="tei:lb[@break = 'no']">
    <xsl:text>&#xE003;</xsl:text>
  </xsl:template>

  <!-- pb: "[Page n]" where it falls (text.py keeps it out of words). -->
  <xsl:template match="tei:pb">
    <xsl:call-template name="marker">
      <xsl:with-param name="label" select="normalize-space(concat($page-label, ' ', @n))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- space: a gap in the writing is one space. -->
  <xsl:template match="tei:space">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Omitted: deleted text is not part of the reading text. -->
  <xsl:template match="tei:del"/>

  <!-- Omitted: running heads, catchwords, page numbers of the original. -->
  <xsl:template match="tei:fw"/>

  <!-- Omitted: pointers have no text; handShift marks where a hand changes, which the
       text edition does not distinguish. -->
  <xsl:template match="tei:ptr|tei:cb|tei:milestone|tei:figDesc|tei:handShift"/>

  <!-- anchor: no text of its own; the references of the notes kept apart from the text
       that point at it (notes.xsl). -->
  <xsl:template match="tei:anchor">
    <xsl:apply-templates select="key('note-at', @xml:id)[normalize-space()]" mode="noteref"/>
  </xsl:template>

</xsl:stylesheet>
