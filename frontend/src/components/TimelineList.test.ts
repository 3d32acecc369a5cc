import { formatDate } from '../lib/format'
import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect } from 'vitest'
import TimelineList from './TimelineList.svelte'
import { nav } from '../lib/nav.svelte'
import type { TimelineItem } from '../lib/api'

const items = [
  { id: 'e1', kind: 'event', title: 'Engine talk', subtitle: 'Conway Hall', date: '2026-03-12T18:30', field: 'attendees' },
  { id: 'e2', kind: 'event', title: 'Book club', date: '2026-02-01', field: 'attendees' },
  { id: 'i1', kind: 'interaction', title: 'Coffee about compilers', date: '2026-01-05', field: 'people', direction: 'gave' },
] as TimelineItem[]

describe('TimelineList', () => {
  it('shows an event the person attended as attended, with its date, time and place', () => {
    render(TimelineList, { items, empty: 'Nothing yet' })
    const talk = screen.getByRole('button', { name: /Engine talk/ })
    expect(talk.textContent).toContain('attended · 18:30 · Conway Hall')
    expect(talk.closest('li')?.querySelector('time')?.getAttribute('title')).toBe(formatDate('2026-03-12'))
    // An all-day event has no time.
    expect(screen.getByRole('button', { name: /Book club/ }).textContent).toContain('attended')
    expect(screen.getByRole('button', { name: /Book club/ }).textContent).not.toContain('·')
    // Other items keep how they point at the person.
    expect(screen.getByRole('button', { name: /Coffee about compilers/ }).textContent).toContain('interaction · gave')
  })

  it('opens the event when it is clicked', async () => {
    render(TimelineList, { items, empty: 'Nothing yet' })
    await userEvent.click(screen.getByRole('button', { name: /Engine talk/ }))
    expect(nav.screen).toBe('events')
    expect(nav.id).toBe('e1')
  })

  it("reads a session mark on its community's page as the Log does", () => {
    const marks = [
      { id: 'i2', kind: 'interaction', title: 'missed', date: '2026-11-16', field: 'community' },
      { id: 'i3', kind: 'interaction', title: 'Tip about xAPI statements', date: '2026-11-10', field: 'community' },
    ] as TimelineItem[]
    render(TimelineList, { items: marks, empty: 'Nothing yet', owner: '#lrnchat' })
    const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(2026, 10, 16, 12))
    const missed = screen.getByRole('button', { name: new RegExp(`Missed #lrnchat · ${day}`) })
    expect(missed.textContent).toContain('session')
    expect(missed.textContent).not.toMatch(/missed · interaction|interaction/)
    expect(screen.getByRole('button', { name: /Tip about xAPI statements/ }).textContent).toContain('interaction')
  })

  it('says once how an item points at the person', () => {
    const linked = [
      { id: 'l1', kind: 'learning', title: 'Children learn by building', date: '2026-11-16', field: 'from' },
      { id: 's1', kind: 'source', title: 'Mindstorms', date: '2026-11-10', field: 'author' },
    ] as TimelineItem[]
    render(TimelineList, { items: linked, empty: 'Nothing yet' })
    const meta = (name: RegExp) => screen.getByRole('button', { name }).querySelector('.meta')?.textContent
    expect(meta(/Children learn by building/)).toBe('learned from')
    expect(meta(/Mindstorms/)).toBe('wrote')
  })
})
