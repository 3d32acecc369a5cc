// The one module that talks to Go. Components import from here only, so
// tests mock this file and nothing else. In the desktop window the calls
// go through the Wails bindings; in a plain browser (the end-to-end tests,
// served by app/webbridge) the same calls go over HTTP to the same services.
import * as WailsEntities from '../../wailsjs/go/app/Entities'
import * as WailsImports from '../../wailsjs/go/app/Imports'
import * as WailsCalendar from '../../wailsjs/go/app/Calendar'
import * as WailsNurture from '../../wailsjs/go/app/Nurture'
import * as WailsDesktop from '../../wailsjs/go/app/Desktop'
import { EventsOn, ClipboardGetText, ClipboardSetText } from '../../wailsjs/runtime/runtime'
import * as WailsSync from '../../wailsjs/go/app/Sync'
import { app, importer, nurture, store } from '../../wailsjs/go/models'

export type Summary = store.Summary
export type Hit = store.Hit
export type Person = store.Person
export type Source = store.Source
export type Community = store.Community
export type Interaction = store.Interaction
export type Learning = store.Learning
export type Topic = store.Topic
export type Contact = store.Contact
export type Address = store.Address
export type Page = app.Page
export type Overview = app.Overview
export type ConflictItem = app.ConflictItem
export type PersonRow = store.PersonRow
export type PeoplePage = app.PeoplePage
export type Timeline = app.Timeline
export type TimelineItem = store.TimelineItem
export type ActivityPoint = store.ActivityPoint
export type TopicCoverage = store.TopicCoverage
export type Graph = store.Graph
export type Event = store.Event
export type AgendaItem = app.AgendaItem
export type CommunityProposal = app.CommunityProposal
export type Kind = 'person' | 'source' | 'community' | 'event' | 'interaction' | 'learning' | 'goal' | 'topic'

/** In a plain browser there are no Wails bindings: use the HTTP bridge. */
const bridged = typeof window !== 'undefined' && !(window as any).go

