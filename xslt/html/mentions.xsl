<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: "In this letter", the persons, places, organisations, works and
  events the letter mentions, each linked to its register page when the edition has one.
  The entries are those of the standalone letter's standOff (the register entries its
  pointers name) and of the letter's own lists in back (listPerson, listPlace ...), which
  are not part of the reading text (namesdates.xsl, core.xsl); an entry is listed when the letter
  points at it ("#id" in @ref, in a ref's @target, in a title's or bibl's @corresp). An
  entry in both places is listed once. An entry of the letter's own lists, which has no
  register page, has its id on its item, so that the names that point at it link there.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- Pointers of the letter (@ref of any element, @target of a ref, @corresp of a title
       or bibl) outside the lists themselves, by the id they name (the first of them).
       Every #id a link of the page can point at is thus in "In this letter". The key
       holds the attributes: matching them by name costs far less than testing every
       element. -->
  <xsl:key name="mention" use="substring-before(concat(substring(normalize-space(.), 2), ' '), ' ')"
      match="@ref[starts-with(normalize-space(.), '#')][not(ancestor::tei:listPerson or ancestor::tei:listPlace
        or ancestor::tei:listOrg or ancestor::tei:listBibl or ancestor::tei:listEvent)]
      | tei:ref/@target[starts-with(normalize-space(.), '#')][not(ancestor::tei:listPerson or ancestor::tei:listPlace
        or ancestor::tei:listOrg or ancestor::tei:listBibl or ancestor::tei:listEvent)]
      | tei:title/@corresp[starts-with(normalize-space(.), '#')] | tei:bibl/@corresp[starts-with(normalize-space(.), '#')]"/>

  <xsl:template name="mentions">
    <!-- descendant::, not //: no predicate is positional, and libxml2 walks //x[p] as
         descendant-or-self::node()/x[p], a node-set per node -->
    <xsl:variable name="entries" select="/*/tei:standOff/*[not(self::tei:listBibl[@type = 'letters'])]/descendant::*[@xml:id][key('mention', @xml:id)]
        | /*/tei:text/tei:back/descendant::*[self::tei:listPerson or self::tei:listPlace or self::tei:listOrg or self::tei:listBibl
          or self::tei:listEvent]/*[@xml:id][key('mention', @xml:id)][not(key('xml-id', @xml:id)[parent::*/parent::tei:standOff])]"/>
    <xsl:if test="$entries">
      <section class="mentions" id="editio:mentions" aria-labelledby="editio:mentions-h">
        <h2 id="editio:mentions-h"><xsl:call-template name="label"><xsl:with-param name="key" select="'in-this-letter'"/></xsl:call-template></h2>
        <xsl:call-template name="mention-group">
          <xsl:with-param name="label"><xsl:call-template name="label"><xsl:with-param name="key" select="'persons'"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="entries" select="$entries[self::tei:person or self::tei:personGrp]"/>
        </xsl:call-template>
        <xsl:call-template name="mention-group">
          <xsl:with-param name="label"><xsl:call-template name="label"><xsl:with-param name="key" select="'places'"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="entries" select="$entries[self::tei:place]"/>
        </xsl:call-template>
        <xsl:call-template name="mention-group">
          <xsl:with-param name="label"><xsl:call-template name="label"><xsl:with-param name="key" select="'organisations'"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="entries" select="$entries[self::tei:org]"/>
        </xsl:call-template>
        <xsl:call-template name="mention-group">
          <xsl:with-param name="label"><xsl:call-template name="label"><xsl:with-param name="key" select="'works'"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="entries" select="$entries[self::tei:bibl or self::tei:biblStruct]"/>
        </xsl:call-template>
        <xsl:call-template name="mention-group">
          <xsl:with-param name="label"><xsl:call-template name="label"><xsl:with-param name="key" select="'events'"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="entries" select="$entries[self::tei:event]"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="mention-group">
    <xsl:param name="label"/>
    <xsl:param name="entries"/>
    <xsl:if test="$entries">
      <h3><xsl:value-of select="$label"/></h3>
      <ul class="mention-list">
        <xsl:for-each select="$entries">
          <xsl:sort select="translate(normalize-space(tei:persName[1]/tei:surname[1] | self::*[not(tei:persName/tei:surname)]/*[1]), $upper, $lower)"/>
          <xsl:variable name="name"><xsl:apply-templates select="." mode="entry-name"/></xsl:variable>
          <xsl:variable name="href"><xsl:apply-templates select="self::*[key('entry', @xml:id)]" mode="register-href"/></xsl:variable>
          <li>
            <!-- an entry of the letter's own lists: the place its names link to (href-for) -->
            <xsl:if test="not(key('entry', @xml:id))">
              <xsl:attribute name="id"><xsl:call-template name="html-id"/></xsl:attribute>
            </xsl:if>
            <xsl:choose>
              <xsl:when test="string($href) != ''"><a href="{$href}"><xsl:value-of select="$name"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- The name of an entry: a register entry's normalised name, else its id (namesdates.xsl);
       a work's main title, an event's label; else its first child's words, else its id. -->

  <xsl:template match="*" mode="entry-name">
    <xsl:variable name="names" select="tei:title | tei:label | tei:eventName | tei:head | tei:desc"/>
    <xsl:variable name="name" select="normalize-space(($names[@type = 'main'] | $names[not($names[@type = 'main'])])[1])"/>
    <xsl:value-of select="$name"/>
    <xsl:if test="not($name)">
      <xsl:value-of select="normalize-space(*[normalize-space()][1])"/>
      <xsl:if test="not(*[normalize-space()])"><xsl:value-of select="@xml:id"/></xsl:if>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
