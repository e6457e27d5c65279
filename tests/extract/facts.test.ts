import { describe, expect, it } from 'vitest'
import { extract } from '../../src/extract/index.ts'
import type { Fact, FactKind } from '../../src/extract/types.ts'

const enc = new TextEncoder()

function factsOf(body: string, opts: { url?: string; head?: string } = {}): Fact[] {
  const html = `<!DOCTYPE html><html><head>${opts.head ?? ''}</head><body>${body}</body></html>`
  return extract({
    url: opts.url ?? 'https://store.example.com/',
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: enc.encode(html),
  }).facts
}
const of = (facts: Fact[], kind: FactKind) => facts.filter((f) => f.kind === kind)
const has = (facts: Fact[], kind: FactKind) => of(facts, kind).length > 0
const values = (facts: Fact[], kind: FactKind) =>
  [...new Set(of(facts, kind).map((f) => f.value))].sort()
/** Filler that makes a page long enough to be a real page, not a challenge or parking stub. */
const LONG = `<p>${'Albums by many artists, new releases every week and charts of the month. '.repeat(60)}</p>`

describe('drm', () => {
  it.each([
    ['All downloads are DRM-free.'],
    ['MP3 files with no DRM at all'],
    ['Files come without copy protection'],
    ['Tracks are not protected by DRM'],
    ['Вся музыка без DRM'],
    ['Файлы не защищены DRM'],
    ['Titres sans DRM'],
    ['Des morceaux dépourvus de DRM'],
  ])('drm-free: %s', (text) => {
    const facts = factsOf(`<p>${text}</p>`)
    expect(has(facts, 'drm-free')).toBe(true)
    expect(has(facts, 'drm-protected')).toBe(false)
  })

  it.each([
    ['Purchased songs are protected by DRM'],
    ['Encoded as AAC with FairPlay'],
    ['copy-protected WMA files'],
    ['Треки защищены DRM'],
    ['Les titres sont protégés par DRM'],
  ])('drm-protected: %s', (text) => {
    const facts = factsOf(`<p>${text}</p>`)
    expect(has(facts, 'drm-protected')).toBe(true)
    expect(has(facts, 'drm-free')).toBe(false)
  })

  it('keeps evidence with context and where', () => {
    const [f] = of(factsOf('<p>Welcome. All downloads are DRM-free and cheap.</p>'), 'drm-free')
    expect(f!.evidence).toEqual({
      text: 'Welcome. All downloads are DRM-free and cheap.',
      where: 'text',
    })
    expect(
      of(factsOf('', { head: '<title>DRM-free MP3</title>' }), 'drm-free')[0]!.evidence.where,
    ).toBe('title')
  })

  it('ignores DRM named without a claim and look-alike words', () => {
    const facts = factsOf('<p>What is DRM? Drum and bass, drummers.</p>')
    expect(has(facts, 'drm-free') || has(facts, 'drm-protected')).toBe(false)
  })
})

