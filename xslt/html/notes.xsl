<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: notes. In the text, a note is a reference with its label (note-label:
  "*" for the source note, else its printed number @n, else its number among the notes
  of the text that are not the source note; the text edition uses the same rule) that
  links to the note at the end of the page (role doc-noteref); the notes follow the text
  in a section of role doc-endnotes, the source note set apart before the numbered notes,
  each with a link back to its reference (role doc-backlink).
  A note kept apart from the text (in back or standOff) that points at an anchor of the
  text (@target or @corresp, "#id" or "id") has its reference at that anchor.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:note">
    <xsl:param name="in" select="''"/>
    <xsl:apply-templates select="." mode="noteref"><xsl:with-param name="in" select="$in"/></xsl:apply-templates>
  </xsl:template>

  <!-- The reference in the text: a link to the note; inside a link, the reference keeps
       its id (the note links back to it) but is not a link itself. -->
  <xsl:template match="tei:note" mode="noteref">
    <xsl:param name="in" select="''"/>
    <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
    <xsl:variable name="label"><xsl:call-template name="note-label"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$in = 'a'">
        <sup class="noteref" id="noteref:{$id}"><xsl:value-of select="$label"/></sup>
      </xsl:when>
      <xsl:otherwise>
        <sup class="noteref">
          <a role="doc-noteref" id="noteref:{$id}" href="#{$id}">
            <xsl:attribute name="aria-label">
              <xsl:apply-templates select="." mode="note-kind"/>
              <xsl:text> </xsl:text>
              <xsl:value-of select="$label"/>
            </xsl:attribute>
            <xsl:value-of select="$label"/>
          </a>
        </sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note in the parts of the header that the page shows: in parentheses, where it is. -->
  <xsl:template match="tei:teiHeader//tei:note">
    <xsl:param name="in" select="''"/>
    <span class="header-note">
      <xsl:call-template name="attributes"/>
      <xsl:text> (</xsl:text>
      <xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <!-- The words every note's reference and backlink need, looked up once per page. -->
  <xsl:variable name="note-words"><xsl:call-template name="label"><xsl:with-param name="key" select="'note'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="source-note-words"><xsl:call-template name="label"><xsl:with-param name="key" select="'source-note'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="back-to-words"><xsl:call-template name="label"><xsl:with-param name="key" select="'back-to'"/></xsl:call-template></xsl:variable>

  <xsl:template match="tei:note[@type='source']" mode="note-kind"><xsl:value-of select="$source-note-words"/></xsl:template>
  <xsl:template match="tei:note" mode="note-kind"><xsl:value-of select="$note-words"/></xsl:template>

  <!-- note-id: the note's HTML id: its xml:id, else "note:" and its number in the text. -->
  <xsl:template name="note-id">
    <xsl:choose>
      <xsl:when test="normalize-space(@xml:id)">
        <xsl:call-template name="html-id"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>note:</xsl:text>
        <xsl:call-template name="note-number"><xsl:with-param name="which" select="'all'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- note-label: "*" for the source note; else the printed number (@n); else the note's
       number among the notes of the text that are not the source note (common/note-numbers.xsl). -->
  <xsl:template name="note-label">
    <xsl:choose>
      <xsl:when test="@type = 'source'">*</xsl:when>
      <xsl:when test="normalize-space(@n)">
        <xsl:value-of select="normalize-space(@n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="note-number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- endnotes: the section of notes after the text. -->
  <xsl:template name="endnotes">
    <xsl:variable name="notes" select="$reader-notes"/>
    <xsl:if test="$notes">
      <section class="notes" id="editio:notes" role="doc-endnotes" aria-labelledby="editio:notes-h">
        <h2 id="editio:notes-h"><xsl:call-template name="label"><xsl:with-param name="key" select="'notes'"/></xsl:call-template></h2>
        <xsl:apply-templates select="$notes[@type='source']" mode="endnote"/>
        <xsl:if test="$notes[not(@type='source')]">
          <ol class="endnotes">
            <xsl:apply-templates select="$notes[not(@type='source')]" mode="endnote"/>
          </ol>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- An endnote: its id and label worked out once (each may count the notes before it). -->
  <xsl:template match="tei:note[@type='source']" mode="endnote">
    <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
    <div class="note source-note">
      <xsl:call-template name="endnote-attributes"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <p class="note-label">
        <xsl:call-template name="backlink"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      </p>
      <div class="note-body"><xsl:apply-templates/></div>
    </div>
  </xsl:template>

  <xsl:template match="tei:note" mode="endnote">
    <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
    <li class="note">
      <xsl:call-template name="endnote-attributes"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:call-template name="backlink"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <div class="note-body"><xsl:apply-templates/></div>
    </li>
  </xsl:template>

  <xsl:template name="endnote-attributes">
    <xsl:param name="id"/>
    <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:call-template name="lang"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- backlink: a link back to the note's reference in the text (param id: the note's id):
       the printed number, or "Source note" for the source note; its accessible name says
       where it goes. -->
  <xsl:template name="backlink">
    <xsl:param name="id"/>
    <xsl:variable name="label"><xsl:call-template name="note-label"/></xsl:variable>
    <a class="backlink" role="doc-backlink" href="#noteref:{$id}">
      <xsl:attribute name="aria-label">
        <xsl:value-of select="$back-to-words"/>
        <xsl:text> </xsl:text>
        <xsl:apply-templates select="." mode="note-kind"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="$label"/>
      </xsl:attribute>
      <xsl:apply-templates select="." mode="backlink-label"><xsl:with-param name="label" select="$label"/></xsl:apply-templates>
    </a>
  </xsl:template>

  <xsl:template match="tei:note[@type='source']" mode="backlink-label"><xsl:value-of select="$source-note-words"/></xsl:template>

  <xsl:template match="tei:note" mode="backlink-label">
    <xsl:param name="label"/>
    <xsl:value-of select="$label"/>
  </xsl:template>

</xsl:stylesheet>
