<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio HTML output: the behaviours. Every element template picks one of them and a class:
    block   a block of its own (div, p, li, h2 ...); a span where the HTML around it allows
            only phrasing content, so that the page stays valid HTML whatever nests in what
    inline  a phrasing element (span, em, cite, abbr ...)
    link    an <a> when the element points somewhere safe, else an inline
  and they share: attributes (id, lang, class), html-id (xml:id to HTML id), safe-url and
  href-for (what a pointer may become in an href). Each works on the current node.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="tei">

  <!-- Where an element is rendered: each element template has a parameter "in", passed
       down by apply-templates from its container, which decided it once for its children:
         ''   flow content is allowed (a div, li, td, dd ...)
         'p'  only phrasing content is allowed (inside a p, h2, span, cite, time ...)
         'a'  phrasing, inside a link (HTML forbids <a> in <a>)
       block renders as a span where it is not ''; link renders no <a> where it is 'a'.
       The content of a note starts afresh ('') in the endnotes. A phrasing element passes
       substring('pa', 1 + ($in = 'a'), 1) to its children: 'a' inside a link, else 'p'. -->
  <!-- Keys: libxslt indexes a document for every key of the stylesheet at its first key(),
       each alternative of a match pattern a walk over the whole letter; so each key here
       has one alternative, and what a filter on another key's nodes can find has none. -->
  <!-- Every element with an xml:id (not id(): a parser may keep no table of ids). -->
  <xsl:key name="xml-id" use="@xml:id" match="*[@xml:id]"/>

  <!-- Register entries embedded in the standalone letter (standOff/listPerson/person,
       standOff/listPlace/place, standOff/listOrg/org). -->
  <xsl:key name="entry" use="@xml:id" match="tei:standOff/*/*[@xml:id][self::tei:person[parent::tei:listPerson]
      or self::tei:place[parent::tei:listPlace] or self::tei:org[parent::tei:listOrg]]"/>

  <!-- Letters of the corpus a pointer of the standalone letter names (SLUG.xml), with
       their titles: standOff/listBibl[@type='letters']/bibl[@corresp]. -->
  <xsl:key name="letter" use="@corresp" match="tei:standOff/tei:listBibl[@type='letters']/tei:bibl"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <!-- Characters an HTML id keeps out of (ASCII whitespace) or that need escaping in a URL
       fragment or a CSS selector; html-id turns each into "_". The same list is in
       transform/build/html.py (html_id): the register pages link to the same ids. -->
  <xsl:variable name="id-unsafe" select="concat(' &#9;&#10;&#13;!&quot;#$%&amp;', &quot;'&quot;, '()*+,/:;&lt;=&gt;?@[\]^`{|}~')"/>
  <xsl:variable name="underscores" select="'________________________________________'"/>

  <!-- TEI elements whose content is phrase-level, whatever they are rendered as (an
       unknown element as a div): their children are rendered "in" 'p'. -->
  <xsl:variable name="phrase-level" select="' p ab head l label salute signed dateline byline docDate docAuthor
      trailer figDesc hi emph foreign term mentioned soCalled gloss seg num measure idno title q said bibl biblStruct
      msIdentifier correspAction persName placeName orgName rs name repository institution date ref choice sic corr
      reg orig abbr expan am ex supplied unclear gap del add subst surplus damage restore '"/>

  <!-- block: a block element (param element: div, p, li, blockquote, h2 ...), or a span
       where only phrasing content is allowed (param in, see above). A p or heading takes
       only phrasing content, and so does a phrase-level TEI element: their children are
       rendered "in" 'p'. -->
  <xsl:template name="block">
    <xsl:param name="element" select="'div'"/>
    <xsl:param name="class" select="local-name()"/>
    <xsl:param name="in" select="''"/>
    <xsl:choose>
      <xsl:when test="$in">
        <span>
          <xsl:call-template name="attributes">
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:apply-templates><xsl:with-param name="in" select="$in"/></xsl:apply-templates>
        </span>
        <!-- a block made a span: a space after it, where the source has an element right
             after it (a note's reference excepted), so that no two words run together -->
        <xsl:if test="following-sibling::node()[1]/self::*[not(self::tei:note)]">
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$element}">
          <xsl:call-template name="attributes">
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:apply-templates>
            <xsl:with-param name="in" select="substring('p', 1, $element = 'p' or (starts-with($element, 'h') and string-length($element) = 2)
                or (contains($phrase-level, concat(' ', local-name(), ' ')) and not(self::tei:bibl/parent::tei:listBibl)))"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- inline: a phrasing element (param element: span, em, cite ...), with an optional title. -->
  <xsl:template name="inline">
    <xsl:param name="element" select="'span'"/>
    <xsl:param name="class" select="local-name()"/>
    <xsl:param name="title" select="''"/>
    <xsl:param name="in" select="''"/>
    <xsl:element name="{$element}">
      <xsl:call-template name="attributes">
        <xsl:with-param name="class" select="$class"/>
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <xsl:apply-templates><xsl:with-param name="in" select="substring('pa', 1 + ($in = 'a'), 1)"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- link: <a href> when href (already made safe by href-for) is not empty, the element
       is not inside a link already and has words (a link needs text), else inline. -->
  <xsl:template name="link">
    <xsl:param name="href" select="''"/>
    <xsl:param name="class" select="local-name()"/>
    <xsl:param name="title" select="''"/>
    <xsl:param name="in" select="''"/>
    <xsl:choose>
      <xsl:when test="string($href) != '' and $in != 'a' and normalize-space()">
        <a href="{$href}">
          <xsl:call-template name="attributes">
            <xsl:with-param name="class" select="$class"/>
            <xsl:with-param name="title" select="$title"/>
          </xsl:call-template>
          <xsl:apply-templates><xsl:with-param name="in" select="'a'"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="inline">
          <xsl:with-param name="class" select="$class"/>
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="in" select="$in"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- attributes: id (from xml:id), lang (from xml:lang), class and title when given.
       The id is html-id's translate written out: this runs for most elements of a page. -->
  <xsl:template name="attributes">
    <xsl:param name="class" select="''"/>
    <xsl:param name="title" select="''"/>
    <xsl:if test="normalize-space(@xml:id)">
      <xsl:attribute name="id"><xsl:value-of select="translate(@xml:id, $id-unsafe, $underscores)"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:call-template name="lang"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="string($class)">
      <xsl:attribute name="class"><xsl:value-of select="normalize-space($class)"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="normalize-space($title)">
      <xsl:attribute name="title"><xsl:value-of select="normalize-space($title)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- lang: an xml:lang (default: the current node's) as a BCP 47 tag for HTML: a
       three-letter ISO 639-2/3 code that has a two-letter one becomes it (fra -> fr,
       ger/deu -> de), the rest is kept as written. The same table is in
       transform/build/html.py (bcp47), for the pages Python builds. -->
  <xsl:variable name="iso639" select="' aar:aa abk:ab afr:af aka:ak alb:sq sqi:sq amh:am ara:ar arg:an arm:hy hye:hy asm:as ava:av ave:ae aym:ay aze:az bak:ba bam:bm baq:eu eus:eu bel:be ben:bn bis:bi bod:bo tib:bo bos:bs bre:br bul:bg bur:my mya:my cat:ca ces:cs cze:cs cha:ch che:ce chi:zh zho:zh chu:cu chv:cv cor:kw cos:co cre:cr cym:cy wel:cy dan:da deu:de ger:de div:dv dut:nl nld:nl dzo:dz ell:el gre:el eng:en epo:eo est:et ewe:ee fao:fo fas:fa per:fa fij:fj fin:fi fra:fr fre:fr fry:fy ful:ff geo:ka kat:ka gla:gd gle:ga glg:gl glv:gv grn:gn guj:gu hat:ht hau:ha heb:he her:hz hin:hi hmo:ho hrv:hr hun:hu ibo:ig ice:is isl:is ido:io iii:ii iku:iu ile:ie ina:ia ind:id ipk:ik ita:it jav:jv jpn:ja kal:kl kan:kn kas:ks kau:kr kaz:kk khm:km kik:ki kin:rw kir:ky kom:kv kon:kg kor:ko kua:kj kur:ku lao:lo lat:la lav:lv lim:li lin:ln lit:lt ltz:lb lub:lu lug:lg mac:mk mkd:mk mah:mh mal:ml mao:mi mri:mi mar:mr may:ms msa:ms mlg:mg mlt:mt mon:mn nau:na nav:nv nbl:nr nde:nd ndo:ng nep:ne nno:nn nob:nb nor:no nya:ny oci:oc oji:oj ori:or orm:om oss:os pan:pa pli:pi pol:pl por:pt pus:ps que:qu roh:rm ron:ro rum:ro run:rn rus:ru sag:sg san:sa sin:si slk:sk slo:sk slv:sl sme:se smo:sm sna:sn snd:sd som:so sot:st spa:es srd:sc srp:sr ssw:ss sun:su swa:sw swe:sv tah:ty tam:ta tat:tt tel:te tgk:tg tgl:tl tha:th tir:ti ton:to tsn:tn tso:ts tuk:tk tur:tr twi:tw uig:ug ukr:uk urd:ur uzb:uz ven:ve vie:vi vol:vo wln:wa wol:wo xho:xh yid:yi yor:yo zha:za zul:zu '"/>

  <xsl:template name="lang">
    <xsl:param name="code" select="normalize-space(@xml:lang)"/>
    <xsl:variable name="primary" select="translate(substring-before(concat($code, '-'), '-'), $upper, $lower)"/>
    <xsl:variable name="two" select="substring-before(substring-after($iso639, concat(' ', $primary, ':')), ' ')"/>
    <xsl:choose>
      <xsl:when test="string-length($primary) = 3 and $two">
        <xsl:value-of select="$two"/>
        <xsl:if test="contains($code, '-')">-<xsl:value-of select="substring-after($code, '-')"/></xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- html-id: an xml:id (default: the current node's) as an HTML id, the same on every page. -->
  <xsl:template name="html-id">
    <xsl:param name="id" select="@xml:id"/>
    <xsl:value-of select="translate($id, $id-unsafe, $underscores)"/>
  </xsl:template>

  <!-- safe-url: the URL if it is http(s) or relative, else nothing (javascript:, data:,
       vbscript:, mailto: ... never reach the page). Only the first whitespace-separated
       token counts, so no tab or line break can hide a scheme. -->
  <xsl:template name="safe-url">
    <xsl:param name="url"/>
    <xsl:variable name="first" select="substring-before(concat(normalize-space($url), ' '), ' ')"/>
    <xsl:variable name="scheme" select="substring-before($first, ':')"/>
    <xsl:variable name="low" select="translate($first, $upper, $lower)"/>
    <xsl:choose>
      <xsl:when test="starts-with($low, 'https://') or starts-with($low, 'http://')">
        <xsl:value-of select="$first"/>
      </xsl:when>
      <xsl:when test="not(contains($first, ':')) or translate($scheme, '/?#', '') != $scheme">
        <xsl:value-of select="$first"/>
      </xsl:when>
      <!-- another scheme: no link -->
      <xsl:otherwise/>
    </xsl:choose>
  </xsl:template>

  <!-- href-for: what a pointer (@ref, @target) becomes in an href: a register entry of the
       standalone letter links to its register page, another #id to that id on this page
       (when the letter has it), another letter of the corpus (SLUG.xml) to its page, an
       address with a scheme only when safe-url lets it through; anything else, nothing. -->
  <xsl:template name="href-for">
    <xsl:param name="pointer"/>
    <xsl:variable name="first" select="substring-before(concat(normalize-space($pointer), ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="starts-with($first, '#') and key('entry', substring($first, 2))">
        <xsl:apply-templates select="key('entry', substring($first, 2))[1]" mode="register-href"/>
      </xsl:when>
      <xsl:when test="starts-with($first, '#') and key('xml-id', substring($first, 2))">
        <xsl:text>#</xsl:text>
        <xsl:call-template name="html-id">
          <xsl:with-param name="id" select="substring($first, 2)"/>
        </xsl:call-template>
      </xsl:when>
      <!-- a #id that is nowhere in the letter: no link -->
      <xsl:when test="starts-with($first, '#')"/>
      <!-- another letter of the corpus: its page -->
      <xsl:when test="key('letter', $first)">
        <xsl:value-of select="concat(substring($first, 1, string-length($first) - 4), '.html')"/>
      </xsl:when>
      <!-- an address with a scheme: when safe-url lets it through -->
      <xsl:when test="contains(substring-before($first, '/'), ':') or (contains($first, ':') and not(contains($first, '/')))">
        <xsl:call-template name="safe-url">
          <xsl:with-param name="url" select="$first"/>
        </xsl:call-template>
      </xsl:when>
      <!-- a relative pointer that names no letter of the corpus (a file, a bare id): it
           resolves to nothing the edition publishes, so no link -->
      <xsl:otherwise/>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