describe('formats and bitrates', () => {
  it('finds formats with normalised values', () => {
    const facts = factsOf(
      '<p>Download in MP3, FLAC, Ogg Vorbis, AAC, WMA, Musepack, WAV or lossless ALAC.</p>',
    )
    expect(values(facts, 'format')).toEqual([
      'aac',
      'flac',
      'lossless',
      'mp3',
      'mpc',
      'ogg',
      'wav',
      'wma',
    ])
  })

  it('does not take family names, drum machines or waves for formats', () => {
    const facts = factsOf(
      '<p>allofmp3.com and mp3sparks were sites. Akai MPC drum machine. New wave.</p>',
    )
    expect(values(facts, 'format')).toEqual([])
  })

  it('finds bitrates in English, Russian and shorthand', () => {
    const facts = factsOf(
      '<p>128 kbps, 192 кбит/с, 320k, MP3 256 or VBR. Sizes: 2007 kbps? 1000k, 500 MB.</p>',
    )
    expect(values(facts, 'bitrate')).toEqual(['128', '192', '256', '320', 'vbr'])
  })

  it('finds a format/bitrate picker in a select or radio group, not in other lists', () => {
    const facts = factsOf(
      '<select id="q"><option>MP3 128 kbps</option><option>MP3 320 kbps</option><option>FLAC</option></select>' +
        '<label><input type="radio" name="f" value="ogg"> OGG</label><label><input type="radio" name="f" value="wav"> WAV</label>' +
        '<select name="country"><option>France</option><option>Russia</option></select>',
    )
    const picks = of(facts, 'format-choice')
    expect(picks.map((f) => [f.value, f.evidence.where])).toEqual([
      ['mp3 128,mp3 320,flac', 'select#q'],
      ['ogg,wav', 'input[type=radio][name=f]'],
    ])
  })

  it('finds encode-on-demand wording', () => {
    expect(
      values(factsOf('<p>Every track is encoded on the fly.</p>'), 'encode-on-demand'),
    ).toEqual(['on-the-fly'])
    expect(values(factsOf('<p>Файлы кодируются на лету.</p>'), 'encode-on-demand')).toEqual([
      'on-the-fly',
    ])
    expect(
      values(factsOf('<p>Les titres sont encodés à la volée.</p>'), 'encode-on-demand'),
    ).toEqual(['on-the-fly'])
    expect(
      values(factsOf('<p>Get it in the format of your choice.</p>'), 'encode-on-demand'),
    ).toEqual(['choice'])
    expect(values(factsOf('<p>Выберите формат и битрейт.</p>'), 'encode-on-demand')).toEqual([
      'choice',
    ])
    expect(has(factsOf('<p>Our encoding team is on holiday.</p>'), 'encode-on-demand')).toBe(false)
  })
})

describe('payments', () => {
  it.each([
    ['Your balance: $0.00'],
    ['Add funds to your account'],
    ['Пополнить баланс'],
    ['Баланс: 0 руб.'],
    ['Recharger votre compte'],
    ['Votre solde : 0 €'],
  ])('prepaid-balance: %s', (text) => {
    expect(has(factsOf(`<p>${text}</p>`), 'prepaid-balance')).toBe(true)
  })

  it('ignores other balances and reloads', () => {
    const facts = factsOf('<p>The balance of power. Recharger la page. Les soldes d’été.</p>')
    expect(has(facts, 'prepaid-balance')).toBe(false)
  })

  it('finds deposit bonuses with the percentage', () => {
    expect(values(factsOf('<p>Get +10% bonus on payments over $50.</p>'), 'deposit-bonus')).toEqual(
      ['10'],
    )
    expect(values(factsOf('<p>Бонус 5% при пополнении баланса.</p>'), 'deposit-bonus')).toEqual([
      '5',
    ])
    expect(has(factsOf('<p>Includes a bonus track.</p>'), 'deposit-bonus')).toBe(false)
  })

  it('names payment brands from text, image names and link hosts', () => {
    const facts = factsOf(
      '<p>We accept WebMoney, QIWI, ЮMoney, Яндекс.Деньги, Bitcoin, USDT, Visa/MasterCard, PayPal, Paysafecard and vouchers.</p>' +
        '<img src="/img/chronopay_logo.png"><a href="https://www.skrill.com/pay">pay</a>',
    )
    expect(values(facts, 'payment-brand')).toEqual([
      'bitcoin',
      'chronopay',
      'mastercard',
      'paypal',
      'paysafecard',
      'qiwi',
      'skrill',
      'usdt',
      'visa',
      'voucher',
      'webmoney',
      'yoomoney',
    ])
    expect(of(facts, 'payment-brand').find((f) => f.value === 'chronopay')!.evidence.where).toBe(
      'img[src]',
    )
    expect(of(facts, 'payment-brand').find((f) => f.value === 'skrill')!.evidence.where).toBe(
      'a[href]',
    )
    expect(has(factsOf('<p>Visage and supervisors</p>'), 'payment-brand')).toBe(false)
  })
})

