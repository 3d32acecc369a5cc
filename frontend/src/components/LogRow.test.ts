import { render, screen } from '@testing-library/svelte'
import { describe, it, expect, vi } from 'vitest'
import LogRow from './LogRow.svelte'
import PersonAvatar from './PersonAvatar.svelte'

const records: Record<string, any> = {
  i1: { id: 'i1', kind: 'interaction', type: 'missed', community: 'c1', date: '2026-11-26' },
  i2: { id: 'i2', kind: 'interaction', what: 'Tip about xAPI statements', direction: 'received', people: ['p1', 'p2'], source: 's1', topics: ['xAPI'], date: '2026-11-20' },
  c1: { id: 'c1', kind: 'community', name: '#lrnchat' },
  i3: { id: 'i3', kind: 'interaction', type: 'attended', community: 'c2', event: 'e2', date: '2026-12-04' },
  c2: { id: 'c2', kind: 'community', name: '#lrnchat weekly chat' },
  l1: { id: 'l1', kind: 'learning', what: 'Retrieval practice needs spacing', from: ['s2', 'p2'], topics: ['retrieval practice'], date: '2026-12-13' },
  s2: { id: 's2', kind: 'source', name: 'Make It Stick' },
  e2: { id: 'e2', kind: 'event', name: '#lrnchat weekly chat' },
  s1: { id: 's1', kind: 'source', name: 'The Learning Hack podcast' },
  p1: { id: 'p1', kind: 'person', name: 'Ada Lovelace', photo: 'data:image/png;base64,AAAA' },
  p2: { id: 'p2', kind: 'person', name: 'Grace Hopper' },
}

vi.mock('../lib/api', () => ({
  show: vi.fn(async (id: string) => records[id]),
  titleOf: (e: any) => e.name || e.what || e.id,
  on: () => () => {},
}))

describe('a Log row', () => {
  it('names a session mark by its community and day', async () => {
    render(LogRow, { row: { id: 'i1', kind: 'interaction', title: 'missed', date: '2026-11-26' } as any })
    const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(2026, 10, 26, 12))
    expect(await screen.findByText(`Missed #lrnchat · ${day}`)).toBeTruthy()
  })

  // A week of use: a mark on a community tracked from its calendar series
  // read "#lrnchat weekly chat, #lrnchat weekly chat".
  it('names a community and its event once when they are named alike', async () => {
    const { container } = render(LogRow, { row: { id: 'i3', kind: 'interaction', title: 'attended', date: '2026-12-04' } as any })
    await screen.findByText(/^Attended #lrnchat weekly chat/)
    await vi.waitFor(() => expect(container.querySelector('.rest')?.textContent).toBe('#lrnchat weekly chat'))
  })

  // A week of use: a learning from a book listed only its topic; the
  // book it came from was nowhere on the row.
  it('says which source a learning came from', async () => {
    const { container } = render(LogRow, { row: { id: 'l1', kind: 'learning', title: 'Retrieval practice needs spacing', date: '2026-12-13' } as any })
    expect(await screen.findByText('Grace Hopper')).toBeTruthy()
    await vi.waitFor(() => expect(container.querySelector('.rest')?.textContent).toBe('Make It Stick · retrieval practice'))
  })

  it('shows who, where, which way and on what', async () => {
    const { container } = render(LogRow, { row: { id: 'i2', kind: 'interaction', title: 'Tip about xAPI statements', subtitle: 'received', date: '2026-11-20' } as any })
    expect(await screen.findByText('Grace Hopper')).toBeTruthy()
    expect(container.textContent).toContain('Ada Lovelace')
    expect(container.textContent).toContain('The Learning Hack podcast')
    expect(container.textContent).toContain('I received')
    expect(container.textContent).toContain('xAPI')
    // Where, which way and topics as one line that ends in an ellipsis when
    // the row is narrow, never a word cut short.
    expect(container.querySelector('.rest')?.textContent).toBe('The Learning Hack podcast · I received · xAPI')
    expect(container.querySelector('img.avatar')?.getAttribute('src')).toBe(records.p1.photo)
  })

  it('shows a person’s photo in a list when they have one', async () => {
    const { container } = render(PersonAvatar, { id: 'p1', name: 'Ada Lovelace' })
    await vi.waitFor(() => expect(container.querySelector('img')?.getAttribute('src')).toBe(records.p1.photo))
  })
})
