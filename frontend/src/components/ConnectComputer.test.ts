import { render, screen, fireEvent } from '@testing-library/svelte'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import ConnectComputer from './ConnectComputer.svelte'
import * as api from '../lib/api'

const base = () =>
  ({ name: 'Laptop', id: 'A', display: 'A', folder: '', running: false, devices: [] as any[], conflicts: 0, changes: 0, serving: false, addrs: [] as string[], code: '', codeExpires: '' }) as any

vi.mock('../lib/api', () => ({
  setDirectServe: vi.fn(async (on: boolean) => ({ ...base(), serving: on, addrs: ['192.168.1.5:47100'] })),
  showPairingCode: vi.fn(async () => ({ ...base(), serving: true, code: 'ABCDE-FGHIJ-KLMNO', codeExpires: new Date(Date.now() + 600_000).toISOString() })),
  cancelPairingCode: vi.fn(async () => base()),
  pairWith: vi.fn(async (code: string) => {
    if (code !== 'ABCDE-FGHIJ-KLMNO') throw new Error('wrong pairing code')
    return { id: 'W', short: 'WWWWW', name: 'Work', state: 'idle' }
  }),
  invitation: vi.fn(async () => 'LWINVITE1-abc'),
  acceptInvitation: vi.fn(async () => ({ id: 'W', short: 'WWWWW', name: 'Work' })),
  clipboard: { set: vi.fn(async () => true), get: vi.fn(async () => '') },
  message: (e: unknown) => (e instanceof Error ? e.message : String(e)),
}))
vi.mock('../lib/toast.svelte', () => ({ toast: vi.fn() }))

const work = (extra: Record<string, unknown> = {}) =>
  ({ id: 'W', short: 'WWWWW', name: 'Work', paired: '2026-12-07T09:00:00Z', behind: 0, state: 'idle', done: 0, total: 0, sent: 0, received: 0, ...extra }) as any

function props(extra: Record<string, unknown> = {}) {
  return {
    status: base(),
    chooseFolder: vi.fn(async () => {}),
    syncFolder: vi.fn(async () => {}),
    onstatus: vi.fn(),
    onchange: vi.fn(),
    onclose: vi.fn(),
    ...extra,
  }
}

const stepState = (name: string) => screen.getByRole('listitem', { name: new RegExp(`^${name}: `) }).getAttribute('aria-label')?.split(': ')[1]

describe('Connect another computer', () => {
  beforeEach(() => vi.clearAllMocks())

  it('asks first whether both computers are on the same network', () => {
    render(ConnectComputer, props())
    expect(screen.getByText(/Are both computers on the same network/)).toBeTruthy()
    expect(screen.getByRole('button', { name: /Yes, same network/ })).toBeTruthy()
    expect(screen.getByRole('button', { name: /No, or not always/ })).toBeTruthy()
  })

  it('on the same network shows a code here, serving so both keep syncing', async () => {
    const p = props()
    const { rerender } = render(ConnectComputer, p)
    await fireEvent.click(screen.getByRole('button', { name: /Yes, same network/ }))
    await fireEvent.click(screen.getByRole('button', { name: 'Show a code' }))
    await vi.waitFor(() => expect(api.showPairingCode).toHaveBeenCalled())
    expect(api.setDirectServe).toHaveBeenCalledWith(true)
    const shown = p.onstatus.mock.calls.at(-1)![0]
    await rerender({ ...p, status: shown })
    expect(screen.getByLabelText('Pairing code').textContent).toBe('ABCDE-FGHIJ-KLMNO')
    // The other computer types it: it appears in the list, and the flow says so.
    await rerender({ ...p, status: { ...shown, code: '', devices: [work({ lastSeen: '2026-12-07T09:01:00Z', how: 'network' })] } })
    expect(screen.getByRole('status').textContent).toMatch(/Connected with Work/)
  })

  it('on the same network types the code from the other computer, with no address', async () => {
    const p = props()
    const { rerender } = render(ConnectComputer, p)
    await fireEvent.click(screen.getByRole('button', { name: /Yes, same network/ }))
    const input = screen.getByLabelText('Code shown on the other computer')
    await fireEvent.input(input, { target: { value: 'WRONG-WRONG-WRONG' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Connect' }))
    expect(await screen.findByRole('alert')).toBeTruthy()
    expect(api.setDirectServe).not.toHaveBeenCalled()
    await fireEvent.input(input, { target: { value: 'ABCDE-FGHIJ-KLMNO' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Connect' }))
    await vi.waitFor(() => expect(p.onchange).toHaveBeenCalled())
    expect(api.pairWith).toHaveBeenLastCalledWith('ABCDE-FGHIJ-KLMNO', '')
    expect(api.setDirectServe).toHaveBeenCalledWith(true)
    await rerender({ ...p, status: { ...base(), devices: [work()] } })
    expect(screen.getByRole('status').textContent).toMatch(/Connected with Work/)
  })

  it('apart, shows both computers’ steps and ticks each from what this computer knows', async () => {
    const p = props()
    const { rerender } = render(ConnectComputer, p)
    await fireEvent.click(screen.getByRole('button', { name: /No, or not always/ }))
    expect(screen.getByText('On this computer')).toBeTruthy()
    expect(screen.getByText('On the other computer')).toBeTruthy()
    expect([stepState('Choose the shared folder'), stepState('Add the other computer'), stepState('Choose the same folder there and add this computer')]).toEqual(['to do', 'to do', 'to do'])

    await fireEvent.click(screen.getByRole('button', { name: 'Choose folder…' }))
    expect(p.chooseFolder).toHaveBeenCalled()
    await rerender({ ...p, status: { ...base(), folder: '/home/me/Dropbox/Learnwork' } })
    expect(stepState('Choose the shared folder')).toBe('done')
    expect(screen.getByText('Chosen: Learnwork')).toBeTruthy()

    await fireEvent.click(screen.getByRole('button', { name: /Copy this computer’s invitation/ }))
    await vi.waitFor(() => expect(api.clipboard.set).toHaveBeenCalledWith('LWINVITE1-abc'))
    await fireEvent.input(screen.getByLabelText('Invitation from the other computer'), { target: { value: 'LWINVITE1-work' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Add' }))
    await vi.waitFor(() => expect(p.syncFolder).toHaveBeenCalled())
    expect(api.acceptInvitation).toHaveBeenCalledWith('LWINVITE1-work')

    // Added here but not heard from: the other computer's part is still to do.
    await rerender({ ...p, status: { ...base(), folder: '/home/me/Dropbox/Learnwork', devices: [work()] } })
    expect(stepState('Add the other computer')).toBe('done')
    expect(stepState('Choose the same folder there and add this computer')).toBe('to do')
    expect(screen.queryByRole('status')).toBeNull()

    // Its first sync arrived through the folder.
    await rerender({ ...p, status: { ...base(), folder: '/home/me/Dropbox/Learnwork', devices: [work({ lastSeen: '2026-12-07T10:00:00Z', how: 'folder' })] } })
    expect(stepState('Choose the same folder there and add this computer')).toBe('done')
    expect(screen.getByRole('status').textContent).toMatch(/Connected/)
  })
})
