import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import BlueskyFollows from './BlueskyFollows.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  importBlueskyFollows: vi.fn(),
  cancelImport: vi.fn(async () => {}),
  undoImport: vi.fn(async () => ({})),
  message: (e: unknown) => String(e),
}))

const report = (dryRun: boolean) => ({
  file: 'Bluesky follows of ada.bsky.social',
  format: 'Bluesky follows',
  dryRun,
  batch: dryRun ? '' : 'b7',
  created: 2,
  updated: 0,
  unchanged: 1,
  skipped: 0,
  duplicates: 0,
  unnamed: 1,
  records: [{ line: 0, action: 'unnamed', kind: 'person', name: 'https://bsky.app/profile/did:plc:x', reason: 'Bluesky names this account only by a number' }],
})

describe('BlueskyFollows', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    vi.mocked(api.importBlueskyFollows).mockImplementation(async (_h, dry) => report(dry) as any)
  })

  it('previews whom an account follows, imports them, and undoes it', async () => {
    const user = userEvent.setup()
    const ondone = vi.fn()
    render(BlueskyFollows, { ondone })
    const section = screen.getByRole('region', { name: 'Bluesky' })
    await user.type(within(section).getByLabelText('Bluesky handle'), ' ada.bsky.social ')
    await user.click(within(section).getByRole('button', { name: 'Preview' }))
    expect(api.importBlueskyFollows).toHaveBeenCalledWith('ada.bsky.social', true)
    expect((await within(section).findByLabelText('counts')).textContent).toMatch(/2 to add.*1 accounts to name/)
    await user.click(within(section).getByRole('button', { name: 'Import' }))
    expect(api.importBlueskyFollows).toHaveBeenLastCalledWith('ada.bsky.social', false)
    expect(ondone).toHaveBeenCalled()
    await user.click(await within(section).findByRole('button', { name: 'Undo' }))
    expect(api.undoImport).toHaveBeenCalledWith('b7')
  })
})
