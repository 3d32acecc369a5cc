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

  it('turns serving on and says where this device is reached', async () => {
    render(SyncDirect)
    const sw = await screen.findByRole('switch')
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
})
