<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: editorial interventions and the transcription of the source. The
  reading text: choice renders its reading (corr, reg, expan) everywhere, deleted text
  is left out, what the editors supplied is in brackets, a gap is "[…]"; every other
  element adds nothing, so that no word is split by markup.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:c|tei:unclear|tei:add|tei:subst|tei:metamark|tei:abbr|tei:expan|tei:sic|tei:corr|tei:orig|tei:reg">
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

  <!-- space: a gap in the writing is one space. -->
  <xsl:template match="tei:space">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Omitted: deleted text is not part of the reading text. -->
  <xsl:template match="tei:del"/>

  <!-- Omitted: running heads, catchwords, page numbers of the original. -->
  <xsl:template match="tei:fw"/>

  <!-- Omitted: handShift marks where a hand changes, which the text edition does not
       distinguish. -->
  <xsl:template match="tei:handShift"/>

</xsl:stylesheet>
