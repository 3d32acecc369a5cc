import { render, screen, fireEvent, within } from '@testing-library/svelte'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import Sync from './Sync.svelte'
import * as api from '../lib/api'

const status = () => ({
  name: 'Laptop',
  id: 'AAAAABBBBBCCCCCDDDDDEEEEEFFFFFGGGGGHHHHHIIIIIJJJJJKK',
  display: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH-IIIII-JJJJJ-KK',
  folder: '',
  running: false,
  changes: 1234,
  conflicts: 1,
  devices: [{ id: 'W1', short: 'WWWWW-XXXXX-YYYYY-ZZZZZ', name: 'Work', paired: '2026-11-01T09:00:00Z', lastSeen: '2026-11-30T08:00:00Z', behind: 3 }],
  last: undefined as any,
  incoming: undefined as any,
  incomingAt: undefined as any,
  serving: false,
  addrs: [] as string[],
  code: '',
})
let current = status()
const handlers: Record<string, (payload: any) => void> = {}
const conflictItems = [{ id: 'p1', kind: 'person', title: 'Ada Lovelace', fields: [{ field: 'title', values: ['Countess', 'Analyst'] }] }]

vi.mock('../lib/api', () => ({
  syncStatus: vi.fn(async () => current),
  conflicts: vi.fn(async () => conflictItems),
  setSyncFolder: vi.fn(async () => {}),
  syncNow: vi.fn(async () => ({ time: '2026-11-30T08:00:00Z', folder: '/media/usb', received: 2, sent: 1 })),
  invitation: vi.fn(async () => 'LWINVITE1-abc'),
  acceptInvitation: vi.fn(async () => ({ id: 'T', short: 'TTTTT', name: 'Tablet', paired: '' })),
  renameDevice: vi.fn(async () => {}),
  revokeDevice: vi.fn(async () => ({})),
  resolve: vi.fn(async () => {}),
  chooseDirectory: vi.fn(async () => '/media/usb'),
  clipboard: { set: vi.fn(async () => true), get: vi.fn(async () => '') },
  on: vi.fn((name: string, fn: (payload: any) => void) => {
    handlers[name] = fn
    return () => {}
  }),
  message: (e: unknown) => (e instanceof Error ? e.message : String(e)),
  setDirectServe: vi.fn(async (on: boolean) => ({ ...current, serving: on })),
  showPairingCode: vi.fn(),
  cancelPairingCode: vi.fn(),
  pairWith: vi.fn(),
  syncDirectNow: vi.fn(),
}))

vi.mock('../lib/toast.svelte', () => ({ toast: vi.fn() }))

