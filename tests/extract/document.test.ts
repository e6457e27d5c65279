import { describe, expect, it } from 'vitest'
import { LINK_CAP, TEXT_CAP, readDocument } from '../../src/extract/document.ts'
import { extract } from '../../src/extract/index.ts'
import { guessLanguage } from '../../src/extract/language.ts'
import { jsonLdPrices, metaPrices, microdataPrices } from '../../src/extract/structured.ts'

const URL0 = 'https://shop.example.com/catalog/page.html'
const read = (html: string, url = URL0) => readDocument(html, url)
const page = (body: string, head = '') =>
  `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`

describe('visible text', () => {
  it('drops script, style, noscript, template, svg and head text', () => {
    const doc = read(
      page(
        '<p>Visible one</p><script>var hidden = "script text"</script><style>.x{color:red}</style>' +
          '<noscript>enable js</noscript><template><p>tpl</p></template><svg><text>svg text</text></svg><p>Visible two</p>',
        '<title>The title</title><style>p{}</style>',
      ),
    )
    expect(doc.text).toBe('Visible one\nVisible two')
    expect(doc.title).toBe('The title')
  })

  it('keeps block boundaries as lines and table cells apart', () => {
    const doc = read(
      page(
        '<div>Album <b>One</b></div><div>Album Two</div><table><tr><td>MP3 320</td><td>$1.45</td></tr>' +
          '<tr><th>FLAC</th><td>$2.90</td></tr></table><ul><li>first</li><li>second</li></ul>line<br>break',
      ),
    )
    expect(doc.text).toBe(
      'Album One\nAlbum Two\nMP3 320 | $1.45\nFLAC | $2.90\nfirst\nsecond\nline\nbreak',
    )
  })

  it('folds whitespace and decodes entities', () => {
    const doc = read(page('<p>  Tom\n\t &amp;   Jerry&nbsp;&nbsp;$9&#46;99 </p><p>AT&amp;T</p>'))
    expect(doc.text).toBe('Tom & Jerry $9.99\nAT&T')
  })

  it('caps the text at TEXT_CAP chars', () => {
    const doc = read(page(`<p>${'word '.repeat(60_000)}</p>`))
    expect(doc.text.length).toBe(TEXT_CAP)
  })
})

describe('metadata', () => {
  it('reads lang, title, description, keywords and og/product meta', () => {
    const doc = read(
      '<html lang="ru-RU"><head><title>  Магазин   музыки </title>' +
        '<meta name="Description" content="Дешёвая музыка"><meta name="keywords" content="mp3, flac">' +
        '<meta property="og:site_name" content="MP3 Shop"><meta property="product:price:amount" content="15.00">' +
        '<meta property="product:price:currency" content="RUB"></head><body></body></html>',
    )
    expect(doc.lang).toBe('ru-ru')
    expect(doc.title).toBe('Магазин музыки')
    expect(doc.description).toBe('Дешёвая музыка')
    expect(doc.keywords).toBe('mp3, flac')
    expect(doc.meta['og:site_name']).toBe('MP3 Shop')
    expect(doc.meta['product:price:amount']).toBe('15.00')
    expect(doc.segments.map((s) => s.where)).toEqual(['title', 'meta:description', 'meta:keywords'])
  })
})

describe('links', () => {
  it('resolves against the final URL and a <base>, keeping host and text', () => {
    const doc = read(
      page(
        '<a href="/album/1">Album <b>One</b></a><a href="track/2?x=1">Two</a><a href="HTTPS://CDN.Example.NET?q">cdn</a>' +
          '<a href="//other.example.org/p">proto</a><a href="../up/x">up</a><a href="javascript:void(0)">js</a>' +
          '<a href="mailto:a@b.c">mail</a><a href="#top">top</a><a>no href</a>',
      ),
    )
    expect(doc.links).toEqual([
      { href: 'https://shop.example.com/album/1', host: 'shop.example.com', text: 'Album One' },
      {
        href: 'https://shop.example.com/catalog/track/2?x=1',
        host: 'shop.example.com',
        text: 'Two',
      },
      { href: 'https://cdn.example.net/?q', host: 'cdn.example.net', text: 'cdn' },
      { href: 'https://other.example.org/p', host: 'other.example.org', text: 'proto' },
      { href: 'https://shop.example.com/up/x', host: 'shop.example.com', text: 'up' },
    ])
    expect(doc.linkCount).toBe(8)
    expect(doc.linkHosts).toEqual(['shop.example.com', 'cdn.example.net', 'other.example.org'])
    const based = read(page('<a href="x">x</a>', '<base href="https://mirror.example.ru/dir/">'))
    expect(based.links[0]!.href).toBe('https://mirror.example.ru/dir/x')
  })

  it(`keeps at most LINK_CAP (${LINK_CAP}) links but counts them all`, () => {
    const many = Array.from(
      { length: LINK_CAP + 100 },
      (_, i) => `<a href="/p/${i}">p${i}</a>`,
    ).join('')
    const doc = read(page(many))
    expect(doc.links.length).toBe(LINK_CAP)
    expect(doc.linkCount).toBe(LINK_CAP + 100)
    expect(doc.links[LINK_CAP - 1]!.href).toBe(`https://shop.example.com/p/${LINK_CAP - 1}`)
  })
})

