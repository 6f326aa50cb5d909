<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: lists and tables, with their members (items, rows, cells) and what
  each becomes where the HTML around it allows only phrasing content (spans all the way
  down). A list's or table's head is rendered by textstructure.xsl, where every head is.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">
  <!-- Lists: the head above the list; members that are not items get an item of their own,
       so the list stays valid HTML. -->
  <xsl:template match="tei:list | tei:listBibl">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="list"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="'ul'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list[@type='ordered' or @rend='numbered' or @rend='ordered']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="list"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="'ol'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- list: where only phrasing content is allowed, spans all the way down (inline; its
       members are blocks made spans, a space after each, so that the words of two members
       stay apart). -->
  <xsl:template name="list">
    <xsl:param name="element"/>
    <xsl:param name="in" select="''"/>
    <xsl:choose>
      <xsl:when test="$in">
        <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <div>
          <xsl:call-template name="attributes"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
          <xsl:apply-templates select="tei:head"/>
          <xsl:element name="{$element}">
            <xsl:apply-templates select="node()[not(self::tei:head)]" mode="list-member"/>
          </xsl:element>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:list/tei:item | tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct" mode="list-member">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="*" mode="list-member">
    <li class="list-member"><xsl:apply-templates select="."/></li>
  </xsl:template>
  <xsl:template match="text()" mode="list-member">
    <xsl:if test="normalize-space()"><li class="list-member"><xsl:value-of select="."/></li></xsl:if>
  </xsl:template>
  <!-- Omitted: comments and processing instructions between members. -->
  <xsl:template match="comment() | processing-instruction()" mode="list-member"/>

  <xsl:template match="tei:list/tei:item | tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'li'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:item">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/></xsl:call-template>
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