describe('catalogue size', () => {
  it.each([
    ['Over 1,000,000 tracks', '1000000'],
    ['500 000 альбомов', '500000'],
    ['plus de 2 millions de titres', '2000000'],
    ['1.5 million songs', '1500000'],
    ['25k albums', '25000'],
  ])('%s', (text, value) => {
    expect(values(factsOf(`<p>${text}</p>`), 'catalogue-size')).toEqual([value])
  })

  it('ignores album track counts', () => {
    expect(has(factsOf('<p>12 tracks, 2011. 999 songs.</p>'), 'catalogue-size')).toBe(false)
  })
})

describe('licensing', () => {
  it('finds ROMS in its spellings, not game ROMs', () => {
    for (const text of [
      'Licensed by ROMS',
      'лицензия РОМС',
      'Russian Multimedia and Internet Society',
      'Russian Organization for Multimedia and Digital Systems',
      'Российское общество по мультимедиа и цифровым сетям',
    ]) {
      expect(values(factsOf(`<p>${text}</p>`), 'licence-roms'), text).toEqual(['roms'])
    }
    expect(has(factsOf('<p>Download game roms and emulators</p>'), 'licence-roms')).toBe(false)
  })

  it('finds FAIR only as a collecting society', () => {
    expect(
      has(factsOf('<p>Royalties are paid to ROMS and FAIR under the licence.</p>'), 'licence-fair'),
    ).toBe(true)
    expect(has(factsOf('<p>Отчисления в ФАИР</p>'), 'licence-fair')).toBe(true)
    expect(
      has(factsOf('<p>A fair price for fair music. Fair licence terms.</p>'), 'licence-fair'),
    ).toBe(false)
    expect(has(factsOf('<p>FAIR PRICES FOR EVERYONE</p>'), 'licence-fair')).toBe(false)
  })

  it('finds Russian law citations', () => {
    const cases: [string, string][] = [
      ['Fees are paid subject to the Law of the Russian Federation', 'law-rf'],
      ['Закон РФ «Об авторском праве и смежных правах»', 'law-rf'],
      ['the law On Copyright and Related Rights', 'copyright-law'],
      ['Part IV of the Civil Code', 'civil-code'],
      ['согласно части IV ГК РФ', 'civil-code'],
      ['conformément à la loi de la Fédération de Russie', 'law-rf'],
    ]
    for (const [text, value] of cases)
      expect(values(factsOf(`<p>${text}</p>`), 'licence-russian-law'), text).toContain(value)
  })

  it('finds "check your own laws"', () => {
    for (const text of [
      'Please check the laws of your country',
      'Соблюдайте законы вашей страны',
      'Respectez les lois de votre pays',
    ]) {
      expect(has(factsOf(`<p>${text}</p>`), 'licence-own-laws'), text).toBe(true)
    }
  })

  it('finds bare legal claims only without a licensor nearby', () => {
    expect(has(factsOf('<p>100% legal downloads!</p>'), 'licence-bare-legal')).toBe(true)
    expect(has(factsOf('<p>Скачивайте легально</p>'), 'licence-bare-legal')).toBe(true)
    expect(has(factsOf('<p>Téléchargement légal</p>'), 'licence-bare-legal')).toBe(true)
    const named = factsOf('<p>100% legal downloads, licensed by ROMS.</p>')
    expect(has(named, 'licence-bare-legal')).toBe(false)
    expect(has(named, 'licence-roms')).toBe(true)
    expect(
      has(factsOf('<p>Illegal copies. Mentions légales. Нелегально.</p>'), 'licence-bare-legal'),
    ).toBe(false)
  })

  it('finds real licensors, not the fake ones', () => {
    const facts = factsOf(
      '<p>PPL licence no. 1. PRS for Music. Licensed from Universal Music Group. We are an IFPI member and an official partner. Membre de la SACEM.</p>',
    )
    expect(values(facts, 'licence-real')).toEqual([
      'ifpi',
      'official',
      'ppl',
      'prs',
      'sacem',
      'universal',
    ])
    expect(has(factsOf('<p>Licensed by ROMS, the Russian society.</p>'), 'licence-real')).toBe(
      false,
    )
    expect(values(factsOf('<p>Licensed from Beggars Group</p>'), 'licence-real')).toEqual(['label'])
  })

  it('finds major-catalogue claims and major artists', () => {
    expect(values(factsOf('<p>Music from all major labels</p>'), 'major-catalogue')).toEqual([
      'labels',
    ])
    expect(
      values(factsOf('<p>Universal, Sony, Warner and EMI releases</p>'), 'major-catalogue'),
    ).toEqual(['labels'])
    expect(values(factsOf('<p>Shakira, The Killers, Madonna</p>'), 'major-catalogue')).toEqual([
      'artists',
    ])
    expect(has(factsOf('<p>Shakira only</p>'), 'major-catalogue')).toBe(false)
  })
})

