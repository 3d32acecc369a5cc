import { render, screen, fireEvent, within } from '@testing-library/svelte'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import Events from './Events.svelte'
import { dayKey, addDays, monthGrid, groupByDay, addMonths, zoneNote } from '../lib/agenda'
import * as api from '../lib/api'
import { shared } from '../lib/overview.svelte'
import { nav } from '../lib/nav.svelte'

const tomorrow = new Date()
tomorrow.setDate(tomorrow.getDate() + 1)
tomorrow.setHours(20, 30, 0, 0)
const at = (d: Date, h: number, m = 0) => new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m).toISOString()
const later = new Date(tomorrow)
later.setDate(later.getDate() + 7)

const items = [
  { start: at(tomorrow, 20, 30), end: at(tomorrow, 21, 30), tz: 'America/New_York', eventId: 's1', seriesId: 's1', seriesUid: 'u1', recurring: true, title: '#lrnchat', community: 'c1', communityName: '#lrnchat', schedule: 'weekly, Thursday 20:30 America/New_York' },
  { start: at(tomorrow, 12), end: at(tomorrow, 13), eventId: 'e2', seriesId: 'e2', seriesUid: 'u2', recurring: false, title: 'Webinar: Working out loud', location: 'Online' },
  { start: at(later, 0), end: at(new Date(later.getFullYear(), later.getMonth(), later.getDate() + 2), 0), allDay: true, eventId: 'e3', seriesId: 'e3', seriesUid: 'u3', recurring: false, title: 'DevLearn' },
]

