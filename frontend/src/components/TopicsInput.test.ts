import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import NewGoal from './NewGoal.svelte'
import { typedTopic, withTopic } from './TopicsInput.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  search: vi.fn(async (q: string) =>
    'onboarding'.startsWith(q.toLowerCase()) ? [{ id: 't1', kind: 'topic', title: 'onboarding' }, { id: 'p1', kind: 'person', title: 'Onboarding Team' }] : [],
  ),
  saveGoal: vi.fn(async () => 'g1'),
  message: (e: unknown) => String(e),
}))

describe('topics as they are typed', () => {
  it('take the last, half-typed one and replace it with the one chosen', () => {
    expect(typedTopic('memory, onbo')).toBe('onbo')
    expect(withTopic('memory, onbo', 'onboarding')).toBe('memory, onboarding, ')
    expect(withTopic('onb', 'onboarding')).toBe('onboarding, ')
  })

  // A week of use: a goal's topics typed as "onboard" and Enter saved the
  // goal on a new topic "onboard" that nothing logged was on ("0 of 1
  // topics started"), beside the "onboarding" already there.
  it('offer the topics already there, and Enter takes one instead of saving the goal', async () => {
    const user = userEvent.setup()
    const onsaved = vi.fn()
    render(NewGoal, { onsaved, oncancel: vi.fn() })
    await user.type(screen.getByRole('textbox', { name: 'Goal' }), 'Design onboarding')
    await user.type(screen.getByRole('textbox', { name: 'Topics' }), 'onboard')
    const option = await screen.findByRole('option', { name: 'onboarding' })
    expect(screen.queryByRole('option', { name: 'Onboarding Team' })).toBeNull()
    expect(option).toBeTruthy()
    await user.keyboard('{Enter}')
    expect(api.saveGoal).not.toHaveBeenCalled()
    expect((screen.getByRole('textbox', { name: 'Topics' }) as HTMLInputElement).value).toBe('onboarding, ')
    await user.click(screen.getByRole('button', { name: 'Add goal' }))
    expect(api.saveGoal).toHaveBeenCalledWith({ title: 'Design onboarding', topics: ['onboarding'] })
  })
})
