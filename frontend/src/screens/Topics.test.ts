import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import Topics from './Topics.svelte'
import { nav } from '../lib/nav.svelte'

vi.mock('../lib/api', () => ({
  coverage: vi.fn(async () => [
    { id: 'topic-a', name: 'compilers', people: 3, sources: 1, communities: 1, interactions: 4, learnings: 1, lastActivity: '2026-03-01', singleSource: false, stale: false },
    { id: 'topic-b', name: 'constructionism', people: 1, sources: 0, communities: 0, interactions: 0, learnings: 0, singleSource: true, stale: true },
  ]),
  list: vi.fn(async (kind: string) => ({ total: 1, items: kind === 'person' ? [{ id: 'p1', kind: 'person', title: 'Seymour Papert' }] : [] })),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

describe('Topics', () => {
  it('shows coverage, flags single-source and stale topics, and lists who feeds one', async () => {
    nav.screen = 'topics'
    nav.id = ''
    render(Topics)
    expect(await screen.findByText('compilers')).toBeTruthy()
    expect(screen.getByRole('tab', { name: /Single source 1/ })).toBeTruthy()
    await userEvent.click(screen.getByRole('tab', { name: /Stale/ }))
    expect(screen.queryByText('compilers')).toBeNull()
    expect(screen.getByText('single source')).toBeTruthy()
    // A week of use: topics added that day with a source read "stale";
    // one nothing was ever logged on says so where its last activity goes.
    const row = screen.getByRole('button', { name: 'constructionism' }).closest('tr')!
    expect(row.textContent).toContain('never')
    expect(row.textContent).not.toContain('stale')
    await userEvent.click(screen.getByRole('button', { name: 'constructionism' }))
    expect(await screen.findByText('Seymour Papert')).toBeTruthy()
    expect(screen.getByText(/Only one feeds this topic/)).toBeTruthy()
  })
})
