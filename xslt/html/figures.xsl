<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: figures, graphics and tables. A graphic is an <img> only when its
  @url is http(s) or relative; its alt text is the figure's description. A table's head
  is its caption (textstructure.xsl, where every head is); members of a table that are
  not rows get a row of their own, and where only phrasing content is allowed a table is
  spans all the way down.
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

  <!-- A table: its head as caption; members that are not rows get a row of their own. -->
  <xsl:template match="tei:table">
    <xsl:param name="in" select="''"/>
    <xsl:choose>
      <!-- where only phrasing content is allowed: spans all the way down -->
      <xsl:when test="$in">
        <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <table>
          <xsl:call-template name="attributes"><xsl:with-param name="class" select="'table'"/></xsl:call-template>
          <xsl:apply-templates select="tei:head[1]" mode="caption"/>
          <xsl:apply-templates select="node()[not(self::tei:head)] | tei:head[position() &gt; 1]" mode="table-member"/>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:row" mode="table-member">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="*" mode="table-member">
    <tr class="table-member"><td><xsl:apply-templates select="."/></td></tr>
  </xsl:template>
  <xsl:template match="text()" mode="table-member">
    <xsl:if test="normalize-space()"><tr class="table-member"><td><xsl:value-of select="."/></td></tr></xsl:if>
  </xsl:template>
  <!-- Omitted: comments and processing instructions between rows. -->
  <xsl:template match="comment() | processing-instruction()" mode="table-member"/>

  <xsl:template match="tei:table/tei:row">
    <xsl:param name="in" select="''"/>
    <xsl:choose>
      <xsl:when test="$in">
        <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <tr>
          <xsl:call-template name="attributes"/>
          <xsl:apply-templates select="node()" mode="row-member"/>
        </tr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:cell" mode="row-member">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="*" mode="row-member">
    <td class="row-member"><xsl:apply-templates select="."/></td>
  </xsl:template>
  <xsl:template match="text()" mode="row-member">
    <xsl:if test="normalize-space()"><td class="row-member"><xsl:value-of select="."/></td></xsl:if>
  </xsl:template>
  <!-- Omitted: comments and processing instructions between cells. -->
  <xsl:template match="comment() | processing-instruction()" mode="row-member"/>

  <xsl:template match="tei:row/tei:cell">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'td'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:row/tei:cell[@role='label']" priority="1">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'th'"/></xsl:call-template>
  </xsl:template>

  <!-- A row or cell outside a table: a block. -->
  <xsl:template match="tei:row | tei:cell">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