function viaHTTP<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_, method: string) =>
      async (...args: unknown[]) => {
        const res = await fetch(`/api/${name}/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) })
        const body = await res.text()
        if (!res.ok) throw new Error(body.trim() || res.statusText)
        return body ? JSON.parse(body) : undefined
      },
  })
}

const Entities: typeof WailsEntities = bridged ? viaHTTP('Entities') : WailsEntities
const Imports: typeof WailsImports = bridged ? viaHTTP('Imports') : WailsImports
const Calendar: typeof WailsCalendar = bridged ? viaHTTP('Calendar') : WailsCalendar
const Nurture: typeof WailsNurture = bridged ? viaHTTP('Nurture') : WailsNurture
const Desktop: typeof WailsDesktop = bridged ? viaHTTP('Desktop') : WailsDesktop
const Sync: typeof WailsSync = bridged ? viaHTTP('Sync') : WailsSync

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

export interface PeopleQuery {
  topicId?: string
  communityId?: string
  /** met on: linkedin, mastodon, twitter, bluesky, github */
  service?: string
  /** came from: a PeopleSource key (linkedin, google, typed…); a search keeps to it too */
  from?: string
  contact?: '' | 'never' | 'over' | 'within'
  days?: number
  /** a search by name instead of the filters */
  query?: string
  offset?: number
  limit?: number
}

export const overview = (): Promise<Overview> => Entities.Overview()

export const list = (kind: Kind, q: ListQuery = {}): Promise<Page> =>
  Entities.List(kind, app.ListQuery.createFrom({ offset: 0, limit: 100, newest: false, from: '', to: '', trash: false, query: '', topicId: '', ...q }))

export const filterPeople = (q: PeopleQuery): Promise<PeoplePage> =>
  Entities.FilterPeople(app.PeopleQuery.createFrom({ topicId: '', communityId: '', service: '', from: '', contact: '', days: 0, offset: 0, limit: 200, ...q }))

/** Where people came from (the kinds of import, typed in), for the Came from filter: only those someone falls under. */
export interface PeopleSource {
  key: string
  name: string
  count: number
}

export const peopleSources = (): Promise<PeopleSource[]> => Entities.PeopleSources()

export const search = (query: string, limit = 30): Promise<Hit[]> => Entities.Search(query, limit)

export const getPerson = (id: string): Promise<Person> => Entities.GetPerson(id)
export const savePerson = (p: Partial<Person>): Promise<string> => Entities.SavePerson(store.Person.createFrom({ kind: 'person', ...p }))
export const getSource = (id: string): Promise<Source> => Entities.GetSource(id)
export const saveSource = (s: Partial<Source>): Promise<string> => Entities.SaveSource(store.Source.createFrom({ kind: 'source', ...s }))
export const getCommunity = (id: string): Promise<Community> => Entities.GetCommunity(id)
export const saveCommunity = (c: Partial<Community>): Promise<string> => Entities.SaveCommunity(store.Community.createFrom({ kind: 'community', ...c }))
export const getInteraction = (id: string): Promise<Interaction> => Entities.GetInteraction(id)
export const saveInteraction = (i: Partial<Interaction>): Promise<string> => Entities.SaveInteraction(store.Interaction.createFrom({ kind: 'interaction', ...i }))
export const getLearning = (id: string): Promise<Learning> => Entities.GetLearning(id)
export const saveLearning = (l: Partial<Learning>): Promise<string> => Entities.SaveLearning(store.Learning.createFrom({ kind: 'learning', ...l }))
export const saveGoal = (g: Partial<store.Goal>): Promise<string> => Entities.SaveGoal(store.Goal.createFrom({ kind: 'goal', status: 'active', ...g }))
export const getTopic = (id: string): Promise<Topic> => Entities.GetTopic(id)

export const timeline = (id: string): Promise<Timeline> => Entities.Timeline(id)
export const activity = (months: number): Promise<ActivityPoint[]> => Entities.Activity(months)
export const coverage = (staleDays = 90): Promise<TopicCoverage[]> => Entities.TopicStats(staleDays)
export const graph = (maxPeople = 150): Promise<Graph> => Entities.Graph(maxPeople)
export const trash = (limit = 500): Promise<Summary[]> => Entities.Trash(limit)

export const remove = (id: string): Promise<void> => Entities.Delete(id)
export const undelete = (id: string): Promise<void> => Entities.Undelete(id)
export const resolve = (id: string, field: string, value: string): Promise<void> => Entities.Resolve(id, field, value)
export const conflicts = (): Promise<ConflictItem[]> => Entities.Conflicts()

// --- Nurture: Today, reminders, give and take, attendance -----------------

export type DueItem = nurture.Item
export type Digest = nurture.Digest
export type SessionItem = nurture.SessionItem
export type TodayView = app.TodayView
export type LedgerView = app.LedgerView
export type CommunityAttendance = app.CommunityAttendance
export type NurtureSettings = nurture.Settings
export type Direction = '' | 'gave' | 'received' | 'mutual'

export const today = (): Promise<TodayView> => Nurture.Today()
export const due = (limit = 0): Promise<app.DueList> => Nurture.Due(limit)
/** Snoozes reminders until a day (YYYY-MM-DD), a number of days, or '' for a week; resolves to the day. */
export const snooze = (id: string, until = ''): Promise<string> => Nurture.Snooze(id, until)
export const notNow = (id: string): Promise<string> => Nurture.NotNow(id)
export const unsnooze = (id: string): Promise<void> => Nurture.Unsnooze(id)

export const logTouch = (t: { id: string; direction?: Direction; what?: string; type?: string; date?: string; notes?: string }): Promise<string> =>
  Nurture.LogTouch(app.TouchInput.createFrom({ type: '', direction: '', what: '', date: '', notes: '', ...t }))

export const markSession = (communityId: string, date: string, attended: boolean): Promise<void> => Nurture.MarkSession(communityId, date, attended)
export const attendance = (communityId: string): Promise<CommunityAttendance> => Nurture.Attendance(communityId)
/** When each scheduled community meets, in words, by community ID. */
export const meetings = (): Promise<Record<string, string>> => Nurture.Meetings().then((m) => m ?? {})
export const ledger = (id: string): Promise<LedgerView> => Nurture.Ledger(id)

export const logLearning = (what: string): Promise<string> => Entities.SaveLearning(store.Learning.createFrom({ kind: 'learning', what }))

export const nurtureSettings = (): Promise<NurtureSettings> => Nurture.NurtureSettings()
export const setNurtureSettings = (s: NurtureSettings): Promise<void> => Nurture.SetNurtureSettings(nurture.Settings.createFrom(s))
export const getEvent = (id: string): Promise<Event> => Entities.GetEvent(id)

/** Every instance of every event between two dates (YYYY-MM-DD, both included). */
export const occurrences = (from: string, to: string): Promise<AgendaItem[]> => Calendar.Occurrences(from, to)
export const communityProposals = (): Promise<CommunityProposal[]> => Calendar.CommunityProposals()
export const acceptProposal = (key: string, name = ''): Promise<string> => Calendar.AcceptProposal(key, name)
export const dismissProposal = (key: string): Promise<void> => Calendar.DismissProposal(key)
/** Writes the chosen events and communities' schedules (all events when none) to path. */
export const exportEvents = (ids: string[], path: string): Promise<number> => Calendar.ExportEvents(ids, path)
export const subscription = (): Promise<string> => Calendar.Subscription()
export const setSubscription = (path: string): Promise<void> => Calendar.SetSubscription(path)

export const chooseFile = (title: string, patterns = ''): Promise<string> => Desktop.ChooseFile(title, patterns)
export const chooseSaveFile = (title: string, name: string): Promise<string> => Desktop.ChooseSaveFile(title, name)
export const chooseDirectory = (title: string): Promise<string> => Desktop.ChooseDirectory(title)
export const backup = (path: string): Promise<number> => Entities.Backup(path)
export const restoreBackup = (path: string): Promise<number> => Entities.RestoreBackup(path)

/** The system clipboard (the window's Edit menu uses it; WebKitGTK keeps
 * script from reading it directly). */
export const clipboard = {
  get: (): Promise<string> => (bridged ? navigator.clipboard.readText() : ClipboardGetText()),
  set: (text: string): Promise<boolean> => (bridged ? navigator.clipboard.writeText(text).then(() => true) : ClipboardSetText(text)),
}

type Listener = (payload: any) => void
const listeners = new Map<string, Set<Listener>>()
let source: EventSource | null = null

// Sync with the other computers, through a shared folder and on the
// network: one status, one list of paired devices.
export type SyncStatus = app.SyncStatus
export type LastSync = app.LastSync
export type DeviceView = app.DeviceView
export const syncStatus = (): Promise<SyncStatus> => Sync.Status()
export const setSyncFolder = (path: string): Promise<void> => Sync.SetFolder(path)
/** Syncs through the chosen folder; allowDeletes accepts a paused mass delete. */
export const syncNow = (allowDeletes = false): Promise<LastSync> => Sync.SyncNow(allowDeletes)
export const invitation = (): Promise<string> => Sync.Invite()
export const acceptInvitation = (code: string): Promise<DeviceView> => Sync.Accept(code)
export const renameDevice = (ref: string, name: string): Promise<void> => Sync.RenameDevice(ref, name)
export const revokeDevice = (ref: string): Promise<DeviceView> => Sync.RevokeDevice(ref)
export const setDirectServe = (on: boolean): Promise<SyncStatus> => Sync.SetServe(on)
export const showPairingCode = (): Promise<SyncStatus> => Sync.ShowCode()
export const cancelPairingCode = (): Promise<SyncStatus> => Sync.CancelCode()
export const pairWith = (code: string, addr: string): Promise<DeviceView> => Sync.Pair(code, addr)
/** Syncs with one computer on the network now. */
export const syncDirectNow = (device: string): Promise<void> => Sync.SyncDevice(device)

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
export const importPatterns = '*.vcf;*.vcard;*.ics;*.ical;*.ifb;*.csv;*.opml;*.xml;*.js;*.txt'
export const chooseFiles = (title: string, patterns = importPatterns): Promise<string[]> =>
  Desktop.ChooseFiles(title, patterns).then((p) => p ?? [])
/** What the labels and lists of a network export become. */
export type GroupsAs = 'topics' | 'communities'
/** Imports files (any registered format), or with dryRun only says what would happen. */
export const importFiles = (paths: string[], dryRun: boolean, groupsAs: GroupsAs = 'topics'): Promise<ImportReport[]> =>
  Imports.ImportAs(paths, dryRun, groupsAs)
/** Stops the import under way; what was written stays, to undo. */
export const cancelImport = (): Promise<void> => Imports.CancelImport()
/** Imports whom a Bluesky account follows, asked online; offline it says so and changes nothing. */
export const importBlueskyFollows = (handle: string, dryRun: boolean): Promise<ImportReport> => Imports.ImportBlueskyFollows(handle, dryRun)
/** A CSV file's columns, their remembered mapping, and whether the column step must come first. */
export type CSVLayout = app.CSVLayout
export const csvColumns = (path: string): Promise<CSVLayout> => Imports.CSVColumns(path)
/** Remembers what each column of a CSV layout is (column → field, '' to leave it out). */
export const mapCSV = (path: string, columns: Record<string, string>): Promise<void> => Imports.MapCSV(path, columns)
export const undoImport = (batch: string): Promise<Batch> => Imports.UndoImport(batch)
export const imports = (): Promise<Batch[]> => Imports.Imports()
/** Adds a card an import held back as a likely duplicate; resolves to the new person's ID. */
export const addHeldBack = (path: string, line: number): Promise<string> => Imports.AddHeldBack(path, line)
export const duplicates = (): Promise<DuplicatePair[]> => Imports.Duplicates()
export const mergePeople = (keep: string, other: string): Promise<string> => Imports.MergePeople(keep, other)
export const dismissDuplicate = (a: string, b: string): Promise<void> => Imports.DismissDuplicate(a, b)
/** Where each value of a person came from: an import (with its date and file) or typed in. */
export type ValueOrigin = app.ValueOrigin
export type From = app.From
export const origins = (id: string): Promise<ValueOrigin[]> => Imports.Origins(id).then((o) => o ?? [])

/** Subscribes to a Go event; returns the unsubscribe function. */
export function on<T = unknown>(name: string, cb: (payload: T) => void): () => void {
  if ((window as any).runtime) return EventsOn(name, cb)
  if (!bridged || typeof EventSource === 'undefined') return () => {}
  // The bridge streams the same events as server-sent events.
  if (!source) {
    source = new EventSource('/api/events')
    source.onmessage = (m) => {
      const { name, payload } = JSON.parse(m.data)
      listeners.get(name)?.forEach((l) => l(payload))
    }
  }
  const set = listeners.get(name) ?? new Set()
  listeners.set(name, set)
  set.add(cb)
  return () => set.delete(cb)
}

/** Turns a rejected call into words for people. */
export function message(err: unknown): string {
  const s = typeof err === 'string' ? err : err instanceof Error ? err.message : String(err)
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Any entity by ID (its title is name, title or what). */
export const show = (id: string): Promise<Record<string, any>> => Entities.Show(id) as Promise<Record<string, any>>
export const titleOf = (e: Record<string, any>): string => e.name || e.title || e.what || e.type || e.id

// Feeds and calendar subscriptions (Go: app.Feeds): What's new, what was
// done with each post, and following feeds and calendars.
import * as WailsFeeds from '../../wailsjs/go/app/Feeds'
import { BrowserOpenURL } from '../../wailsjs/runtime/runtime'
import { feeds, subscriptions } from '../../wailsjs/go/models'

export type NewsItem = feeds.NewsItem
export type News = feeds.News
export type FeedStatus = feeds.FeedStatus
export type FeedCandidate = feeds.Candidate
export type CalendarSubscription = subscriptions.Status
export type Refreshed = app.Refreshed
export type Subscribed = app.Subscribed

const Feeds: typeof WailsFeeds = bridged ? viaHTTP('Feeds') : WailsFeeds
export type NewsCounts = Pick<News, 'matches' | 'unread'>
export type NewsQuery = { unread?: boolean; topic?: string; person?: string; source?: string; saved?: boolean; before?: string; limit?: number }
/** What's new, newest first, and counted: unread only, by topic (a name), by person or source (an ID); `before` pages on. */
export const news = (q: NewsQuery): Promise<News> => Feeds.News(feeds.NewsQuery.createFrom(q))
/** The newest posts of What's new and nothing else (no counts): quick, for a first paint. */
export const latestNews = (q: NewsQuery): Promise<NewsItem[]> => Feeds.LatestNews(feeds.NewsQuery.createFrom(q)).then((i) => i ?? [])
/** A post whole (its sanitised text and its images' addresses); opening marks it read. */
export const openPost = (source: string, key: string): Promise<NewsItem> => Feeds.OpenPost(source, key)
export const markRead = (source: string, keys: string[], read: boolean): Promise<void> => Feeds.MarkRead(source, keys, read)
export const savePost = (source: string, key: string, saved: boolean): Promise<void> => Feeds.SavePost(source, key, saved)
/** "I learned from this": a learning from the source and its author with the post's address; resolves to its ID. */
export const learnedFrom = (source: string, key: string, what: string): Promise<string> => Feeds.LearnedFrom(source, key, what)
/** Fetches every feed and calendar now (due: only those whose time has come). */
export const refreshFeeds = (due = false): Promise<Refreshed> => Feeds.Refresh(due)
export const feedStatuses = (): Promise<FeedStatus[]> => Feeds.FeedStatuses().then((f) => f ?? [])
export const calendarSubscriptions = (): Promise<CalendarSubscription[]> => Feeds.Subscriptions().then((s) => s ?? [])
/** Follows a calendar, a feed, or a page's feed (several are given back to choose from). */
export const subscribe = (url: string, name = '', person = ''): Promise<Subscribed> => Feeds.Subscribe(url, name, person)
export const unsubscribe = (urlOrId: string): Promise<string> => Feeds.Unsubscribe(urlOrId)
export const discoverFeeds = (url: string): Promise<FeedCandidate[]> => Feeds.DiscoverFeeds(url).then((c) => c ?? [])
export const followFeed = (c: FeedCandidate, person = ''): Promise<string> => Feeds.FollowFeed(c, person)
/** Gives an existing source a feed found from its web address, and fetches it. */
export const useFeed = (source: string, c: FeedCandidate): Promise<FeedStatus> => Feeds.UseFeed(source, feeds.Candidate.createFrom(c))
/** Opens an address in the person's browser. */
export function openInBrowser(url: string): void {
  if ((window as any).runtime) BrowserOpenURL(url)
  else window.open(url, '_blank', 'noopener')
}

/** A name typed into a picker that matches no one, added as a person in the same save. */
export type NewPerson = { field: string; name: string }
const newPeople = (news: NewPerson[]) => news.map((n) => app.NewPerson.createFrom(n))
export const saveInteractionWith = (i: Partial<Interaction>, news: NewPerson[]): Promise<string> =>
  Entities.SaveInteractionWith(store.Interaction.createFrom({ kind: 'interaction', ...i }), newPeople(news))
export const saveLearningWith = (l: Partial<Learning>, news: NewPerson[]): Promise<string> =>
  Entities.SaveLearningWith(store.Learning.createFrom({ kind: 'learning', ...l }), newPeople(news))
export const saveCommunityWith = (c: Partial<Community>, news: NewPerson[]): Promise<string> =>
  Entities.SaveCommunityWith(store.Community.createFrom({ kind: 'community', ...c }), newPeople(news))
export const saveSourceWith = (s: Partial<Source>, news: NewPerson[]): Promise<string> =>
  Entities.SaveSourceWith(store.Source.createFrom({ kind: 'source', ...s }), newPeople(news))

/** Takes a community's mark off a day: the session is unmarked again. */
export const unmarkSession = (communityId: string, date: string): Promise<void> => Nurture.UnmarkSession(communityId, date)
/** Tracks a proposed series as a community; since (YYYY-MM-DD or ''): member since. */
export const acceptProposalSince = (key: string, name: string, since: string): Promise<string> => Calendar.AcceptProposalSince(key, name, since)

/** A card an import held back because it looks like someone stored. */
export type HeldBack = app.HeldBack
export const heldBack = (): Promise<HeldBack[]> => Imports.HeldBack()
/** Adds a held-back card as a new person; resolves to their ID. */
export const addHeldBackAsNew = (id: string): Promise<string> => Imports.AddHeldBackAsNew(id)
/** Merges a held-back card into a person (their values kept, the card's added). */
export const mergeHeldBack = (id: string, into: string): Promise<string> => Imports.MergeHeldBack(id, into)
/** Leaves a held-back card out: it is taken off the list, nobody is added. */
export const dismissHeldBack = (id: string): Promise<void> => Imports.DismissHeldBack(id)

/** An account an export names only by number (X): waits to be named, linked to someone, or dropped. */
export type UnnamedAccount = app.UnnamedAccount
export const unnamedAccounts = (): Promise<UnnamedAccount[]> => Imports.UnnamedAccounts().then((a) => a ?? [])
/** Makes the account a new person of that name; resolves to their ID. */
export const nameAccount = (key: string, name: string): Promise<string> => Imports.NameAccount(key, name)
/** Adds the account to someone's profiles; resolves to their ID. */
export const linkAccount = (key: string, person: string): Promise<string> => Imports.LinkAccount(key, person)
/** Drops the account for good: importing the archive again leaves it out. */
export const dropAccount = (key: string): Promise<void> => Imports.DropAccount(key)
// Team spaces (Go: app.Spaces): spaces, invitations, members, sharing,
// learning together and Today's team digest.
import * as WailsSpaces from '../../wailsjs/go/app/Spaces'

export type SpaceView = app.SpaceView
export type SpaceMember = app.MemberView
export type SpaceStatus = app.SpaceStatus
export type SpaceBadge = app.SpaceBadge
export type SpaceInvitation = app.SpaceInvitation
export type ItemSharing = app.ItemSharing
export type Together = app.Together

const Spaces: typeof WailsSpaces = bridged ? viaHTTP('Spaces') : WailsSpaces
export const spaces = (): Promise<SpaceView[]> => Spaces.List().then((l) => l ?? [])
/** Creates a space on a server ('' for the one on this computer) with an optional credentials file. */
export const createSpace = (name: string, server = '', creds = ''): Promise<SpaceView> => Spaces.Create(name, server, creds)
/** A one-time invitation: a code to paste and the text of a file to send. */
export const inviteToSpace = (space: string): Promise<SpaceInvitation> => Spaces.Invite(space)
/** Writes an invitation's file text to path (from the save dialog). */
export const saveInvitation = (path: string, text: string): Promise<void> => Spaces.SaveInvitation(path, text)
/** Joins with an invitation's code or file text. */
export const joinSpace = (code: string, creds = ''): Promise<SpaceView> => Spaces.Join(code, creds)
/** Joins with an invitation file (from the open dialog). */
export const joinSpaceFile = (path: string, creds = ''): Promise<SpaceView> => Spaces.JoinFile(path, creds)
/** Takes a member out of a space; resolves to who was removed. */
export const removeMember = (space: string, member: string): Promise<SpaceMember> => Spaces.Remove(space, member)
export const leaveSpace = (space: string): Promise<void> => Spaces.Leave(space)
export const syncSpace = (space: string): Promise<SpaceView> => Spaces.Sync(space)
export const shareInto = (space: string, ids: string[]): Promise<number> => Spaces.Share(space, ids)
/** Shares a topic and everything about it but people; resolves to how many items were new there. */
export const shareTopic = (space: string, topic: string): Promise<number> => Spaces.ShareTopic(space, topic)
export const unshare = (space: string, ids: string[]): Promise<number> => Spaces.Unshare(space, ids)
export const sharing = (id: string): Promise<ItemSharing> => Spaces.Sharing(id)
/** The spaces of every shared item, by its ID. */
export const spaceBadges = (): Promise<Record<string, SpaceBadge[]>> => Spaces.Badges().then((b) => b ?? {})
/** What is shared in a space. */
export const sharedItems = (space: string): Promise<Summary[]> => Spaces.Items(space).then((l) => l ?? [])
export const together = (space: string): Promise<Together> => Spaces.Together(space)
export const teamDigest = (): Promise<string[]> => Spaces.TeamDigest().then((l) => l ?? [])
/** Says you plan to go to a shared community's session (YYYY-MM-DD); the members see it. */
export const planToGo = (community: string, date: string): Promise<void> => Spaces.PlanToGo(community, date)
