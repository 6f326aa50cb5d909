<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: the fallback, imported by letter.xsl, so that every template of the
  area modules outranks it. An element that no module knows (TEI from other projects,
  customisations, other namespaces) keeps every character of its text: it is written as
  a neutral element with its name as a class, <span class="tei-NAME"> where the HTML
  around it allows only phrasing content, else <div class="tei-NAME"> (see "block" in
  behaviours.xsl).
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="*">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="class" select="concat('tei-', local-name())"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Text is copied by XSLT's built-in template, character for character. -->

  <!-- Omitted: comments and processing instructions are not text. -->
  <xsl:template match="comment()|processing-instruction()"/>

</xsl:stylesheet>
