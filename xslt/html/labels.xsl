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


  <!-- Labels by language and key, looked up in the tables (a node-set made once). -->
  <xsl:key name="label" match="labels/label" use="concat(../@lang, ' ', @key)"/>
  <xsl:variable name="label-tables" select="exsl:node-set($labels)"/>
  <xsl:variable name="label-lang" select="concat(translate(substring-before(concat($page-lang, '-'), '-'),
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' ')"/>

  <!-- label: the words for key in the page's language, else in English. -->
  <xsl:template name="label">
    <xsl:param name="key"/>
    <xsl:for-each select="$label-tables">
      <xsl:variable name="own" select="key('label', concat($label-lang, $key))"/>
      <xsl:value-of select="$own"/>
      <xsl:if test="not($own)"><xsl:value-of select="key('label', concat('en ', $key))"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
