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
  undoImport: vi.fn(async () => ({})),
  imports: vi.fn(async () => []),
  addHeldBack: vi.fn(async () => 'p9'),
  duplicates: vi.fn(async () => []),
  mergePeople: vi.fn(async () => 'p1'),
  dismissDuplicate: vi.fn(async () => {}),
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
  })

  it('teaches what to do when nothing is chosen yet', () => {
    render(Import)
    expect(screen.getByTestId('dropzone').textContent).toContain('Drop .vcf or .ics files here')
  })

  it('previews a chosen file with counts and reasons, imports it with progress, and undoes it', async () => {
    const user = userEvent.setup()
    render(Import)
    await user.click(screen.getByRole('button', { name: /choose files/i }))
    const preview = await screen.findByRole('region', { name: 'Preview' })
    expect(api.importFiles).toHaveBeenCalledWith(['/home/ada/contacts.vcf'], true)
    expect(within(preview).getByLabelText('counts').textContent).toMatch(/2 to create.*1 to update.*5 unchanged.*1 skipped.*1 possible duplicates/)
    expect(preview.querySelector('[title="Line 20 of the file"]')?.textContent).toContain('will be skipped')
    expect(preview.textContent).toContain('the card has no name')
    expect(preview.textContent).toContain('matched by email grace@navy.example')
    expect(preview.textContent).not.toContain('Ada Lovelace') // plain creations are only counted

    let finish: (r: any) => void = () => {}
    vi.mocked(api.importFiles).mockImplementation(() => new Promise((res) => (finish = res)))
    await user.click(within(preview).getByRole('button', { name: 'Import' }))
    handlers['import:progress']({ id: '/home/ada/contacts.vcf', kind: 'import', done: 50, total: 200 })
    const bar = await screen.findByRole('progressbar')
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('25'))
    finish([report(false)])
    const result = await screen.findByRole('region', { name: 'Result' })
    expect(within(result).getByLabelText('counts').textContent).toContain('2 created')
    await user.click(within(result).getByRole('button', { name: /undo contacts.vcf/i }))
    expect(api.undoImport).toHaveBeenCalledWith('b1')
  })

  it('previews files dropped on the window, and adds a held-back card on request', async () => {
    const user = userEvent.setup()
    render(Import)
    offer(['/tmp/dropped.vcf', '/tmp/notes.txt'])
    await screen.findByRole('region', { name: 'Preview' })
    expect(api.importFiles).toHaveBeenCalledWith(['/tmp/dropped.vcf'], true)
    expect(pending.paths).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Import' }))
    const result = await screen.findByRole('region', { name: 'Result' })
    await user.click(within(result).getByRole('button', { name: /add anyway/i }))
    await waitFor(() => expect(api.addHeldBack).toHaveBeenCalledWith('/tmp/dropped.vcf', 31))
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
    await user.click(within(dups).getByRole('button', { name: 'Keep Ada Lovelace' }))
    expect(api.mergePeople).toHaveBeenCalledWith('p1', 'p2')
    await within(dups).findByText(/No one looks like someone else/)
  })
})
