<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: the behaviours. Every element template picks one of these.
  Each works on the current node, as called with xsl:call-template.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- block: a paragraph of its own, with a blank line before and after. -->
  <xsl:template name="block">
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- line: starts a new line (salute, signed, a line of verse); what follows it in
       the same parent continues on its line, so a note reference stays with it, but
       after a space: "114</dateline><seg>16." never reads "11416.". -->
  <xsl:template name="line">
    <xsl:text>&#10;</xsl:text>
    <xsl:apply-templates/>
    <xsl:if test="not(following-sibling::node()[1]/self::tei:note)">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- inline: the content, nothing added, so no word is ever split. -->
  <xsl:template name="inline">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- marker: "[label]" between U+E000 and U+E001, for text.py to keep whole and
       out of words (see text.xsl). -->
  <xsl:template name="marker">
    <xsl:param name="label"/>
    <xsl:text>&#xE000;[</xsl:text>
    <xsl:value-of select="$label"/>
    <xsl:text>]&#xE001;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
