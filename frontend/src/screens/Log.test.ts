import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import Log from './Log.svelte'
import { shared } from '../lib/overview.svelte'
import { nav } from '../lib/nav.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  list: vi.fn(async (kind: string) =>
    kind === 'interaction'
      ? { total: 2, items: [{ id: 'i1', kind: 'interaction', title: 'Coffee chat about onboarding', date: '2026-12-07' }, { id: 'i2', kind: 'interaction', title: 'Call with Sam', date: '2026-12-06' }] }
      : { total: 0, items: [] },
  ),
  show: vi.fn(async () => null),
  activity: vi.fn(async () => []),
  titleOf: (e: any) => e.name || e.what || e.id,
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

describe('Log', () => {
  // A week of use: the sidebar said Log 9, the Log's title said Log 2 (its
  // interactions), and nothing said where the 7 learnings were.
  it('counts what the sidebar counts, and each tab says how many it holds', async () => {
    nav.screen = 'log'
    nav.id = ''
    shared.info = { counts: { interaction: 2, learning: 7 } } as any
    render(Log)
    expect((await screen.findByRole('heading', { level: 1, name: /^Log/ })).textContent?.replace(/\s+/g, ' ').trim()).toBe('Log 9')
    expect(screen.getByRole('tab', { name: 'Interactions 2' })).toBeTruthy()
    expect(screen.getByRole('tab', { name: 'Learnings 7' })).toBeTruthy()
  })

  it('counts a search against its tab while it narrows the list', async () => {
    nav.screen = 'log'
    nav.id = ''
    shared.info = { counts: { interaction: 2, learning: 7 } } as any
    vi.mocked(api.list).mockImplementation(async (kind: string, q?: { query?: string }) =>
      ({ total: q?.query ? 1 : 2, items: [{ id: 'i1', kind, title: 'Coffee chat about onboarding', date: '2026-12-07' }] }) as any,
    )
    render(Log)
    const title = () => screen.getByRole('heading', { level: 1, name: /^Log/ }).textContent?.replace(/\s+/g, ' ').trim()
    await userEvent.type(screen.getByLabelText('Filter log'), 'coffee')
    await vi.waitFor(() => expect(title()).toBe('Log 1 of 2'))
    await userEvent.clear(screen.getByLabelText('Filter log'))
    await vi.waitFor(() => expect(title()).toBe('Log 9'))
  })
})
