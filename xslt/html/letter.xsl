<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio: the HTML reading edition of a letter (XSLT 1.0; lxml, xsltproc and Saxon alike).

  Input: the standalone letter (transform/build/standalone.py): register entries embedded
  in standOff, references to them written #id, every p and note with an xml:id.
  Output: one HTML page: banner and navigation; the title; "About this letter" (sender,
  addressee, places, dates and what was inferred, summary, printed and archival source);
  the text with its structure, page markers, note references and names linked to the
  register pages; the notes; the licence. Parameters: params.xsl.

  Modules: one per TEI area, included; fallback.xsl imported, so every template here
  outranks it, and an element no module knows still keeps its text.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:import href="fallback.xsl"/>

  <xsl:include href="params.xsl"/>
  <xsl:include href="behaviours.xsl"/>
  <xsl:include href="labels.xsl"/>
  <xsl:include href="chrome.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="textstructure.xsl"/>
  <xsl:include href="core.xsl"/>
  <xsl:include href="namesdates.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="transcr.xsl"/>
  <xsl:include href="figures.xsl"/>
  <xsl:include href="mentions.xsl"/>
  <xsl:include href="../common/note-numbers.xsl"/>

  <!-- libxslt writes "<!DOCTYPE html>" for this doctype-system, and a Content-Type meta
       first in the head (so the page declares no other charset). -->
  <xsl:output method="html" doctype-system="about:legacy-compat" encoding="UTF-8" indent="no"/>

  <!-- The page's language: the letter's xml:lang, else the first language its header's
       langUsage names, else the default (params.xsl). -->
  <xsl:variable name="page-lang">
    <xsl:variable name="declared" select="normalize-space((/*/@xml:lang[normalize-space()]
        | /*/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[1]/@ident[not(/*/@xml:lang[normalize-space()])])[1])"/>
    <xsl:for-each select="/*">
      <xsl:call-template name="lang">
        <xsl:with-param name="code" select="concat($declared, substring($default-lang, 1, 99 * not($declared)))"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:variable name="titles" select="/*/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:variable name="title">
      <xsl:value-of select="normalize-space($letter-title)"/>
      <xsl:if test="not(normalize-space($letter-title))">
        <xsl:value-of select="normalize-space($titles[@type='main'][1] | $titles[not($titles[@type='main'])][1])"/>
      </xsl:if>
    </xsl:variable>
    <html>
      <xsl:attribute name="lang">
        <xsl:value-of select="$page-lang"/>
      </xsl:attribute>
      <xsl:call-template name="html-head">
        <xsl:with-param name="title" select="concat($title, ' – ', $edition-title)"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="page-top"/>
        <main id="editio:main" class="letter-page">
          <article class="letter">
            <h1><xsl:value-of select="$title"/></h1>
            <section class="text" id="editio:text">
              <xsl:attribute name="aria-label"><xsl:call-template name="label"><xsl:with-param name="key" select="'text-of-the-letter'"/></xsl:call-template></xsl:attribute>
              <xsl:apply-templates select="/*/tei:text"/>
            </section>
            <xsl:call-template name="endnotes"/>
            <xsl:apply-templates select="/*/tei:teiHeader" mode="meta"/>
            <xsl:call-template name="mentions"/>
          </article>
        </main>
        <footer class="site-footer">
          <xsl:apply-templates select="/*/tei:teiHeader" mode="footer"/>
          <xsl:call-template name="colophon"/>
        </footer>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
