import { describe, expect, it } from 'vitest'
import { findPriceMentions, findScriptPrices, usdValue } from '../../src/extract/price-mentions.ts'
import type { PriceMention } from '../../src/extract/types.ts'

/** amount, currency, as written, unit, flags: a compact view for exact comparisons. */
function brief(mentions: PriceMention[]): string[] {
  return mentions.map(
    (m) =>
      `${m.amount} ${m.currency ?? '-'} ${m.currencyText ?? '-'} ${m.unit}` +
      `${m.minimum ? ' min' : ''}${m.physical ? ' physical' : ''}`,
  )
}

const text = (s: string) => brief(findPriceMentions(s, 'text'))

describe('findPriceMentions: amounts next to a currency', () => {
  it('reads every notation and keeps the currency as written', () => {
    expect(text('Album 1 299,00 руб., track $0.99, single 9,99 €, EUR 3, 12 грн')).toEqual([
      '1299.00 RUB руб. album',
      '0.99 USD $ track',
      '9.99 EUR € track',
      '3 EUR EUR unknown',
      '12 UAH грн unknown',
    ])
  })
  it('gives each sign to its own number', () => {
    expect(text('Prices: 10 € 20 € 30 €')).toEqual([
      '10 EUR € unknown',
      '20 EUR € unknown',
      '30 EUR € unknown',
    ])
    expect(text('Prices: €10 €20 €30')).toEqual([
      '10 EUR € unknown',
      '20 EUR € unknown',
      '30 EUR € unknown',
    ])
  })
  it('lets a dollar code name the dollar', () => {
    expect(text('Buy Digital Album $9 CAD or more')).toEqual(['9 CAD CAD album min'])
    expect(text('Buy Digital Album £6 GBP')).toEqual(['6 GBP £ album'])
  })
  it('reads hundredths', () => {
    expect(text('79p a track, 99 cents a song, 50 коп. за трек')).toEqual([
      '0.79 GBP p track',
      '0.99 USD cents track',
      '0.50 RUB коп. track',
    ])
  })
})

describe('findPriceMentions: what is not a price', () => {
  it('skips bare numbers, years, phones, percentages and names', () => {
    expect(
      findPriceMentions(
        'Since 2007 р. we sold 1 000 000 tracks. Call +7 (495) 123-45-67. 20% off. ' +
          'MP3 320 kbps, 1080p, 15.08.2017',
        'text',
      ),
    ).toEqual([])
  })
  it('does not give a number glued to letters a neighbouring sign', () => {
    expect(text('MP3 $0.99 per song')).toEqual(['0.99 USD $ track'])
  })
})

describe('findPriceMentions: ranges and lower bounds', () => {
  it('splits a range in two and marks the low end', () => {
    expect(text('Merch: $5–25 CAD')).toEqual([
      '5 CAD CAD unknown min physical',
      '25 CAD CAD unknown',
    ])
    expect(text('Price 10–20 €')).toEqual(['10 EUR € unknown min', '20 EUR € unknown'])
    expect(text('from $1–2')).toEqual(['1 USD $ unknown min', '2 USD $ unknown'])
  })
  it('knows "from" in several languages', () => {
    expect(text('Альбом от 15 руб.')).toEqual(['15 RUB руб. album min'])
    expect(text('à partir de 9,90 € par mois')).toEqual(['9.90 EUR € month min'])
    expect(text('Tracks starting at $0.49')).toEqual(['0.49 USD $ track min'])
    expect(text('Name your price: $1 or more')).toEqual(['1 USD $ unknown min'])
  })
})

describe('findPriceMentions: units and physical goods', () => {
  it('takes the label nearest the price, before or after "per"', () => {
    expect(text('Track $0.99 Album $9.99')).toEqual(['0.99 USD $ track', '9.99 USD $ album'])
    expect(text('$0.99 per track, $9.99 per album')).toEqual([
      '0.99 USD $ track',
      '9.99 USD $ album',
    ])
    expect(text("Prix : 0,89 € le titre, 8,99 € l'album")).toEqual([
      '0.89 EUR € track',
      '8.99 EUR € album',
    ])
    expect(text('Трек 1,50 руб. Песня 2 р.')).toEqual(['1.50 RUB руб. track', '2 RUB р. track'])
  })
  it('counts megabytes and gigabytes only as a price unit, not as a size', () => {
    expect(text('$0.02 per MB. Album (120 MB) $1.40')).toEqual([
      '0.02 USD $ megabyte',
      '1.40 USD $ album',
    ])
    expect(text('Стоимость 1 Мб — 2 руб. Альбом 15 руб.')).toEqual([
      '2 RUB руб. megabyte',
      '15 RUB руб. album',
    ])
    expect(text('0,02 € le Mo, 5 € par Go')).toEqual(['0.02 EUR € megabyte', '5 EUR € gigabyte'])
  })
  it('knows monthly prices', () => {
    expect(text('Подписка: 169 ₽ в месяц; $15.95/mo')).toEqual([
      '169 RUB ₽ month',
      '15.95 USD $ month',
    ])
  })
  it('marks physical goods', () => {
    expect(text('Digital Album €16. Vinyl LP €28')).toEqual([
      '16 EUR € album',
      '28 EUR € album physical',
    ])
    expect(text('Винил 2500 руб.')).toEqual(['2500 RUB руб. unknown physical'])
  })
  it('keeps a short context with folded whitespace', () => {
    const [m] = findPriceMentions('Buy\n\n   Digital   Album\t$9 CAD', 'text')
    expect(m?.context).toBe('Buy Digital Album $9 CAD')
    expect(m?.source).toBe('text')
    const long = findPriceMentions(`${'x '.repeat(200)}$5 ${'y '.repeat(200)}`, 'text')
    expect(long[0]?.context.length).toBeLessThanOrEqual(120)
    expect(long[0]?.context).toContain('$5')
  })
})

