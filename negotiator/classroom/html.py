"""A tiny, safe HTML builder and the one print stylesheet every classroom page shares.

Scenario text is written by authors and game logs by players, so nothing may reach a page unescaped:
`el()` escapes every string child and attribute value with `html.escape`; only `Markup` (built by this
module or by `negotiator.classroom.svg`, which uses `el()` too) passes through as it is. Pages are
self-contained: one inline stylesheet, system fonts, no scripts, no external resources, so they open
offline and print the same everywhere.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = ["STYLESHEET", "Markup", "document", "el", "escape", "join", "safe_url"]


class Markup(str):
    """Text that is already valid, escaped HTML; `el()` inserts it as it is."""

    __slots__ = ()


def escape(value: object) -> Markup:
    """Escape any value for use as HTML text or a quoted attribute; Markup passes unchanged."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def _children(children: Iterable[object]) -> Iterable[str]:
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, str):
            yield escape(child)
        elif isinstance(child, Iterable):
            yield from _children(child)
        else:
            yield escape(child)


def join(*children: object) -> Markup:
    """Several children as one Markup fragment (strings escaped)."""
    return Markup("".join(_children(children)))


# Elements with no content and no closing tag (HTML) and SVG shapes written self-closed.
_VOID = frozenset({"br", "hr", "img", "meta", "link", "col", "wbr", "input"})


# Attributes whose value is a URL. A URL from a scenario (a source's link) could be `javascript:...`; only
# http and https, and links within the kit (`#anchor`, `teacher-guide.html`), are written.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink-href", "poster", "cite", "background"})
ALLOWED_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f]")


def safe_url(value: object) -> str | None:
    """`value` if it is safe as a link (http, https, or relative with no scheme), else None.

    Browsers drop tabs and line breaks inside a URL and spaces and controls around it, so `java\tscript:`
    is `javascript:`: the scheme is read the way a browser reads it."""
    text = str(value)
    squeezed = _URL_NOISE.sub("", text)
    match = _SCHEME.match(squeezed)
    if match is None:
        if squeezed.startswith(("//", "\\\\", "/\\", "\\/")):  # another host: only written with a scheme
            return None
        return text if ":" not in squeezed.split("/", 1)[0] else None
    return text if match.group(1).lower() in ALLOWED_SCHEMES else None


def el(tag: str, *children: object, cls: str | None = None, **attrs: object) -> Markup:
    """One element. Attribute names: trailing `_` dropped (`for_`), `_` becomes `-` (`aria_label`);
    True writes a bare attribute, None/False leaves it out; values are escaped, and a URL attribute
    (`href`, `src`, ...) whose scheme is not http or https is left out (`safe_url`)."""
    parts = [tag]
    if cls:
        parts.append(f'class="{escape(cls)}"')
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        if key in URL_ATTRIBUTES and value is not True:
            value = safe_url(value)
            if value is None:
                continue
        if value is True:
            parts.append(key)
        else:
            if isinstance(value, float):
                value = _num(value)
            parts.append(f'{key}="{escape(value)}"')
    opening = "<" + " ".join(parts)
    if tag in _VOID:
        return Markup(opening + ">")
    return Markup(opening + ">" + "".join(_children(children)) + f"</{tag}>")


