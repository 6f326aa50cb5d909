<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio, every output: the numbers of the notes, worked out once per letter.
  A note's label (html/notes.xsl, text/notes.xsl) is "*" for the source note, else its
  printed number (@n), else its number among the notes of the text that are not the
  source note; its HTML id, when it has no xml:id, uses its number among all of them.
  xsl:number level="any" would walk back over the whole letter for every note, which is
  quadratic in a letter of thousands of notes; here one pass makes a table, read with a
  key. The table is a result tree fragment made a node-set with exsl:node-set where the
  processor has it (libxslt: lxml, xsltproc), and used as it is where fragments are
  node-sets already (Saxon, which runs XSLT 1.0 stylesheets as XSLT 2.0 would).
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:exsl="http://exslt.org/common"
  exclude-result-prefixes="tei exsl">

  <xsl:variable name="all-notes" select="/*/tei:text//tei:note | /*/tei:standOff//tei:note"/>

  <xsl:variable name="note-table">
    <xsl:for-each select="$all-notes">
      <all id="{generate-id()}"><xsl:value-of select="position()"/></all>
    </xsl:for-each>
    <xsl:for-each select="$all-notes[not(@type = 'source')]">
      <counted id="{generate-id()}"><xsl:value-of select="position()"/></counted>
    </xsl:for-each>
  </xsl:variable>

  <xsl:key name="note-number" match="all | counted" use="concat(local-name(), @id)"/>

  <!-- note-number: the current note's number (param which: 'counted', among the notes
       that are not the source note; 'all', among all of them). -->
  <xsl:template name="note-number">
    <xsl:param name="which" select="'counted'"/>
    <xsl:variable name="key" select="concat($which, generate-id())"/>
    <xsl:choose>
      <xsl:when test="function-available('exsl:node-set')">
        <xsl:for-each select="exsl:node-set($note-table)">
          <xsl:value-of select="key('note-number', $key)"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$note-table">
          <xsl:value-of select="key('note-number', $key)"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
