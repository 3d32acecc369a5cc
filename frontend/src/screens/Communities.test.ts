import { render, screen } from '@testing-library/svelte'
import { describe, it, expect, vi } from 'vitest'
import Communities from './Communities.svelte'
import CommunityRow from '../components/CommunityRow.svelte'
import { shared } from '../lib/overview.svelte'
import { nav } from '../lib/nav.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  list: vi.fn(async () => ({ total: 1, items: [{ id: 'c1', kind: 'community', title: 'Book club', subtitle: 'book club' }] })),
  meetings: vi.fn(async () => ({ c1: 'monthly, first Tuesday 18:00' })),
  getCommunity: vi.fn(async () => null),
  saveCommunityWith: vi.fn(),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

// A week of use: the list did not say when each community meets; its page did.
describe('Communities', () => {
  it('says in a row when the community meets, in the words of its page, before its kind', () => {
    render(CommunityRow, { row: { id: 'c1', kind: 'community', title: 'Book club', subtitle: 'book club' } as any, meets: 'monthly, first Tuesday 18:00' })
    expect(screen.getByText('Meets monthly, first Tuesday 18:00 · book club')).toBeTruthy()
  })

  it('says nothing of meeting for a community without a schedule', () => {
    const { container } = render(CommunityRow, { row: { id: 'c2', kind: 'community', title: 'Reading circle', subtitle: 'chat' } as any })
    expect(container.querySelector('.row-sub')?.textContent).toBe('chat')
  })

  it('reads when each one meets for its rows, again when the data changes', async () => {
    Object.assign(nav, { screen: 'communities', id: '', editing: false, creating: false })
    shared.info = { counts: { community: 1 } } as any
    render(Communities)
    await vi.waitFor(() => expect(api.meetings).toHaveBeenCalledTimes(1))
    shared.info = { counts: { community: 2 } } as any
    await vi.waitFor(() => expect(api.meetings).toHaveBeenCalledTimes(2))
  })
})
