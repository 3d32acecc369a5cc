import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import Spaces from './Spaces.svelte'
import * as api from '../lib/api'
import { nav } from '../lib/nav.svelte'

const status = { id: 'sp1', name: 'L&D team', server: 'nats://team:4222', members: 2, connected: true, behind: 4, unsent: 0, lastExchange: '2026-12-07T09:58:00Z', words: 'connected · behind by 4 updates · last exchange 2 minutes ago' }
const team = () => ({
  id: 'sp1',
  name: 'L&D team',
  server: 'nats://team:4222',
  shared: 2,
  status,
  members: [
    { id: 'AAAAA-BBBBB', name: 'Priya', joined: '2026-12-01', you: true },
    { id: 'CCCCC-DDDDD', name: 'Tom', joined: '2026-12-02' },
  ],
})
let list: ReturnType<typeof team>[] = []

vi.mock('../lib/api', () => ({
  on: vi.fn(() => () => {}),
  message: (e: unknown) => (e instanceof Error ? e.message : String(e)),
  spaces: vi.fn(async () => list),
  spaceBadges: vi.fn(async () => ({})),
  createSpace: vi.fn(async (name: string) => {
    list = [{ ...team(), name, members: [team().members[0]], shared: 0 }]
    return list[0]
  }),
  inviteToSpace: vi.fn(async () => ({ code: 'LWSPACE1-abc', file: 'Join L&D team…\nLWSPACE1-abc\n' })),
  saveInvitation: vi.fn(async () => {}),
  joinSpace: vi.fn(async () => team()),
  joinSpaceFile: vi.fn(async () => team()),
  removeMember: vi.fn(async () => team().members[1]),
  leaveSpace: vi.fn(async () => {
    list = []
  }),
  syncSpace: vi.fn(async () => team()),
  together: vi.fn(async () => ({
    learned: [{ id: 'learning-1', what: 'Worked examples first', date: '2026-12-06', by: 'Tom' }],
    sources: [],
    soleTopics: [],
    sessions: [{ communityId: 'community-1', community: 'Thursday Lunch and Learn', date: '2026-12-10', going: ['Tom'] }],
  })),
  sharedItems: vi.fn(async () => [
    { id: 'community-1', kind: 'community', title: 'Thursday Lunch and Learn' },
    { id: 'learning-1', kind: 'learning', title: 'Worked examples first' },
  ]),
  unshare: vi.fn(async () => 1),
  shareInto: vi.fn(async (_space: string, ids: string[]) => ids.length),
  search: vi.fn(async () => [
    { id: 'goal-1', kind: 'goal', title: 'Run a learning analytics pilot' },
    { id: 'person-1', kind: 'person', title: 'Rob Pike' },
  ]),
  planToGo: vi.fn(async () => {}),
  chooseFile: vi.fn(async () => '/home/tom/L&D team invitation.txt'),
  chooseSaveFile: vi.fn(async () => '/home/priya/L&D team invitation.txt'),
  clipboard: { set: vi.fn(async () => true), get: vi.fn(async () => '') },
}))

describe('Team spaces', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    nav.id = ''
  })

  it('starts a space on the server given under Advanced and shows its first invitation', async () => {
    list = []
    render(Spaces)
    const form = await screen.findByRole('form', { name: 'Start a team space' })
    await userEvent.type(within(form).getByLabelText('Name'), 'L&D team')
    await userEvent.type(within(form).getByLabelText('Server address'), 'nats://team:4222')
    await userEvent.click(within(form).getByRole('button', { name: 'Create space' }))
    expect(api.createSpace).toHaveBeenCalledWith('L&D team', 'nats://team:4222', '')
    expect((await screen.findByLabelText('Invitation code')).textContent).toBe('LWSPACE1-abc')
    await userEvent.click(screen.getByRole('button', { name: /Save as file/ }))
    expect(api.chooseSaveFile).toHaveBeenCalledWith('Save the invitation', 'L&D team invitation.txt')
    expect(api.saveInvitation).toHaveBeenCalledWith('/home/priya/L&D team invitation.txt', 'Join L&D team…\nLWSPACE1-abc\n')
  })

  it('joins with a pasted code or a file', async () => {
    list = []
    render(Spaces)
    const form = await screen.findByRole('form', { name: 'Join a team space' })
    await userEvent.type(within(form).getByLabelText('Invitation code'), '  LWSPACE1-abc ')
    await userEvent.click(within(form).getByRole('button', { name: 'Join' }))
    expect(api.joinSpace).toHaveBeenCalledWith('LWSPACE1-abc', '')
    list = []
    await userEvent.click(await within(await screen.findByRole('form', { name: 'Join a team space' })).findByRole('button', { name: /Open a file/ }))
    expect(api.joinSpaceFile).toHaveBeenCalledWith('/home/tom/L&D team invitation.txt', '')
  })

  it('shows a space: its state in words, who learned what, who goes, members, what is shared', async () => {
    list = [team()]
    render(Spaces)
    await screen.findByRole('heading', { level: 1, name: 'L&D team' })
    expect(screen.getAllByText('connected · behind by 4 updates · last exchange 2 minutes ago').length).toBeGreaterThan(0)
    const learned = await screen.findByRole('region', { name: 'Learned this week' })
    expect(learned.textContent).toContain('Worked examples first')
    expect(learned.textContent).toContain('Tom')
    const sessions = screen.getByRole('region', { name: 'Next sessions' })
    expect(sessions.textContent).toContain('Tom plans to go')
    await userEvent.click(within(sessions).getByRole('button', { name: 'I plan to go' }))
    expect(api.planToGo).toHaveBeenCalledWith('community-1', '2026-12-10')
    const held = await screen.findByRole('region', { name: 'Shared and private' })
    expect(within(held).getByText('Communities')).toBeTruthy()
    expect(held.textContent).toContain('Stays on your computers')
    expect(within(screen.getByRole('region', { name: 'Members' })).queryAllByRole('button', { name: /Remove/ })).toHaveLength(1)
  })

  it('shares a goal from the space’s page, never a person', async () => {
    list = [team()]
    render(Spaces)
    const held = await screen.findByRole('region', { name: 'Shared and private' })
    await userEvent.type(within(held).getByLabelText('Share in this space'), 'pilot')
    const options = await within(held).findByRole('listbox', { name: 'Share in this space suggestions' })
    await within(options).findByText('Run a learning analytics pilot')
    expect(within(options).queryByText('Rob Pike')).toBeNull()
    await userEvent.click(within(options).getByText('Run a learning analytics pilot'))
    await userEvent.click(within(held).getByRole('button', { name: 'Share' }))
    expect(api.shareInto).toHaveBeenCalledWith('sp1', ['goal-1'])
  })

  it('says what removing a member and leaving do before they happen', async () => {
    list = [team()]
    render(Spaces)
    await userEvent.click(await within(await screen.findByRole('region', { name: 'Members' })).findByRole('button', { name: /Remove/ }))
    let dialog = await screen.findByRole('dialog', { name: 'Remove Tom from L&D team?' })
    expect(dialog.textContent).toContain('Tom keeps what already reached their computer, but receives nothing shared in L&D team from now on')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove Tom' }))
    expect(api.removeMember).toHaveBeenCalledWith('sp1', 'CCCCC-DDDDD')

    await userEvent.click(screen.getByRole('button', { name: 'Leave…' }))
    dialog = await screen.findByRole('dialog', { name: 'Leave L&D team?' })
    expect(dialog.textContent).toContain('The 2 items shared in it stay on your computers')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(api.leaveSpace).not.toHaveBeenCalled()
  })
})
