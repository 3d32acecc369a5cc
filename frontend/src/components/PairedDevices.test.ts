import { render, screen, fireEvent } from '@testing-library/svelte'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import PairedDevices from './PairedDevices.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  renameDevice: vi.fn(async () => {}),
  revokeDevice: vi.fn(async () => ({})),
  syncDirectNow: vi.fn(async () => {}),
  message: (e: unknown) => (e instanceof Error ? e.message : String(e)),
}))
vi.mock('../lib/toast.svelte', () => ({ toast: vi.fn() }))

const desk = {
  id: 'D1',
  short: 'DDDDD-11111',
  name: 'desk',
  paired: '2026-11-01T09:00:00Z',
  lastSeen: '2026-11-30T08:00:00Z',
  how: 'network',
  state: 'idle',
  behind: 2,
  done: 0,
  total: 0,
  sent: 0,
  received: 0,
}
const phone = { ...desk, id: 'D2', short: 'DDDDD-22222', name: 'old phone', how: 'folder', state: 'revoked', revoked: '2026-11-20T08:00:00Z' }

describe('PairedDevices', () => {
  beforeEach(() => vi.clearAllMocks())

  it('lists every connected computer once, with how it last synced and what came in, and syncs one now', async () => {
    const onchange = vi.fn()
    render(PairedDevices, { devices: [{ ...desk, received: 12 }, phone], onchange })
    expect(screen.getAllByRole('listitem')).toHaveLength(2)
    expect(screen.getByText(/last synced .* on the network/)).toBeTruthy()
    expect(screen.getByText(/12 changes came in/)).toBeTruthy()
    expect(screen.getByText(/has not had your latest changes yet/)).toBeTruthy()
    expect(screen.getByText(/^stopped syncing /)).toBeTruthy()
    // No IDs in the list: they are under Advanced.
    expect(screen.queryByText(/DDDDD/)).toBeNull()
    expect(screen.queryByLabelText('Sync now with old phone')).toBeNull()
    await fireEvent.click(screen.getByLabelText('Sync now with desk'))
    expect(api.syncDirectNow).toHaveBeenCalledWith('D1')
    vi.spyOn(window, 'confirm').mockReturnValue(true)
    await fireEvent.click(screen.getByRole('button', { name: 'Stop syncing' }))
    expect(api.revokeDevice).toHaveBeenCalledWith('D1')
    await vi.waitFor(() => expect(onchange).toHaveBeenCalled())
  })

  it('syncs a computer that last synced through the shared folder there again', async () => {
    const syncFolder = vi.fn(async () => {})
    render(PairedDevices, { devices: [{ ...desk, how: 'folder' }], onchange: () => {}, syncFolder })
    await fireEvent.click(screen.getByLabelText('Sync now with desk'))
    expect(syncFolder).toHaveBeenCalled()
    expect(api.syncDirectNow).not.toHaveBeenCalled()
  })

  it('shows a round in progress and why a device was not reached', async () => {
    const { rerender } = render(PairedDevices, { devices: [{ ...desk, state: 'syncing', done: 40, total: 100 }], onchange: () => {} })
    expect(screen.getByText('Syncing 40 of 100')).toBeTruthy()
    expect((screen.getByLabelText('Sync progress with desk') as HTMLProgressElement).value).toBe(40)
    await rerender({ devices: [{ ...desk, state: 'offline', error: 'desk was not found on the network; is Learnwork open there?' }], onchange: () => {} })
    expect(screen.getByText(/desk was not found on the network/)).toBeTruthy()
    await rerender({ devices: [{ ...desk, state: 'idle', lastSeen: '' }], onchange: () => {} })
    expect(screen.getByText('Not synced yet')).toBeTruthy()
  })
})