def _num(value: float) -> str:
    """Short numbers for SVG coordinates (two decimals, no trailing zeros)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def document(title: str, *body: object, description: str = "", extra_style: str = "") -> str:
    """A complete, self-contained HTML page with the shared stylesheet (and `extra_style` after it)."""
    head = join(
        Markup('<meta charset="utf-8">'),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("meta", name="generator", content="Negotiator"),
        el("meta", name="description", content=description) if description else None,
        el("title", title),
        el("style", Markup(STYLESHEET + extra_style)),
    )
    return "<!DOCTYPE html>\n" + el("html", el("head", head), el("body", el("main", *body)), lang="en") + "\n"


# One stylesheet for briefs, the teacher's guide and the report. No `size` in @page: the printer's paper
# (A4 or Letter) is used, and the content is sized for the narrower of the two (A4: 210 mm wide, Letter:
# 279 mm tall), so nothing is clipped on either. Roles, appendices and charts avoid splitting across pages.
STYLESHEET = """
:root {
  --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --soft: #f3f3f0; --accent: #264d73;
  --serif: "Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Georgia, "Times New Roman", serif;
  --sans: "Segoe UI", "Helvetica Neue", Helvetica, Arial, "Noto Sans", "Liberation Sans", sans-serif;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #e9e9e6; color: var(--ink); font: 11pt/1.45 var(--serif); }
main { max-width: 184mm; margin: 12mm auto; padding: 14mm 15mm; background: #fff;
       box-shadow: 0 1px 4px rgba(0,0,0,.18); }
h1, h2, h3, h4, .label, table, figcaption, .meta, .badge, nav, .kicker { font-family: var(--sans); }
h1 { font-size: 20pt; line-height: 1.15; margin: 0 0 2mm; }
h2 { font-size: 13.5pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid var(--ink);
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 10pt; margin: 3mm 0 1mm; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
     break-after: avoid; }
p { margin: 0 0 2.5mm; }
ul, ol { margin: 0 0 3mm; padding-left: 6mm; }
li { margin: 0 0 1mm; }
a { color: var(--accent); }
.kicker { font-size: 9pt; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0 0 1mm; }
.meta { font-size: 9pt; color: var(--muted); }
.lead { font-size: 12pt; }
.band { border-left: 5mm solid var(--role, var(--accent)); padding-left: 4mm; margin-bottom: 5mm; }
.confidential { border: 1.2pt solid var(--ink); padding: 3mm 4mm; margin: 3mm 0 4mm; background: var(--soft);
                break-inside: avoid; page-break-inside: avoid; }
.confidential > .label { font-size: 8.5pt; font-weight: 700; text-transform: uppercase; letter-spacing: .08em;
                         margin-bottom: 1mm; }
.note { border-left: 1.5mm solid var(--rule); padding: 1mm 3mm; color: #333; font-size: 10pt; margin: 2mm 0 4mm; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; }
.card { border: .8pt solid var(--rule); padding: 2.5mm 3mm; break-inside: avoid; page-break-inside: avoid; }
.card h3, .card h4 { margin-top: 0; }
.card p { font-size: 10pt; margin-bottom: 1.5mm; }
.card ul { font-size: 10pt; margin-bottom: 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 1mm 0 4mm; }
th, td { border-bottom: .6pt solid var(--rule); padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { border-bottom: 1pt solid var(--ink); font-weight: 700; }
tbody th { border-bottom: .6pt solid var(--rule); width: 35%; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.who { white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.swatch { display: inline-block; width: 3mm; height: 3mm; border-radius: 50%; margin-right: 1.5mm;
          vertical-align: baseline; background: var(--role, #888); -webkit-print-color-adjust: exact;
          print-color-adjust: exact; }
.badge { display: inline-block; font-size: 7.5pt; font-weight: 700; text-transform: uppercase;
         letter-spacing: .05em; padding: .2mm 1.2mm; border: .7pt solid currentColor; border-radius: 1mm;
         margin-right: 1mm; vertical-align: .1em; white-space: nowrap; }
.badge.facilitator { color: #8a4b00; background: #fff3e0; }
.badge.red { color: #9b1c1c; }
.badge.ok { color: #1f5f3a; }
.redline { font-weight: 700; }
.opt { display: inline-block; margin-right: 3.5mm; }
.opt b { font-variant-numeric: tabular-nums; font-weight: 600; }
.redline::after { content: " \\2715"; font-size: 8pt; }
.quote { font-style: italic; }
.reason { font-size: 9.5pt; color: #444; font-style: italic; }
.changes { font-size: 8.5pt; color: var(--muted); font-family: var(--sans); }
.timeline { list-style: none; padding: 0; margin: 0 0 2mm; }
.timeline li { padding: 1.2mm 0 1.2mm 3mm; border-left: 1.2mm solid var(--role, var(--rule));
               margin-bottom: 1mm; break-inside: avoid; page-break-inside: avoid; }
.timeline li.facilitator { background: #fff8ec; }
.timeline .kind { font-family: var(--sans); font-size: 8pt; font-weight: 700; text-transform: uppercase;
                  letter-spacing: .05em; color: var(--muted); margin-right: 1.5mm; }
.turn { break-inside: auto; }
figure { margin: 2mm 0 5mm; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 8.5pt; color: var(--muted); margin-top: 1mm; }
figure svg { display: block; width: 100%; height: auto; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm 5mm; }
.charts figure { margin-bottom: 2mm; }
.charts.one { grid-template-columns: 1fr; }
.charts.one figure { max-width: 150mm; }
figure.pareto { max-width: 100mm; }
.charts figure.pareto { max-width: none; }
.score { font-size: 15pt; font-weight: 700; font-family: var(--sans); }
dl.glossary dt { font-family: var(--sans); font-weight: 700; font-size: 10pt; break-after: avoid; }
dl.glossary dd { margin: 0 0 2mm 0; font-size: 10pt; }
.glossary-grid { columns: 2; column-gap: 6mm; }
.glossary-grid dt, .glossary-grid dd { break-inside: avoid; }
.page { break-before: page; page-break-before: always; }
/* A role sheet fits two printed pages, on Letter as on A4 (measured in Chromium for every shipped role): tighter
   type, and a worksheet of boxes in two columns with a line of names for the jobs. */
section.role { font-size: 9pt; line-height: 1.3; }
section.role h2 { font-size: 10.5pt; margin: 2.5mm 0 1.2mm; }
section.role ul { margin-bottom: 1.5mm; }
section.role li { margin-bottom: .5mm; }
section.role table { font-size: 8.5pt; }
section.role ul.levers li { margin-bottom: 1mm; }
table.worksheet { width: 100%; }
table.worksheet th { width: 38%; text-align: left; vertical-align: top; font-weight: 600; }
table.worksheet td.write { height: 13mm; border-bottom: .6pt solid var(--rule); }
div.worksheet { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm 5mm; font-family: var(--sans); }
div.worksheet .cell { break-inside: avoid; page-break-inside: avoid; }
div.worksheet .prompt { font-size: 8.5pt; font-weight: 600; line-height: 1.25; }
div.worksheet .write { height: 10mm; border: .6pt solid var(--rule); margin-top: .8mm; }
ol.team-questions li { margin-bottom: 2mm; break-inside: avoid; page-break-inside: avoid; }
ol.team-questions .answer { height: 16mm; border-bottom: .6pt solid var(--rule); }
table.reflection td.write { height: 24mm; }
div.jobs { font-family: var(--sans); font-size: 8.5pt; margin-top: 2mm; white-space: nowrap; }
div.jobs .prompt { font-weight: 600; }
div.jobs .blank { display: inline-block; width: 18mm; border-bottom: .6pt solid var(--rule); margin-right: 3mm; }
.page:first-child { break-before: auto; page-break-before: auto; }
.keep { break-inside: avoid; page-break-inside: avoid; }
nav.toc { font-size: 9.5pt; columns: 2; margin: 2mm 0 4mm; }
nav.toc a { text-decoration: none; }
.footer { margin-top: 5mm; padding-top: 1.5mm; break-before: avoid; page-break-before: avoid;
          border-top: .6pt solid var(--rule); font-size: 8pt; color: var(--muted); font-family: var(--sans); }
code, kbd { font-family: "SFMono-Regular", Consolas, "Liberation Mono", Menlo, monospace; font-size: 9pt; }
kbd { border: .7pt solid var(--rule); border-bottom-width: 1.4pt; border-radius: 1mm; padding: 0 1mm; }
@page { margin: 15mm 14mm 16mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0 1.5pt; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
  .screen-only { display: none; }
}
@media screen and (max-width: 700px) {
  main { margin: 0; padding: 5mm; box-shadow: none; }
  .cards, .charts { grid-template-columns: 1fr; }
  nav.toc, .glossary-grid { columns: 1; }
}
"""
