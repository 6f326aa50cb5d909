<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio text output: names and dates. In plain text they are their words, inline.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:persName|tei:placeName|tei:orgName|tei:name|tei:rs|tei:forename|tei:surname|tei:roleName|tei:addName|tei:genName|tei:date|tei:time|tei:geogName|tei:settlement|tei:country|tei:region">
    <xsl:call-template name="inline"/>
  </xsl:template>

  <!-- Omitted: register data kept in the letter (its lists of persons, places,
       organisations, events ...): data, not reading text (the letter's page lists them
       under "In this letter"). -->
  <xsl:template priority="3" match="tei:text//tei:listPerson | tei:text//tei:listPlace | tei:text//tei:listOrg
      | tei:text//tei:listEvent | tei:text//tei:listNym | tei:text//tei:listObject | tei:text//tei:listRelation"/>

</xsl:stylesheet>
