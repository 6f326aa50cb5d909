<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: the header, shown above the text (mode meta) and in the page footer
  (mode footer): sender and addressee, places and dates with what was inferred and how
  (cert, evidence, source and the note of correspDesc), summary, the printed source, the
  archival source, the letters before and after; the licence.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- Omitted where it is: the header is shown above the text (mode meta) and in the
       footer (mode footer). -->
  <xsl:template match="tei:teiHeader"/>

  <xsl:template match="tei:teiHeader" mode="meta">
    <section class="about" id="editio:about" aria-labelledby="editio:about-h">
      <h2 id="editio:about-h"><xsl:call-template name="label"><xsl:with-param name="key" select="'about'"/></xsl:call-template></h2>
      <dl>
        <xsl:apply-templates select="tei:profileDesc/tei:correspDesc/tei:correspAction" mode="meta"/>
        <xsl:apply-templates select="tei:profileDesc/tei:correspDesc/tei:note" mode="meta"/>
        <xsl:apply-templates select="tei:profileDesc/tei:abstract" mode="meta"/>
        <xsl:apply-templates select="tei:fileDesc/tei:sourceDesc/*" mode="meta"/>
        <xsl:apply-templates select="tei:profileDesc/tei:correspDesc/tei:correspContext/tei:ref" mode="meta"/>
      </dl>
    </section>
  </xsl:template>

  <!-- Who, where and when, one row each. -->
  <xsl:template match="tei:correspAction" mode="meta">
    <xsl:call-template name="meta-row">
      <xsl:with-param name="what" select="'who'"/>
      <xsl:with-param name="all" select="tei:persName | tei:orgName | tei:name | tei:rs"/>
    </xsl:call-template>
    <xsl:call-template name="meta-row">
      <xsl:with-param name="what" select="'place'"/>
      <xsl:with-param name="all" select="tei:placeName"/>
    </xsl:call-template>
    <xsl:call-template name="meta-row">
      <xsl:with-param name="what" select="'date'"/>
      <xsl:with-param name="all" select="tei:date"/>
    </xsl:call-template>
  </xsl:template>

  <!-- meta-row: a label and its values, or nothing when no value has words (a date
       without words has its dates in attributes, see namesdates.xsl). -->
  <xsl:template name="meta-row">
    <xsl:param name="what"/>
    <xsl:param name="all"/>
    <xsl:variable name="nodes" select="$all[normalize-space() or self::tei:date[@when or @notBefore or @notAfter or @from or @to]]"/>
    <xsl:if test="$nodes">
      <dt><xsl:call-template name="action-label"><xsl:with-param name="what" select="$what"/></xsl:call-template></dt>
      <dd>
        <xsl:for-each select="$nodes">
          <xsl:if test="position() &gt; 1">; </xsl:if>
          <xsl:apply-templates select="."><xsl:with-param name="in" select="'p'"/></xsl:apply-templates>
          <xsl:apply-templates select="." mode="inference"/>
        </xsl:for-each>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- action-label: the label of a row for a correspAction (the current node). -->
  <xsl:template name="action-label">
    <xsl:param name="what"/>
    <xsl:variable name="key" select="concat(@type, ' ', $what)"/>
    <xsl:choose>
      <xsl:when test="$key = 'sent who' or $key = 'sent place' or $key = 'sent date' or $key = 'received who'
          or $key = 'received place' or $key = 'received date'">
        <xsl:call-template name="label"><xsl:with-param name="key" select="$key"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space(concat(@type, ' (', $what, ')'))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What was inferred: evidence, certainty, and a link to the source of the inference. -->
  <xsl:template match="*[@cert or @evidence or @source]" mode="inference">
    <span class="inference">
      <xsl:text> (</xsl:text>
      <xsl:apply-templates select="@evidence" mode="inference"/>
      <xsl:if test="@evidence and @cert">; </xsl:if>
      <xsl:apply-templates select="@cert" mode="inference"/>
      <xsl:if test="(@evidence or @cert) and @source">; </xsl:if>
      <xsl:apply-templates select="@source" mode="inference"/>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <!-- Stated, not inferred: nothing to add. -->
  <xsl:template match="*" mode="inference"/>

  <xsl:template match="@evidence" mode="inference">
    <xsl:choose>
      <xsl:when test=". = 'conjecture'">conjectured</xsl:when>
      <xsl:otherwise>inferred from <xsl:value-of select="."/> evidence</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="@cert" mode="inference">certainty: <xsl:value-of select="."/></xsl:template>

  <xsl:template match="@source" mode="inference">
    <xsl:variable name="href">
      <xsl:call-template name="href-for"><xsl:with-param name="pointer" select="."/></xsl:call-template>
    </xsl:variable>
    <xsl:text>see </xsl:text>
    <xsl:choose>
      <xsl:when test="string($href) != ''"><a href="{$href}">source</a></xsl:when>
      <xsl:otherwise>source</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Omitted: a note, summary or source without words would be an empty label. -->
  <xsl:template match="tei:correspDesc/tei:note[not(normalize-space())] | tei:abstract[not(normalize-space())]
      | tei:sourceDesc/*[not(normalize-space())]" mode="meta" priority="3"/>

  <xsl:template match="tei:correspDesc/tei:note" mode="meta">
    <dt><xsl:call-template name="label"><xsl:with-param name="key" select="'note'"/></xsl:call-template></dt>
    <dd><xsl:call-template name="attributes"/><xsl:apply-templates/></dd>
  </xsl:template>

  <xsl:template match="tei:abstract" mode="meta">
    <dt><xsl:call-template name="label"><xsl:with-param name="key" select="'summary'"/></xsl:call-template></dt>
    <dd><xsl:call-template name="attributes"/><xsl:apply-templates/></dd>
  </xsl:template>

  <!-- The letters before and after, and related ones: a link to the letter's page with
       its title when the pointer names a letter of the corpus (standOff's listBibl of
       letters), else the ref's words without a link; a ref with neither makes no row. -->
  <xsl:template match="tei:correspContext/tei:ref" mode="meta">
    <xsl:variable name="href">
      <xsl:call-template name="href-for"><xsl:with-param name="pointer" select="@target"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="kind" select="translate(concat(' ', @type, ' ', @subtype), $upper, $lower)"/>
    <xsl:if test="normalize-space() or string($href) != ''">
      <dt>
        <xsl:choose>
          <xsl:when test="contains($kind, 'prev') and contains($kind, 'corresp')"><xsl:call-template name="label"><xsl:with-param name="key" select="'previous-in-correspondence'"/></xsl:call-template></xsl:when>
          <xsl:when test="contains($kind, 'next') and contains($kind, 'corresp')"><xsl:call-template name="label"><xsl:with-param name="key" select="'next-in-correspondence'"/></xsl:call-template></xsl:when>
          <xsl:when test="contains($kind, 'prev')"><xsl:call-template name="label"><xsl:with-param name="key" select="'previous'"/></xsl:call-template></xsl:when>
          <xsl:when test="contains($kind, 'next')"><xsl:call-template name="label"><xsl:with-param name="key" select="'next'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:call-template name="label"><xsl:with-param name="key" select="'related'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </dt>
      <dd><xsl:apply-templates select="."/></dd>
    </xsl:if>
  </xsl:template>

  <!-- The sources. -->
  <xsl:template match="tei:sourceDesc/tei:biblStruct" mode="meta" priority="1">
    <dt><xsl:call-template name="label"><xsl:with-param name="key" select="'printed-source'"/></xsl:call-template></dt>
    <dd><xsl:call-template name="attributes"/><xsl:apply-templates select="." mode="citation"/></dd>
  </xsl:template>

  <xsl:template match="tei:sourceDesc/tei:msDesc" mode="meta" priority="1">
    <dt><xsl:call-template name="label"><xsl:with-param name="key" select="'archival-source'"/></xsl:call-template></dt>
    <dd><xsl:call-template name="attributes"/><xsl:apply-templates select="." mode="citation"/></dd>
  </xsl:template>

  <xsl:template match="tei:sourceDesc/tei:bibl[@type='copy-text']" mode="meta" priority="1">
    <dt><xsl:call-template name="label"><xsl:with-param name="key" select="'copy-text'"/></xsl:call-template></dt>
    <dd><xsl:call-template name="attributes"/><xsl:apply-templates/></dd>
  </xsl:template>

  <!-- A list of printed sources: one item each, a biblStruct as a citation. -->
  <xsl:template match="tei:sourceDesc/tei:listBibl" mode="meta" priority="1">
    <dt><xsl:call-template name="label"><xsl:with-param name="key" select="'printed-sources'"/></xsl:call-template></dt>
    <dd>
      <xsl:call-template name="attributes"/>
      <ul class="sources">
        <xsl:for-each select="tei:bibl | tei:biblStruct | tei:msDesc">
          <li><xsl:call-template name="attributes"/><xsl:apply-templates select="." mode="citation"/></li>
        </xsl:for-each>
      </ul>
    </dd>
  </xsl:template>

  <xsl:template match="tei:bibl" mode="citation">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Any other source: the element as the text would show it, inside the dd (so that a
       list stays a list, never items right in the dd). -->
  <xsl:template match="tei:sourceDesc/*" mode="meta">
    <dt><xsl:call-template name="label"><xsl:with-param name="key" select="'source'"/></xsl:call-template></dt>
    <dd><xsl:apply-templates select="."/></dd>
  </xsl:template>

  <!-- A printed source: “article”, in Book, edited by …, (place: publisher, year), scope.
       ISBN. Online: URL. -->
  <xsl:template match="tei:biblStruct" mode="citation">
    <xsl:for-each select="tei:analytic/tei:author | tei:monogr/tei:author">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:apply-templates><xsl:with-param name="in" select="'p'"/></xsl:apply-templates>
      <xsl:if test="position() = last()">, </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="tei:analytic/tei:title[1]">
      <xsl:text>“</xsl:text><xsl:apply-templates><xsl:with-param name="in" select="'p'"/></xsl:apply-templates><xsl:text>”, in </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:monogr/tei:title[1]">
      <cite><xsl:apply-templates><xsl:with-param name="in" select="'p'"/></xsl:apply-templates></cite>
    </xsl:for-each>
    <xsl:for-each select="tei:monogr/tei:editor">
      <xsl:if test="position() = 1">, edited by </xsl:if>
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:apply-templates><xsl:with-param name="in" select="'p'"/></xsl:apply-templates>
      <xsl:if test="@role and @role != 'editor'"> (<xsl:value-of select="translate(@role, '-', ' ')"/>)</xsl:if>
    </xsl:for-each>
    <xsl:for-each select="tei:monogr/tei:imprint">
      <xsl:text> (</xsl:text>
      <xsl:for-each select="tei:pubPlace | tei:publisher | tei:date">
        <xsl:apply-templates><xsl:with-param name="in" select="'p'"/></xsl:apply-templates>
        <xsl:choose>
          <xsl:when test="position() = last()"/>
          <xsl:when test="self::tei:pubPlace">: </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:text>)</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:monogr/tei:biblScope">
      <xsl:text>, </xsl:text>
      <xsl:apply-templates><xsl:with-param name="in" select="'p'"/></xsl:apply-templates>
    </xsl:for-each>
    <xsl:text>.</xsl:text>
    <xsl:for-each select="tei:analytic/tei:idno[@type='ISBN'] | tei:monogr/tei:idno[@type='ISBN']">
      <xsl:text> ISBN </xsl:text><xsl:apply-templates><xsl:with-param name="in" select="'p'"/></xsl:apply-templates><xsl:text>.</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:analytic/tei:idno[@type='URI'] | tei:monogr/tei:idno[@type='URI']">
      <xsl:text> Online: </xsl:text><xsl:apply-templates select="."><xsl:with-param name="in" select="'p'"/></xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- An archival source: its identifier on one line, then the rest of the description. -->
  <xsl:template match="tei:msDesc" mode="citation">
    <p class="ms-identifier">
      <xsl:for-each select="tei:msIdentifier/*">
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:apply-templates select="."><xsl:with-param name="in" select="'p'"/></xsl:apply-templates>
      </xsl:for-each>
    </p>
    <xsl:apply-templates select="*[not(self::tei:msIdentifier)]"/>
  </xsl:template>

  <!-- The footer: the licence and what the availability statement says. -->
  <xsl:template match="tei:teiHeader" mode="footer">
    <xsl:apply-templates select="tei:fileDesc/tei:publicationStmt/tei:availability" mode="footer"/>
  </xsl:template>

  <xsl:template match="tei:availability" mode="footer">
    <xsl:for-each select="tei:licence">
      <xsl:variable name="href">
        <xsl:call-template name="safe-url"><xsl:with-param name="url" select="@target"/></xsl:call-template>
      </xsl:variable>
      <div class="licence">
        <xsl:choose>
          <!-- a licence in paragraphs: its text, then its address as the link -->
          <xsl:when test="tei:p and string($href) != ''">
            <xsl:call-template name="attributes"/>
            <xsl:apply-templates/>
            <p><xsl:call-template name="label"><xsl:with-param name="key" select="'licence'"/></xsl:call-template><xsl:text> </xsl:text><a href="{$href}"><xsl:value-of select="$href"/></a></p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="link">
              <xsl:with-param name="href" select="$href"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </xsl:for-each>
    <xsl:apply-templates select="*[not(self::tei:licence)]"/>
  </xsl:template>

</xsl:stylesheet>
