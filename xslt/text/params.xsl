<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: the parameters. Wrapping width and the plain variant are not
  parameters: text.py wraps, and plain.xsl is an importing override.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- string: the word before the number in a page marker, "[Page 200]".
       Change it for an edition in another language ("Seite", "page"). -->
  <xsl:param name="page-label" select="'Page'"/>

  <!-- string: the letter's own title (transform/build/entities.py, letter_title), the
       first line of the header block. Empty: the titleStmt's title of type main, else its first. -->
  <xsl:param name="letter-title" select="''"/>

  <!-- string: the rule above the endnotes, on a line of its own. -->
  <xsl:param name="note-rule" select="'________________'"/>

</xsl:stylesheet>
