<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: the fallback, imported by text.xsl at the lowest precedence.
  An element no module knows (TEI from other projects, customisations) keeps every
  character of its text, inline; text nodes lose only their tab, CR and LF, which become
  spaces (text.py collapses them).
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="*">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="text()">
    <xsl:value-of select="translate(., '&#9;&#10;&#13;', '   ')"/>
  </xsl:template>

  <!-- Omitted: comments and processing instructions are not text. -->
  <xsl:template match="comment()|processing-instruction()"/>

</xsl:stylesheet>
