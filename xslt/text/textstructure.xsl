<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: the structure of the text: divisions and their heads, opener and
  closer (dateline, salutation, signature), postscript. Blocks get a blank line around
  them, line elements a line of their own.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:text|tei:front|tei:body|tei:back|tei:group|tei:div|tei:postscript">
    <xsl:call-template name="block"/>
  </xsl:template>

  <xsl:template match="tei:head|tei:opener|tei:closer|tei:trailer|tei:argument|tei:epigraph|tei:byline|tei:docAuthor|tei:floatingText">
    <xsl:call-template name="block"/>
  </xsl:template>

  <xsl:template match="tei:salute|tei:signed|tei:dateline">
    <xsl:call-template name="line"/>
  </xsl:template>

  <!-- Omitted: register entries embedded by the standalone letter, and the images of
       the source. -->
  <xsl:template match="tei:standOff|tei:facsimile|tei:sourceDoc"/>

</xsl:stylesheet>
