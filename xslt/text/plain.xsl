<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio: the plain variant of the text edition (editio build with the plain option), for corpus
  linguistics and text mining: the text of text.xsl without note references, endnotes
  and page markers. An importing override of text.xsl: only what differs is here.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:import href="text.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Omitted: editorial notes are not part of the text being studied. -->
  <xsl:template match="tei:note"/>
  <xsl:template match="tei:note" mode="noteref"/>

  <!-- Omitted: page markers would be counted as tokens. -->
  <xsl:template match="tei:pb"/>

  <!-- Omitted: no notes, so no endnotes section. -->
  <xsl:template name="endnotes"/>

</xsl:stylesheet>
