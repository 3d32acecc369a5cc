import { render, screen, within, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import Import from './Import.svelte'
import { offer, pending } from '../lib/imports.svelte'
import * as api from '../lib/api'

const handlers: Record<string, (p: any) => void> = {}

vi.mock('../lib/api', () => ({
  chooseFiles: vi.fn(),
  importFiles: vi.fn(),
  cancelImport: vi.fn(async () => {}),
  csvColumns: vi.fn(),
  mapCSV: vi.fn(async () => {}),
  importBlueskyFollows: vi.fn(),
  undoImport: vi.fn(async () => ({})),
  imports: vi.fn(async () => []),
  addHeldBack: vi.fn(async () => 'p9'),
  duplicates: vi.fn(async () => []),
  mergePeople: vi.fn(async () => 'p1'),
  dismissDuplicate: vi.fn(async () => {}),
  heldBack: vi.fn(async () => []),
  addHeldBackAsNew: vi.fn(async () => 'p10'),
  mergeHeldBack: vi.fn(async () => 'p1'),
  dismissHeldBack: vi.fn(async () => {}),
  unnamedAccounts: vi.fn(async () => []),
  nameAccount: vi.fn(async () => 'p11'),
  linkAccount: vi.fn(async () => 'p1'),
  dropAccount: vi.fn(async () => {}),
  openInBrowser: vi.fn(),
  origins: vi.fn(async (id: string) =>
    id === 'p1'
      ? [{ field: 'name', index: 0, value: 'Ada Lovelace', from: [{ name: 'LinkedIn connections', date: '2026-12-03T09:00:00Z', file: 'Connections.csv' }] }]
      : [{ field: 'emails', index: 0, value: 'ada@example.org', from: [{ name: 'Mastodon follows', date: '2026-12-04T09:00:00Z', file: 'following_accounts.csv' }, { name: 'typed in' }] }],
  ),
  on: (name: string, cb: (p: any) => void) => {
    handlers[name] = cb
    return () => {}
  },
  message: (e: unknown) => String(e),
}))

const report = (dryRun: boolean, file = 'contacts.vcf') => ({
  file,
  format: 'vCard',
  dryRun,
  batch: dryRun ? '' : 'b1',
  created: 2,
  updated: 1,
  unchanged: 5,
  skipped: 1,
  duplicates: 1,
  records: [
    { line: 1, action: 'created', kind: 'person', name: 'Ada Lovelace' },
    { line: 9, action: 'updated', kind: 'person', name: 'Grace Hopper', fields: ['title'], reason: 'matched by email grace@navy.example' },
    { line: 20, action: 'skipped', kind: 'person', name: '', reason: 'the card has no name, organisation, email or phone' },
    { line: 31, action: 'duplicate', kind: 'person', name: 'Alan Turing', reason: 'same name as someone stored, but a different email' },
  ],
})

describe('Import', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    vi.mocked(api.chooseFiles).mockResolvedValue(['/home/ada/contacts.vcf'])
    vi.mocked(api.importFiles).mockImplementation(async (p, dry) => [report(dry, p[0].split('/').pop()) as any])
    vi.mocked(api.duplicates).mockResolvedValue([])
    vi.mocked(api.csvColumns).mockResolvedValue({ columns: [], mapping: {}, fields: [], needed: false } as any)
  })

  it('teaches what to do when nothing is chosen yet', () => {
    render(Import)
    expect(screen.getByTestId('dropzone').textContent).toContain('Drop contacts, calendars or network exports here')
  })

  it('previews a chosen file with counts and reasons, imports it with progress, and undoes it', async () => {
    const user = userEvent.setup()
    render(Import)
    await user.click(screen.getByRole('button', { name: /choose files/i }))
    const preview = await screen.findByRole('region', { name: 'Preview' })
    expect(api.importFiles).toHaveBeenCalledWith(['/home/ada/contacts.vcf'], true, 'topics')
    expect(within(preview).getByLabelText('counts').textContent).toMatch(/2 to add.*1 to update.*5 unchanged.*1 skipped.*1 possible duplicates/)
    expect(preview.querySelector('[title="Line 20 of the file"]')?.textContent).toContain('will be skipped')
    expect(preview.textContent).toContain('the card has no name')
    expect(preview.textContent).toContain('matched by email grace@navy.example')
    // Plain additions are named in one line, not listed one a row.
    expect(preview.querySelector('.adds')?.textContent).toBe('Adds Ada Lovelace and 1 other')
    expect(preview.querySelector('.records')?.textContent).not.toContain('Ada Lovelace')

    let finish: (r: any) => void = () => {}
    vi.mocked(api.importFiles).mockImplementation(() => new Promise((res) => (finish = res)))
    await user.click(within(preview).getByRole('button', { name: 'Import' }))
    handlers['import:progress']({ id: '/home/ada/contacts.vcf', kind: 'import', done: 50, total: 200 })
    const bar = await screen.findByRole('progressbar')
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('25'))
    finish([report(false)])
    const result = await screen.findByRole('region', { name: 'Result' })
    expect(within(result).getByLabelText('counts').textContent).toContain('2 added')
    await user.click(within(result).getByRole('button', { name: /undo contacts.vcf/i }))
    expect(api.undoImport).toHaveBeenCalledWith('b1')
  })

  it('previews files dropped on the window, and adds a held-back card on request', async () => {
    const user = userEvent.setup()
    render(Import)
    offer(['/tmp/dropped.vcf', '/tmp/photo.png'])
    await screen.findByRole('region', { name: 'Preview' })
    expect(api.importFiles).toHaveBeenCalledWith(['/tmp/dropped.vcf'], true, 'topics')
    expect(pending.paths).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Import' }))
    const result = await screen.findByRole('region', { name: 'Result' })
    await user.click(within(result).getByRole('button', { name: /add anyway/i }))
    await waitFor(() => expect(api.addHeldBack).toHaveBeenCalledWith('/tmp/dropped.vcf', 31))
  })

  it('leads from the result of an X archive to the accounts it could not name', async () => {
    const user = userEvent.setup()
    const x = (dryRun: boolean) => ({ ...report(dryRun, 'following.js'), format: 'X (Twitter) follows', unnamed: 2 })
    vi.mocked(api.importFiles).mockImplementation(async (_p, dry) => [x(dry) as any])
    render(Import)
    offer(['/tmp/following.js'])
    await user.click(await screen.findByRole('button', { name: 'Import' }))
    const result = await screen.findByRole('region', { name: 'Result' })
    expect(within(result).getByLabelText('counts').textContent).toContain('2 accounts to name')
    const waiting = [
      { key: 'twitter:id:12', service: 'X', url: 'https://twitter.com/intent/user?user_id=12', file: 'following.js', imported: '2026-12-07T10:00:00Z' },
      { key: 'twitter:id:13', service: 'X', url: 'https://twitter.com/intent/user?user_id=13', file: 'following.js', imported: '2026-12-07T10:00:00Z' },
    ]
    vi.mocked(api.unnamedAccounts).mockResolvedValue(waiting as any)
    const scrolled = vi.fn()
    Element.prototype.scrollIntoView = scrolled
    await user.click(within(result).getByRole('button', { name: 'Name or drop the 2 accounts' }))
    const accounts = await screen.findByRole('region', { name: 'Accounts to name' })
    expect(within(accounts).getByRole('heading').textContent).toContain('Unnamed accounts from X: 2 to name or drop')
    await waitFor(() => expect(scrolled).toHaveBeenCalled())
  })

  it('lets the labels and lists of a network export become communities, and stops an import on request', async () => {
    const user = userEvent.setup()
    vi.mocked(api.importFiles).mockImplementation(async (p, dry) => [{ ...report(dry, 'lists.csv'), format: 'Mastodon lists' } as any])
    render(Import)
    offer(['/tmp/lists.csv'])
    const preview = await screen.findByRole('region', { name: 'Preview' })
    expect(api.importFiles).toHaveBeenCalledWith(['/tmp/lists.csv'], true, 'topics')
    await user.click(within(preview).getByRole('radio', { name: /communities/ }))
    await waitFor(() => expect(api.importFiles).toHaveBeenCalledWith(['/tmp/lists.csv'], true, 'communities'))
    vi.mocked(api.importFiles).mockImplementation(() => new Promise(() => {}))
    await user.click(await screen.findByRole('button', { name: 'Import' }))
    expect(api.importFiles).toHaveBeenLastCalledWith(['/tmp/lists.csv'], false, 'communities')
    await user.click(await screen.findByRole('button', { name: 'Stop' }))
    expect(api.cancelImport).toHaveBeenCalled()
  })

  it('asks what the columns of a CSV of one\'s own are before its preview', async () => {
    const user = userEvent.setup()
    vi.mocked(api.csvColumns).mockResolvedValue({ columns: ['Member', 'E-mail', 'Joined'], mapping: {}, fields: ['name', 'email', 'met'], needed: true } as any)
    render(Import)
    offer(['/tmp/members.csv'])
    const step = await screen.findByRole('region', { name: 'Columns' })
    expect(api.importFiles).not.toHaveBeenCalled()
    const go = within(step).getByRole('button', { name: 'Preview' }) as HTMLButtonElement
    expect(go.disabled).toBe(true) // no name column yet
    await user.selectOptions(within(step).getByLabelText('Member'), 'name')
    await user.selectOptions(within(step).getByLabelText('E-mail'), 'email')
    vi.mocked(api.csvColumns).mockResolvedValue({ columns: ['Member', 'E-mail', 'Joined'], mapping: { Member: 'name', 'E-mail': 'email' }, fields: [], needed: false } as any)
    await user.click(go)
    expect(api.mapCSV).toHaveBeenCalledWith('/tmp/members.csv', { Member: 'name', 'E-mail': 'email', Joined: '' })
    await screen.findByRole('region', { name: 'Preview' })
    expect(api.importFiles).toHaveBeenCalledWith(['/tmp/members.csv'], true, 'topics')
  })

  it('shows no such choice for contacts', async () => {
    const user = userEvent.setup()
    render(Import)
    await user.click(screen.getByRole('button', { name: /choose files/i }))
    const preview = await screen.findByRole('region', { name: 'Preview' })
    expect(within(preview).queryByRole('radio')).toBeNull()
  })

  it('merges or dismisses likely duplicates', async () => {
    const user = userEvent.setup()
    const a = { id: 'p1', kind: 'person', title: 'Ada Lovelace', subtitle: 'Countess' }
    const b = { id: 'p2', kind: 'person', title: 'A. Lovelace', subtitle: 'ada@example.org' }
    const c = { id: 'p3', kind: 'person', title: 'Grace Hopper' }
    const d = { id: 'p4', kind: 'person', title: 'Grace Hopper', subtitle: 'grace@navy.example' }
    vi.mocked(api.duplicates).mockResolvedValueOnce([
      { a, b, by: 'email', value: 'ada@example.org', reason: 'same email ada@example.org' },
      { a: c, b: d, by: 'name', value: 'grace hopper', reason: 'same name grace hopper' },
    ] as any)
    render(Import)
    const dups = await screen.findByRole('region', { name: 'Possible duplicates' })
    await within(dups).findByText('same email ada@example.org')
    expect(within(dups).getByRole('button', { name: 'Keep grace@navy.example' })).toBeTruthy()
    // Side by side, each value says where it came from.
    await user.click(within(dups).getAllByRole('button', { name: 'Compare' })[0])
    await waitFor(() => expect(within(dups).getAllByLabelText('Where each value came from')).toHaveLength(2))
    const [first, second] = within(dups).getAllByLabelText('Where each value came from')
    await waitFor(() => expect(first.textContent).toMatch(/Ada Lovelace · LinkedIn connections, /))
    await waitFor(() => expect(second.textContent).toMatch(/ada@example\.org · Mastodon follows, .*; typed in/))
    await user.click(within(dups).getByRole('button', { name: 'Keep Ada Lovelace' }))
    expect(api.mergePeople).toHaveBeenCalledWith('p1', 'p2')
    await within(dups).findByText(/No one looks like someone else/)
  })

  it('lists held-back cards above, and says so in Past imports', async () => {
    vi.mocked(api.imports).mockResolvedValue([{ id: 'b7', label: 'import contacts.vcf', created: '2026-12-07T10:00:00Z', counts: { created: 30, updated: 0 } }] as any)
    vi.mocked(api.heldBack).mockResolvedValue([
      { id: 'h1', batch: 'b7', file: 'contacts.vcf', line: 3, imported: '', reason: 'held back', like: { id: 'p1', kind: 'person', title: 'Bo Chen' }, card: { name: 'Bo Chen', org: 'Contoso' } },
    ] as any)
    render(Import)
    expect(await screen.findByRole('region', { name: 'Held back' })).toBeTruthy()
    const past = await screen.findByRole('region', { name: 'Past imports' })
    expect(await within(past).findByText('1 held back, listed above')).toBeTruthy()
  })

  // A week of use: importing the same file again listed "0 created, 0
  // updated" with an Undo that had nothing to undo.
  it('says a past import that changed nothing brought nothing new, with nothing to undo', async () => {
    vi.mocked(api.heldBack).mockResolvedValue([])
    vi.mocked(api.imports).mockResolvedValue([
      { id: 'b9', label: 'import contacts.vcf', created: '2026-12-08T10:00:00Z', counts: { created: 0, updated: 0 } },
      { id: 'b8', label: 'import contacts.vcf', created: '2026-12-07T10:00:00Z', counts: { created: 14, updated: 0 } },
    ] as any)
    render(Import)
    const past = await screen.findByRole('region', { name: 'Past imports' })
    const rows = await within(past).findAllByRole('listitem')
    expect(rows[0].textContent).toContain('nothing new')
    expect(within(rows[0]).queryByRole('button', { name: 'Undo' })).toBeNull()
    expect(rows[1].textContent).toContain('14 added')
    expect(within(rows[1]).getByRole('button', { name: 'Undo' })).toBeTruthy()
  })
})
