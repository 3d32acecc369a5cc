import { render, screen, fireEvent } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import SyncDirect from './SyncDirect.svelte'
import * as api from '../lib/api'

const base = () => ({
  device: 'AAAAA-BBBBB-CCCCC-DDDDD',
  name: 'laptop',
  serving: false,
  addrs: [] as string[],
  code: '',
  codeExpires: '',
  devices: [] as any[],
})

let current = base()
let handlers: Record<string, (p: any) => void> = {}

vi.mock('../lib/api', () => ({
  directStatus: vi.fn(async () => current),
  setDirectServe: vi.fn(async (on: boolean) => ({ ...current, serving: on, addrs: on ? ['192.168.1.5:47100'] : [] })),
  showPairingCode: vi.fn(async () => ({
    ...current,
    code: 'ABCDE-FGHIJ-KLMNO',
    codeExpires: new Date(Date.now() + 600_000).toISOString(),
  })),
  cancelPairingCode: vi.fn(async () => current),
  pairWith: vi.fn(async (code: string) => {
    if (code !== 'ABCDE-FGHIJ-KLMNO') throw new Error('wrong pairing code')
    return { id: 'X', short: 'XXXXX-YYYYY', name: 'desk', state: 'idle' }
  }),
  syncDirectNow: vi.fn(async () => {}),
  on: vi.fn((name: string, cb: (p: any) => void) => {
    handlers[name] = cb
    return () => delete handlers[name]
  }),
  message: (e: unknown) => (e instanceof Error ? e.message : String(e)),
}))

describe('SyncDirect', () => {
  beforeEach(() => {
    current = base()
    handlers = {}
    vi.clearAllMocks()
  })

  it('teaches what to do when nothing is paired, and turns serving on', async () => {
    render(SyncDirect)
    expect(await screen.findByText(/No paired devices yet/)).toBeTruthy()
    const sw = screen.getByRole('switch')
    expect(sw.getAttribute('aria-checked')).toBe('false')
    await fireEvent.click(sw)
    expect(api.setDirectServe).toHaveBeenCalledWith(true)
    expect(await screen.findByText(/Reachable at 192.168.1.5:47100/)).toBeTruthy()
    expect(screen.getByRole('switch').getAttribute('aria-checked')).toBe('true')
  })

  it('shows the pairing code large with the time left', async () => {
    render(SyncDirect)
    await fireEvent.click(await screen.findByText('Show code'))
    const code = await screen.findByLabelText('Pairing code')
    expect(code.textContent).toBe('ABCDE-FGHIJ-KLMNO')
    expect(screen.getByText(/within (10:00|9:59)/)).toBeTruthy()
  })

  it('pairs with a typed code and says so; a wrong code shows why', async () => {
    render(SyncDirect)
    const input = await screen.findByLabelText('Pairing code from the other device')
    const pair = screen.getByRole('button', { name: 'Pair' }) as HTMLButtonElement
    expect(pair.disabled).toBe(true)
    await userEvent.type(input, 'ABCDE-FGHIJ-KLMNX')
    await fireEvent.click(pair)
    expect((await screen.findByRole('alert')).textContent).toContain('wrong pairing code')
    await userEvent.clear(input)
    await userEvent.type(input, 'ABCDE-FGHIJ-KLMNO')
    await userEvent.type(screen.getByLabelText('Address of the other device'), '10.0.0.2:47100')
    await fireEvent.click(pair)
    expect(api.pairWith).toHaveBeenLastCalledWith('ABCDE-FGHIJ-KLMNO', '10.0.0.2:47100')
    await vi.waitFor(() => expect((input as HTMLInputElement).value).toBe(''))
  })

  it('lists paired devices with live status and progress', async () => {
    current.devices = [
      { id: 'D1', short: 'DDDDD-11111', name: 'desk', state: 'idle', lastSync: new Date().toISOString(), done: 0, total: 0, sent: 0, received: 0 },
      { id: 'D2', short: 'DDDDD-22222', name: 'old phone', state: 'revoked', done: 0, total: 0, sent: 0, received: 0 },
    ]
    render(SyncDirect)
    expect(await screen.findByText('Synced just now')).toBeTruthy()
    expect(screen.queryByText('old phone')).toBeNull() // revoked: listed with the other paired devices
    expect(screen.queryByLabelText('Sync now with old phone')).toBeNull()
    await fireEvent.click(screen.getByLabelText('Sync now with desk'))
    expect(api.syncDirectNow).toHaveBeenCalledWith('D1')
    handlers['direct:status']({ ...current, devices: [{ ...current.devices[0], state: 'syncing', done: 40, total: 100 }] })
    expect(await screen.findByText('Syncing 40 of 100')).toBeTruthy()
    const bar = screen.getByLabelText('Sync progress with desk') as HTMLProgressElement
    expect(bar.value).toBe(40)
    handlers['direct:status']({
      ...current,
      devices: [{ ...current.devices[0], state: 'offline', error: 'desk did not answer on the LAN; is it serving?' }],
    })
    expect(await screen.findByText(/desk did not answer on the LAN/)).toBeTruthy()
    handlers['direct:status']({ ...current, devices: [{ ...current.devices[0], state: 'idle', lastSync: '' }] })
    expect(await screen.findByText('Not synced yet')).toBeTruthy()
  })
})
