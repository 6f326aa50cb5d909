<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio: the pages that Python builds for the whole edition (register pages, the list of
  letters), in the same frame as the letters (chrome.xsl).

  Input, built by transform/build/html.py:
    <page lang="en" current="persons.html">
      <title>…</title> <main>…HTML…</main> <footer>…HTML…</footer>
    </page>
  The HTML inside main and footer is copied as it is. Parameters: params.xsl (jsonld).
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="params.xsl"/>
  <xsl:include href="chrome.xsl"/>
  <xsl:include href="labels.xsl"/>

  <!-- The page's language, for the labels (labels.xsl). -->
  <xsl:variable name="page-lang" select="/page/@lang"/>

  <xsl:output method="html" doctype-system="about:legacy-compat" encoding="UTF-8" indent="no"/>

  <xsl:template match="/page">
    <html lang="{@lang}">
      <xsl:call-template name="html-head">
        <xsl:with-param name="title" select="concat(title, ' – ', $edition-title)"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="page-top">
          <xsl:with-param name="current" select="@current"/>
        </xsl:call-template>
        <xsl:copy-of select="main"/>
        <footer class="site-footer">
          <xsl:copy-of select="footer/node()"/>
          <xsl:call-template name="colophon"/>
        </footer>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
