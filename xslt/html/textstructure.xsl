<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: the structure of the text: divisions and their headings, opener and
  closer (dateline, salutation, signature), postscript. A division's head is a heading one
  level below the division's depth (the page title is h1, a letter's head h2).
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:text | tei:body | tei:front | tei:back | tei:group | tei:div
      | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
      | tei:opener | tei:closer | tei:postscript | tei:epigraph | tei:argument | tei:floatingText">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:div/tei:head | tei:div1/tei:head | tei:div2/tei:head | tei:div3/tei:head
      | tei:div4/tei:head | tei:div5/tei:head | tei:div6/tei:head | tei:div7/tei:head">
    <xsl:param name="in" select="''"/>
    <xsl:variable name="depth" select="count(ancestor::*[starts-with(local-name(), 'div')][namespace-uri() = 'http://www.tei-c.org/ns/1.0'])"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="concat('h', substring(concat(substring('23456', $depth, 1), '6'), 1, 1))"/>
      <xsl:with-param name="class" select="'head'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Any other head (of a list, a figure, a note ...): a paragraph of its own. -->
  <xsl:template match="tei:head">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'p'"/></xsl:call-template>
  </xsl:template>

  <!-- A table's first head: its caption (figures.xsl). -->
  <xsl:template match="tei:head" mode="caption">
    <caption>
      <xsl:call-template name="attributes"/>
      <xsl:apply-templates/>
    </caption>
  </xsl:template>

  <xsl:template match="tei:salute | tei:signed | tei:dateline | tei:byline | tei:docAuthor | tei:docDate | tei:trailer">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="'p'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A TEI document inside the text (an enclosure, a copy): its text, not its header. -->
  <xsl:template match="tei:text//tei:TEI">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <!-- Omitted: register entries embedded in the standalone letter (standOff) are shown on
       the register pages that the names link to; facsimile has images, not text. (The
       header: header.xsl; the register lists a letter keeps in its text: namesdates.xsl,
       and its bibliography in back: core.xsl.) -->
  <xsl:template match="tei:standOff | tei:facsimile"/>

</xsl:stylesheet>