describe('findScriptPrices', () => {
  const script = (s: string) => brief(findScriptPrices(s))
  it('reads JSON and JS assignments with their currency', () => {
    expect(script('{"price": 1.29, "currency": "EUR"}')).toEqual(['1.29 EUR EUR unknown'])
    expect(
      script('var track_price = 9.00; var album_price = "1.40"; var currency = "USD";'),
    ).toEqual(['9.00 USD USD track', '1.40 USD USD album'])
    expect(script("x = {price: '0.15', currency: 'RUB'}")).toEqual(['0.15 RUB RUB unknown'])
  })
  it('reads a price object with a code and a display string', () => {
    const beatport =
      '{"tracks": [{"name": "A", ' +
      '"price": {"code": "EUR", "display": "\\u20ac1.29", "value": 1.29}}]}'
    expect(script(beatport)).toEqual(['1.29 EUR EUR track'])
    expect(script('{"price": {"display": "€1.29", "value": 1.29}}')).toEqual(['1.29 EUR € unknown'])
  })
  it('takes a currency written later in an enclosing object', () => {
    expect(
      script(
        '{"items": [{"type": "track", "price": 0.15}, {"type": "album", "price": 1.5}], ' +
          '"currency": "USD"}',
      ),
    ).toEqual(['0.15 USD USD track', '1.5 USD USD album'])
  })
  it('gives nothing for currency tables and exchange rates', () => {
    expect(findScriptPrices('{"USD": 1.0, "EUR": 0.89, "GBP": 0.77}')).toEqual([])
    expect(
      findScriptPrices('var rates = {"USD": 1.0, "EUR": 0.89}; cfg = {rates: {EUR: {value: 0.9}}}'),
    ).toEqual([])
    expect(
      findScriptPrices(
        'var CurrencyData = {"current": ' +
          '{"symbol": "CAD", "small_min_price": 0.5, "a_dollar": 1.0}}',
      ),
    ).toEqual([])
    expect(findScriptPrices('{"formats": {"aiff": {"code": "EUR", "value": 0.5}}}')).toEqual([])
    expect(findScriptPrices('{"id": 5, "price_id": 77, "value": 3, "is_set_price": 1}')).toEqual([])
  })
  it("merges one object's price keys and reads lower bounds", () => {
    expect(
      script('{"set_price": 9.0, "minimum_price": 9.0, "is_set_price": null, "type": "album"}'),
    ).toEqual(['9.0 - - album min'])
    expect(
      script('{"set_price": 1.0, "minimum_price": 1.0, "is_set_price": 1, "type": "track"}'),
    ).toEqual(['1.0 - - track'])
  })
  it('marks packages as physical', () => {
    expect(
      script('{"packages": [{"price": 12.0, "currency": "CAD", "shipping_local": 2.0}]}'),
    ).toEqual(['12.0 CAD CAD unknown physical'])
  })
  it('survives comments, strings with braces and broken input', () => {
    expect(
      script('/* "price": 5 */ var s = "{price: 7}"; // price: 8\n{"price": 3, "currency": "GBP"'),
    ).toEqual(['3 GBP GBP unknown'])
  })
})

describe('usdValue', () => {
  const rates = { EUR: 1.1, RUB: 0.011 }
  it('converts with USD per unit', () => {
    expect(usdValue('10', 'EUR', rates)).toBeCloseTo(11, 10)
    expect(usdValue('100', 'RUB', rates)).toBeCloseTo(1.1, 10)
    expect(usdValue('0.99', 'USD', rates)).toBe(0.99)
  })
  it('is null without a currency or a rate', () => {
    expect(usdValue('10', null, rates)).toBeNull()
    expect(usdValue('10', 'JPY', rates)).toBeNull()
    expect(usdValue('abc', 'EUR', rates)).toBeNull()
  })
})
