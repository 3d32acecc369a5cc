import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import QuickLog from './QuickLog.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  search: vi.fn(async (q: string) => (q.toLowerCase().startsWith('gr') ? [{ id: 'p1', kind: 'person', title: 'Grace Hopper', subtitle: 'US Navy' }] : [])),
  saveInteractionWith: vi.fn(async () => 'i1'),
  saveLearningWith: vi.fn(async () => 'l1'),
  show: vi.fn(async (id: string) => ({ id, kind: 'person', name: 'Grace Hopper' })),
  titleOf: (e: any) => e.name,
  message: (e: unknown) => (e instanceof Error ? e.message : String(e)),
}))

describe('QuickLog', () => {
  beforeEach(() => {
    vi.mocked(api.saveInteractionWith).mockClear()
    vi.mocked(api.saveLearningWith).mockClear()
  })

  it('logs an interaction with a person picked by typing, saved with Ctrl+Enter', async () => {
    const onclose = vi.fn()
    render(QuickLog, { onclose })
    await userEvent.type(screen.getByLabelText('What happened'), 'Talked about compilers')
    await userEvent.type(screen.getByLabelText('With people'), 'gr')
    await userEvent.click(await screen.findByRole('option', { name: /Grace Hopper/ }))
    await userEvent.click(screen.getByLabelText('I gave'))
    await userEvent.type(screen.getByLabelText('Topics'), 'compilers, teaching')
    await userEvent.keyboard('{Control>}{Enter}{/Control}')
    expect(api.saveInteractionWith).toHaveBeenCalledTimes(1)
    const sent = vi.mocked(api.saveInteractionWith).mock.calls[0][0]
    expect(sent).toMatchObject({ what: 'Talked about compilers', people: ['p1'], direction: 'gave', topics: ['compilers', 'teaching'] })
    expect(vi.mocked(api.saveInteractionWith).mock.calls[0][1]).toEqual([])
    expect(onclose).toHaveBeenCalled()
  })

  it('adds a name that matches no one as a new person, with Enter, in the same save', async () => {
    const onclose = vi.fn()
    render(QuickLog, { onclose })
    await userEvent.type(screen.getByLabelText('What happened'), 'Coffee about onboarding')
    await userEvent.type(screen.getByLabelText('With people'), 'Bo Chen')
    expect(await screen.findByRole('option', { name: /Add “Bo Chen” as a new person/ })).toBeTruthy()
    await userEvent.keyboard('{Enter}')
    // Enter added the person and did not save the form.
    expect(api.saveInteractionWith).not.toHaveBeenCalled()
    expect(screen.getByText('Bo Chen')).toBeTruthy()
    await userEvent.type(screen.getByLabelText('With people'), 'gr')
    await userEvent.click(await screen.findByRole('option', { name: /Grace Hopper/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    const [sent, news] = vi.mocked(api.saveInteractionWith).mock.calls[0]
    expect(sent).toMatchObject({ what: 'Coffee about onboarding', people: ['p1'] })
    expect(news).toEqual([{ field: 'people', name: 'Bo Chen' }])
    expect(onclose).toHaveBeenCalled()
  })

  it('refuses to save while a typed name is not chosen, and says so', async () => {
    const onclose = vi.fn()
    render(QuickLog, { onclose })
    await userEvent.type(screen.getByLabelText('What happened'), 'Coffee')
    await userEvent.type(screen.getByLabelText('With people'), 'Bo Chen')
    await userEvent.keyboard('{Control>}{Enter}{/Control}')
    expect((await screen.findByRole('alert')).textContent).toMatch(/“Bo Chen” in With is not chosen yet/)
    expect(api.saveInteractionWith).not.toHaveBeenCalled()
    expect(onclose).not.toHaveBeenCalled()
    expect((screen.getByLabelText('With people') as HTMLInputElement).value).toBe('Bo Chen')
  })

  it('says what is missing instead of saving an empty interaction', async () => {
    render(QuickLog, { onclose: vi.fn() })
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Say what happened or with whom')
    expect(api.saveInteractionWith).not.toHaveBeenCalled()
  })

  it('logs a learning on its tab', async () => {
    render(QuickLog, { onclose: vi.fn(), kind: 'learning', text: 'Spaced practice beats cramming' })
    expect(screen.getByRole('dialog', { name: 'Log a learning' })).toBeTruthy()
    await userEvent.type(screen.getByLabelText('How you used it'), 'Planned the course in spaced blocks')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(vi.mocked(api.saveLearningWith).mock.calls[0][0]).toMatchObject({ what: 'Spaced practice beats cramming', used: 'Planned the course in spaced blocks' })
  })

  it('adds new people a learning came from and was shared with', async () => {
    render(QuickLog, { onclose: vi.fn(), kind: 'learning', text: 'Retrieval practice' })
    await userEvent.type(screen.getByLabelText('Learned from'), 'Dana Ito')
    await userEvent.click(await screen.findByRole('option', { name: /Add “Dana Ito” as a new person/ }))
    await userEvent.type(screen.getByLabelText('Shared with'), 'Eve Park{Enter}')
    await screen.findByText('Eve Park')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    const [sent, news] = vi.mocked(api.saveLearningWith).mock.calls.at(-1)!
    expect(sent).toMatchObject({ from: [], shared: [] })
    expect(news).toEqual([{ field: 'from', name: 'Dana Ito' }, { field: 'shared', name: 'Eve Park' }])
  })
})

describe('QuickLog editing', () => {
  it('keeps the entry’s ID and fields, showing the names it points at', async () => {
    const entry = { id: 'i9', kind: 'interaction', date: '2026-02-01', what: 'Old words', direction: 'gave', type: 'meeting', people: [], topics: ['ethics'] }
    render(QuickLog, { onclose: vi.fn(), entry })
    expect(screen.getByRole('dialog', { name: 'Edit interaction' })).toBeTruthy()
    const what = screen.getByLabelText('What happened') as HTMLInputElement
    expect(what.value).toBe('Old words')
    await userEvent.clear(what)
    await userEvent.type(what, 'New words')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(vi.mocked(api.saveInteractionWith).mock.calls.at(-1)![0]).toMatchObject({ id: 'i9', what: 'New words', direction: 'gave', type: 'meeting', topics: ['ethics'] })
  })
})