describe('commerce', () => {
  it('counts one buy-button per item in EN, RU and FR', () => {
    const facts = factsOf(
      '<button>Buy</button><button>Add to cart</button><a href="/b">Купить</a><button>В корзину</button>' +
        '<input type="submit" value="Acheter"><button>Ajouter au panier</button><button>Download $0.99</button>' +
        '<button>€1.29</button><button>Download</button><button>Buying guide</button>',
    )
    expect(of(facts, 'buy-button').map((f) => f.evidence.text)).toEqual([
      'Buy',
      'Add to cart',
      'Купить',
      'В корзину',
      'Acheter',
      'Ajouter au panier',
      'Download $0.99',
      '€1.29',
    ])
  })

  it('finds a cart by link or wording', () => {
    expect(has(factsOf('<a href="/checkout/"><img alt=""></a>'), 'cart')).toBe(true)
    expect(has(factsOf('<p>Корзина пуста</p>'), 'cart')).toBe(true)
    expect(has(factsOf('<p>Votre panier</p>'), 'cart')).toBe(true)
    expect(has(factsOf('<p>A carton of milk</p>'), 'cart')).toBe(false)
  })

  it('finds subscriptions, not newsletters or dates', () => {
    expect(has(factsOf('<p>Unlimited streaming for $9.99 per month</p>'), 'subscription')).toBe(
      true,
    )
    expect(has(factsOf('<p>Подписка 199 руб. в месяц</p>'), 'subscription')).toBe(true)
    expect(has(factsOf('<p>Abonnement 9,99 € par mois</p>'), 'subscription')).toBe(true)
    expect(
      has(factsOf('<p>Subscribe to our newsletter. Posted a month ago.</p>'), 'subscription'),
    ).toBe(false)
  })

  it('finds free downloads with a kind', () => {
    expect(values(factsOf('<p>Free download</p>'), 'free-download')).toEqual(['free'])
    expect(values(factsOf('<p>Name your price</p>'), 'free-download')).toEqual(['nyp'])
    expect(
      values(factsOf('<p>Licensed under Creative Commons BY-SA</p>'), 'free-download'),
    ).toEqual(['cc'])
    expect(values(factsOf('<p>Скачать бесплатно</p>'), 'free-download')).toEqual(['free'])
    expect(values(factsOf('<p>Téléchargement gratuit</p>'), 'free-download')).toEqual(['free'])
  })
})

describe('family names', () => {
  it('reads the host, the brand and links', () => {
    const host = of(factsOf('<p>music</p>', { url: 'https://www.allofmp3.ru/' }), 'family-name')
    expect(host.map((f) => [f.value, f.evidence.where])).toEqual([['allofmp3', 'host']])
    expect(values(factsOf('<p>x</p>', { url: 'https://mp3best.com/' }), 'family-name')).toEqual([
      'mp3best',
    ])
    const text = factsOf('<a href="https://mp3fiesta.com/">mirror</a>', {
      head: '<title>MP3Sparks - music</title>',
    })
    expect(of(text, 'family-name').map((f) => [f.value, f.evidence.where])).toEqual([
      ['mp3sparks', 'title'],
      ['mp3fiesta', 'a[href]'],
    ])
    expect(has(factsOf('<p>x</p>', { url: 'https://mp3.com/' }), 'family-name')).toBe(false)
    expect(
      has(factsOf('<p>All tunes here</p>', { url: 'https://example.com/' }), 'family-name'),
    ).toBe(false)
  })
})

