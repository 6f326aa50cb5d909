<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: the header block, from the teiHeader (mode "header"):

    <title>
    Sender: <names of correspAction type="sent">
    Addressee: <names of correspAction type="received">
    Place and date: <place and date of sending>
    Source: <the first description in sourceDesc>

  A field the header does not have is left out. Every value is one line
  (normalize-space); text.py wraps it like any other line.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- Omitted in the text flow: the header is rendered once, in mode "header". -->
  <xsl:template match="tei:teiHeader"/>

  <xsl:template match="tei:teiHeader" mode="header">
    <xsl:variable name="titles" select="tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:variable name="sent" select="tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']"/>
    <xsl:variable name="received" select="tei:profileDesc/tei:correspDesc/tei:correspAction[@type='received']"/>
    <xsl:choose>
      <xsl:when test="normalize-space($letter-title)">
        <xsl:value-of select="normalize-space($letter-title)"/>
      </xsl:when>
      <xsl:when test="$titles[@type='main']">
        <xsl:value-of select="normalize-space($titles[@type='main'][1])"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($titles[1])"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Sender'"/>
      <xsl:with-param name="items" select="$sent/tei:persName|$sent/tei:orgName|$sent/tei:name"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Addressee'"/>
      <xsl:with-param name="items" select="$received/tei:persName|$received/tei:orgName|$received/tei:name"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Place and date'"/>
      <xsl:with-param name="items" select="$sent/tei:placeName|$sent/tei:date"/>
      <xsl:with-param name="separator" select="', '"/>
    </xsl:call-template>
    <xsl:if test="tei:fileDesc/tei:sourceDesc/*">
      <xsl:text>&#10;Source: </xsl:text>
      <xsl:apply-templates select="tei:fileDesc/tei:sourceDesc/*[1]" mode="source"/>
    </xsl:if>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- "Label: a; b" on a new line, or nothing when there are no items. -->
  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="items"/>
    <xsl:param name="separator" select="'; '"/>
    <xsl:if test="$items">
      <xsl:text>&#10;</xsl:text>
      <xsl:value-of select="$label"/>
      <xsl:text>: </xsl:text>
      <xsl:for-each select="$items">
        <xsl:if test="position() > 1">
          <xsl:value-of select="$separator"/>
        </xsl:if>
        <xsl:call-template name="header-value"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- A value: its text, else its normalised date (a date element may be empty). -->
  <xsl:template name="header-value">
    <xsl:choose>
      <xsl:when test="normalize-space(.)">
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@when|@from|@notBefore"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Source, mode "source": a structured bibliographic description, as
       "Article. Monograph, scope. Place: Publisher, date. URI". -->
  <xsl:template match="tei:biblStruct" mode="source">
    <xsl:for-each select="tei:analytic/tei:title[1]|tei:monogr/tei:title[1]">
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:if test="parent::tei:monogr">
        <xsl:for-each select="../tei:biblScope[not(contains(../tei:title[1], normalize-space(.)))]">
          <xsl:text>, </xsl:text>
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </xsl:if>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:apply-templates select="tei:monogr/tei:imprint" mode="source"/>
    <xsl:for-each select="tei:analytic/tei:idno[@type='URI' or @type='url']|tei:monogr/tei:idno[@type='URI' or @type='url']">
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:text> </xsl:text>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:imprint" mode="source">
    <xsl:value-of select="normalize-space(tei:pubPlace[1])"/>
    <xsl:if test="tei:pubPlace and tei:publisher">
      <xsl:text>: </xsl:text>
    </xsl:if>
    <xsl:value-of select="normalize-space(tei:publisher[1])"/>
    <xsl:if test="tei:date and (tei:pubPlace or tei:publisher)">
      <xsl:text>, </xsl:text>
    </xsl:if>
    <xsl:value-of select="normalize-space(tei:date[1])"/>
    <xsl:text>. </xsl:text>
  </xsl:template>

  <!-- A manuscript: repository, collections and shelfmark, comma-separated. -->
  <xsl:template match="tei:msDesc" mode="source">
    <xsl:for-each select="tei:msIdentifier/*">
      <xsl:if test="position() > 1">
        <xsl:text>, </xsl:text>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Anything else (bibl, p, listBibl ...): its text. -->
  <xsl:template match="*" mode="source">
    <xsl:value-of select="normalize-space(.)"/>
  </xsl:template>

</xsl:stylesheet>
