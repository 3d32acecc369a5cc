export namespace app {
	
	export class AgendaItem {
	    // Go type: time
	    start: any;
	    // Go type: time
	    end: any;
	    allDay?: boolean;
	    tz?: string;
	    eventId: string;
	    seriesId: string;
	    recurring: boolean;
	    override?: boolean;
	    title: string;
	    location?: string;
	    status?: string;
	    community?: string;
	    cut?: boolean;
	    seriesUid: string;
	    schedule?: string;
	    communityName?: string;
	
	    static createFrom(source: any = {}) {
	        return new AgendaItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.start = this.convertValues(source["start"], null);
	        this.end = this.convertValues(source["end"], null);
	        this.allDay = source["allDay"];
	        this.tz = source["tz"];
	        this.eventId = source["eventId"];
	        this.seriesId = source["seriesId"];
	        this.recurring = source["recurring"];
	        this.override = source["override"];
	        this.title = source["title"];
	        this.location = source["location"];
	        this.status = source["status"];
	        this.community = source["community"];
	        this.cut = source["cut"];
	        this.seriesUid = source["seriesUid"];
	        this.schedule = source["schedule"];
	        this.communityName = source["communityName"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CSVLayout {
	    columns: string[];
	    mapping: Record<string, string>;
	    fields: string[];
	    needed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new CSVLayout(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.columns = source["columns"];
	        this.mapping = source["mapping"];
	        this.fields = source["fields"];
	        this.needed = source["needed"];
	    }
	}
	export class CommunityAttendance {
	    id: string;
	    name: string;
	    scheduled: boolean;
	    since: string;
	    sinceSaid: boolean;
	    meets: string;
	    attendance: nurture.Attendance;
	
	    static createFrom(source: any = {}) {
	        return new CommunityAttendance(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.scheduled = source["scheduled"];
	        this.since = source["since"];
	        this.sinceSaid = source["sinceSaid"];
	        this.meets = source["meets"];
	        this.attendance = this.convertValues(source["attendance"], nurture.Attendance);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CommunityProposal {
	    key: string;
	    name: string;
	    hashtag?: string;
	    schedule: string;
	    seriesId?: string;
	    eventIds: string[];
	    sessions: number;
	    next?: string;
	
	    static createFrom(source: any = {}) {
	        return new CommunityProposal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.name = source["name"];
	        this.hashtag = source["hashtag"];
	        this.schedule = source["schedule"];
	        this.seriesId = source["seriesId"];
	        this.eventIds = source["eventIds"];
	        this.sessions = source["sessions"];
	        this.next = source["next"];
	    }
	}
	export class ConflictItem {
	    id: string;
	    kind: string;
	    title: string;
	    subtitle?: string;
	    date?: string;
	    conflict?: boolean;
	    fields: store.Conflict[];
	
	    static createFrom(source: any = {}) {
	        return new ConflictItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.subtitle = source["subtitle"];
	        this.date = source["date"];
	        this.conflict = source["conflict"];
	        this.fields = this.convertValues(source["fields"], store.Conflict);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DeviceView {
	    id: string;
	    short: string;
	    name: string;
	    paired: string;
	    lastSeen?: string;
	    how?: string;
	    revoked?: string;
	    behind: number;
	    state: string;
	    addr?: string;
	    error?: string;
	    done: number;
	    total: number;
	    sent: number;
	    received: number;
	
	    static createFrom(source: any = {}) {
	        return new DeviceView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.short = source["short"];
	        this.name = source["name"];
	        this.paired = source["paired"];
	        this.lastSeen = source["lastSeen"];
	        this.how = source["how"];
	        this.revoked = source["revoked"];
	        this.behind = source["behind"];
	        this.state = source["state"];
	        this.addr = source["addr"];
	        this.error = source["error"];
	        this.done = source["done"];
	        this.total = source["total"];
	        this.sent = source["sent"];
	        this.received = source["received"];
	    }
	}
	export class DueList {
	    items: nurture.Item[];
	    total: number;
	    problems: string[];
	    kept: number;
	
	    static createFrom(source: any = {}) {
	        return new DueList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], nurture.Item);
	        this.total = source["total"];
	        this.problems = source["problems"];
	        this.kept = source["kept"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DuplicatePair {
	    a: store.Summary;
	    b: store.Summary;
	    by: string;
	    value: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new DuplicatePair(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.a = this.convertValues(source["a"], store.Summary);
	        this.b = this.convertValues(source["b"], store.Summary);
	        this.by = source["by"];
	        this.value = source["value"];
	        this.reason = source["reason"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FieldEdit {
	    field: string;
	    op: string;
	    value: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldEdit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.op = source["op"];
	        this.value = source["value"];
	    }
	}
	export class From {
	    name: string;
	    date?: string;
	    file?: string;
	
	    static createFrom(source: any = {}) {
	        return new From(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.date = source["date"];
	        this.file = source["file"];
	    }
	}
	export class HeldBack {
	    id: string;
	    batch: string;
	    file: string;
	    line: number;
	    imported: string;
	    reason: string;
	    like: store.Summary;
	    card: store.Person;
	
	    static createFrom(source: any = {}) {
	        return new HeldBack(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.batch = source["batch"];
	        this.file = source["file"];
	        this.line = source["line"];
	        this.imported = source["imported"];
	        this.reason = source["reason"];
	        this.like = this.convertValues(source["like"], store.Summary);
	        this.card = this.convertValues(source["card"], store.Person);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class InterruptedImport {
	    batch: string;
	    file: string;
	    done: number;
	    total: number;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new InterruptedImport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.batch = source["batch"];
	        this.file = source["file"];
	        this.done = source["done"];
	        this.total = source["total"];
	        this.message = source["message"];
	    }
	}
	export class SpaceBadge {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new SpaceBadge(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class ItemSharing {
	    shareable: boolean;
	    spaces: SpaceBadge[];
	    private: string[];
	
	    static createFrom(source: any = {}) {
	        return new ItemSharing(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.shareable = source["shareable"];
	        this.spaces = this.convertValues(source["spaces"], SpaceBadge);
	        this.private = source["private"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LastSync {
	    time: string;
	    folder: string;
	    received: number;
	    sent: number;
	    kinds?: Record<string, number>;
	    incoming?: store.Summary[];
	    problems?: string[];
	    waiting?: number;
	    error?: string;
	    paused?: sync.MassDeleteError;
	
	    static createFrom(source: any = {}) {
	        return new LastSync(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.time = source["time"];
	        this.folder = source["folder"];
	        this.received = source["received"];
	        this.sent = source["sent"];
	        this.kinds = source["kinds"];
	        this.incoming = this.convertValues(source["incoming"], store.Summary);
	        this.problems = source["problems"];
	        this.waiting = source["waiting"];
	        this.error = source["error"];
	        this.paused = this.convertValues(source["paused"], sync.MassDeleteError);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LedgerEntry {
	    id: string;
	    date: string;
	    direction: string;
	    type?: string;
	    what?: string;
	
	    static createFrom(source: any = {}) {
	        return new LedgerEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.date = source["date"];
	        this.direction = source["direction"];
	        this.type = source["type"];
	        this.what = source["what"];
	    }
	}
	export class LedgerView {
	    id: string;
	    name: string;
	    kind: string;
	    gave: number;
	    received: number;
	    mutual: number;
	    net: number;
	    words: string;
	    nudge?: string;
	    entries: LedgerEntry[];
	
	    static createFrom(source: any = {}) {
	        return new LedgerView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.gave = source["gave"];
	        this.received = source["received"];
	        this.mutual = source["mutual"];
	        this.net = source["net"];
	        this.words = source["words"];
	        this.nudge = source["nudge"];
	        this.entries = this.convertValues(source["entries"], LedgerEntry);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ListQuery {
	    offset: number;
	    limit: number;
	    newest: boolean;
	    from: string;
	    to: string;
	    trash: boolean;
	    query: string;
	    topicId: string;
	
	    static createFrom(source: any = {}) {
	        return new ListQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	        this.newest = source["newest"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.trash = source["trash"];
	        this.query = source["query"];
	        this.topicId = source["topicId"];
	    }
	}
	export class MemberView {
	    id: string;
	    name: string;
	    joined: string;
	    you?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new MemberView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.joined = source["joined"];
	        this.you = source["you"];
	    }
	}
	export class NewPerson {
	    field: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new NewPerson(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.name = source["name"];
	    }
	}
	export class Overview {
	    dataDir: string;
	    device: string;
	    counts: Record<string, number>;
	    interrupted?: InterruptedImport[];
	    readOnly?: string;
	
	    static createFrom(source: any = {}) {
	        return new Overview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dataDir = source["dataDir"];
	        this.device = source["device"];
	        this.counts = source["counts"];
	        this.interrupted = this.convertValues(source["interrupted"], InterruptedImport);
	        this.readOnly = source["readOnly"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Page {
	    total: number;
	    items: store.Summary[];
	
	    static createFrom(source: any = {}) {
	        return new Page(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.items = this.convertValues(source["items"], store.Summary);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PeoplePage {
	    total: number;
	    items: store.PersonRow[];
	
	    static createFrom(source: any = {}) {
	        return new PeoplePage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.items = this.convertValues(source["items"], store.PersonRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PeopleQuery {
	    topicId: string;
	    communityId: string;
	    service: string;
	    from?: string;
	    query?: string;
	    contact: string;
	    days: number;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new PeopleQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.topicId = source["topicId"];
	        this.communityId = source["communityId"];
	        this.service = source["service"];
	        this.from = source["from"];
	        this.query = source["query"];
	        this.contact = source["contact"];
	        this.days = source["days"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	export class PeopleSource {
	    key: string;
	    name: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new PeopleSource(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.name = source["name"];
	        this.count = source["count"];
	    }
	}
	export class Refreshed {
	    feeds: feeds.FeedStatus[];
	    calendars: subscriptions.Status[];
	    new: number;
	    changed: number;
	    problems: number;
	
	    static createFrom(source: any = {}) {
	        return new Refreshed(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.feeds = this.convertValues(source["feeds"], feeds.FeedStatus);
	        this.calendars = this.convertValues(source["calendars"], subscriptions.Status);
	        this.new = source["new"];
	        this.changed = source["changed"];
	        this.problems = source["problems"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class SpaceInvitation {
	    code: string;
	    file: string;
	
	    static createFrom(source: any = {}) {
	        return new SpaceInvitation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.file = source["file"];
	    }
	}
	export class SpaceStatus {
	    id: string;
	    name: string;
	    server: string;
	    members: number;
	    connected: boolean;
	    behind: number;
	    unsent: number;
	    // Go type: time
	    lastExchange: any;
	    gone?: boolean;
	    problem?: string;
	    words: string;
	
	    static createFrom(source: any = {}) {
	        return new SpaceStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.server = source["server"];
	        this.members = source["members"];
	        this.connected = source["connected"];
	        this.behind = source["behind"];
	        this.unsent = source["unsent"];
	        this.lastExchange = this.convertValues(source["lastExchange"], null);
	        this.gone = source["gone"];
	        this.problem = source["problem"];
	        this.words = source["words"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SpaceView {
	    id: string;
	    name: string;
	    server: string;
	    members: MemberView[];
	    status: SpaceStatus;
	    shared: number;
	
	    static createFrom(source: any = {}) {
	        return new SpaceView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.server = source["server"];
	        this.members = this.convertValues(source["members"], MemberView);
	        this.status = this.convertValues(source["status"], SpaceStatus);
	        this.shared = source["shared"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Subscribed {
	    calendar?: subscriptions.Status;
	    source?: string;
	    feed?: feeds.Candidate;
	    candidates?: feeds.Candidate[];
	
	    static createFrom(source: any = {}) {
	        return new Subscribed(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.calendar = this.convertValues(source["calendar"], subscriptions.Status);
	        this.source = source["source"];
	        this.feed = this.convertValues(source["feed"], feeds.Candidate);
	        this.candidates = this.convertValues(source["candidates"], feeds.Candidate);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SyncStatus {
	    name: string;
	    id: string;
	    display: string;
	    folder: string;
	    running: boolean;
	    last?: LastSync;
	    incoming?: store.Summary[];
	    incomingAt?: string;
	    devices: DeviceView[];
	    conflicts: number;
	    changes: number;
	    serving: boolean;
	    addrs: string[];
	    networkError?: string;
	    code: string;
	    codeExpires?: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.id = source["id"];
	        this.display = source["display"];
	        this.folder = source["folder"];
	        this.running = source["running"];
	        this.last = this.convertValues(source["last"], LastSync);
	        this.incoming = this.convertValues(source["incoming"], store.Summary);
	        this.incomingAt = source["incomingAt"];
	        this.devices = this.convertValues(source["devices"], DeviceView);
	        this.conflicts = source["conflicts"];
	        this.changes = source["changes"];
	        this.serving = source["serving"];
	        this.addrs = source["addrs"];
	        this.networkError = source["networkError"];
	        this.code = source["code"];
	        this.codeExpires = source["codeExpires"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TeamLearning {
	    id: string;
	    what: string;
	    date: string;
	    by: string;
	
	    static createFrom(source: any = {}) {
	        return new TeamLearning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.what = source["what"];
	        this.date = source["date"];
	        this.by = source["by"];
	    }
	}
	export class TeamSession {
	    communityId: string;
	    community: string;
	    date: string;
	    going: string[];
	
	    static createFrom(source: any = {}) {
	        return new TeamSession(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.communityId = source["communityId"];
	        this.community = source["community"];
	        this.date = source["date"];
	        this.going = source["going"];
	    }
	}
	export class TeamSource {
	    id: string;
	    name: string;
	    learnings: number;
	    members: string[];
	
	    static createFrom(source: any = {}) {
	        return new TeamSource(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.learnings = source["learnings"];
	        this.members = source["members"];
	    }
	}
	export class TeamTopic {
	    id: string;
	    name: string;
	    member: string;
	
	    static createFrom(source: any = {}) {
	        return new TeamTopic(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.member = source["member"];
	    }
	}
	export class Timeline {
	    items: store.TimelineItem[];
	    touches: store.Touches;
	
	    static createFrom(source: any = {}) {
	        return new Timeline(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], store.TimelineItem);
	        this.touches = this.convertValues(source["touches"], store.Touches);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TodayView {
	    digest: nurture.Digest;
	    due: DueList;
	    recent: store.Summary[];
	    goals: nurture.GoalProgress[];
	
	    static createFrom(source: any = {}) {
	        return new TodayView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.digest = this.convertValues(source["digest"], nurture.Digest);
	        this.due = this.convertValues(source["due"], DueList);
	        this.recent = this.convertValues(source["recent"], store.Summary);
	        this.goals = this.convertValues(source["goals"], nurture.GoalProgress);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Together {
	    learned: TeamLearning[];
	    sources: TeamSource[];
	    soleTopics: TeamTopic[];
	    sessions: TeamSession[];
	
	    static createFrom(source: any = {}) {
	        return new Together(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.learned = this.convertValues(source["learned"], TeamLearning);
	        this.sources = this.convertValues(source["sources"], TeamSource);
	        this.soleTopics = this.convertValues(source["soleTopics"], TeamTopic);
	        this.sessions = this.convertValues(source["sessions"], TeamSession);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TouchInput {
	    id: string;
	    type: string;
	    direction: string;
	    what: string;
	    date: string;
	    notes: string;
	
	    static createFrom(source: any = {}) {
	        return new TouchInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.type = source["type"];
	        this.direction = source["direction"];
	        this.what = source["what"];
	        this.date = source["date"];
	        this.notes = source["notes"];
	    }
	}
	export class UnnamedAccount {
	    key: string;
	    service: string;
	    url: string;
	    profile: store.Contact;
	    batch: string;
	    file: string;
	    line: number;
	    imported: string;
	
	    static createFrom(source: any = {}) {
	        return new UnnamedAccount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.service = source["service"];
	        this.url = source["url"];
	        this.profile = this.convertValues(source["profile"], store.Contact);
	        this.batch = source["batch"];
	        this.file = source["file"];
	        this.line = source["line"];
	        this.imported = source["imported"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ValueOrigin {
	    field: string;
	    index: number;
	    value: string;
	    from: From[];
	
	    static createFrom(source: any = {}) {
	        return new ValueOrigin(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.index = source["index"];
	        this.value = source["value"];
	        this.from = this.convertValues(source["from"], From);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace feeds {
	
	export class Candidate {
	    url: string;
	    title?: string;
	    format?: string;
	    via: string;
	    posts: number;
	
	    static createFrom(source: any = {}) {
	        return new Candidate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.url = source["url"];
	        this.title = source["title"];
	        this.format = source["format"];
	        this.via = source["via"];
	        this.posts = source["posts"];
	    }
	}
	export class FeedStatus {
	    source: string;
	    name: string;
	    url: string;
	    title?: string;
	    // Go type: time
	    lastFetch: any;
	    // Go type: time
	    lastSuccess: any;
	    // Go type: time
	    next: any;
	    problem?: string;
	    posts: number;
	    unread: number;
	    // Go type: time
	    latest: any;
	    quiet?: string;
	    added?: number;
	
	    static createFrom(source: any = {}) {
	        return new FeedStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.source = source["source"];
	        this.name = source["name"];
	        this.url = source["url"];
	        this.title = source["title"];
	        this.lastFetch = this.convertValues(source["lastFetch"], null);
	        this.lastSuccess = this.convertValues(source["lastSuccess"], null);
	        this.next = this.convertValues(source["next"], null);
	        this.problem = source["problem"];
	        this.posts = source["posts"];
	        this.unread = source["unread"];
	        this.latest = this.convertValues(source["latest"], null);
	        this.quiet = source["quiet"];
	        this.added = source["added"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NewsItem {
	    key: string;
	    feed: string;
	    title: string;
	    url?: string;
	    author?: string;
	    // Go type: time
	    published: any;
	    summary?: string;
	    content?: string;
	    images?: string[];
	    categories?: string[];
	    audio?: string;
	    duration?: string;
	    source: string;
	    sourceName: string;
	    person?: string;
	    personName?: string;
	    topics?: string[];
	    read: boolean;
	    saved: boolean;
	
	    static createFrom(source: any = {}) {
	        return new NewsItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.feed = source["feed"];
	        this.title = source["title"];
	        this.url = source["url"];
	        this.author = source["author"];
	        this.published = this.convertValues(source["published"], null);
	        this.summary = source["summary"];
	        this.content = source["content"];
	        this.images = source["images"];
	        this.categories = source["categories"];
	        this.audio = source["audio"];
	        this.duration = source["duration"];
	        this.source = source["source"];
	        this.sourceName = source["sourceName"];
	        this.person = source["person"];
	        this.personName = source["personName"];
	        this.topics = source["topics"];
	        this.read = source["read"];
	        this.saved = source["saved"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class News {
	    items: NewsItem[];
	    matches: number;
	    unread: number;
	
	    static createFrom(source: any = {}) {
	        return new News(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], NewsItem);
	        this.matches = source["matches"];
	        this.unread = source["unread"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class NewsQuery {
	    unread?: boolean;
	    topic?: string;
	    person?: string;
	    source?: string;
	    saved?: boolean;
	    // Go type: time
	    before: any;
	    limit?: number;
	
	    static createFrom(source: any = {}) {
	        return new NewsQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.unread = source["unread"];
	        this.topic = source["topic"];
	        this.person = source["person"];
	        this.source = source["source"];
	        this.saved = source["saved"];
	        this.before = this.convertValues(source["before"], null);
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace importer {
	
	export class ExportOptions {
	    Version: string;
	    IDs: string[];
	    Dir: string;
	    Topic: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportOptions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Version = source["Version"];
	        this.IDs = source["IDs"];
	        this.Dir = source["Dir"];
	        this.Topic = source["Topic"];
	    }
	}
	export class Options {
	    DryRun: boolean;
	    CreatePeople: boolean;
	    GroupsAs: string;
	
	    static createFrom(source: any = {}) {
	        return new Options(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.DryRun = source["DryRun"];
	        this.CreatePeople = source["CreatePeople"];
	        this.GroupsAs = source["GroupsAs"];
	    }
	}
	export class Record {
	    line: number;
	    action: string;
	    kind: string;
	    id?: string;
	    name: string;
	    reason?: string;
	    fields?: string[];
	    matchId?: string;
	
	    static createFrom(source: any = {}) {
	        return new Record(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.action = source["action"];
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.reason = source["reason"];
	        this.fields = source["fields"];
	        this.matchId = source["matchId"];
	    }
	}
	export class Report {
	    file: string;
	    format: string;
	    dryRun: boolean;
	    batch?: string;
	    created: number;
	    updated: number;
	    unchanged: number;
	    skipped: number;
	    duplicates: number;
	    unnamed?: number;
	    records: Record[];
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.format = source["format"];
	        this.dryRun = source["dryRun"];
	        this.batch = source["batch"];
	        this.created = source["created"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.skipped = source["skipped"];
	        this.duplicates = source["duplicates"];
	        this.unnamed = source["unnamed"];
	        this.records = this.convertValues(source["records"], Record);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace nurture {
	
	export class Session {
	    date: string;
	    // Go type: time
	    start: any;
	    state: string;
	
	    static createFrom(source: any = {}) {
	        return new Session(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = source["date"];
	        this.start = this.convertValues(source["start"], null);
	        this.state = source["state"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Attendance {
	    sessions: Session[];
	    streak: number;
	    best: number;
	    missedInRow: number;
	    attended: number;
	    missed: number;
	    next?: Session;
	    words: string;
	
	    static createFrom(source: any = {}) {
	        return new Attendance(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sessions = this.convertValues(source["sessions"], Session);
	        this.streak = source["streak"];
	        this.best = source["best"];
	        this.missedInRow = source["missedInRow"];
	        this.attended = source["attended"];
	        this.missed = source["missed"];
	        this.next = this.convertValues(source["next"], Session);
	        this.words = source["words"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Cadence {
	    ideal: number;
	    max: number;
	
	    static createFrom(source: any = {}) {
	        return new Cadence(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ideal = source["ideal"];
	        this.max = source["max"];
	    }
	}
	export class Prompt {
	    show: boolean;
	    text: string;
	    weekOf: string;
	    thisWeek: number;
	    last?: string;
	
	    static createFrom(source: any = {}) {
	        return new Prompt(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.show = source["show"];
	        this.text = source["text"];
	        this.weekOf = source["weekOf"];
	        this.thisWeek = source["thisWeek"];
	        this.last = source["last"];
	    }
	}
	export class SessionItem {
	    communityId: string;
	    community: string;
	    date: string;
	    // Go type: time
	    start: any;
	    state: string;
	    streak: number;
	    missedInRow: number;
	    words: string;
	
	    static createFrom(source: any = {}) {
	        return new SessionItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.communityId = source["communityId"];
	        this.community = source["community"];
	        this.date = source["date"];
	        this.start = this.convertValues(source["start"], null);
	        this.state = source["state"];
	        this.streak = source["streak"];
	        this.missedInRow = source["missedInRow"];
	        this.words = source["words"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Item {
	    id: string;
	    kind: string;
	    name: string;
	    level: string;
	    reasons: string[];
	    last?: string;
	    daysSince?: number;
	    cadence: Cadence;
	    dueOn?: string;
	    missed?: number;
	    gave?: number;
	    received?: number;
	
	    static createFrom(source: any = {}) {
	        return new Item(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.name = source["name"];
	        this.level = source["level"];
	        this.reasons = source["reasons"];
	        this.last = source["last"];
	        this.daysSince = source["daysSince"];
	        this.cadence = this.convertValues(source["cadence"], Cadence);
	        this.dueOn = source["dueOn"];
	        this.missed = source["missed"];
	        this.gave = source["gave"];
	        this.received = source["received"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Digest {
	    date: string;
	    headline: string;
	    red: number;
	    amber: number;
	    nudges: number;
	    top: Item[];
	    upcoming: SessionItem[];
	    toMark: SessionItem[];
	    prompt: Prompt;
	    lines: string[];
	
	    static createFrom(source: any = {}) {
	        return new Digest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = source["date"];
	        this.headline = source["headline"];
	        this.red = source["red"];
	        this.amber = source["amber"];
	        this.nudges = source["nudges"];
	        this.top = this.convertValues(source["top"], Item);
	        this.upcoming = this.convertValues(source["upcoming"], SessionItem);
	        this.toMark = this.convertValues(source["toMark"], SessionItem);
	        this.prompt = this.convertValues(source["prompt"], Prompt);
	        this.lines = source["lines"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Named {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Named(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class Feeding {
	    people: Named[];
	    sources: Named[];
	    communities: Named[];
	
	    static createFrom(source: any = {}) {
	        return new Feeding(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.people = this.convertValues(source["people"], Named);
	        this.sources = this.convertValues(source["sources"], Named);
	        this.communities = this.convertValues(source["communities"], Named);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class GoalProgress {
	    id: string;
	    name: string;
	    status?: string;
	    target?: string;
	    daysLeft?: number;
	    learnings: number;
	    last30: number;
	    last?: string;
	    topicsStarted: number;
	    topicsTotal: number;
	    notStarted: Named[];
	    percent: number;
	    stalled?: boolean;
	    words: string;
	    recent: string[];
	
	    static createFrom(source: any = {}) {
	        return new GoalProgress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.target = source["target"];
	        this.daysLeft = source["daysLeft"];
	        this.learnings = source["learnings"];
	        this.last30 = source["last30"];
	        this.last = source["last"];
	        this.topicsStarted = source["topicsStarted"];
	        this.topicsTotal = source["topicsTotal"];
	        this.notStarted = this.convertValues(source["notStarted"], Named);
	        this.percent = source["percent"];
	        this.stalled = source["stalled"];
	        this.words = source["words"];
	        this.recent = source["recent"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	
	export class Settings {
	    reminders: boolean;
	    hour: number;
	    missedN: number;
	    lopsided?: number;
	    staleDays?: number;
	    goalQuiet?: number;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reminders = source["reminders"];
	        this.hour = source["hour"];
	        this.missedN = source["missedN"];
	        this.lopsided = source["lopsided"];
	        this.staleDays = source["staleDays"];
	        this.goalQuiet = source["goalQuiet"];
	    }
	}
	export class TopicCoverage {
	    id: string;
	    name: string;
	    people: number;
	    sources: number;
	    communities: number;
	    interactions: number;
	    learnings: number;
	    lastActivity?: string;
	    singleSource: boolean;
	    stale: boolean;
	    feeding: Feeding;
	    daysQuiet?: number;
	    published?: number;
	    words: string;
	
	    static createFrom(source: any = {}) {
	        return new TopicCoverage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.people = source["people"];
	        this.sources = source["sources"];
	        this.communities = source["communities"];
	        this.interactions = source["interactions"];
	        this.learnings = source["learnings"];
	        this.lastActivity = source["lastActivity"];
	        this.singleSource = source["singleSource"];
	        this.stale = source["stale"];
	        this.feeding = this.convertValues(source["feeding"], Feeding);
	        this.daysQuiet = source["daysQuiet"];
	        this.published = source["published"];
	        this.words = source["words"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace store {
	
	export class ActivityPoint {
	    month: string;
	    interactions: number;
	    learnings: number;
	
	    static createFrom(source: any = {}) {
	        return new ActivityPoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.month = source["month"];
	        this.interactions = source["interactions"];
	        this.learnings = source["learnings"];
	    }
	}
	export class Address {
	    pobox?: string;
	    extended?: string;
	    street?: string;
	    locality?: string;
	    region?: string;
	    postalCode?: string;
	    country?: string;
	    types?: string[];
	    label?: string;
	
	    static createFrom(source: any = {}) {
	        return new Address(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pobox = source["pobox"];
	        this.extended = source["extended"];
	        this.street = source["street"];
	        this.locality = source["locality"];
	        this.region = source["region"];
	        this.postalCode = source["postalCode"];
	        this.country = source["country"];
	        this.types = source["types"];
	        this.label = source["label"];
	    }
	}
	export class Attendee {
	    email?: string;
	    name?: string;
	    personId?: string;
	    role?: string;
	    status?: string;
	
	    static createFrom(source: any = {}) {
	        return new Attendee(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.name = source["name"];
	        this.personId = source["personId"];
	        this.role = source["role"];
	        this.status = source["status"];
	    }
	}
	export class Batch {
	    id: string;
	    label: string;
	    created: string;
	    undone?: boolean;
	    counts?: Record<string, number>;
	    file?: string;
	    total?: number;
	    done?: number;
	    open?: boolean;
	    finishedBy?: string;
	    format?: string;
	
	    static createFrom(source: any = {}) {
	        return new Batch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	        this.created = source["created"];
	        this.undone = source["undone"];
	        this.counts = source["counts"];
	        this.file = source["file"];
	        this.total = source["total"];
	        this.done = source["done"];
	        this.open = source["open"];
	        this.finishedBy = source["finishedBy"];
	        this.format = source["format"];
	    }
	}
	export class Conflict {
	    field: string;
	    values: string[];
	
	    static createFrom(source: any = {}) {
	        return new Conflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.values = source["values"];
	    }
	}
	export class Community {
	    id: string;
	    kind: string;
	    // Go type: time
	    created: any;
	    // Go type: time
	    updated: any;
	    trashed?: boolean;
	    conflicts?: Conflict[];
	    name: string;
	    type?: string;
	    url?: string;
	    hashtag?: string;
	    members?: string[];
	    schedule?: string;
	    since?: string;
	    cadence?: string;
	    snoozed?: string;
	    topics?: string[];
	    notes?: string;
	    going?: string[];
	    spaces?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Community(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.created = this.convertValues(source["created"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.trashed = source["trashed"];
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	        this.name = source["name"];
	        this.type = source["type"];
	        this.url = source["url"];
	        this.hashtag = source["hashtag"];
	        this.members = source["members"];
	        this.schedule = source["schedule"];
	        this.since = source["since"];
	        this.cadence = source["cadence"];
	        this.snoozed = source["snoozed"];
	        this.topics = source["topics"];
	        this.notes = source["notes"];
	        this.going = source["going"];
	        this.spaces = source["spaces"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Contact {
	    value: string;
	    types?: string[];
	    label?: string;
	
	    static createFrom(source: any = {}) {
	        return new Contact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.types = source["types"];
	        this.label = source["label"];
	    }
	}
	export class Event {
	    id: string;
	    kind: string;
	    // Go type: time
	    created: any;
	    // Go type: time
	    updated: any;
	    trashed?: boolean;
	    conflicts?: Conflict[];
	    title: string;
	    start?: string;
	    end?: string;
	    tz?: string;
	    allDay?: boolean;
	    rrule?: string;
	    rdates?: string[];
	    exdates?: string[];
	    series?: string;
	    recurrenceId?: string;
	    range?: string;
	    status?: string;
	    location?: string;
	    url?: string;
	    organizer?: string;
	    attendees?: Attendee[];
	    community?: string;
	    topics?: string[];
	    notes?: string;
	    uids?: string[];
	    noCommunity?: boolean;
	    spaces?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Event(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.created = this.convertValues(source["created"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.trashed = source["trashed"];
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	        this.title = source["title"];
	        this.start = source["start"];
	        this.end = source["end"];
	        this.tz = source["tz"];
	        this.allDay = source["allDay"];
	        this.rrule = source["rrule"];
	        this.rdates = source["rdates"];
	        this.exdates = source["exdates"];
	        this.series = source["series"];
	        this.recurrenceId = source["recurrenceId"];
	        this.range = source["range"];
	        this.status = source["status"];
	        this.location = source["location"];
	        this.url = source["url"];
	        this.organizer = source["organizer"];
	        this.attendees = this.convertValues(source["attendees"], Attendee);
	        this.community = source["community"];
	        this.topics = source["topics"];
	        this.notes = source["notes"];
	        this.uids = source["uids"];
	        this.noCommunity = source["noCommunity"];
	        this.spaces = source["spaces"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Goal {
	    id: string;
	    kind: string;
	    // Go type: time
	    created: any;
	    // Go type: time
	    updated: any;
	    trashed?: boolean;
	    conflicts?: Conflict[];
	    title: string;
	    target?: string;
	    status?: string;
	    topics?: string[];
	    people?: string[];
	    sources?: string[];
	    communities?: string[];
	    notes?: string;
	    spaces?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Goal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.created = this.convertValues(source["created"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.trashed = source["trashed"];
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	        this.title = source["title"];
	        this.target = source["target"];
	        this.status = source["status"];
	        this.topics = source["topics"];
	        this.people = source["people"];
	        this.sources = source["sources"];
	        this.communities = source["communities"];
	        this.notes = source["notes"];
	        this.spaces = source["spaces"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class GraphEdge {
	    from: string;
	    to: string;
	    kind: string;
	    weight: number;
	
	    static createFrom(source: any = {}) {
	        return new GraphEdge(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.kind = source["kind"];
	        this.weight = source["weight"];
	    }
	}
	export class GraphNode {
	    id: string;
	    kind: string;
	    label: string;
	    weight: number;
	
	    static createFrom(source: any = {}) {
	        return new GraphNode(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.label = source["label"];
	        this.weight = source["weight"];
	    }
	}
	export class Graph {
	    nodes: GraphNode[];
	    edges: GraphEdge[];
	    people: number;
	
	    static createFrom(source: any = {}) {
	        return new Graph(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nodes = this.convertValues(source["nodes"], GraphNode);
	        this.edges = this.convertValues(source["edges"], GraphEdge);
	        this.people = source["people"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class Hit {
	    id: string;
	    kind: string;
	    title: string;
	    subtitle?: string;
	    date?: string;
	    conflict?: boolean;
	    exact?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Hit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.subtitle = source["subtitle"];
	        this.date = source["date"];
	        this.conflict = source["conflict"];
	        this.exact = source["exact"];
	    }
	}
	export class Interaction {
	    id: string;
	    kind: string;
	    // Go type: time
	    created: any;
	    // Go type: time
	    updated: any;
	    trashed?: boolean;
	    conflicts?: Conflict[];
	    date: string;
	    type?: string;
	    direction?: string;
	    what?: string;
	    people?: string[];
	    community?: string;
	    source?: string;
	    event?: string;
	    topics?: string[];
	    notes?: string;
	
	    static createFrom(source: any = {}) {
	        return new Interaction(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.created = this.convertValues(source["created"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.trashed = source["trashed"];
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	        this.date = source["date"];
	        this.type = source["type"];
	        this.direction = source["direction"];
	        this.what = source["what"];
	        this.people = source["people"];
	        this.community = source["community"];
	        this.source = source["source"];
	        this.event = source["event"];
	        this.topics = source["topics"];
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Learning {
	    id: string;
	    kind: string;
	    // Go type: time
	    created: any;
	    // Go type: time
	    updated: any;
	    trashed?: boolean;
	    conflicts?: Conflict[];
	    date: string;
	    what: string;
	    from?: string[];
	    used?: string;
	    shared?: string[];
	    topics?: string[];
	    notes?: string;
	    url?: string;
	    spaces?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Learning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.created = this.convertValues(source["created"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.trashed = source["trashed"];
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	        this.date = source["date"];
	        this.what = source["what"];
	        this.from = source["from"];
	        this.used = source["used"];
	        this.shared = source["shared"];
	        this.topics = source["topics"];
	        this.notes = source["notes"];
	        this.url = source["url"];
	        this.spaces = source["spaces"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Person {
	    id: string;
	    kind: string;
	    // Go type: time
	    created: any;
	    // Go type: time
	    updated: any;
	    trashed?: boolean;
	    conflicts?: Conflict[];
	    name: string;
	    given?: string;
	    family?: string;
	    middle?: string;
	    prefix?: string;
	    suffix?: string;
	    nicknames?: string[];
	    emails?: Contact[];
	    phones?: Contact[];
	    org?: string;
	    department?: string;
	    title?: string;
	    role?: string;
	    birthday?: string;
	    anniversary?: string;
	    addresses?: Address[];
	    urls?: Contact[];
	    profiles?: Contact[];
	    photo?: string;
	    met?: string;
	    topics?: string[];
	    cadence?: string;
	    snoozed?: string;
	    notes?: string;
	    uids?: string[];
	    spaces?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Person(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.created = this.convertValues(source["created"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.trashed = source["trashed"];
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	        this.name = source["name"];
	        this.given = source["given"];
	        this.family = source["family"];
	        this.middle = source["middle"];
	        this.prefix = source["prefix"];
	        this.suffix = source["suffix"];
	        this.nicknames = source["nicknames"];
	        this.emails = this.convertValues(source["emails"], Contact);
	        this.phones = this.convertValues(source["phones"], Contact);
	        this.org = source["org"];
	        this.department = source["department"];
	        this.title = source["title"];
	        this.role = source["role"];
	        this.birthday = source["birthday"];
	        this.anniversary = source["anniversary"];
	        this.addresses = this.convertValues(source["addresses"], Address);
	        this.urls = this.convertValues(source["urls"], Contact);
	        this.profiles = this.convertValues(source["profiles"], Contact);
	        this.photo = source["photo"];
	        this.met = source["met"];
	        this.topics = source["topics"];
	        this.cadence = source["cadence"];
	        this.snoozed = source["snoozed"];
	        this.notes = source["notes"];
	        this.uids = source["uids"];
	        this.spaces = source["spaces"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PersonRow {
	    id: string;
	    kind: string;
	    title: string;
	    subtitle?: string;
	    date?: string;
	    conflict?: boolean;
	    lastContact?: string;
	    profiles?: Contact[];
	    email?: string;
	    website?: string;
	
	    static createFrom(source: any = {}) {
	        return new PersonRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.subtitle = source["subtitle"];
	        this.date = source["date"];
	        this.conflict = source["conflict"];
	        this.lastContact = source["lastContact"];
	        this.profiles = this.convertValues(source["profiles"], Contact);
	        this.email = source["email"];
	        this.website = source["website"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Source {
	    id: string;
	    kind: string;
	    // Go type: time
	    created: any;
	    // Go type: time
	    updated: any;
	    trashed?: boolean;
	    conflicts?: Conflict[];
	    name: string;
	    type?: string;
	    url?: string;
	    feed?: string;
	    author?: string;
	    frequency?: string;
	    topics?: string[];
	    notes?: string;
	    read?: string[];
	    saved?: string[];
	    spaces?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Source(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.created = this.convertValues(source["created"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.trashed = source["trashed"];
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	        this.name = source["name"];
	        this.type = source["type"];
	        this.url = source["url"];
	        this.feed = source["feed"];
	        this.author = source["author"];
	        this.frequency = source["frequency"];
	        this.topics = source["topics"];
	        this.notes = source["notes"];
	        this.read = source["read"];
	        this.saved = source["saved"];
	        this.spaces = source["spaces"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Summary {
	    id: string;
	    kind: string;
	    title: string;
	    subtitle?: string;
	    date?: string;
	    conflict?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Summary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.subtitle = source["subtitle"];
	        this.date = source["date"];
	        this.conflict = source["conflict"];
	    }
	}
	export class TimelineItem {
	    id: string;
	    kind: string;
	    title: string;
	    subtitle?: string;
	    date?: string;
	    conflict?: boolean;
	    field: string;
	    direction?: string;
	
	    static createFrom(source: any = {}) {
	        return new TimelineItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.subtitle = source["subtitle"];
	        this.date = source["date"];
	        this.conflict = source["conflict"];
	        this.field = source["field"];
	        this.direction = source["direction"];
	    }
	}
	export class Topic {
	    id: string;
	    kind: string;
	    // Go type: time
	    created: any;
	    // Go type: time
	    updated: any;
	    trashed?: boolean;
	    conflicts?: Conflict[];
	    name: string;
	    notes?: string;
	    spaces?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Topic(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.created = this.convertValues(source["created"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.trashed = source["trashed"];
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	        this.name = source["name"];
	        this.notes = source["notes"];
	        this.spaces = source["spaces"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TopicCoverage {
	    id: string;
	    name: string;
	    people: number;
	    sources: number;
	    communities: number;
	    interactions: number;
	    learnings: number;
	    lastActivity?: string;
	    singleSource: boolean;
	    stale: boolean;
	
	    static createFrom(source: any = {}) {
	        return new TopicCoverage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.people = source["people"];
	        this.sources = source["sources"];
	        this.communities = source["communities"];
	        this.interactions = source["interactions"];
	        this.learnings = source["learnings"];
	        this.lastActivity = source["lastActivity"];
	        this.singleSource = source["singleSource"];
	        this.stale = source["stale"];
	    }
	}
	export class Touches {
	    last?: string;
	    count: number;
	    gave: number;
	    received: number;
	    mutual: number;
	
	    static createFrom(source: any = {}) {
	        return new Touches(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.last = source["last"];
	        this.count = source["count"];
	        this.gave = source["gave"];
	        this.received = source["received"];
	        this.mutual = source["mutual"];
	    }
	}

}

export namespace subscriptions {
	
	export class Status {
	    id: string;
	    name: string;
	    url: string;
	    // Go type: time
	    lastFetch: any;
	    // Go type: time
	    lastSuccess: any;
	    // Go type: time
	    next: any;
	    problem?: string;
	    events: number;
	    created?: number;
	    updated?: number;
	    cancelled?: number;
	    batch?: string;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.url = source["url"];
	        this.lastFetch = this.convertValues(source["lastFetch"], null);
	        this.lastSuccess = this.convertValues(source["lastSuccess"], null);
	        this.next = this.convertValues(source["next"], null);
	        this.problem = source["problem"];
	        this.events = source["events"];
	        this.created = source["created"];
	        this.updated = source["updated"];
	        this.cancelled = source["cancelled"];
	        this.batch = source["batch"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace sync {
	
	export class MassDeleteError {
	    from: string;
	    delete: number;
	    live: number;
	
	    static createFrom(source: any = {}) {
	        return new MassDeleteError(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.delete = source["delete"];
	        this.live = source["live"];
	    }
	}

}

