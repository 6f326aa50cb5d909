<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: the words of the interface ("About this letter", "Notes", "Received"
  ...), one table per language, looked up by key in the page's language (its primary
  subtag: de-AT is de), in English where the language or the key has no entry.
  transform/build/labels.py reads the same tables for the pages Python builds (registers,
  lists of letters). A language is one more <labels lang="..."> here.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:exsl="http://exslt.org/common"
  exclude-result-prefixes="exsl">

  <xsl:variable name="labels">
    <labels lang="en">
      <label key="skip">Skip to main content</label>
      <label key="edition-nav">Edition</label>
      <label key="letters">Letters</label>
      <label key="persons">Persons</label>
      <label key="places">Places</label>
      <label key="organisations">Organisations</label>
      <label key="works">Works</label>
      <label key="events">Events</label>
      <label key="colophon">Built with editio from TEI P5 sources.</label>
      <label key="text-of-the-letter">Text of the letter</label>
      <label key="about">About this letter</label>
      <label key="sent who">From</label>
      <label key="sent place">Sent from</label>
      <label key="sent date">Date</label>
      <label key="received who">To</label>
      <label key="received place">Received at</label>
      <label key="received date">Received</label>
      <label key="note">Note</label>
      <label key="summary">Summary</label>
      <label key="previous-in-correspondence">Previous letter in this correspondence</label>
      <label key="next-in-correspondence">Next letter in this correspondence</label>
      <label key="previous">Previous letter</label>
      <label key="next">Next letter</label>
      <label key="related">Related</label>
      <label key="printed-source">Printed source</label>
      <label key="printed-sources">Printed sources</label>
      <label key="archival-source">Archival source</label>
      <label key="copy-text">Copy-text</label>
      <label key="source">Source</label>
      <label key="licence">Licence:</label>
      <label key="notes">Notes</label>
      <label key="source-note">Source note</label>
      <label key="back-to">Back to the reference of</label>
      <label key="in-this-letter">In this letter</label>
      <label key="page">Page</label>
      <label key="page-break">Page break</label>
      <label key="entries">Entries</label>
      <label key="other-names">Other names</label>
      <label key="dates">Dates</label>
      <label key="type">Type</label>
      <label key="description">Description</label>
      <label key="authority-records">Authority records</label>
      <label key="in-the-letters">In the letters</label>
      <label key="not-mentioned">Not mentioned in the letters of this edition.</label>
    </labels>
    <labels lang="de">
      <label key="skip">Zum Inhalt springen</label>
      <label key="edition-nav">Edition</label>
      <label key="letters">Briefe</label>
      <label key="persons">Personen</label>
      <label key="places">Orte</label>
      <label key="organisations">Organisationen</label>
      <label key="works">Werke</label>
      <label key="events">Ereignisse</label>
      <label key="colophon">Erstellt mit editio aus TEI-P5-Quellen.</label>
      <label key="text-of-the-letter">Text des Briefes</label>
      <label key="about">Über diesen Brief</label>
      <label key="sent who">Von</label>
      <label key="sent place">Geschrieben in</label>
      <label key="sent date">Datum</label>
      <label key="received who">An</label>
      <label key="received place">Empfangen in</label>
      <label key="received date">Empfangen</label>
      <label key="note">Anmerkung</label>
      <label key="summary">Zusammenfassung</label>
      <label key="previous-in-correspondence">Vorheriger Brief dieser Korrespondenz</label>
      <label key="next-in-correspondence">Nächster Brief dieser Korrespondenz</label>
      <label key="previous">Vorheriger Brief</label>
      <label key="next">Nächster Brief</label>
      <label key="related">Siehe auch</label>
      <label key="printed-source">Druckvorlage</label>
      <label key="printed-sources">Drucke</label>
      <label key="archival-source">Handschrift</label>
      <label key="copy-text">Textgrundlage</label>
      <label key="source">Quelle</label>
      <label key="licence">Lizenz:</label>
      <label key="notes">Anmerkungen</label>
      <label key="source-note">Quellennachweis</label>
      <label key="back-to">Zurück zum Verweis auf</label>
      <label key="in-this-letter">In diesem Brief</label>
      <label key="page">Seite</label>
      <label key="page-break">Seitenwechsel</label>
      <label key="entries">Einträge</label>
      <label key="other-names">Weitere Namen</label>
      <label key="dates">Daten</label>
      <label key="type">Art</label>
      <label key="description">Beschreibung</label>
      <label key="authority-records">Normdaten</label>
      <label key="in-the-letters">In den Briefen</label>
      <label key="not-mentioned">In den Briefen dieser Edition nicht erwähnt.</label>
    </labels>
  </xsl:variable>


  <!-- The labels of the page's language and the English ones, each made once per page
       into one string, "&#xE000;key&#xE001;words&#xE000;key&#xE001;words ...&#xE000;",
       and read with substring-after: in libxslt this costs less than a key (which
       indexes a document for every key of the stylesheet) or a predicate on the table. -->
  <xsl:variable name="label-lang" select="translate(substring-before(concat($page-lang, '-'), '-'),
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
  <xsl:variable name="own-label-list">
    <xsl:for-each select="exsl:node-set($labels)/labels[@lang = $label-lang]/label">&#xE000;<xsl:value-of select="concat(@key, '&#xE001;', .)"/></xsl:for-each>
    <xsl:text>&#xE000;</xsl:text>
  </xsl:variable>
  <xsl:variable name="english-label-list">
    <xsl:for-each select="exsl:node-set($labels)/labels[@lang = 'en']/label">&#xE000;<xsl:value-of select="concat(@key, '&#xE001;', .)"/></xsl:for-each>
    <xsl:text>&#xE000;</xsl:text>
  </xsl:variable>
  <xsl:variable name="own-labels" select="string($own-label-list)"/>
  <xsl:variable name="english-labels" select="string($english-label-list)"/>

  <!-- label: the words for key in the page's language, else in English. -->
  <xsl:template name="label">
    <xsl:param name="key"/>
    <xsl:variable name="start" select="concat('&#xE000;', $key, '&#xE001;')"/>
    <xsl:choose>
      <xsl:when test="contains($own-labels, $start)">
        <xsl:value-of select="substring-before(substring-after($own-labels, $start), '&#xE000;')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="substring-before(substring-after($english-labels, $start), '&#xE000;')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
