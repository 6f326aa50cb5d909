<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: what every page of the edition shares, letter pages (letter.xsl) and
  the pages Python builds (page.xsl) alike: the head (viewport, Content Security Policy,
  the one stylesheet, the JSON-LD data block), the skip link, the banner with the
  navigation, the colophon. No external fonts, scripts or styles.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="csp">default-src 'none'; style-src 'self'; img-src 'self' https:; script-src 'none'; base-uri 'none'; form-action 'none'</xsl:variable>

  <!-- html-head: the page's head. The JSON-LD (param jsonld) is a data block: it is not
       executed, so the policy needs no script-src for it. -->
  <xsl:template name="html-head">
    <xsl:param name="title"/>
    <head>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta http-equiv="Content-Security-Policy" content="{$csp}"/>
      <title><xsl:value-of select="normalize-space($title)"/></title>
      <link rel="stylesheet" href="editio.css"/>
      <xsl:if test="normalize-space($jsonld)">
        <script type="application/ld+json"><xsl:value-of select="$jsonld"/></script>
      </xsl:if>
    </head>
  </xsl:template>

  <!-- page-top: the skip link and the banner. param current: the file name of the page
       when it is one of the navigation's, for aria-current. -->
  <xsl:template name="page-top">
    <xsl:param name="current" select="''"/>
    <a class="skip-link" href="#editio:main"><xsl:call-template name="label"><xsl:with-param name="key" select="'skip'"/></xsl:call-template></a>
    <header class="site-header">
      <p class="site-title"><a href="index.html"><xsl:value-of select="$edition-title"/></a></p>
      <nav class="site-nav">
        <xsl:attribute name="aria-label"><xsl:call-template name="label"><xsl:with-param name="key" select="'edition-nav'"/></xsl:call-template></xsl:attribute>
        <ul>
          <xsl:call-template name="nav-item">
            <xsl:with-param name="href" select="'index.html'"/>
            <xsl:with-param name="label"><xsl:call-template name="label"><xsl:with-param name="key" select="'letters'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="current" select="$current"/>
          </xsl:call-template>
          <xsl:call-template name="nav-item">
            <xsl:with-param name="href" select="'persons.html'"/>
            <xsl:with-param name="label"><xsl:call-template name="label"><xsl:with-param name="key" select="'persons'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="current" select="$current"/>
          </xsl:call-template>
          <xsl:call-template name="nav-item">
            <xsl:with-param name="href" select="'places.html'"/>
            <xsl:with-param name="label"><xsl:call-template name="label"><xsl:with-param name="key" select="'places'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="current" select="$current"/>
          </xsl:call-template>
          <xsl:call-template name="nav-item">
            <xsl:with-param name="href" select="'organisations.html'"/>
            <xsl:with-param name="label"><xsl:call-template name="label"><xsl:with-param name="key" select="'organisations'"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="current" select="$current"/>
          </xsl:call-template>
        </ul>
      </nav>
    </header>
  </xsl:template>

  <xsl:template name="nav-item">
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <xsl:param name="current"/>
    <li>
      <a href="{$href}">
        <xsl:if test="$current = $href">
          <xsl:attribute name="aria-current">page</xsl:attribute>
        </xsl:if>
        <xsl:value-of select="$label"/>
      </a>
    </li>
  </xsl:template>

  <xsl:template name="colophon">
    <p class="colophon"><xsl:call-template name="label"><xsl:with-param name="key" select="'colophon'"/></xsl:call-template></p>
  </xsl:template>

</xsl:stylesheet>
