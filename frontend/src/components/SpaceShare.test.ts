import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import SpaceShare from './SpaceShare.svelte'
import SpaceBadges from './SpaceBadges.svelte'
import * as api from '../lib/api'
import { reloadTeams } from '../lib/teams.svelte'

const team = { id: 'sp1', name: 'L&D team', server: '', members: [], shared: 0, status: { connected: true, behind: 0, unsent: 0, words: '' } }
const shared: Record<string, string[]> = {}

vi.mock('../lib/api', () => ({
  on: () => () => {},
  message: (e: unknown) => String(e),
  spaces: vi.fn(async () => [team]),
  spaceBadges: vi.fn(async () => Object.fromEntries(Object.entries(shared).map(([id, s]) => [id, s.map((x) => ({ id: x, name: 'L&D team' }))]))),
  sharing: vi.fn(async (id: string) =>
    id.startsWith('interaction')
      ? { shareable: false, spaces: [], private: [] }
      : { shareable: true, spaces: (shared[id] ?? []).map((x) => ({ id: x, name: 'L&D team' })), private: ['notes', 'members', 'cadence'] },
  ),
  shareInto: vi.fn(async (_space: string, ids: string[]) => {
    for (const id of ids) shared[id] = ['sp1']
    return ids.length
  }),
  shareTopic: vi.fn(async () => 4),
  unshare: vi.fn(async (_space: string, ids: string[]) => {
    for (const id of ids) delete shared[id]
    return ids.length
  }),
}))

describe('Share into a team space', () => {
  it('shares an item, then says where it is and what stays private, and stops sharing', async () => {
    render(SpaceShare, { props: { entity: { id: 'community-1', kind: 'community', name: 'Go meetup', notes: 'bring a laptop', members: ['p1'] } } })
    await userEvent.click(await screen.findByRole('button', { name: /Share in L&D team/ }))
    expect(api.shareInto).toHaveBeenCalledWith('sp1', ['community-1'])
    await screen.findByText(/Stays on your computers: your notes and its list of members/)
    expect(screen.getByText('L&D team', { selector: 'strong' })).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Stop sharing' }))
    expect(api.unshare).toHaveBeenCalledWith('sp1', ['community-1'])
    await screen.findByRole('button', { name: /Share in L&D team/ })
  })

  it('shares a topic with everything about it, by its ID', async () => {
    render(SpaceShare, { props: { entity: { id: 'topic-go', kind: 'topic', name: 'Go' }, topic: 'Go' } })
    await userEvent.click(await screen.findByRole('button', { name: /Share Go and everything about it in L&D team/ }))
    expect(api.shareTopic).toHaveBeenCalledWith('sp1', 'topic-go')
  })

  it('says an interaction is never shared, and offers nothing', async () => {
    render(SpaceShare, { props: { entity: { id: 'interaction-1', kind: 'interaction' } } })
    await screen.findByText(/interactions stay on your computers/)
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('puts the space’s badge on a shared item only', async () => {
    shared['source-1'] = ['sp1']
    await reloadTeams() // what the store's change event does in the window
    const { container } = render(SpaceBadges, { props: { id: 'source-1' } })
    await vi.waitFor(() => expect(container.textContent).toContain('L&D team'))
    const other = render(SpaceBadges, { props: { id: 'source-2' } })
    expect(other.container.textContent).toBe('')
  })
})
