<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: GPL-3.0-or-later
     Turns any Liaison report (liaison-report.xsd) into one HTML page that reads well on
     screen and prints on A4, each major section starting a new page.  The words come
     in as parameters (l-…) so that Liaison can pass them translated; the defaults are
     English, for a browser applying the stylesheet on its own. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:l="https://liaisonapp.github.io/ns/liaison/1"
                exclude-result-prefixes="l">

  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:param name="l-generated" select="'Generated'"/>
  <xsl:param name="l-filters" select="'Filters'"/>
  <xsl:param name="l-no-filters" select="'All records, no filters'"/>
  <xsl:param name="l-summary" select="'Summary'"/>
  <xsl:param name="l-total" select="'Total'"/>
  <xsl:param name="l-by-status" select="'By status'"/>
  <xsl:param name="l-by-kind" select="'By kind'"/>
  <xsl:param name="l-by-year" select="'By year signed'"/>
  <xsl:param name="l-unknown-year" select="'Unknown'"/>
  <xsl:param name="l-due" select="'Falling due'"/>
  <xsl:param name="l-nothing-due" select="'Nothing ends or falls due in this period.'"/>
  <xsl:param name="l-ends" select="'Ends'"/>
  <xsl:param name="l-notice" select="'Notice date'"/>
  <xsl:param name="l-agreements" select="'Agreements'"/>
  <xsl:param name="l-events" select="'Events'"/>
  <xsl:param name="l-none" select="'None'"/>
  <xsl:param name="l-signed" select="'Signed'"/>
  <xsl:param name="l-start" select="'Start'"/>
  <xsl:param name="l-end" select="'End'"/>
  <xsl:param name="l-parties" select="'Parties'"/>
  <xsl:param name="l-signatory" select="'Signatory'"/>
  <xsl:param name="l-sub-agreements" select="'Sub-agreements'"/>
  <xsl:param name="l-linked-events" select="'Linked events'"/>
  <xsl:param name="l-linked-agreements" select="'Linked agreements'"/>
  <xsl:param name="l-sources" select="'Sources'"/>
  <xsl:param name="l-tags" select="'Tags'"/>
  <xsl:param name="l-responsible" select="'Responsible'"/>
  <xsl:param name="l-parent" select="'Part of'"/>
  <xsl:param name="l-date" select="'Date'"/>
  <xsl:param name="l-place" select="'Place'"/>
  <xsl:param name="l-host" select="'Host'"/>
  <xsl:param name="l-participants" select="'Participants'"/>
  <xsl:param name="l-people" select="'People'"/>
  <xsl:param name="l-sub-units" select="'Sub-units'"/>
  <xsl:param name="l-timeline" select="'Timeline'"/>
  <xsl:param name="l-institution" select="'Institution'"/>
  <xsl:param name="l-location" select="'Location'"/>
  <xsl:param name="l-website" select="'Website'"/>
  <xsl:param name="l-count" select="'Count'"/>
  <xsl:param name="l-title" select="'Title'"/>
  <xsl:param name="l-status" select="'Status'"/>
  <xsl:param name="l-kind" select="'Kind'"/>
  <xsl:param name="l-what" select="'What'"/>
  <xsl:param name="l-event" select="'Event'"/>
  <!-- Dates: patterns with {Y} the year, {B} the month's name, {m} and {mm} its number,
       {d} and {dd} the day; the month names separated by "|". -->
  <xsl:param name="l-months" select="'January|February|March|April|May|June|July|August|September|October|November|December'"/>
  <xsl:param name="l-date-full" select="'{d} {B} {Y}'"/>
  <xsl:param name="l-date-year-month" select="'{B} {Y}'"/>
  <xsl:param name="l-date-month-day" select="'{d} {B} (year not known)'"/>

  <xsl:template match="/">
    <xsl:apply-templates select="l:report"/>
  </xsl:template>

  <xsl:template match="l:report">
    <html>
      <head>
        <meta charset="utf-8"/>
        <meta name="generator" content="{@generator}"/>
        <title><xsl:value-of select="l:title"/></title>
        <style><![CDATA[
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
:root { --ink: #1d1d1f; --muted: #5e5c64; --rule: #d5d3da; --tint: #f3f2f6; --accent: #1c5fa8; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 10.5pt; line-height: 1.45; color: var(--ink); }
:lang(zh), .cjk { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
body { margin: 0 auto; max-width: 180mm; padding: 12mm 0; }
header.report { border-bottom: 2px solid var(--accent); padding-bottom: 4mm; margin-bottom: 6mm; }
h1 { font-size: 20pt; margin: 0 0 1mm; letter-spacing: -0.01em; }
h2 { font-size: 14pt; margin: 0 0 3mm; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 0; }
h4 { font-size: 9pt; margin: 3mm 0 1mm; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
p { margin: 1.5mm 0; }
.meta { color: var(--muted); font-size: 9pt; margin: 0; }
.filters { margin: 2mm 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 1.5mm; }
.filters li { background: var(--tint); border-radius: 1.5mm; padding: 0.5mm 2mm; font-size: 9pt; }
.filters li b { font-weight: 600; color: var(--muted); margin-right: 1mm; }
section.major { margin-top: 8mm; }
.total { font-size: 11pt; margin: 0 0 3mm; }
.total b { font-size: 16pt; color: var(--accent); margin-right: 1mm; }
.counts { display: flex; gap: 6mm; align-items: flex-start; flex-wrap: wrap; margin-bottom: 4mm; }
.counts > div { flex: 1 1 45mm; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
thead { display: table-header-group; }
th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--rule); padding: 1mm 2mm 1mm 0; }
td { border-bottom: 1px solid var(--tint); padding: 1mm 2mm 1mm 0; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; padding-right: 0; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
article { border: 1px solid var(--rule); border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 4mm; }
article header, dl.facts, li, .sources, .counts > div { break-inside: avoid; }
article header, dl.facts { break-after: avoid; }
article header { display: flex; justify-content: space-between; gap: 4mm; align-items: baseline; }
.badge { font-size: 8.5pt; border-radius: 1.5mm; padding: 0.3mm 1.8mm; background: var(--tint); white-space: nowrap; }
.badge.active, .badge.signed { background: #dcefdc; color: #1e5a1e; }
.badge.negotiating, .badge.proposed { background: #fdf0d0; color: #6b4a00; }
.badge.expired, .badge.terminated { background: #ece9ee; color: #5e5c64; }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0.5mm 3mm; margin: 2mm 0; font-size: 9.5pt; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
dl.facts dd.wide { grid-column: span 3; }
.local { color: var(--muted); }
.tags span { display: inline-block; background: var(--tint); border-radius: 1mm; padding: 0 1.5mm; margin: 0 1mm 1mm 0; font-size: 8.5pt; }
ul.plain { margin: 0; padding-left: 4mm; }
.sources { font-size: 8.5pt; color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
@media print {
  body { padding: 0; max-width: none; }
  section.major { margin-top: 0; break-before: page; }
  header.report + section.major { break-before: auto; margin-top: 0; }
  h2, h3, h4 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
]]></style>
      </head>
      <body>
        <header class="report">
          <h1><xsl:value-of select="l:title"/>
            <xsl:if test="l:institution">
              <xsl:text>: </xsl:text><xsl:value-of select="l:institution/l:name"/>
            </xsl:if>
          </h1>
          <p class="meta">
            <xsl:value-of select="$l-generated"/>
            <xsl:text> </xsl:text>
            <xsl:value-of select="translate(@generated, 'TZ', '  ')"/>
            <xsl:text>UTC · </xsl:text>
            <xsl:value-of select="@generator"/>
          </p>
          <xsl:apply-templates select="l:filters"/>
        </header>
        <xsl:apply-templates select="l:summary"/>
        <xsl:apply-templates select="l:institution"/>
        <xsl:apply-templates select="l:agreements"/>
        <xsl:apply-templates select="l:events"/>
        <xsl:apply-templates select="l:timeline"/>
      </body>
    </html>
  </xsl:template>

  <!-- Filters -->

  <xsl:template match="l:filters">
    <ul class="filters">
      <xsl:if test="not(l:filter)">
        <li><xsl:value-of select="$l-no-filters"/></li>
      </xsl:if>
      <xsl:for-each select="l:filter">
        <li><b><xsl:call-template name="filter-label"/></b><xsl:value-of select="."/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template name="filter-label">
    <xsl:choose>
      <xsl:when test="@name = 'status'"><xsl:value-of select="$l-status"/></xsl:when>
      <xsl:when test="@name = 'kind'"><xsl:value-of select="$l-kind"/></xsl:when>
      <xsl:when test="@name = 'institution'"><xsl:value-of select="$l-institution"/></xsl:when>
      <xsl:when test="@name = 'tag'"><xsl:value-of select="$l-tags"/></xsl:when>
      <xsl:when test="@name = 'signed-from'"><xsl:value-of select="$l-signed"/> ≥</xsl:when>
      <xsl:when test="@name = 'signed-to'"><xsl:value-of select="$l-signed"/> ≤</xsl:when>
      <xsl:when test="@name = 'ending-before'"><xsl:value-of select="$l-end"/> &lt;</xsl:when>
      <xsl:when test="@name = 'from'"><xsl:value-of select="$l-date"/> ≥</xsl:when>
      <xsl:when test="@name = 'to'"><xsl:value-of select="$l-date"/> ≤</xsl:when>
      <xsl:otherwise>“</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Summary -->

  <xsl:template match="l:summary">
    <section class="major summary">
      <h2><xsl:value-of select="$l-summary"/></h2>
      <p class="total"><b><xsl:value-of select="@total"/></b>
        <xsl:choose>
          <xsl:when test="../l:events"><xsl:value-of select="$l-events"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$l-agreements"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <div class="counts">
        <xsl:apply-templates select="l:by-status | l:by-kind | l:by-year"/>
      </div>
      <xsl:apply-templates select="l:due"/>
    </section>
  </xsl:template>

  <xsl:template match="l:by-status | l:by-kind | l:by-year">
    <div>
      <h4>
        <xsl:choose>
          <xsl:when test="self::l:by-status"><xsl:value-of select="$l-by-status"/></xsl:when>
          <xsl:when test="self::l:by-kind"><xsl:value-of select="$l-by-kind"/></xsl:when>
          <xsl:when test="../../l:events"><xsl:value-of select="$l-date"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$l-by-year"/></xsl:otherwise>
        </xsl:choose>
      </h4>
      <table>
        <tbody>
          <xsl:for-each select="l:count">
            <tr>
              <td>
                <xsl:choose>
                  <xsl:when test="@value-label"><xsl:value-of select="@value-label"/></xsl:when>
                  <xsl:when test="@value"><xsl:value-of select="@value"/></xsl:when>
                  <xsl:otherwise><span class="empty"><xsl:value-of select="$l-unknown-year"/></span></xsl:otherwise>
                </xsl:choose>
              </td>
              <td class="num"><xsl:value-of select="."/></td>
            </tr>
          </xsl:for-each>
          <xsl:if test="not(l:count)">
            <tr><td class="empty"><xsl:value-of select="$l-none"/></td><td/></tr>
          </xsl:if>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="l:due">
    <h4><xsl:value-of select="$l-due"/> · <xsl:call-template name="date"><xsl:with-param name="iso" select="@from"/></xsl:call-template> – <xsl:call-template name="date"><xsl:with-param name="iso" select="@to"/></xsl:call-template></h4>
    <xsl:choose>
      <xsl:when test="l:deadline">
        <table>
          <thead>
            <tr><th><xsl:value-of select="$l-date"/></th><th><xsl:value-of select="$l-what"/></th>
                <th><xsl:value-of select="$l-title"/></th><th><xsl:value-of select="$l-status"/></th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="l:deadline">
              <tr>
                <td class="date"><xsl:call-template name="date"><xsl:with-param name="iso" select="@date"/></xsl:call-template></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@what = 'end'"><xsl:value-of select="$l-ends"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$l-notice"/></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td><xsl:value-of select="."/></td>
                <td><span class="badge {@status}"><xsl:value-of select="@status-label"/></span></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p class="empty"><xsl:value-of select="$l-nothing-due"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Agreements -->

  <xsl:template match="l:agreements">
    <section class="major agreements">
      <h2><xsl:value-of select="$l-agreements"/> (<xsl:value-of select="count(l:agreement)"/>)</h2>
      <xsl:apply-templates select="l:agreement"/>
      <xsl:if test="not(l:agreement)"><p class="empty"><xsl:value-of select="$l-none"/></p></xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="l:agreement">
    <article class="agreement">
      <header>
        <h3><xsl:value-of select="l:title"/></h3>
        <span class="badge {@status}"><xsl:value-of select="@status-label"/></span>
      </header>
      <dl class="facts">
        <dt><xsl:value-of select="$l-kind"/></dt><dd><xsl:value-of select="@kind-label"/></dd>
        <xsl:if test="l:signed"><dt><xsl:value-of select="$l-signed"/></dt><dd><xsl:call-template name="date"><xsl:with-param name="iso" select="l:signed"/></xsl:call-template></dd></xsl:if>
        <xsl:if test="l:start"><dt><xsl:value-of select="$l-start"/></dt><dd><xsl:call-template name="date"><xsl:with-param name="iso" select="l:start"/></xsl:call-template></dd></xsl:if>
        <xsl:if test="l:end"><dt><xsl:value-of select="$l-end"/></dt><dd><xsl:call-template name="date"><xsl:with-param name="iso" select="l:end"/></xsl:call-template></dd></xsl:if>
        <xsl:if test="l:notice"><dt><xsl:value-of select="$l-notice"/></dt><dd><xsl:call-template name="date"><xsl:with-param name="iso" select="l:notice"/></xsl:call-template></dd></xsl:if>
        <xsl:if test="l:responsible"><dt><xsl:value-of select="$l-responsible"/></dt><dd><xsl:value-of select="l:responsible"/></dd></xsl:if>
        <xsl:if test="l:parent"><dt><xsl:value-of select="$l-parent"/></dt><dd class="wide"><xsl:value-of select="l:parent"/></dd></xsl:if>
      </dl>
      <xsl:if test="l:summary"><p><xsl:value-of select="l:summary"/></p></xsl:if>
      <xsl:if test="l:party">
        <h4><xsl:value-of select="$l-parties"/></h4>
        <table>
          <tbody>
            <xsl:for-each select="l:party">
              <tr>
                <td style="width: 46%"><xsl:value-of select="l:name"/>
                  <xsl:if test="l:local-name"><br/><span class="local"><xsl:value-of select="l:local-name"/></span></xsl:if></td>
                <td style="width: 22%"><xsl:value-of select="@role"/></td>
                <td>
                  <xsl:if test="l:signatory">
                    <span class="local"><xsl:value-of select="$l-signatory"/>: </span>
                    <xsl:value-of select="l:signatory"/>
                    <xsl:if test="l:signatory/@local-name"> (<xsl:value-of select="l:signatory/@local-name"/>)</xsl:if>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
      <xsl:if test="l:sub-agreement">
        <h4><xsl:value-of select="$l-sub-agreements"/></h4>
        <ul class="plain">
          <xsl:for-each select="l:sub-agreement">
            <li><xsl:value-of select="."/><span class="local"> · <xsl:value-of select="@status-label"/>
              <xsl:if test="@signed"> · <xsl:value-of select="@signed"/></xsl:if></span></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:if test="l:linked-event">
        <h4><xsl:value-of select="$l-linked-events"/></h4>
        <ul class="plain">
          <xsl:for-each select="l:linked-event">
            <li><xsl:if test="@date"><span class="local"><xsl:call-template name="date"><xsl:with-param name="iso" select="@date"/></xsl:call-template> · </span></xsl:if>
              <xsl:value-of select="."/><span class="local"> · <xsl:value-of select="@kind-label"/></span></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:call-template name="tags"/>
      <xsl:call-template name="sources"/>
    </article>
  </xsl:template>

  <!-- Events -->

  <xsl:template match="l:events">
    <section class="major events">
      <h2><xsl:value-of select="$l-events"/> (<xsl:value-of select="count(l:event)"/>)</h2>
      <xsl:apply-templates select="l:event"/>
      <xsl:if test="not(l:event)"><p class="empty"><xsl:value-of select="$l-none"/></p></xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="l:event">
    <article class="event">
      <header>
        <h3><xsl:value-of select="l:title"/></h3>
        <span class="badge"><xsl:value-of select="@kind-label"/></span>
      </header>
      <dl class="facts">
        <xsl:if test="l:date">
          <dt><xsl:value-of select="$l-date"/></dt>
          <dd><xsl:call-template name="date"><xsl:with-param name="iso" select="l:date"/></xsl:call-template><xsl:if test="l:end-date"> – <xsl:call-template name="date"><xsl:with-param name="iso" select="l:end-date"/></xsl:call-template></xsl:if></dd>
        </xsl:if>
        <xsl:if test="l:place or l:city">
          <dt><xsl:value-of select="$l-place"/></dt>
          <dd><xsl:value-of select="l:place"/><xsl:if test="l:place and l:city">, </xsl:if><xsl:value-of select="l:city"/></dd>
        </xsl:if>
        <xsl:if test="l:host"><dt><xsl:value-of select="$l-host"/></dt><dd><xsl:value-of select="l:host"/></dd></xsl:if>
      </dl>
      <xsl:if test="l:summary"><p><xsl:value-of select="l:summary"/></p></xsl:if>
      <xsl:if test="l:participant or l:attendee">
        <h4><xsl:value-of select="$l-participants"/></h4>
        <table>
          <tbody>
            <xsl:for-each select="l:participant | l:attendee">
              <tr>
                <td style="width: 46%"><xsl:value-of select="."/>
                  <xsl:if test="@local-name"><xsl:text> </xsl:text><span class="local"><xsl:value-of select="@local-name"/></span></xsl:if></td>
                <td><xsl:value-of select="@role"/>
                  <xsl:if test="@institution"><span class="local"><xsl:if test="@role"> · </xsl:if><xsl:value-of select="@institution"/></span></xsl:if></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
      <xsl:if test="l:linked-agreement">
        <h4><xsl:value-of select="$l-linked-agreements"/></h4>
        <ul class="plain">
          <xsl:for-each select="l:linked-agreement">
            <li><xsl:value-of select="."/><span class="local"> · <xsl:value-of select="@status-label"/></span></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:call-template name="tags"/>
      <xsl:call-template name="sources"/>
    </article>
  </xsl:template>

  <!-- Institution profile -->

  <xsl:template match="l:institution">
    <section class="profile">
      <dl class="facts">
        <dt><xsl:value-of select="$l-kind"/></dt><dd><xsl:value-of select="@kind-label"/></dd>
        <xsl:if test="l:local-name"><dt></dt><dd class="cjk"><xsl:value-of select="l:local-name"/>
          <xsl:if test="l:short-name"> · <xsl:value-of select="l:short-name"/></xsl:if></dd></xsl:if>
        <xsl:if test="l:parent"><dt><xsl:value-of select="$l-parent"/></dt><dd><xsl:value-of select="l:parent"/></dd></xsl:if>
        <xsl:if test="l:city or l:region or l:country">
          <dt><xsl:value-of select="$l-location"/></dt>
          <dd>
            <xsl:for-each select="l:city | l:region | l:country">
              <xsl:value-of select="."/><xsl:if test="position() != last()">, </xsl:if>
            </xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:if test="l:website"><dt><xsl:value-of select="$l-website"/></dt><dd><xsl:value-of select="l:website"/></dd></xsl:if>
      </dl>
      <xsl:if test="l:notes"><p><xsl:value-of select="l:notes"/></p></xsl:if>
      <xsl:call-template name="sources"/>

      <h4><xsl:value-of select="$l-sub-units"/></h4>
      <xsl:choose>
        <xsl:when test="../l:sub-units/l:unit">
          <table>
            <tbody>
              <xsl:for-each select="../l:sub-units/l:unit">
                <tr><td style="width: 46%"><xsl:value-of select="."/></td>
                    <td class="local"><xsl:value-of select="@local-name"/></td>
                    <td><xsl:value-of select="@kind-label"/></td></tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p class="empty"><xsl:value-of select="$l-none"/></p></xsl:otherwise>
      </xsl:choose>

      <h4><xsl:value-of select="$l-people"/></h4>
      <xsl:choose>
        <xsl:when test="../l:people/l:person">
          <table>
            <tbody>
              <xsl:for-each select="../l:people/l:person">
                <tr><td style="width: 46%"><xsl:value-of select="."/>
                      <xsl:if test="@local-name"><xsl:text> </xsl:text><span class="local"><xsl:value-of select="@local-name"/></span></xsl:if></td>
                    <td><xsl:value-of select="@role"/></td>
                    <td class="local"><xsl:value-of select="@email"/></td></tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p class="empty"><xsl:value-of select="$l-none"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="l:timeline">
    <section class="major timeline">
      <h2><xsl:value-of select="$l-timeline"/></h2>
      <xsl:choose>
        <xsl:when test="l:entry">
          <table>
            <thead>
              <tr><th><xsl:value-of select="$l-date"/></th><th><xsl:value-of select="$l-what"/></th>
                  <th><xsl:value-of select="$l-title"/></th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="l:entry">
                <tr>
                  <td class="date" style="width: 18%"><xsl:call-template name="date"><xsl:with-param name="iso" select="@date"/></xsl:call-template></td>
                  <td style="width: 16%">
                    <xsl:choose>
                      <xsl:when test="@what = 'signed'"><xsl:value-of select="$l-signed"/></xsl:when>
                      <xsl:when test="@what = 'start'"><xsl:value-of select="$l-start"/></xsl:when>
                      <xsl:when test="@what = 'notice'"><xsl:value-of select="$l-notice"/></xsl:when>
                      <xsl:when test="@what = 'end'"><xsl:value-of select="$l-end"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="$l-event"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td><xsl:value-of select="."/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p class="empty"><xsl:value-of select="$l-none"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- Shared pieces -->

  <xsl:template name="tags">
    <xsl:if test="l:tag">
      <p class="tags"><xsl:for-each select="l:tag"><span><xsl:value-of select="."/></span></xsl:for-each></p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="sources">
    <xsl:if test="l:source">
      <div class="sources">
        <xsl:value-of select="$l-sources"/>:
        <xsl:for-each select="l:source">
          <xsl:value-of select="."/>
          <xsl:if test="@publisher"> (<xsl:value-of select="@publisher"/><xsl:if test="@date">, <xsl:call-template name="date"><xsl:with-param name="iso" select="@date"/></xsl:call-template></xsl:if>)</xsl:if>
          <xsl:if test="@detail"> — <xsl:value-of select="@detail"/></xsl:if>
          <xsl:if test="position() != last()">; </xsl:if>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- A date as people write it: 2023, August 2023, 30 August 2023, 18 April (year not
       known); anything else as it is. -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:variable name="s" select="string($iso)"/>
    <xsl:choose>
      <xsl:when test="string-length($s) = 4 and translate($s, '0123456789', '') = ''">
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:when test="string-length($s) = 7 and starts-with($s, '--') and substring($s, 5, 1) = '-'">
        <xsl:call-template name="date-pattern">
          <xsl:with-param name="pattern" select="$l-date-month-day"/>
          <xsl:with-param name="month" select="substring($s, 3, 2)"/>
          <xsl:with-param name="day" select="substring($s, 6, 2)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="string-length($s) = 7 and substring($s, 5, 1) = '-'">
        <xsl:call-template name="date-pattern">
          <xsl:with-param name="pattern" select="$l-date-year-month"/>
          <xsl:with-param name="year" select="substring($s, 1, 4)"/>
          <xsl:with-param name="month" select="substring($s, 6, 2)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="string-length($s) = 10 and substring($s, 5, 1) = '-' and substring($s, 8, 1) = '-'">
        <xsl:call-template name="date-pattern">
          <xsl:with-param name="pattern" select="$l-date-full"/>
          <xsl:with-param name="year" select="substring($s, 1, 4)"/>
          <xsl:with-param name="month" select="substring($s, 6, 2)"/>
          <xsl:with-param name="day" select="substring($s, 9, 2)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Fills a date pattern's {…} fields, one at a time. -->
  <xsl:template name="date-pattern">
    <xsl:param name="pattern"/>
    <xsl:param name="year"/>
    <xsl:param name="month"/>
    <xsl:param name="day"/>
    <xsl:choose>
      <xsl:when test="contains($pattern, '{') and contains(substring-after($pattern, '{'), '}')">
        <xsl:variable name="field" select="substring-before(substring-after($pattern, '{'), '}')"/>
        <xsl:value-of select="substring-before($pattern, '{')"/>
        <xsl:choose>
          <xsl:when test="$field = 'Y'"><xsl:value-of select="$year"/></xsl:when>
          <xsl:when test="$field = 'B'">
            <xsl:call-template name="month-name">
              <xsl:with-param name="names" select="$l-months"/>
              <xsl:with-param name="n" select="number($month)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="$field = 'mm'"><xsl:value-of select="$month"/></xsl:when>
          <xsl:when test="$field = 'm'"><xsl:value-of select="number($month)"/></xsl:when>
          <xsl:when test="$field = 'dd'"><xsl:value-of select="$day"/></xsl:when>
          <xsl:when test="$field = 'd'"><xsl:value-of select="number($day)"/></xsl:when>
          <xsl:otherwise>{<xsl:value-of select="$field"/>}</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="date-pattern">
          <xsl:with-param name="pattern" select="substring-after(substring-after($pattern, '{'), '}')"/>
          <xsl:with-param name="year" select="$year"/>
          <xsl:with-param name="month" select="$month"/>
          <xsl:with-param name="day" select="$day"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$pattern"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The @n-th of the month names in @names, separated by "|". -->
  <xsl:template name="month-name">
    <xsl:param name="names"/>
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n &gt; 1 and contains($names, '|')">
        <xsl:call-template name="month-name">
          <xsl:with-param name="names" select="substring-after($names, '|')"/>
          <xsl:with-param name="n" select="$n - 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($names, '|')"><xsl:value-of select="substring-before($names, '|')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$names"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
