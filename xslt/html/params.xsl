<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: the parameters, all of them. transform/build/html.py passes them as
  strings; with xsltproc, pass them with stringparam. Every one has a default, so the
  stylesheets also run with none.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- string: the page's schema.org JSON-LD, serialised, with every "<" written as
       \u003c so that it cannot close the script element. Empty: no data block. -->
  <xsl:param name="jsonld" select="''"/>

  <!-- string: the edition's name, shown in the banner and at the end of each page title. -->
  <xsl:param name="edition-title" select="'The editio edition'"/>

  <!-- string: the letter's own title (transform/build/entities.py, letter_title), for its
       heading and the page title. Empty: the titleStmt's title of type main, else its first. -->
  <xsl:param name="letter-title" select="''"/>

  <!-- string: BCP 47 language of the page when the TEI root has no xml:lang. -->
  <xsl:param name="default-lang" select="'en'"/>

</xsl:stylesheet>