describe('controls, choices, scripts', () => {
  it('collects selects, radio groups and short lists', () => {
    const doc = read(
      page(
        '<select id="bitrate"><option value="128">MP3 128 kbps</option><option value="320">MP3 320 kbps</option></select>' +
          '<select name="fmt"><option>FLAC</option><option value="ogg"></option></select>' +
          '<label><input type="radio" name="q" value="a"> Ogg Vorbis</label>' +
          '<input type="radio" name="q" value="b" id="r2"><label for="r2">WAV</label>' +
          '<ul class="formats x"><li>MP3</li><li>FLAC</li></ul>',
      ),
    )
    expect(doc.choices).toEqual([
      { where: 'select#bitrate', options: ['MP3 128 kbps', 'MP3 320 kbps'] },
      { where: 'select[name=fmt]', options: ['FLAC', 'ogg'] },
      { where: 'ul.formats', options: ['MP3', 'FLAC'] },
      { where: 'input[type=radio][name=q]', options: ['Ogg Vorbis', 'WAV'] },
    ])
  })

  it('collects buttons, submit inputs and short link labels', () => {
    const doc = read(
      page(
        '<button>Add to cart</button><input type="submit" value="Купить"><a href="/c">Cart (2)</a>',
      ),
    )
    expect(doc.controls).toEqual([
      { where: 'button', text: 'Add to cart', href: '' },
      { where: 'input[type=submit]', text: 'Купить', href: '' },
      { where: 'a', text: 'Cart (2)', href: 'https://shop.example.com/c' },
    ])
    expect(doc.text).toBe('Add to cart Купить Cart (2)')
  })

  it('separates inline scripts from JSON-LD and skips templates and external scripts', () => {
    const doc = read(
      page(
        '<script>var price = 1</script><script type="application/ld+json">{"@type":"Offer"}</script>' +
          '<script type="text/template"><b>tpl</b></script><script src="/x.js"></script>' +
          '<script type="application/json">{"a":1}</script>',
      ),
    )
    expect(doc.scripts).toEqual(['var price = 1', '{"a":1}'])
    expect(doc.jsonLd).toEqual(['{"@type":"Offer"}'])
  })

  it('collects microdata items with their enclosing item', () => {
    const doc = read(
      page(
        '<div itemscope itemtype="https://schema.org/MusicAlbum"><h1 itemprop="name">Blonde</h1>' +
          '<div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><span itemprop="price" content="1.45">$1.45</span>' +
          '<meta itemprop="priceCurrency" content="USD"></div></div>',
      ),
    )
    expect(doc.microdata).toEqual([
      {
        type: 'MusicAlbum',
        parent: -1,
        props: { name: 'Blonde', offers: '\u0000item' },
        context: 'Blonde $1.45',
      },
      {
        type: 'Offer',
        parent: 0,
        props: { price: '1.45', pricecurrency: 'USD' },
        context: '$1.45',
      },
    ])
  })

  it('counts markers for articles, forms and app shells', () => {
    const doc = read(
      '<html><body><div id="root"></div><article><span class="byline author">By A</span><time>2007</time></article>' +
        '<form><input type="password"></form></body></html>',
    )
    expect(doc.markers).toMatchObject({
      articles: 1,
      times: 1,
      bylines: 1,
      passwordInputs: 1,
      forms: 1,
      appRoot: 'root',
      bodyElements: 3,
    })
  })
})

