<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: text structure (TEI textstructure, core lists and verse).
  Blocks get a blank line around them, line elements a line of their own.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:text|tei:front|tei:body|tei:back|tei:group|tei:div|tei:postscript|tei:lg|tei:list|tei:listBibl|tei:figure|tei:table">
    <xsl:call-template name="block"/>
  </xsl:template>

  <xsl:template match="tei:head|tei:p|tei:ab|tei:opener|tei:closer|tei:trailer|tei:argument|tei:epigraph|tei:byline|tei:docAuthor|tei:floatingText">
    <xsl:call-template name="block"/>
  </xsl:template>

  <!-- A paragraph of a note continues the note's first line ("[1] text"). -->
  <xsl:template match="tei:note/tei:p[1]">
    <xsl:call-template name="inline"/>
  </xsl:template>

  <xsl:template match="tei:salute|tei:signed|tei:dateline|tei:address|tei:addrLine|tei:l|tei:item|tei:row">
    <xsl:call-template name="line"/>
  </xsl:template>

  <!-- A table cell: the cells of a row are separated by a tab-like gap of spaces. -->
  <xsl:template match="tei:cell">
    <xsl:if test="preceding-sibling::tei:cell">
      <xsl:text> | </xsl:text>
    </xsl:if>
    <xsl:call-template name="inline"/>
  </xsl:template>

  <!-- Omitted: register data kept in the letter (its lists of persons, places,
       organisations, events ..., and the bibliography of its back): data, not reading
       text (the letter's page lists them under "In this letter"). -->
  <xsl:template priority="3" match="tei:text//tei:listPerson | tei:text//tei:listPlace | tei:text//tei:listOrg
      | tei:text//tei:listEvent | tei:text//tei:listNym | tei:text//tei:listObject | tei:text//tei:listRelation
      | tei:back//tei:listBibl"/>

  <!-- Omitted: register entries embedded by the standalone letter, and images. -->
  <xsl:template match="tei:standOff|tei:facsimile|tei:sourceDoc|tei:graphic"/>

</xsl:stylesheet>
