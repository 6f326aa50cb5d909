<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: the words on both sides of a line break inside a word
  (lb break="no") are one word, whatever whitespace the encoding has around it (the lb
  itself: transcr.xsl). The text edition does the same with a mark (text/core.xsl).
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- Text beside an lb break="no" loses its whitespace on that side, so
       "Bötz <lb break='no'/> berg" reads "Bötzberg". One pattern for both sides: it
       is tested on every text node of the letter. -->
  <xsl:template match="text()[following-sibling::node()[1][self::tei:lb[@break = 'no']]
      or preceding-sibling::node()[1][self::tei:lb[@break = 'no']]]">
    <xsl:variable name="left"><xsl:call-template name="trim-left-if-joined"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="following-sibling::node()[1][self::tei:lb[@break = 'no']]">
        <xsl:call-template name="trim-right"><xsl:with-param name="text" select="$left"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$left"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- trim-left-if-joined: the current text node, without its leading whitespace when an
       lb break="no" comes right before it. -->
  <xsl:template name="trim-left-if-joined">
    <xsl:choose>
      <xsl:when test="preceding-sibling::node()[1][self::tei:lb[@break = 'no']]">
        <xsl:variable name="first" select="substring(normalize-space(.), 1, 1)"/>
        <xsl:if test="$first">
          <xsl:value-of select="concat($first, substring-after(., $first))"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="trim-right">
    <xsl:param name="text"/>
    <xsl:variable name="last" select="substring($text, string-length($text))"/>
    <xsl:choose>
      <xsl:when test="$last != '' and normalize-space($last) = ''">
        <xsl:call-template name="trim-right">
          <xsl:with-param name="text" select="substring($text, 1, string-length($text) - 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
