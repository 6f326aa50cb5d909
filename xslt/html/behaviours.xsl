<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: the behaviours. Every element template picks one of them and a class:
    block   a block of its own (div, p, li, h2 ...); a span where the HTML around it allows
            only phrasing content, so that the page stays valid HTML whatever nests in what
    inline  a phrasing element (span, em, cite, abbr ...)
    link    an <a> when the element points somewhere safe, else an inline
  and they share: attributes (id, lang, class), html-id (xml:id to HTML id), safe-url and
  href-for (what a pointer may become in an href). Each works on the current node.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- Elements whose content is rendered where HTML allows only phrasing content: p, h2,
       span, a, time, cite ... (and the header's one-line citations), and note. An element
       is "in phrasing" when the nearest of them around it is not a note:
         ancestor::*[key('phrasing-container', generate-id())][1][not(self::tei:note)]
       and its block rendering becomes a span. A note starts afresh, because its content is
       rendered at the end of the page, in a list item.
       Why it is written so: a key of the elements in phrasing tested every element's
       ancestors and took most of the time of a page; and the containers as a union of name
       tests (tei:note | tei:p | ...) cost time quadratic in the size of the letter, because
       libxml2 merges the union's node-sets pairwise. One test per element is linear. -->
  <xsl:key name="phrasing-container" use="generate-id()" match="tei:*[contains(' note
      p ab head l label salute signed dateline byline docDate docAuthor trailer figDesc
      hi emph foreign term mentioned soCalled gloss seg num measure idno title q said
      bibl biblStruct msIdentifier correspAction persName placeName orgName
      rs name repository institution date ref choice sic corr reg orig abbr expan am
      ex supplied unclear gap del add subst surplus damage restore ', concat(' ', local-name(), ' '))
      and not(self::tei:bibl/parent::tei:listBibl)]"/>

  <!-- Elements inside an element that is rendered as a link: they must not be links
       themselves (HTML forbids <a> in <a>). -->
  <xsl:key name="inside-link" use="generate-id()" match="tei:persName[@ref]//* | tei:placeName[@ref]//*
      | tei:orgName[@ref]//* | tei:rs[@ref]//* | tei:name[@ref]//* | tei:repository[@ref]//*
      | tei:institution[@ref]//* | tei:ref[@target]//* | tei:idno[@type='URI']//*"/>

  <!-- Every element with an xml:id. -->
  <xsl:key name="xml-id" use="@xml:id" match="*[@xml:id]"/>

  <!-- Register entries embedded in the standalone letter. -->
  <xsl:key name="entry" use="@xml:id" match="tei:standOff//tei:person[@xml:id] | tei:standOff//tei:place[@xml:id]
      | tei:standOff//tei:org[@xml:id]"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <!-- Characters an HTML id keeps out of (ASCII whitespace) or that need escaping in a URL
       fragment or a CSS selector; html-id turns each into "_". The same list is in
       transform/build/html.py (html_id): the register pages link to the same ids. -->
  <xsl:variable name="id-unsafe"> &#9;&#10;&#13;!"#$%&amp;'()*+,/:;&lt;=&gt;?@[\]^`{|}~</xsl:variable>
  <xsl:variable name="underscores" select="'________________________________________'"/>

  <!-- block: a block element (param element: div, p, li, blockquote, h2 ...), or a span
       where only phrasing content is allowed. -->
  <xsl:template name="block">
    <xsl:param name="element" select="'div'"/>
    <xsl:param name="class" select="local-name()"/>
    <xsl:choose>
      <xsl:when test="ancestor::*[key('phrasing-container', generate-id())][1][not(self::tei:note)]">
        <span>
          <xsl:call-template name="attributes">
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$element}">
          <xsl:call-template name="attributes">
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- inline: a phrasing element (param element: span, em, cite ...), with an optional title. -->
  <xsl:template name="inline">
    <xsl:param name="element" select="'span'"/>
    <xsl:param name="class" select="local-name()"/>
    <xsl:param name="title" select="''"/>
    <xsl:element name="{$element}">
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="$class"/>
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- link: <a href> when href (already made safe by href-for) is not empty, else inline. -->
  <xsl:template name="link">
    <xsl:param name="href" select="''"/>
    <xsl:param name="class" select="local-name()"/>
    <xsl:param name="title" select="''"/>
    <xsl:choose>
      <xsl:when test="string($href) != ''">
        <a href="{$href}">
          <xsl:call-template name="attributes">
            <xsl:with-param name="class" select="$class"/>
            <xsl:with-param name="title" select="$title"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="inline">
          <xsl:with-param name="class" select="$class"/>
          <xsl:with-param name="title" select="$title"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- attributes: id (from xml:id), lang (from xml:lang), class and title when given. -->
  <xsl:template name="attributes">
    <xsl:param name="class" select="''"/>
    <xsl:param name="title" select="''"/>
    <xsl:if test="normalize-space(@xml:id)">
      <xsl:attribute name="id">
        <xsl:call-template name="html-id"/>
      </xsl:attribute>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="normalize-space($class)">
      <xsl:attribute name="class"><xsl:value-of select="normalize-space($class)"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="normalize-space($title)">
      <xsl:attribute name="title"><xsl:value-of select="normalize-space($title)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- html-id: an xml:id (default: the current node's) as an HTML id, the same on every page. -->
  <xsl:template name="html-id">
    <xsl:param name="id" select="@xml:id"/>
    <xsl:value-of select="translate($id, $id-unsafe, $underscores)"/>
  </xsl:template>

  <!-- safe-url: the URL if it is http(s) or relative, else nothing (javascript:, data:,
       vbscript:, mailto: ... never reach the page). Only the first whitespace-separated
       token counts, so no tab or line break can hide a scheme. -->
  <xsl:template name="safe-url">
    <xsl:param name="url"/>
    <xsl:variable name="first" select="substring-before(concat(normalize-space($url), ' '), ' ')"/>
    <xsl:variable name="scheme" select="substring-before($first, ':')"/>
    <xsl:variable name="low" select="translate($first, $upper, $lower)"/>
    <xsl:choose>
      <xsl:when test="starts-with($low, 'https://') or starts-with($low, 'http://')">
        <xsl:value-of select="$first"/>
      </xsl:when>
      <xsl:when test="not(contains($first, ':')) or translate($scheme, '/?#', '') != $scheme">
        <xsl:value-of select="$first"/>
      </xsl:when>
      <!-- another scheme: no link -->
      <xsl:otherwise/>
    </xsl:choose>
  </xsl:template>

  <!-- href-for: what a pointer (@ref, @target) becomes in an href: a register entry of the
       standalone letter links to its register page, another #id to that id on this page
       (when the letter has it), anything else only when safe-url lets it through. -->
  <xsl:template name="href-for">
    <xsl:param name="pointer"/>
    <xsl:variable name="first" select="substring-before(concat(normalize-space($pointer), ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="starts-with($first, '#') and key('entry', substring($first, 2))">
        <xsl:apply-templates select="key('entry', substring($first, 2))[1]" mode="register-href"/>
      </xsl:when>
      <xsl:when test="starts-with($first, '#') and key('xml-id', substring($first, 2))">
        <xsl:text>#</xsl:text>
        <xsl:call-template name="html-id">
          <xsl:with-param name="id" select="substring($first, 2)"/>
        </xsl:call-template>
      </xsl:when>
      <!-- a #id that is nowhere in the letter: no link -->
      <xsl:when test="starts-with($first, '#')"/>
      <xsl:otherwise>
        <xsl:call-template name="safe-url">
          <xsl:with-param name="url" select="$first"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
