<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: the TEI core module: paragraphs, verse, addresses and lists as blocks
  and lines; phrase-level elements inline, adding nothing, so that no word is split by
  markup; line and page breaks; anchors. Heads: textstructure.xsl; notes: notes.xsl;
  editorial interventions: transcr.xsl.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:p|tei:ab|tei:lg|tei:list|tei:listBibl">
    <xsl:call-template name="block"/>
  </xsl:template>

  <!-- A paragraph of a note continues the note's first line ("[1] text"). -->
  <xsl:template match="tei:note/tei:p[1]">
    <xsl:call-template name="inline"/>
  </xsl:template>

  <xsl:template match="tei:l|tei:item|tei:address|tei:addrLine">
    <xsl:call-template name="line"/>
  </xsl:template>

  <!-- Omitted: the bibliography a letter keeps in its back is data, not reading text
       (the letter's page lists the works the text points at under "In this letter"). -->
  <xsl:template priority="3" match="tei:back//tei:listBibl"/>

  <xsl:template match="tei:hi|tei:emph|tei:foreign|tei:term|tei:mentioned|tei:soCalled|tei:q|tei:quote|tei:said|tei:title|tei:bibl|tei:biblStruct|tei:idno|tei:ref|tei:seg|tei:w|tei:pc|tei:num|tei:measure">
    <xsl:call-template name="inline"/>
  </xsl:template>

  <!-- A ref without words that points to a day (YYYY-MM-DD, a diary's entry, as some
       editions write it): the day, as the letter's page shows it. -->
  <xsl:template match="tei:ref[not(normalize-space())][translate(@target, '0123456789', '0000000000') = '0000-00-00']">
    <xsl:value-of select="@target"/>
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

  <!-- Omitted: pointers have no text; column breaks and milestones mark places in the
       source's layout. -->
  <xsl:template match="tei:ptr|tei:cb|tei:milestone"/>

  <!-- anchor: no text of its own; the references of the notes kept apart from the text
       that point at it (notes.xsl). -->
  <xsl:template match="tei:anchor">
    <xsl:apply-templates select="key('note-at', @xml:id)[normalize-space()]" mode="noteref"/>
  </xsl:template>

</xsl:stylesheet>
