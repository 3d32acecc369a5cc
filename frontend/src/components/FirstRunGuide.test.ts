import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import Today from '../screens/Today.svelte'
import { shared } from '../lib/overview.svelte'
import { guide, reopenGuide } from '../lib/guide.svelte'
import { nav } from '../lib/nav.svelte'
import { pending } from '../lib/imports.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  today: vi.fn(),
  list: vi.fn(),
  getCommunity: vi.fn(),
  getPerson: vi.fn(),
  news: vi.fn(async () => ({ items: [], matches: 0, unread: 0 })),
  chooseFiles: vi.fn(async () => [] as string[]),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

const empty = {
  digest: { date: '2026-06-02', headline: 'All caught up', red: 0, amber: 0, nudges: 0, top: [], upcoming: [], toMark: [], prompt: { show: false, text: '', weekOf: '', thisWeek: 0 }, lines: [] },
  due: { items: [], total: 0, problems: [] },
  recent: [],
  goals: [],
}

describe('the first-run guide', () => {
  beforeEach(() => {
    localStorage.clear()
    reopenGuide()
    vi.mocked(api.today).mockResolvedValue(empty as any)
  })

  it('greets an empty store with the steps instead of “All caught up”', async () => {
    shared.info = { dataDir: '', device: '', counts: {} } as any
    render(Today)
    const g = await screen.findByRole('region', { name: 'Getting started' })
    expect(await within(g).findByText('0 of 5 done')).toBeTruthy()
    expect(screen.queryByText('All caught up.')).toBeNull()
    expect(screen.getByText('Welcome to Learnwork')).toBeTruthy()
    await userEvent.click(within(g).getByRole('button', { name: 'Import contacts' }))
    expect(nav.screen).toBe('import')
  })

  it('opens the file chooser from an import step in one click, and hands the choice to Import', async () => {
    shared.info = { dataDir: '', device: '', counts: {} } as any
    vi.mocked(api.chooseFiles).mockClear()
    vi.mocked(api.chooseFiles).mockResolvedValueOnce(['/home/me/contacts.vcf'])
    render(Today)
    const g = await screen.findByRole('region', { name: 'Getting started' })
    await userEvent.click(await within(g).findByRole('button', { name: 'Import contacts' }))
    expect(api.chooseFiles).toHaveBeenCalledTimes(1)
    expect(nav.screen).toBe('import')
    await vi.waitFor(() => expect(pending.paths).toEqual(['/home/me/contacts.vcf']))
    pending.paths = []
    vi.mocked(api.chooseFiles).mockClear()
    // Cancelled: the Import screen is there, nothing is offered.
    await userEvent.click(within(g).getByRole('button', { name: 'Import a calendar' }))
    expect(api.chooseFiles).toHaveBeenCalledTimes(1)
    expect(pending.paths).toEqual([])
  })

  it('opens the form for a new community from its step', async () => {
    shared.info = { dataDir: '', device: '', counts: {} } as any
    render(Today)
    const g = await screen.findByRole('region', { name: 'Getting started' })
    await userEvent.click(await within(g).findByRole('button', { name: 'Add a community' }))
    expect(nav.screen).toBe('communities')
    expect(nav.creating).toBe(true)
  })

  it('checks off each step from the data', async () => {
    shared.info = { dataDir: '', device: '', counts: { person: 31, event: 4, community: 1 } } as any
    vi.mocked(api.list).mockImplementation(async (kind: string) => ({ items: kind === 'community' ? [{ id: 'c1' }] : [{ id: 'p1' }, { id: 'p2' }], total: 2 }) as any)
    vi.mocked(api.getCommunity).mockResolvedValue({ id: 'c1', schedule: 'e1' } as any)
    vi.mocked(api.getPerson).mockImplementation(async (id: string) => ({ id, cadence: id === 'p2' ? '30' : '' }) as any)
    render(Today)
    const g = await screen.findByRole('region', { name: 'Getting started' })
    expect(await within(g).findByText('4 of 5 done')).toBeTruthy()
    expect(within(g).getByRole('button', { name: 'Log a learning' })).toBeTruthy()
    expect(within(g).queryByRole('button', { name: 'Import contacts' })).toBeNull()
  })

  it('stays closed once closed, and comes back when asked', async () => {
    shared.info = { dataDir: '', device: '', counts: {} } as any
    render(Today)
    const g = await screen.findByRole('region', { name: 'Getting started' })
    await userEvent.click(within(g).getByRole('button', { name: 'Close the guide' }))
    expect(screen.queryByRole('region', { name: 'Getting started' })).toBeNull()
    expect(localStorage.getItem('learnwork.guide.closed')).toBe('1')
    expect(guide.closed).toBe(true)
    reopenGuide()
    expect(await screen.findByRole('region', { name: 'Getting started' })).toBeTruthy()
  })

  it('steps aside by itself once every step is done, unless brought back by hand', async () => {
    shared.info = { dataDir: '', device: '', counts: { person: 31, event: 4, community: 1, learning: 2 } } as any
    vi.mocked(api.list).mockImplementation(async (kind: string) => ({ items: kind === 'community' ? [{ id: 'c1' }] : [{ id: 'p1' }], total: 1 }) as any)
    vi.mocked(api.getCommunity).mockResolvedValue({ id: 'c1', schedule: 'e1' } as any)
    vi.mocked(api.getPerson).mockResolvedValue({ id: 'p1', cadence: '30' } as any)
    guide.reopened = false
    render(Today)
    await vi.waitFor(() => expect(guide.closed).toBe(true))
    expect(screen.queryByRole('region', { name: 'Getting started' })).toBeNull()
    // From the sidebar it comes back, five of five done, and stays.
    reopenGuide()
    const g = await screen.findByRole('region', { name: 'Getting started' })
    expect(await within(g).findByText('5 of 5 done')).toBeTruthy()
    expect(guide.closed).toBe(false)
  })
})
