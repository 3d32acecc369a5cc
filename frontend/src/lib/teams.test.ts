import { describe, it, expect, vi } from 'vitest'
import * as api from './api'
import { teams, reloadTeams, activeSpaces } from './teams.svelte'

vi.mock('./api', () => ({
  on: () => () => {},
  spaces: vi.fn(async () => [
    { id: 'sp1', name: 'L&D team', status: { gone: false } },
    { id: 'sp2', name: 'Old book club', status: { gone: true } },
  ]),
  spaceBadges: vi.fn(async () => ({ 'community-1': [{ id: 'sp1', name: 'L&D team' }] })),
}))

describe('the window’s spaces and badges', () => {
  it('loads once at a time however often the store changes, and once more after', async () => {
    await Promise.all(Array.from({ length: 20 }, () => reloadTeams()))
    await vi.waitFor(() => expect(api.spaceBadges).toHaveBeenCalledTimes(2))
    await new Promise((r) => setTimeout(r, 20))
    expect(api.spaceBadges).toHaveBeenCalledTimes(2)
    expect(teams.badges['community-1'][0].name).toBe('L&D team')
  })

  it('offers to share only into the spaces this computer is still in', () => {
    expect(activeSpaces().map((s) => s.name)).toEqual(['L&D team'])
  })
})
