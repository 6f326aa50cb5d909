<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: the TEI core module: paragraphs, highlighting, quotation, links,
  bibliographic references, lists (with their items, and spans all the way down where
  only phrasing content is allowed), line breaks (and the words joined across a line
  break inside a word), page breaks, anchors, verse, addresses. Heads: textstructure.xsl;
  notes: notes.xsl; editorial interventions: transcr.xsl.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:exsl="http://exslt.org/common"
  exclude-result-prefixes="tei exsl">

  <xsl:template match="tei:p | tei:ab">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="'p'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Highlighting: the usual renditions by element, any other as a span. -->
  <xsl:template match="tei:hi[@rend='italic' or @rend='italics' or @rend='i']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'i'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:hi[@rend='bold' or @rend='b']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'b'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:hi[@rend='sup' or @rend='superscript']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'sup'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:hi[@rend='sub' or @rend='subscript']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'sub'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:hi[@rend='underline' or @rend='u']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'u'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:hi[@rend='smallcaps' or @rend='small-caps' or @rend='sc']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/><xsl:with-param name="class" select="'hi smallcaps'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:hi">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:emph">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'em'"/></xsl:call-template>
  </xsl:template>

  <!-- Phrases marked for what they are; the class says which, the stylesheet may style it. -->
  <xsl:template match="tei:foreign | tei:term | tei:mentioned | tei:soCalled | tei:gloss | tei:seg
      | tei:num | tei:measure | tei:unit | tei:idno | tei:q | tei:said">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:title">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'cite'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:quote | tei:cit">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'blockquote'"/></xsl:call-template>
  </xsl:template>

  <!-- Links: the target when it is safe (see href-for); else the words, not linked. -->
  <xsl:template match="tei:ref">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="link"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="href">
        <xsl:call-template name="href-for"><xsl:with-param name="pointer" select="@target"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A ref without words: a link named by what it points to (a letter's title, else the
       address); a pointer to a day (YYYY-MM-DD) is that day, as words; one that points
       nowhere the edition knows is left out, as it has no text. -->
  <xsl:template match="tei:ref[not(normalize-space())]">
    <xsl:param name="in" select="''"/>
    <xsl:variable name="href">
      <xsl:call-template name="href-for"><xsl:with-param name="pointer" select="@target"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:if test="not(string($href)) and translate(@target, '0123456789', '0000000000') = '0000-00-00'">
      <!-- a pointer to a day (a diary's entry, as some editions write it): the day -->
      <span class="date">
        <xsl:call-template name="attributes"><xsl:with-param name="class" select="'ref date'"/></xsl:call-template>
        <xsl:call-template name="format-date"><xsl:with-param name="iso" select="@target"/></xsl:call-template>
      </span>
    </xsl:if>
    <xsl:if test="string($href) != ''">
      <xsl:element name="{substring('aspan', 1 + 1 * ($in = 'a'), 1 + 3 * ($in = 'a'))}">
        <xsl:if test="$in != 'a'"><xsl:attribute name="href"><xsl:value-of select="$href"/></xsl:attribute></xsl:if>
        <xsl:call-template name="attributes"><xsl:with-param name="class" select="'ref'"/></xsl:call-template>
        <xsl:value-of select="normalize-space(key('letter', $first)[1]/tei:title)"/>
        <xsl:if test="not(normalize-space(key('letter', $first)[1]/tei:title))"><xsl:value-of select="$href"/></xsl:if>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:idno[@type='URI' or @type='url' or @type='URL']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="link"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="href">
        <xsl:call-template name="safe-url"><xsl:with-param name="url" select="."/></xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="class" select="'idno'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ptr: a link whose words are its address; an unsafe address is not shown at all. -->
  <xsl:template match="tei:ptr">
    <xsl:param name="in" select="''"/>
    <xsl:variable name="href">
      <xsl:call-template name="href-for"><xsl:with-param name="pointer" select="@target"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($href) != '' and $in != 'a'">
        <a class="ptr" href="{$href}"><xsl:call-template name="attributes"/><xsl:value-of select="$href"/></a>
      </xsl:when>
      <xsl:when test="string($href) != ''">
        <span class="ptr"><xsl:call-template name="attributes"/><xsl:value-of select="$href"/></span>
      </xsl:when>
      <xsl:otherwise>
        <span class="ptr"><xsl:call-template name="attributes"/>[link not shown]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:label">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'p'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:bibl | tei:biblStruct">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <!-- Lists: the head above the list; members that are not items get an item of their own,
       so the list stays valid HTML. -->
  <xsl:template match="tei:list | tei:listBibl">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="list"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="'ul'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list[@type='ordered' or @rend='numbered' or @rend='ordered']">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="list"><xsl:with-param name="in" select="$in"/>
      <xsl:with-param name="element" select="'ol'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- list: where only phrasing content is allowed, spans all the way down (inline; its
       members are blocks made spans, a space after each, so that the words of two members
       stay apart). -->
  <xsl:template name="list">
    <xsl:param name="element"/>
    <xsl:param name="in" select="''"/>
    <xsl:choose>
      <xsl:when test="$in">
        <xsl:call-template name="inline"><xsl:with-param name="in" select="$in"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <div>
          <xsl:call-template name="attributes"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
          <xsl:apply-templates select="tei:head"/>
          <xsl:element name="{$element}">
            <xsl:apply-templates select="node()[not(self::tei:head)]" mode="list-member"/>
          </xsl:element>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:list/tei:item | tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct" mode="list-member">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="*" mode="list-member">
    <li class="list-member"><xsl:apply-templates select="."/></li>
  </xsl:template>
  <xsl:template match="text()" mode="list-member">
    <xsl:if test="normalize-space()"><li class="list-member"><xsl:value-of select="."/></li></xsl:if>
  </xsl:template>
  <!-- Omitted: comments and processing instructions between members. -->
  <xsl:template match="comment() | processing-instruction()" mode="list-member"/>

  <!-- Omitted: the bibliography a letter keeps in its back is data, not reading text;
       "In this letter" (mentions.xsl) lists the works the text points at. -->
  <xsl:template priority="3" match="tei:back//tei:listBibl"/>

  <xsl:template match="tei:list/tei:item | tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/><xsl:with-param name="element" select="'li'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:item">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

  <!-- A line break: <br>, after a line end that the break hides on a wide screen and that
       keeps the words apart where a phone's layout hides the break (editio.css), so that a
       diplomatic transcription is not ragged on a narrow screen. -->
  <xsl:template match="tei:lb">
    <xsl:param name="in" select="''"/>
    <xsl:text>&#10;</xsl:text>
    <br class="lb">
      <xsl:call-template name="attributes"/>
    </br>
  </xsl:template>

  <!-- lb break="no": a line break inside a word. Omitted, so that the word stays whole;
       the whitespace around it is the encoder's layout, not a word boundary, and the
       text nodes beside it drop it (below). The text edition does the same with a mark
       (text/core.xsl). -->
  <xsl:template match="tei:lb[@break = 'no']"/>

  <!-- Text beside an lb break="no" loses its whitespace on that side, so
       "Bötz <lb break='no'/> berg" reads "Bötzberg"; any other text is copied. Every text
       node comes here, and the test is in the template, not in its pattern: libxslt
       counts a text node's siblings to match a text() pattern with a predicate, and
       walks all the following ones for following-sibling::node()[1][self::x], which in
       a long paragraph is quadratic; following-sibling::node()[1]/self::x looks at one. -->
  <xsl:variable name="joins" select="boolean(/descendant::tei:lb[@break = 'no'])"/>

  <xsl:template match="text()">
    <xsl:choose>
      <xsl:when test="$joins and following-sibling::node()[1]/self::tei:lb[@break = 'no']">
        <xsl:variable name="left"><xsl:call-template name="trim-left-if-joined"/></xsl:variable>
        <xsl:call-template name="trim-right"><xsl:with-param name="text" select="$left"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$joins">
        <xsl:call-template name="trim-left-if-joined"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- trim-left-if-joined: the current text node, without its leading whitespace when an
       lb break="no" comes right before it. -->
  <xsl:template name="trim-left-if-joined">
    <xsl:choose>
      <xsl:when test="preceding-sibling::node()[1]/self::tei:lb[@break = 'no']">
        <xsl:variable name="first" select="substring(normalize-space(.), 1, 1)"/>
        <xsl:if test="$first">
          <xsl:value-of select="concat($first, substring-after(., $first))"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="trim-right">
    <xsl:param name="text"/>
    <xsl:variable name="last" select="substring($text, string-length($text))"/>
    <xsl:choose>
      <xsl:when test="$last != '' and normalize-space($last) = ''">
        <xsl:call-template name="trim-right">
          <xsl:with-param name="text" select="substring($text, 1, string-length($text) - 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A page break: a visible marker "[Page 200]" with an id, linking to itself so that a
       reader can copy the link; the print stylesheet hides it. -->
  <xsl:template match="tei:pb">
    <xsl:param name="in" select="''"/>
    <!-- the id once: without an xml:id it counts every page break before this one -->
    <xsl:variable name="id"><xsl:call-template name="pb-id-value"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$in = 'a'">
        <span class="pb">
          <xsl:call-template name="pb-id"><xsl:with-param name="id" select="$id"/></xsl:call-template>
          <xsl:call-template name="pb-label"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <a class="pb">
          <xsl:call-template name="pb-id"><xsl:with-param name="id" select="$id"/></xsl:call-template>
          <xsl:attribute name="href">#<xsl:value-of select="$id"/></xsl:attribute>
          <xsl:call-template name="pb-label"/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A page break inside a word ("Ausstellungs<pb/>theater"): the word stays whole in
       the text; the marker's words are its accessible name and title, and the stylesheet
       shows a thin bar there. -->
  <xsl:template priority="2" match="tei:pb[normalize-space(substring(preceding::text()[1], string-length(preceding::text()[1])))
      and normalize-space(substring(following::text()[1], 1, 1))]">
    <xsl:param name="in" select="''"/>
    <xsl:variable name="id"><xsl:call-template name="pb-id-value"/></xsl:variable>
    <xsl:variable name="label"><xsl:call-template name="pb-label"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$in = 'a'">
        <span class="pb in-word" title="{$label}">
          <xsl:call-template name="pb-id"><xsl:with-param name="id" select="$id"/></xsl:call-template>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <a class="pb in-word" href="#{$id}" title="{$label}" aria-label="{$label}">
          <xsl:call-template name="pb-id"><xsl:with-param name="id" select="$id"/></xsl:call-template>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- pb-id: the id attribute (param id: its value, when already worked out) and lang. -->
  <xsl:template name="pb-id">
    <xsl:param name="id">
      <xsl:call-template name="pb-id-value"/>
    </xsl:param>
    <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:call-template name="lang"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template name="pb-id-value">
    <xsl:choose>
      <xsl:when test="normalize-space(@xml:id)"><xsl:call-template name="html-id"/></xsl:when>
      <xsl:otherwise>
        <xsl:text>page:</xsl:text>
        <xsl:call-template name="number-in">
          <xsl:with-param name="table" select="$page-numbers"/>
          <xsl:with-param name="key" select="concat('page', generate-id())"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Every page break's number in the document, for the ids of those without an
       xml:id: one pass, read with a key (common/note-numbers.xsl), where xsl:number
       level="any" would walk back over the letter for each of them. -->
  <xsl:variable name="page-table">
    <xsl:for-each select="//tei:pb">
      <number of="page{generate-id()}"><xsl:value-of select="position()"/></number>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="page-numbers" select="exsl:node-set($page-table)"/>

  <xsl:template name="pb-label">
    <xsl:choose>
      <xsl:when test="normalize-space(@n)">[<xsl:call-template name="label"><xsl:with-param name="key" select="'page'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="normalize-space(@n)"/>]</xsl:when>
      <xsl:otherwise>[<xsl:call-template name="label"><xsl:with-param name="key" select="'page-break'"/></xsl:call-template>]</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An anchor is a place to link to: an empty span with its id, followed by the
       references of the notes kept apart from the text that point at it (notes.xsl). -->
  <xsl:template match="tei:anchor">
    <xsl:param name="in" select="''"/>
    <span class="anchor"><xsl:call-template name="attributes"/></span>
    <xsl:apply-templates select="key('note-at', @xml:id)[normalize-space()]" mode="noteref"><xsl:with-param name="in" select="$in"/></xsl:apply-templates>
  </xsl:template>

  <!-- Omitted: column breaks and milestones mark places in the source's layout, not in
       the text of a letter; they have no text. -->
  <xsl:template match="tei:cb | tei:milestone"/>

  <xsl:template match="tei:lg | tei:l | tei:address | tei:addrLine">
    <xsl:param name="in" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="in" select="$in"/></xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
