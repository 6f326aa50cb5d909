<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: figures and tables. A figure or table is a block, a row a line,
  its cells separated by " | "; images and their descriptions have no place in the text.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:figure|tei:table">
    <xsl:call-template name="block"/>
  </xsl:template>

  <xsl:template match="tei:row">
    <xsl:call-template name="line"/>
  </xsl:template>

  <!-- A table cell: the cells of a row are separated by a tab-like gap of spaces. -->
  <xsl:template match="tei:cell">
    <xsl:if test="preceding-sibling::tei:cell">
      <xsl:text> | </xsl:text>
    </xsl:if>
    <xsl:call-template name="inline"/>
  </xsl:template>

  <!-- Omitted: images, and the descriptions of figures. -->
  <xsl:template match="tei:graphic|tei:figDesc"/>

</xsl:stylesheet>
