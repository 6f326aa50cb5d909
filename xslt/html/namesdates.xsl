<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: names and dates. A name with a @ref to a register entry links to the
  entry on its register page (persons.html#per.kennedy), with the entry's normalised name
  as a title; a date with an ISO @when is a <time datetime>.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name
      | tei:repository[@ref] | tei:institution[@ref]">
    <xsl:param name="in" select="''"/>
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@ref), ' '), ' ')"/>
    <!-- the register entry it points at, if any: found once, for the link, class and hint -->
    <xsl:variable name="entry" select="key('entry', substring($first, 2))[starts-with($first, '#')][1]"/>
    <!-- its normalised name, the hint (as in entry-name below; an XPath, not a template:
         a template's result would be a tree fragment, made for every name) -->
    <xsl:variable name="names" select="$entry/tei:persName | $entry/tei:placeName | $entry/tei:orgName | $entry/tei:name"/>
    <xsl:variable name="hint" select="normalize-space($names[@type='normalised'][1] | $names[not($names[@type='normalised'])][1])"/>
    <xsl:choose>
      <!-- inside a link (an orgName's placeName, a name in a ref): its hint, not its link;
           and a name without words is no link either (a link needs text) -->
      <xsl:when test="$in = 'a' or not(normalize-space())">
        <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/>
          <xsl:with-param name="class" select="concat('name ', local-name($entry | self::*[not($entry)]))"/>
          <xsl:with-param name="title" select="$hint"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$entry">
        <a>
          <xsl:attribute name="href"><xsl:apply-templates select="$entry" mode="register-href"/></xsl:attribute>
          <xsl:call-template name="attributes">
            <xsl:with-param name="class" select="concat('name ', local-name($entry))"/>
            <xsl:with-param name="title" select="$hint"/>
          </xsl:call-template>
          <xsl:apply-templates><xsl:with-param name="in" select="'a'"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="link"><xsl:with-param name="in" select="$in"/>
          <xsl:with-param name="href">
            <xsl:if test="@ref">
              <xsl:call-template name="href-for"><xsl:with-param name="pointer" select="@ref"/></xsl:call-template>
            </xsl:if>
          </xsl:with-param>
          <xsl:with-param name="class" select="concat('name ', local-name())"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Omitted: register data kept in the letter (its lists of persons, places,
       organisations, events ...): data, not reading text. "In this letter" (mentions.xsl)
       lists what the text mentions, linked to the registers. -->
  <xsl:template priority="3" match="tei:text//tei:listPerson | tei:text//tei:listPlace | tei:text//tei:listOrg
      | tei:text//tei:listEvent | tei:text//tei:listNym | tei:text//tei:listObject | tei:text//tei:listRelation"/>

  <!-- The name of a register entry in "In this letter" (mentions.xsl): its normalised
       name (its name of type "normalised", else its first), else its id. -->
  <xsl:template match="tei:person | tei:place | tei:org" mode="entry-name">
    <xsl:variable name="names" select="tei:persName | tei:placeName | tei:orgName | tei:name"/>
    <xsl:variable name="name" select="normalize-space($names[@type='normalised'][1] | $names[not($names[@type='normalised'])][1])"/>
    <xsl:value-of select="$name"/>
    <xsl:if test="not($name)"><xsl:value-of select="@xml:id"/></xsl:if>
  </xsl:template>

  <!-- The page of the register an entry is on, with the entry's id. -->
  <xsl:template match="tei:person" mode="register-href">
    <xsl:text>persons.html#</xsl:text>
    <xsl:call-template name="html-id"/>
  </xsl:template>

  <xsl:template match="tei:place" mode="register-href">
    <xsl:text>places.html#</xsl:text>
    <xsl:call-template name="html-id"/>
  </xsl:template>

  <xsl:template match="tei:org" mode="register-href">
    <xsl:text>organisations.html#</xsl:text>
    <xsl:call-template name="html-id"/>
  </xsl:template>

  <!-- Dates. A @when of the form YYYY, YYYY-MM or YYYY-MM-DD becomes
       <time datetime>; any other date is a span whose title gives its attributes. -->
  <xsl:template match="tei:date[translate(@when, '0123456789', '0000000000') = '0000-00-00'
      or translate(@when, '0123456789', '0000000000') = '0000-00'
      or translate(@when, '0123456789', '0000000000') = '0000']">
    <xsl:param name="in" select="''"/>
    <time datetime="{@when}">
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="'date'"/>
      </xsl:call-template>
      <xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
    </time>
  </xsl:template>

  <xsl:template match="tei:date">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="class" select="'date'"/>
      <xsl:with-param name="title">
        <xsl:apply-templates select="@when | @from | @to | @notBefore | @notAfter" mode="date-hint"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A date without words (as CMIF writes them, <date when="1962-11-04"/>): its
       attributes in words, in a <time> when it has a @when. -->
  <xsl:template match="tei:date[not(normalize-space())][@when]" priority="2">
    <xsl:param name="in" select="''"/>
    <time datetime="{@when}">
      <xsl:call-template name="attributes"><xsl:with-param name="class" select="'date'"/></xsl:call-template>
      <xsl:call-template name="date-words"/>
    </time>
  </xsl:template>

  <xsl:template match="tei:date[not(normalize-space())]" priority="1">
    <xsl:param name="in" select="''"/>
    <span>
      <xsl:call-template name="attributes"><xsl:with-param name="class" select="'date'"/></xsl:call-template>
      <xsl:call-template name="date-words"/>
    </span>
  </xsl:template>

  <!-- date-words: @when, else the range of @from/@to or @notBefore/@notAfter, each date
       formatted for the page's language (format-date). -->
  <xsl:template name="date-words">
    <xsl:variable name="start" select="(@from | @notBefore)[1]"/>
    <xsl:variable name="end" select="(@to | @notAfter)[1]"/>
    <xsl:choose>
      <xsl:when test="@when">
        <xsl:call-template name="format-date"><xsl:with-param name="iso" select="@when"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$start and $end">
        <xsl:call-template name="format-date"><xsl:with-param name="iso" select="$start"/></xsl:call-template>
        <xsl:text> – </xsl:text>
        <xsl:call-template name="format-date"><xsl:with-param name="iso" select="$end"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$start">
        <xsl:value-of select="$words-after"/>
        <xsl:call-template name="format-date"><xsl:with-param name="iso" select="$start"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$end">
        <xsl:value-of select="$words-before"/>
        <xsl:call-template name="format-date"><xsl:with-param name="iso" select="$end"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise/>
    </xsl:choose>
  </xsl:template>

  <!-- format-date: an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) as the page's language writes
       it: "4 November 1962" in English, "4. November 1962" in German; in any other
       language, or for any other form, the value as it is. -->
  <xsl:variable name="date-lang" select="substring($page-lang, 1, 2)"/>
  <xsl:variable name="words-after">
    <xsl:choose>
      <xsl:when test="$date-lang = 'de'">nach </xsl:when>
      <xsl:otherwise>after </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="words-before">
    <xsl:choose>
      <xsl:when test="$date-lang = 'de'">vor </xsl:when>
      <xsl:otherwise>before </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="months-en" select="'January  February March    April    May      June     July     August   SeptemberOctober  November December '"/>
  <xsl:variable name="months-de" select="'Januar   Februar  März     April    Mai      Juni     Juli     August   SeptemberOktober  November Dezember '"/>

  <xsl:template name="format-date">
    <xsl:param name="iso"/>
    <xsl:variable name="shape" select="translate($iso, '0123456789', '0000000000')"/>
    <xsl:variable name="month" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="months">
      <xsl:if test="$date-lang = 'en'"><xsl:value-of select="$months-en"/></xsl:if>
      <xsl:if test="$date-lang = 'de'"><xsl:value-of select="$months-de"/></xsl:if>
    </xsl:variable>
    <xsl:variable name="name" select="normalize-space(substring($months, ($month - 1) * 9 + 1, 9))"/>
    <xsl:variable name="day" select="number(substring($iso, 9, 2))"/>
    <xsl:choose>
      <xsl:when test="string($months) = '' or not($shape = '0000' or $shape = '0000-00' or $shape = '0000-00-00')
          or ($shape != '0000' and not($month &gt;= 1 and $month &lt;= 12))">
        <xsl:value-of select="$iso"/>
      </xsl:when>
      <xsl:when test="$shape = '0000'"><xsl:value-of select="$iso"/></xsl:when>
      <xsl:when test="$shape = '0000-00'"><xsl:value-of select="concat($name, ' ', substring($iso, 1, 4))"/></xsl:when>
      <xsl:when test="$date-lang = 'de'"><xsl:value-of select="concat($day, '. ', $name, ' ', substring($iso, 1, 4))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($day, ' ', $name, ' ', substring($iso, 1, 4))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="@*" mode="date-hint">
    <xsl:if test="position() &gt; 1">; </xsl:if>
    <xsl:apply-templates select="." mode="date-hint-label"/>
    <xsl:value-of select="concat(' ', .)"/>
  </xsl:template>

  <xsl:template match="@when" mode="date-hint-label">date</xsl:template>
  <xsl:template match="@from" mode="date-hint-label">from</xsl:template>
  <xsl:template match="@to" mode="date-hint-label">to</xsl:template>
  <xsl:template match="@notBefore" mode="date-hint-label">not before</xsl:template>
  <xsl:template match="@notAfter" mode="date-hint-label">not after</xsl:template>

</xsl:stylesheet>