vi.mock('../lib/api', () => ({
  occurrences: vi.fn(async () => items),
  getEvent: vi.fn(async (id: string) => ({ id, kind: 'event', title: '#lrnchat', rrule: 'FREQ=WEEKLY;BYDAY=TH', notes: 'Questions at 8:30pm ET.', organizer: 'Jane <jane@example.org>', attendees: [{ email: 'ada@example.org', name: 'Ada', status: 'ACCEPTED' }, { email: 'grace@example.org', personId: 'p2', status: 'ACCEPTED' }] })),
  show: vi.fn(async (id: string) => ({ id, kind: 'person', name: 'Grace Hopper' })),
  titleOf: (e: any) => e.name,
  communityProposals: vi.fn(async () => [{ key: 'b1', name: 'Book club', schedule: 'monthly, first Wednesday 18:30 Europe/London', eventIds: ['b1'], sessions: 0 }]),
  acceptProposalSince: vi.fn(async () => 'c2'),
  dismissProposal: vi.fn(async () => {}),
  exportEvents: vi.fn(async () => 3),
  subscription: vi.fn(async () => ''),
  setSubscription: vi.fn(async () => {}),
  chooseSaveFile: vi.fn(async () => '/tmp/out.ics'),
  calendarSubscriptions: vi.fn(async () => [{ id: 'c9', name: 'L&D Meetup London', url: 'webcal://meetup.example/ld.ics', lastFetch: '0001-01-01T00:00:00Z', next: '0001-01-01T00:00:00Z', events: 3, problem: '' }]),
  feedStatuses: vi.fn(async () => []),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

describe('agenda helpers', () => {
  it('lays a month out in six weeks from Monday', () => {
    const g = monthGrid('2026-03-15')
    expect(g).toHaveLength(42)
    expect(g[0]).toBe('2026-02-23') // the Monday before 1 March (a Sunday)
    expect(g).toContain('2026-03-31')
  })
  it('keeps the day when adding months to the 31st', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
  })
  it("gives the event's own time only when it differs from the user's", () => {
    const it = { start: '2026-03-12T20:30:00-04:00', end: '2026-03-12T21:30:00-04:00', tz: 'America/New_York' } as any
    expect(zoneNote(it, 'America/New_York')).toBe('')
    expect(zoneNote(it, 'Europe/Berlin')).toBe('20:30 America/New_York')
    expect(zoneNote({ ...it, tz: 'Europe/London', start: '2026-01-07T18:30:00Z' }, 'UTC')).toBe('')
  })
  it('shows an all-day span on each of its days', () => {
    const days = groupByDay(items as any).map((d) => d.day)
    expect(days).toEqual([dayKey(tomorrow), dayKey(later), addDays(dayKey(later), 1)])
  })
})

describe('Events', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    shared.info = { dataDir: '/tmp', device: 'd', counts: { event: 3 } } as any
  })

  it('teaches what to do when there are no events', async () => {
    shared.info = { dataDir: '/tmp', device: 'd', counts: { event: 0 } } as any
    render(Events)
    expect(await screen.findByText(/Your learning calendar starts here/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Import a calendar' })).toBeTruthy()
  })

  it('points to the month when every event is in the past', async () => {
    shared.info = { dataDir: '/tmp', device: 'd', counts: { event: 1 } } as any
    vi.mocked(api.occurrences).mockResolvedValueOnce([])
    render(Events)
    expect(await screen.findByText(/Nothing in the next 90 days. Your event is earlier or later/)).toBeTruthy()
    await fireEvent.click(screen.getByRole('button', { name: 'see the month' }))
    expect(screen.getByRole('tab', { name: /Month/ }).getAttribute('aria-selected')).toBe('true')
  })

  it('lists the next 90 days by day, community sessions marked', async () => {
    render(Events)
    const row = await screen.findByRole('button', { name: /#lrnchat/ })
    expect(within(row).getByTitle('A session of #lrnchat')).toBeTruthy()
    expect(screen.getByText('Webinar: Working out loud')).toBeTruthy()
    expect(screen.getAllByText('DevLearn')).toHaveLength(2) // two days
    expect(screen.getByRole('region', { name: /Tomorrow/ })).toBeTruthy()
    const today = dayKey(new Date())
    expect(api.occurrences).toHaveBeenCalledWith(today, addDays(today, 89))
  })

  it('lists the calendar subscriptions under the agenda, without the feeds', async () => {
    render(Events)
    const cals = await screen.findByRole('list', { name: 'Calendars' })
    expect(within(cals).getByText('L&D Meetup London')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Calendar subscriptions' })).toBeTruthy()
    expect(api.feedStatuses).not.toHaveBeenCalled()
  })

  it('moves between rows with the arrow keys', async () => {
    render(Events)
    const rows = await screen.findAllByRole('button', { name: /lrnchat|Webinar|DevLearn/ })
    rows[0].focus()
    await fireEvent.keyDown(rows[0], { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows[1])
  })

  it('opens an occurrence with its series, people and notes', async () => {
    render(Events)
    await fireEvent.click(await screen.findByRole('button', { name: /#lrnchat/ }))
    const panel = await screen.findByRole('complementary', { name: '#lrnchat' })
    expect(await within(panel).findByText('Questions at 8:30pm ET.')).toBeTruthy()
    expect(within(panel).getByText(/A session of #lrnchat/)).toBeTruthy()
    expect(within(panel).getByText('weekly, Thursday 20:30 America/New_York')).toBeTruthy()
    expect(within(panel).getByText('Ada')).toBeTruthy()
    // An attendee linked to a person opens their page.
    await fireEvent.click(await within(panel).findByRole('link', { name: /Grace Hopper/ }))
    expect(nav.screen).toBe('people')
    expect(nav.id).toBe('p2')
    nav.id = ''
    await fireEvent.click(within(panel).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('complementary', { name: '#lrnchat' })).toBeNull()
  })

  it('opens the event it was sent to (from a timeline or search) on its day', async () => {
    vi.mocked(api.getEvent).mockResolvedValueOnce({ id: 'e2', kind: 'event', title: 'Webinar: Working out loud', start: `${dayKey(tomorrow)}T12:00` } as any)
    nav.id = 'e2'
    try {
      render(Events)
      expect(await screen.findByRole('complementary', { name: 'Webinar: Working out loud' })).toBeTruthy()
      expect(api.getEvent).toHaveBeenCalledWith('e2')
      expect(screen.getByRole('tab', { name: /Month/ }).getAttribute('aria-selected')).toBe('true')
      expect(screen.getByRole('gridcell', { selected: true }).dataset.day).toBe(dayKey(tomorrow))
    } finally {
      nav.id = ''
    }
  })

  it('turns a proposal into a community', async () => {
    render(Events)
    await fireEvent.click(await screen.findByRole('button', { name: 'Track Book club as a community' }))
    expect(api.acceptProposalSince).toHaveBeenCalledWith('b1', 'Book club', '')
  })

  it('shows a month and moves the selected day with the keyboard', async () => {
    render(Events)
    await fireEvent.click(screen.getByRole('tab', { name: /Month/ }))
    const today = dayKey(new Date())
    const cell = await screen.findByRole('gridcell', { selected: true })
    expect(cell.dataset.day).toBe(today)
    await fireEvent.keyDown(cell, { key: 'ArrowRight' })
    const next = screen.getByRole('gridcell', { selected: true })
    expect(next.dataset.day).toBe(addDays(today, 1))
    expect(await screen.findByText('Webinar: Working out loud', { selector: '.title' })).toBeTruthy()
  })

  it('exports every event to the chosen file', async () => {
    render(Events)
    await screen.findByText('Webinar: Working out loud')
    await fireEvent.click(screen.getByRole('button', { name: /Export .ics/ }))
    await vi.waitFor(() => expect(api.exportEvents).toHaveBeenCalledWith([], '/tmp/out.ics'))
  })
})
