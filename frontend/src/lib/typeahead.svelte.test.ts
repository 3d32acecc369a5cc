import { describe, it, expect, vi, afterEach } from 'vitest'
import { flushSync } from 'svelte'
import { matchRank, rankHits, typeahead, type Typeahead } from './typeahead.svelte'

const hit = (title: string) => ({ id: title, kind: 'person', title }) as any

vi.mock('./api', () => ({
  search: vi.fn(async (q: string) => ['Hanna Berg', 'Harold Jarche', 'Ada Hart'].filter((t) => t.toLowerCase().includes(q.toLowerCase())).map((title) => ({ id: title, kind: 'person', title }))),
  message: (e: unknown) => String(e),
}))

describe('rankHits', () => {
  it('puts a given-name prefix before a family-name prefix before a match inside a name', () => {
    const got = rankHits([hit('Søren Kierkegaard-Hansen'), hit('Ada Hart'), hit('Harold Jarche')], 'Ha')
    expect(got.map((h) => h.title)).toEqual(['Harold Jarche', 'Ada Hart', 'Søren Kierkegaard-Hansen'])
  })

  it('keeps the search order among equal matches', () => {
    const got = rankHits([hit('Hanna B'), hit('Harold J'), hit('Hal C')], 'ha')
    expect(got.map((h) => h.title)).toEqual(['Hanna B', 'Harold J', 'Hal C'])
  })

  it('ranks an empty query as no match', () => {
    expect(matchRank('Harold', '  ')).toBe(2)
    expect(matchRank('Harold', 'har')).toBe(0)
    expect(matchRank('Jane Harold', 'har')).toBe(1)
  })
})

describe('typeahead', () => {
  let stop = () => {}
  afterEach(() => {
    stop()
    document.body.innerHTML = ''
  })

  // A typeahead as a component holds it, with its query to type into.
  function start() {
    const q = $state({ text: '' })
    let s!: Typeahead
    stop = $effect.root(() => {
      s = typeahead(() => q.text, 10)
    })
    flushSync()
    const type = async (text: string) => {
      q.text = text
      flushSync()
    }
    const answered = (text: string) => vi.waitFor(() => expect(s.answered).toBe(text))
    return { s, type, answered }
  }

  // An option as the palette and the pickers draw it: its pointermove
  // bubbles to the page, as a real one does.
  function option(s: Typeahead, i: number) {
    const el = document.createElement('button')
    el.addEventListener('pointermove', (e) => s.pointed(i, e))
    document.body.appendChild(el)
    return (x: number, y: number) => el.dispatchEvent(new MouseEvent('pointermove', { clientX: x, clientY: y, bubbles: true }))
  }

  it('starts a new query again at its best match, before and after the answer', async () => {
    const { s, type, answered } = start()
    await type('ha')
    await answered('ha')
    expect(s.hits.map((h) => h.title)).toEqual(['Hanna Berg', 'Harold Jarche', 'Ada Hart'])
    s.active = 2 // ↓ ↓
    await type('har')
    expect(s.active).toBe(0)
    await answered('har')
    expect(s.hits.map((h) => h.title)).toEqual(['Harold Jarche', 'Ada Hart'])
    expect(s.active).toBe(0)
    s.active = 1
    await type('')
    expect(s.active).toBe(0)
    expect(s.hits).toEqual([])
  })

  it('gives the highlight to the pointer only when it moves', async () => {
    const { s, type, answered } = start()
    await type('ha')
    await answered('ha')
    const second = option(s, 1)
    // The list opened under a pointer never seen: nothing to compare with.
    second(100, 40)
    expect(s.active).toBe(0)
    // The list grew under the resting pointer.
    second(100, 40)
    expect(s.active).toBe(0)
    second(101, 41)
    expect(s.active).toBe(1)
  })

  it('knows where the pointer rests when it last moved outside the list', async () => {
    const { s, type, answered } = start()
    await type('ha')
    await answered('ha')
    document.body.dispatchEvent(new MouseEvent('pointermove', { clientX: 300, clientY: 200, bubbles: true }))
    const third = option(s, 2)
    third(300, 200)
    expect(s.active).toBe(0)
    third(300, 204)
    expect(s.active).toBe(2)
  })
})
