<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: editorial interventions and the transcription of the source, shown
  as editions print them:
    choice sic/corr   the correction, the source's reading in the title ("sic: …")
    choice orig/reg   the regularised form, the original in the title
    choice abbr/expan <abbr> with the expansion as its title
    sic alone         the reading followed by [sic];  corr alone: the correction, titled
    supplied          [in brackets]            unclear: the reading followed by [?]
    gap               [illegible], else ⟨…⟩, with reason and extent in the title
    del               struck through (<del>)   add: <ins>, with ↑ ↓ from the stylesheet
  Every word of the source stays in the page: what is not in the text is in a title.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <xsl:template match="tei:choice[count(*) = 2][tei:sic and tei:corr]" priority="3">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="choice"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="shown" select="tei:corr[1]"/>
      <xsl:with-param name="title" select="concat('sic: “', normalize-space(tei:sic[1]), '”')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice[count(*) = 2][tei:orig and tei:reg]" priority="2">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="choice"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="shown" select="tei:reg[1]"/>
      <xsl:with-param name="title" select="concat('original: “', normalize-space(tei:orig[1]), '”')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice[count(*) = 2][tei:abbr and tei:expan]" priority="1">
    <xsl:param name="in" select="''"/>
    <abbr title="{normalize-space(tei:expan[1])}">
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="'choice'"/>
      </xsl:call-template>
      <xsl:apply-templates select="tei:abbr[1]/node()"><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
    </abbr>
  </xsl:template>

  <!-- Any other choice (more than two alternatives, or others): every alternative, one
       after the other, so nothing is lost. -->
  <xsl:template match="tei:choice">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <!-- choice: one alternative shown, the other in the title; the choice keeps its id. -->
  <xsl:template name="choice">
    <xsl:param name="shown"/>
    <xsl:param name="in" select="''"/>
    <xsl:param name="title"/>
    <span>
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="concat('choice ', local-name($shown))"/>
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <xsl:apply-templates select="$shown/node()"><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
    </span>
  </xsl:template>

  <xsl:template match="tei:sic">
    <xsl:param name="in" select="''"/>
    <span>
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="'sic'"/>
      </xsl:call-template>
      <xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
      <span class="editorial"> [sic]</span>
    </span>
  </xsl:template>

  <xsl:template match="tei:corr">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="title" select="'corrected by the editors'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:reg | tei:orig | tei:expan | tei:ex | tei:am | tei:subst | tei:damage | tei:restore">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:abbr">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="'abbr'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <xsl:param name="in" select="''"/>
    <span>
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="'supplied'"/>
        <xsl:with-param name="title">supplied by the editors<xsl:if test="@reason">: <xsl:value-of select="@reason"/></xsl:if></xsl:with-param>
      </xsl:call-template>
      <xsl:text>[</xsl:text>
      <xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:unclear">
    <xsl:param name="in" select="''"/>
    <span>
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="'unclear'"/>
        <xsl:with-param name="title">unclear reading<xsl:if test="@reason">: <xsl:value-of select="@reason"/></xsl:if></xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
      <span class="editorial">[?]</span>
    </span>
  </xsl:template>

  <xsl:template match="tei:gap[@reason='illegible']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="gap"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="mark" select="'[illegible]'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:gap">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="gap"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="mark" select="'⟨…⟩'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- gap: the mark, with what the encoding says of the gap in the title; a desc inside
       the gap stays visible. -->
  <xsl:template name="gap">
    <xsl:param name="mark"/>
    <xsl:param name="in" select="''"/>
    <span>
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="'gap'"/>
        <xsl:with-param name="title">
          <xsl:text>gap in the text</xsl:text>
          <xsl:if test="@reason">: <xsl:value-of select="@reason"/></xsl:if>
          <xsl:if test="@quantity or @extent">, <xsl:value-of select="normalize-space(concat(@quantity, ' ', @unit, ' ', @extent))"/></xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:value-of select="$mark"/>
      <xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
    </span>
  </xsl:template>

  <xsl:template match="tei:del">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="'del'"/>
      <xsl:with-param name="title" select="'deleted in the source'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:add">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="'ins'"/>
      <xsl:with-param name="class" select="'add'"/>
      <xsl:with-param name="title">added in the source<xsl:if test="@place"> (<xsl:value-of select="@place"/>)</xsl:if></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:surplus">
    <xsl:param name="in" select="''"/>
    <span>
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="'surplus'"/>
        <xsl:with-param name="title" select="'surplus: in the source, not in the text'"/>
      </xsl:call-template>
      <xsl:text>{</xsl:text>
      <xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
      <xsl:text>}</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:space">
    <xsl:param name="in" select="''"/>
    <span class="space" title="space left in the source"><xsl:text> </xsl:text><xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates></span>
  </xsl:template>

  <!-- Omitted: handShift marks where a hand changes; it has no text and the reading
       edition does not distinguish hands. -->
  <xsl:template match="tei:handShift"/>

  <!-- c: a character written apart (a long s, a doubled consonant): its text, a span. -->
  <xsl:template match="tei:c">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <!-- metamark: a mark of the writer about the text (a sign, "turn over"): its words,
       set apart as the editors' mark are, its function in the title. -->
  <xsl:template match="tei:metamark">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="class" select="'metamark editorial'"/>
      <xsl:with-param name="title" select="normalize-space(concat('mark in the source ', @function))"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
