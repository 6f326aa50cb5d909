<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: figures and graphics (tables and lists: lists.xsl). A graphic is an <img> only when its
  @url is http(s) or relative; its alt text is the figure's description.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:figure">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:figDesc">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'p'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:graphic | tei:media">
    <xsl:param name="in" select="''"/>
    <xsl:variable name="src">
      <xsl:call-template name="safe-url"><xsl:with-param name="url" select="@url"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($src) != ''">
        <img src="{$src}" alt="{normalize-space(tei:desc | ../tei:figDesc)}">
          <xsl:call-template name="attributes"><xsl:with-param name="class" select="'graphic'"/></xsl:call-template>
        </img>
        <xsl:apply-templates><xsl:with-param name="in" select="$in"/></xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <span class="graphic"><xsl:call-template name="attributes"/>[image not shown]<xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
