import { render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import UnnamedAccounts from './UnnamedAccounts.svelte'
import * as api from '../lib/api'

const account = (n: string) => ({
  key: `twitter:id:${n}`,
  service: 'X',
  url: `https://twitter.com/intent/user?user_id=${n}`,
  profile: { value: `https://twitter.com/intent/user?user_id=${n}`, types: ['twitter'] },
  batch: 'b1',
  file: 'following.js',
  line: 2,
  imported: '2026-12-07T10:00:00Z',
})

let waiting: any[] = []
const settled = (key: string) => {
  waiting = waiting.filter((a) => a.key !== key)
}
vi.mock('../lib/api', () => ({
  unnamedAccounts: vi.fn(async () => waiting),
  nameAccount: vi.fn(async (key: string) => (settled(key), 'p9')),
  linkAccount: vi.fn(async (key: string) => (settled(key), 'p2')),
  dropAccount: vi.fn(async (key: string) => settled(key)),
  openInBrowser: vi.fn(),
  search: vi.fn(async () => [{ id: 'p2', kind: 'person', title: 'Grace Hopper', subtitle: 'US Navy' }]),
  message: (e: unknown) => String(e),
}))

describe('UnnamedAccounts', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    waiting = [account('12'), account('783214'), account('99')]
  })

  it('lists the accounts to name, each opening in the browser, and names one', async () => {
    const onchanged = vi.fn()
    render(UnnamedAccounts, { onchanged })
    expect(await screen.findByRole('heading', { name: 'Unnamed accounts from X: 3 to name or drop' })).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: /X account 783214/ }))
    expect(api.openInBrowser).toHaveBeenCalledWith('https://twitter.com/intent/user?user_id=783214')
    await userEvent.type(screen.getByLabelText('Name of X account 12'), 'Jack Example{Enter}')
    expect(api.nameAccount).toHaveBeenCalledWith('twitter:id:12', 'Jack Example')
    await waitFor(() => expect(screen.queryByText(/X account 12$/)).toBeNull())
    expect(screen.getByRole('heading').textContent).toContain('2 to name or drop')
    expect(onchanged).toHaveBeenCalled()
  })

  it('links an account to someone here, or drops it', async () => {
    render(UnnamedAccounts, {})
    await screen.findByText(/X account 783214/)
    const rows = screen.getAllByRole('listitem')
    await userEvent.click(within(rows[1]).getByRole('button', { name: 'Link to…' }))
    await userEvent.type(screen.getByLabelText('Whose X account is 783214?'), 'Grace')
    await userEvent.click(await screen.findByRole('option', { name: /Grace Hopper/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Link' }))
    expect(api.linkAccount).toHaveBeenCalledWith('twitter:id:783214', 'p2')
    await userEvent.click(within(screen.getAllByRole('listitem')[0]).getByRole('button', { name: 'Drop' }))
    expect(api.dropAccount).toHaveBeenCalledWith('twitter:id:12')
    await waitFor(() => expect(screen.getByRole('heading').textContent).toContain('1 to name or drop'))
  })

  it('shows nothing when no account waits', async () => {
    waiting = []
    render(UnnamedAccounts, {})
    await waitFor(() => expect(api.unnamedAccounts).toHaveBeenCalled())
    expect(screen.queryByRole('region', { name: 'Accounts to name' })).toBeNull()
  })
})
