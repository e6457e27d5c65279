/** Atom 1.0 (RFC 4287) rendering. Every text goes through `xmlText`, every attribute through `xmlAttr`. */

/** Characters XML 1.0 forbids anywhere, even escaped (control characters, lone surrogates, U+FFFE/F). */
const XML_INVALID = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

export function xmlText(s: string): string {
  return s
    .replace(XML_INVALID, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

export interface AtomEntry {
  id: string
  title: string
  updated: string
  published: string
  /** Where the entry's full record is (the API's alert URL). */
  link: string
  /** The page the alert is about. */
  related: string
  categories: { term: string; scheme: string }[]
  summary: string
  /** Plain text; rendered as `type="text"` so no reader interprets it as markup. */
  content: string
}

export interface AtomFeed {
  id: string
  title: string
  self: string
  updated: string
  entries: AtomEntry[]
}

function entry(e: AtomEntry): string {
  const cats = e.categories
    .map((c) => `    <category term="${xmlAttr(c.term)}" scheme="${xmlAttr(c.scheme)}"/>\n`)
    .join('')
  return (
    '  <entry>\n' +
    `    <id>${xmlText(e.id)}</id>\n` +
    `    <title type="text">${xmlText(e.title)}</title>\n` +
    `    <updated>${xmlText(e.updated)}</updated>\n` +
    `    <published>${xmlText(e.published)}</published>\n` +
    `    <link rel="alternate" type="application/json" href="${xmlAttr(e.link)}"/>\n` +
    `    <link rel="related" href="${xmlAttr(e.related)}"/>\n` +
    cats +
    `    <summary type="text">${xmlText(e.summary)}</summary>\n` +
    `    <content type="text">${xmlText(e.content)}</content>\n` +
    '  </entry>\n'
  )
}

export function atomDocument(f: AtomFeed): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom">\n' +
    `  <id>${xmlText(f.id)}</id>\n` +
    `  <title type="text">${xmlText(f.title)}</title>\n` +
    `  <updated>${xmlText(f.updated)}</updated>\n` +
    `  <link rel="self" type="application/atom+xml" href="${xmlAttr(f.self)}"/>\n` +
    '  <author><name>successor-watch</name></author>\n' +
    '  <generator>successor-watch</generator>\n' +
    f.entries.map(entry).join('') +
    '</feed>\n'
  )
}