describe('Sync screen', () => {
  beforeEach(() => {
    current = status()
    vi.clearAllMocks()
  })

  it('lists the connected computers once, with no IDs, and keeps IDs and the invitation under Advanced', async () => {
    render(Sync)
    const list = await screen.findByRole('list', { name: 'Connected computers' })
    expect(within(list).getAllByText('Work')).toHaveLength(1)
    expect(screen.getByText('Laptop')).toBeTruthy()
    expect(screen.getAllByRole('heading', { name: /Connected computers/ })).toHaveLength(1)
    expect(screen.getAllByRole('list', { name: 'Connected computers' })).toHaveLength(1)
    const advanced = screen.getByText('Advanced').closest('details')!
    expect(advanced.open).toBe(false)
    // The ID is there, inside the closed disclosure, and nowhere else.
    expect(screen.getAllByText(/AAAAA-BBBBB/)).toHaveLength(1)
    expect(advanced.contains(screen.getByText(/AAAAA-BBBBB/))).toBe(true)
    expect(advanced.contains(screen.getByRole('switch'))).toBe(true)
    expect(screen.queryByText(/changes in this device/)).toBeNull()
    // With a computer connected, the flow waits behind its button.
    expect(screen.queryByText(/Are both computers on the same network/)).toBeNull()
    await fireEvent.click(screen.getByRole('button', { name: /Connect another computer/ }))
    expect(screen.getByText(/Are both computers on the same network/)).toBeTruthy()
  })

  it('opens on connecting a computer when there is none, and the folder way chooses the folder and syncs', async () => {
    current = { ...status(), devices: [] }
    render(Sync)
    expect(await screen.findByText(/No other computer yet/)).toBeTruthy()
    await fireEvent.click(screen.getByRole('button', { name: /No, or not always/ }))
    await fireEvent.click(screen.getByRole('button', { name: 'Choose folder…' }))
    await vi.waitFor(() => expect(api.syncNow).toHaveBeenCalledWith(false))
    expect(api.chooseDirectory).toHaveBeenCalled()
    expect(api.setSyncFolder).toHaveBeenCalledWith('/media/usb')
  })

  it('shows conflicting values side by side and keeps the chosen one', async () => {
    render(Sync)
    expect(await screen.findByText('Countess')).toBeTruthy()
    expect(screen.getByText('Analyst')).toBeTruthy()
    const keep = screen.getAllByRole('button', { name: 'Keep this' })
    expect(keep).toHaveLength(2)
    await fireEvent.click(keep[1])
    expect(api.resolve).toHaveBeenCalledWith('p1', 'title', 'Analyst')
  })

  it('says conflicts in words, and shows no counter when there are none', async () => {
    const { unmount } = render(Sync)
    const panel = await screen.findByRole('region', { name: 'Conflicts' })
    expect(await within(panel).findByText('1 person has two different values to choose from: keep the one that is right.')).toBeTruthy()
    expect(within(panel).getByRole('heading').textContent?.trim()).toBe('Conflicts')
    unmount()
    vi.mocked(api.conflicts).mockResolvedValueOnce([])
    render(Sync)
    const none = await screen.findByRole('region', { name: 'Conflicts' })
    expect(await within(none).findByText(/No conflicts/)).toBeTruthy()
    expect(none.textContent).not.toMatch(/\d/)
  })

  it('shows what came in and offers to apply a paused mass delete', async () => {
    current = {
      ...status(),
      folder: '/media/usb',
      last: {
        time: '2026-11-30T08:00:00Z',
        folder: '/media/usb',
        received: 0,
        sent: 0,
        paused: { from: 'the folder /media/usb', delete: 40, live: 60 },
        error: 'sync paused',
      },
      incoming: [{ id: 'p2', kind: 'person', title: 'Grace Hopper' }],
      incomingAt: '2026-11-29T08:00:00Z',
    }
    render(Sync)
    expect(await screen.findByText('Grace Hopper')).toBeTruthy()
    expect(screen.getByText(/Through the shared folder/).textContent).toContain('usb')
    expect(screen.getByRole('alert').textContent).toContain('40')
    await fireEvent.click(screen.getByRole('button', { name: 'Apply the deletes' }))
    expect(api.syncNow).toHaveBeenCalledWith(true)
  })

  it('shows each computer’s state on the network in the one list', async () => {
    current = { ...status(), serving: true, devices: [{ ...status().devices[0], state: 'syncing', done: 5, total: 10, sent: 0, received: 0 } as any] }
    render(Sync)
    expect(await screen.findByText('Syncing 5 of 10')).toBeTruthy()
    expect(within(screen.getByRole('list', { name: 'Connected computers' })).getAllByText('Work')).toHaveLength(1)
  })

  it('follows the one status the sync service announces, whichever way a computer synced', async () => {
    render(Sync)
    await screen.findByRole('list', { name: 'Connected computers' })
    handlers['sync:status']({
      ...status(),
      devices: [{ ...status().devices[0], how: 'network', state: 'idle', received: 3 }],
      incoming: [{ id: 'p3', kind: 'person', title: 'Seymour Papert' }],
      incomingAt: '2026-11-30T09:00:00Z',
    })
    expect(await screen.findByText('Seymour Papert')).toBeTruthy()
    expect(screen.getByText(/last synced .* on the network/)).toBeTruthy()
    expect(screen.getByText(/3 changes came in/)).toBeTruthy()
    expect(api.syncStatus).toHaveBeenCalledTimes(1)
  })

  it('keeps an announced status over a reload that was asked for before it', async () => {
    render(Sync)
    await screen.findByRole('list', { name: 'Connected computers' })
    // A reload is on its way (a store change) when the sync ends and says so.
    let reply: (s: any) => void = () => {}
    vi.mocked(api.syncStatus).mockImplementationOnce(() => new Promise((resolve) => (reply = resolve)))
    handlers['store:changed']({})
    await vi.waitFor(() => expect(api.syncStatus).toHaveBeenCalledTimes(2))
    const ended = { ...status(), devices: [{ ...status().devices[0], lastSeen: '2026-11-30T09:00:00Z', how: 'network', state: 'idle' }] }
    handlers['sync:status'](ended)
    expect(await screen.findByText(/last synced .* on the network/)).toBeTruthy()
    reply({ ...status(), devices: [{ ...status().devices[0], state: 'syncing', done: 1, total: 10 }] })
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.queryByText('Syncing 1 of 10')).toBeNull()
    expect(screen.getByText(/last synced .* on the network/)).toBeTruthy()
  })
})