describe('about-topic', () => {
  it('recognises news wording', () => {
    const facts = factsOf(
      '<p>MOSCOW (Reuters) - AllofMP3 was shut down in July 2007, according to the Russian authorities.</p>',
    )
    expect(values(facts, 'about-topic')).toEqual(['dateline', 'past-tense', 'reported'])
  })

  it('recognises encyclopedia and forum pages', () => {
    const wiki = factsOf(
      '<h1>AllofMP3</h1><p>From Wikipedia, the free encyclopedia</p><h2>References</h2><p>1. x</p>',
    )
    expect(values(wiki, 'about-topic')).toContain('encyclopedia')
    const forum = factsOf(
      '<p>Posted by dima</p><p>Re: allofmp3 alternatives</p><a>Reply</a> <a>Quote</a> <a>Reply</a>',
    )
    expect(values(forum, 'about-topic')).toEqual(['byline', 'forum'])
    const fr = factsOf('<p>Selon l’AFP, feu AllofMP3 était un site russe.</p>')
    expect(values(fr, 'about-topic')).toEqual(['past-tense', 'reported'])
  })

  it('needs two kinds of marker or a strong one', () => {
    expect(
      has(
        factsOf('<p>According to our customers, we are the best.</p><button>Reply</button>'),
        'about-topic',
      ),
    ).toBe(false)
  })
})

describe('blocked pages', () => {
  it('recognises bot challenges on short pages only', () => {
    const cf = factsOf('<p>Checking your browser before accessing the site.</p>', {
      head: '<title>Just a moment...</title>',
    })
    expect(has(cf, 'challenge')).toBe(true)
    const raw = factsOf('<div id="cf-challenge-running"></div><p>Please wait</p>')
    expect(of(raw, 'challenge')[0]!.evidence.where).toBe('html')
    expect(has(factsOf(`${LONG}<p>Enter the captcha to log in.</p>`), 'challenge')).toBe(false)
  })

  it('recognises parked domains', () => {
    expect(has(factsOf('<p>This domain is for sale!</p>'), 'parked')).toBe(true)
    expect(has(factsOf('<p>Домен продается</p>'), 'parked')).toBe(true)
    expect(has(factsOf('<p>Ce domaine est à vendre</p>'), 'parked')).toBe(true)
    expect(
      has(factsOf('<p>Welcome</p><script src="https://sedoparking.com/x.js"></script>'), 'parked'),
    ).toBe(true)
    expect(has(factsOf(`${LONG}<p>Our old domain is for sale.</p>`), 'parked')).toBe(false)
  })

  it('recognises empty app shells and blank pages', () => {
    const shell = of(factsOf('<div id="root"></div><script>boot()</script>'), 'empty-shell')
    expect(shell.map((f) => [f.value, f.evidence.where])).toEqual([['app-root', 'html:app-root']])
    expect(values(factsOf(''), 'empty-shell')).toEqual(['blank'])
    expect(
      has(factsOf('<p>Some real content on this page, long enough to read.</p>'), 'empty-shell'),
    ).toBe(false)
  })

  it('recognises login walls, not stores with a login box', () => {
    const wall = factsOf(
      '<p>Please log in to continue</p><form><input name="u"><input type="password"></form>',
    )
    expect(has(wall, 'login-wall')).toBe(true)
    expect(
      has(factsOf('<form><input type="password"><button>Войти</button></form>'), 'login-wall'),
    ).toBe(true)
    expect(
      has(
        factsOf(`${LONG}<form><input type="password"><button>Login</button></form>`),
        'login-wall',
      ),
    ).toBe(false)
  })
})
