// The one module that talks to Go. Components import from here only, so
// tests mock this file and nothing else.
import * as Services from '../../wailsjs/go/app/Services'
import * as Desktop from '../../wailsjs/go/app/Desktop'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { app, store } from '../../wailsjs/go/models'

export type Summary = store.Summary
export type Hit = store.Hit
export type Person = store.Person
export type Contact = store.Contact
export type Address = store.Address
export type Page = app.Page
export type Overview = app.Overview
export type ConflictItem = app.ConflictItem
export type Event = store.Event
export type AgendaItem = app.AgendaItem
export type CommunityProposal = app.CommunityProposal
export type Kind = 'person' | 'source' | 'community' | 'event' | 'interaction' | 'learning' | 'goal' | 'topic'

export interface ListQuery {
  offset?: number
  limit?: number
  newest?: boolean
  from?: string
  to?: string
  trash?: boolean
  query?: string
  topicId?: string
}

export const overview = (): Promise<Overview> => Services.Overview()

export const list = (kind: Kind, q: ListQuery = {}): Promise<Page> =>
  Services.List(kind, app.ListQuery.createFrom({ offset: 0, limit: 100, newest: false, from: '', to: '', trash: false, query: '', topicId: '', ...q }))

export const search = (query: string, limit = 30): Promise<Hit[]> => Services.Search(query, limit)

export const getPerson = (id: string): Promise<Person> => Services.GetPerson(id)

export const savePerson = (p: Partial<Person>): Promise<string> =>
  Services.SavePerson(store.Person.createFrom({ kind: 'person', ...p }))

export const remove = (id: string): Promise<void> => Services.Delete(id)
export const undelete = (id: string): Promise<void> => Services.Undelete(id)
export const resolve = (id: string, field: string, value: string): Promise<void> => Services.Resolve(id, field, value)
export const conflicts = (): Promise<ConflictItem[]> => Services.Conflicts()

export const getEvent = (id: string): Promise<Event> => Services.GetEvent(id)

/** Every instance of every event between two dates (YYYY-MM-DD, both included). */
export const occurrences = (from: string, to: string): Promise<AgendaItem[]> => Services.Occurrences(from, to)
export const communityProposals = (): Promise<CommunityProposal[]> => Services.CommunityProposals()
export const acceptProposal = (key: string, name = ''): Promise<string> => Services.AcceptProposal(key, name)
export const dismissProposal = (key: string): Promise<void> => Services.DismissProposal(key)
/** Writes the chosen events and communities' schedules (all events when none) to path. */
export const exportEvents = (ids: string[], path: string): Promise<number> => Services.ExportEvents(ids, path)
export const subscription = (): Promise<string> => Services.Subscription()
export const setSubscription = (path: string): Promise<void> => Services.SetSubscription(path)

export const chooseFile = (title: string, patterns = ''): Promise<string> => Desktop.ChooseFile(title, patterns)
export const chooseSaveFile = (title: string, name: string): Promise<string> => Desktop.ChooseSaveFile(title, name)
export const backup = (path: string): Promise<number> => Services.Backup(path)

/** Subscribes to a Go event; returns the unsubscribe function. */
export function on<T = unknown>(name: string, cb: (payload: T) => void): () => void {
  if (!(window as any).runtime) return () => {}
  return EventsOn(name, cb)
}

/** Turns a rejected call into words for people. */
export function message(err: unknown): string {
  const s = typeof err === 'string' ? err : err instanceof Error ? err.message : String(err)
  return s.charAt(0).toUpperCase() + s.slice(1)
}