describe('structured prices', () => {
  it('reads JSON-LD offers in a graph, with AggregateOffer, specs and nesting', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        {
          '@type': 'MusicAlbum',
          name: 'Album A',
          offers: [{ '@type': 'Offer', price: '1.45', priceCurrency: 'USD' }],
          track: {
            '@type': 'ItemList',
            itemListElement: [
              {
                '@type': 'ListItem',
                item: {
                  '@type': 'MusicRecording',
                  name: 'T1',
                  offers: { '@type': 'Offer', price: 0.15, priceCurrency: 'USD' },
                },
              },
              {
                '@type': 'ListItem',
                item: {
                  '@type': 'MusicRecording',
                  name: 'T2',
                  offers: {
                    '@type': 'Offer',
                    priceSpecification: { price: 0.2, priceCurrency: 'USD' },
                  },
                },
              },
            ],
          },
        },
        {
          '@type': 'Product',
          name: 'Album A (Vinyl LP)',
          offers: { '@type': 'AggregateOffer', lowPrice: 20, highPrice: 25, priceCurrency: 'EUR' },
        },
      ],
    })
    const got = jsonLdPrices([ld, '{ not json'])
    expect(got.items).toBe(4)
    expect(got.mentions.map((m) => [m.amount, m.currency, m.unit, m.physical, m.minimum])).toEqual([
      ['1.45', 'USD', 'album', false, false],
      ['0.15', 'USD', 'track', false, false],
      ['0.2', 'USD', 'track', false, false],
      ['20', 'EUR', 'unknown', true, true],
      ['25', 'EUR', 'unknown', true, false],
    ])
    expect(got.mentions.every((m) => m.source === 'json-ld')).toBe(true)
  })

  it('reads microdata and meta prices', () => {
    const doc = read(
      page(
        '<div itemscope itemtype="http://schema.org/MusicRecording"><span itemprop="name">Song</span>' +
          '<div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><span itemprop="price">0,99 €</span></div></div>',
        '<meta property="og:type" content="music.song"><meta property="og:price:amount" content="0.99">' +
          '<meta property="og:price:currency" content="EUR">',
      ),
    )
    const micro = microdataPrices(doc.microdata)
    expect(micro.mentions.map((m) => [m.amount, m.currency, m.unit, m.source])).toEqual([
      ['0.99', 'EUR', 'track', 'microdata'],
    ])
    const meta = metaPrices(doc.meta)
    expect(meta.mentions.map((m) => [m.amount, m.currency, m.unit, m.source])).toEqual([
      ['0.99', 'EUR', 'track', 'meta'],
    ])
  })
})

describe('extract()', () => {
  it('returns an empty not-html extraction for images', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
    const x = extract({
      url: 'https://a.example/x.png',
      headers: { 'content-type': 'text/html' },
      body: png,
    })
    expect(x).toMatchObject({
      kind: 'not-html',
      contentType: 'image/png',
      facts: [],
      prices: [],
      links: [],
      text: '',
    })
    expect(x.finalUrl).toBe('https://a.example/x.png')
  })

  it('fills url, finalUrl, charset, language, prices and stats', () => {
    const html = page(
      '<table><tr><td>Album One</td><td>$1.45</td><td><button>Buy</button></td></tr>' +
        '<tr><td>Album Two</td><td>$1.90</td><td><button>Buy</button></td></tr></table>',
      '<title>Shop</title>',
    )
    const x = extract({
      url: 'http://a.example/',
      finalUrl: 'https://www.a.example/new',
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: new TextEncoder().encode(html),
    })
    expect(x).toMatchObject({
      kind: 'html',
      charset: 'utf-8',
      finalUrl: 'https://www.a.example/new',
      title: 'Shop',
      language: null,
    })
    expect(x.prices.map((p) => [p.amount, p.currency, p.source])).toEqual([
      ['1.45', 'USD', 'text'],
      ['1.90', 'USD', 'text'],
    ])
    expect(x.stats).toEqual({ textLength: x.text.length, linkCount: 0, pricedItems: 2 })
    expect(x.facts.filter((f) => f.kind === 'buy-button').length).toBe(2)
  })
})

describe('language', () => {
  it('uses the lang attribute, then script statistics and stop words', () => {
    expect(guessLanguage('fr-CA', 'anything')).toBe('fr')
    expect(
      guessLanguage(null, 'Купить музыку в формате MP3 без DRM по низким ценам, все альбомы'),
    ).toBe('ru')
    expect(guessLanguage(null, 'Купити музику в форматі MP3 і без обмежень, усі альбоми є')).toBe(
      'uk',
    )
    expect(
      guessLanguage(
        null,
        'The store sells all of the albums in the catalogue and you can pay with your card',
      ),
    ).toBe('en')
    expect(
      guessLanguage(
        null,
        'Le site vend des albums de musique pour les clients et vous pouvez payer avec une carte',
      ),
    ).toBe('fr')
    expect(
      guessLanguage(
        null,
        'Der Laden verkauft die Alben und mit der Karte ist es nicht so teuer für die Kunden',
      ),
    ).toBe('de')
    expect(
      guessLanguage(
        null,
        'La tienda vende los discos de música para los clientes y se puede pagar con una tarjeta',
      ),
    ).toBe('es')
    expect(guessLanguage(null, '12345 ---')).toBeNull()
  })
})
