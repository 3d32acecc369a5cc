// The one module that talks to Go. Components import from here only, so
// tests mock this file and nothing else.
import * as Services from '../../wailsjs/go/app/Services'
import * as Desktop from '../../wailsjs/go/app/Desktop'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { app, nurture, store, importer } from '../../wailsjs/go/models'

export type Summary = store.Summary
export type Hit = store.Hit
export type Person = store.Person
export type Contact = store.Contact
export type Address = store.Address
export type Page = app.Page
export type Overview = app.Overview
export type ConflictItem = app.ConflictItem
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

// --- Nurture: Today, reminders, give and take, attendance -----------------

export type DueItem = nurture.Item
export type Digest = nurture.Digest
export type SessionItem = nurture.SessionItem
export type TodayView = app.TodayView
export type LedgerView = app.LedgerView
export type CommunityAttendance = app.CommunityAttendance
export type NurtureSettings = app.NurtureSettings
export type Direction = '' | 'gave' | 'received' | 'mutual'

export const today = (): Promise<TodayView> => Services.Today()
export const due = (limit = 0): Promise<app.DueList> => Services.Due(limit)
/** Snoozes reminders until a day (YYYY-MM-DD), a number of days, or '' for a week; resolves to the day. */
export const snooze = (id: string, until = ''): Promise<string> => Services.Snooze(id, until)
export const notNow = (id: string): Promise<string> => Services.NotNow(id)
export const unsnooze = (id: string): Promise<void> => Services.Unsnooze(id)

export const logTouch = (t: { id: string; direction?: Direction; what?: string; type?: string; date?: string; notes?: string }): Promise<string> =>
  Services.LogTouch(app.TouchInput.createFrom({ type: '', direction: '', what: '', date: '', notes: '', ...t }))

export const markSession = (communityId: string, date: string, attended: boolean): Promise<void> => Services.MarkSession(communityId, date, attended)
export const attendance = (communityId: string): Promise<CommunityAttendance> => Services.Attendance(communityId)
export const ledger = (id: string): Promise<LedgerView> => Services.Ledger(id)

export const logLearning = (what: string): Promise<string> => Services.SaveLearning(store.Learning.createFrom({ kind: 'learning', what }))

export const nurtureSettings = (): Promise<NurtureSettings> => Services.NurtureSettings()
export const setNurtureSettings = (s: NurtureSettings): Promise<void> => Services.SetNurtureSettings(app.NurtureSettings.createFrom(s))

export const chooseFile = (title: string, patterns = ''): Promise<string> => Desktop.ChooseFile(title, patterns)
export const chooseSaveFile = (title: string, name: string): Promise<string> => Desktop.ChooseSaveFile(title, name)
export const backup = (path: string): Promise<number> => Services.Backup(path)

export type ImportReport = importer.Report
export type ImportRecord = importer.Record
export type Batch = store.Batch
export type DuplicatePair = app.DuplicatePair
/** The payload of every progress event (import:progress and the like). */
export interface Progress {
  id: string
  kind: string
  done: number
  total: number
  error?: string
}

/** Files the window can import, for the open dialog. */
export const importPatterns = '*.vcf;*.vcard;*.ics;*.ical;*.ifb'
export const chooseFiles = (title: string, patterns = importPatterns): Promise<string[]> =>
  Desktop.ChooseFiles(title, patterns).then((p) => p ?? [])
/** Imports files (any registered format), or with dryRun only says what would happen. */
export const importFiles = (paths: string[], dryRun: boolean): Promise<ImportReport[]> => Services.Import(paths, dryRun)
export const undoImport = (batch: string): Promise<Batch> => Services.UndoImport(batch)
export const imports = (): Promise<Batch[]> => Services.Imports()
/** Adds a card an import held back as a likely duplicate; resolves to the new person's ID. */
export const addHeldBack = (path: string, line: number): Promise<string> => Services.AddHeldBack(path, line)
export const duplicates = (): Promise<DuplicatePair[]> => Services.Duplicates()
export const mergePeople = (keep: string, other: string): Promise<string> => Services.MergePeople(keep, other)
export const dismissDuplicate = (a: string, b: string): Promise<void> => Services.DismissDuplicate(a, b)

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
