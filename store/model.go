package store

import (
	"crypto/sha256"
	"encoding/base32"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Kind is the type of an entity.
type Kind string

const (
	KindPerson      Kind = "person"
	KindSource      Kind = "source"
	KindCommunity   Kind = "community"
	KindEvent       Kind = "event"
	KindInteraction Kind = "interaction"
	KindLearning    Kind = "learning"
	KindGoal        Kind = "goal"
	KindTopic       Kind = "topic"
)

// Kinds in the order lists and search show them.
var Kinds = []Kind{KindPerson, KindCommunity, KindSource, KindEvent, KindInteraction, KindLearning, KindGoal, KindTopic}

// ParseKind accepts a kind's name, singular or plural.
func ParseKind(s string) (Kind, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "people":
		return KindPerson, true
	case "communities":
		return KindCommunity, true
	}
	s = strings.TrimSuffix(s, "s")
	for _, k := range Kinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// NewID is a new entity ID: a UUIDv7, so IDs sort by creation time.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// TopicID is content-derived so two devices naming the same topic agree
// without talking.
func TopicID(name string) string {
	sum := sha256.Sum256([]byte(NormalizeName(name)))
	return "topic-" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:10]))
}

// Meta is what every entity view carries besides its fields.
type Meta struct {
	ID        string     `json:"id"`
	Kind      Kind       `json:"kind"`
	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
	Trashed   bool       `json:"trashed,omitempty"`
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// Conflict is a field holding concurrent, different values from two devices.
// Value is the one shown; Values are all of them, shown first.
type Conflict struct {
	Field  string   `json:"field"`
	Values []string `json:"values"`
}

// Entity is implemented by every typed view.
type Entity interface{ Base() *Meta }

// Base is the entity's ID, kind, times and conflicts.
func (m *Meta) Base() *Meta { return m }

// Contact is an email, phone, URL or social profile with its types.
type Contact struct {
	Value string   `json:"value"`
	Types []string `json:"types,omitempty"` // work, home, cell, fax, pref…; for profiles the service (twitter, mastodon, linkedin)
	Label string   `json:"label,omitempty"` // a free label, e.g. Apple's X-ABLabel
}

// Address is a postal address.
type Address struct {
	POBox      string   `json:"pobox,omitempty"`
	Extended   string   `json:"extended,omitempty"`
	Street     string   `json:"street,omitempty"`
	Locality   string   `json:"locality,omitempty"`
	Region     string   `json:"region,omitempty"`
	PostalCode string   `json:"postalCode,omitempty"`
	Country    string   `json:"country,omitempty"`
	Types      []string `json:"types,omitempty"`
	Label      string   `json:"label,omitempty"`
}

// Attendee is someone invited to an event.
type Attendee struct {
	Email    string `json:"email,omitempty"`
	Name     string `json:"name,omitempty"`
	PersonID string `json:"personId,omitempty"`
	Role     string `json:"role,omitempty"`
	Status   string `json:"status,omitempty"` // ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION
}

// The tags below are the schema. lw:"name[,text][,idx=...][,ref=kind][,alias=...]":
// string fields are registers (text: a long text with a version graph),
// slices are add-wins sets. idx names the indexes a field feeds; ref names
// what a field points to (topic refs are shown by name); private fields stay
// on the owner's devices when the entity is shared into a team space. Field names are
// permanent: they are in every device's log.

// Person is someone in the network.
type Person struct {
	Meta
	Name        string    `json:"name" lw:"name,idx=tokens"`
	Given       string    `json:"given,omitempty" lw:"given,idx=tokens"`
	Family      string    `json:"family,omitempty" lw:"family,idx=tokens"`
	Middle      string    `json:"middle,omitempty" lw:"middle"`
	Prefix      string    `json:"prefix,omitempty" lw:"prefix"`
	Suffix      string    `json:"suffix,omitempty" lw:"suffix"`
	Nicknames   []string  `json:"nicknames,omitempty" lw:"nicknames,idx=tokens,alias=nickname,private"`
	Emails      []Contact `json:"emails,omitempty" lw:"emails,idx=email,alias=email,private"`
	Phones      []Contact `json:"phones,omitempty" lw:"phones,idx=phone,alias=phone,private"`
	Org         string    `json:"org,omitempty" lw:"org,idx=tokens"`
	Department  string    `json:"department,omitempty" lw:"department,private"`
	Title       string    `json:"title,omitempty" lw:"title,idx=tokens"`
	Role        string    `json:"role,omitempty" lw:"role,private"`
	Birthday    string    `json:"birthday,omitempty" lw:"birthday,private"`       // YYYY-MM-DD or --MM-DD
	Anniversary string    `json:"anniversary,omitempty" lw:"anniversary,private"` // YYYY-MM-DD or --MM-DD
	Addresses   []Address `json:"addresses,omitempty" lw:"addresses,alias=address,private"`
	URLs        []Contact `json:"urls,omitempty" lw:"urls,alias=url"`
	Profiles    []Contact `json:"profiles,omitempty" lw:"profiles,idx=profile,alias=profile"` // social: a type names the service
	Photo       string    `json:"photo,omitempty" lw:"photo"`                                 // data: URI or URL
	Met         string    `json:"met,omitempty" lw:"met,idx=tokens,private"`                  // how we met
	Topics      []string  `json:"topics,omitempty" lw:"topics,ref=topic,idx=topic,alias=topic"`
	Cadence     string    `json:"cadence,omitempty" lw:"cadence,private"` // keep in touch: "30" or "30/60" days (ideal/maximum)
	Snoozed     string    `json:"snoozed,omitempty" lw:"snoozed,private"` // no reminder before this date
	Notes       string    `json:"notes,omitempty" lw:"notes,text,idx=tokens,private"`
	UIDs        []string  `json:"uids,omitempty" lw:"uids,idx=uid,alias=uid,private"` // source-of-record UIDs from imports
	Spaces      []string  `json:"spaces,omitempty" lw:"spaces"`                       // team spaces it is shared in (Tx.Share)
}

// Source is something one learns from that is not a person.
type Source struct {
	Meta
	Name      string   `json:"name" lw:"name,idx=tokens"`
	Type      string   `json:"type,omitempty" lw:"type"` // blog, podcast, newsletter, journal, book, video, feed
	URL       string   `json:"url,omitempty" lw:"url"`
	Feed      string   `json:"feed,omitempty" lw:"feed"`
	Author    string   `json:"author,omitempty" lw:"author,ref=person"`
	Frequency string   `json:"frequency,omitempty" lw:"frequency,private"` // how often it is read: daily, weekly…
	Topics    []string `json:"topics,omitempty" lw:"topics,ref=topic,idx=topic,alias=topic"`
	Notes     string   `json:"notes,omitempty" lw:"notes,text,idx=tokens,private"`
	// Read and Saved are the feed's posts the person read or kept, by item
	// key (app/feeds): the posts themselves are a local cache, what was
	// done with them syncs, so another device shows them read too.
	Read   []string `json:"read,omitempty" lw:"read,private"`
	Saved  []string `json:"saved,omitempty" lw:"saved,private"`
	Spaces []string `json:"spaces,omitempty" lw:"spaces"` // team spaces it is shared in (Tx.Share)
}

// Community is a group with regular gatherings.
type Community struct {
	Meta
	Name     string   `json:"name" lw:"name,idx=tokens"`
	Type     string   `json:"type,omitempty" lw:"type"` // chat, book club, community of practice…
	URL      string   `json:"url,omitempty" lw:"url"`
	Hashtag  string   `json:"hashtag,omitempty" lw:"hashtag,idx=tokens"`
	Members  []string `json:"members,omitempty" lw:"members,ref=person,alias=member,private"`
	Schedule string   `json:"schedule,omitempty" lw:"schedule,ref=event"` // the recurring event series
	Since    string   `json:"since,omitempty" lw:"since,private"`         // member since (YYYY-MM-DD): unmarked sessions count from then
	Cadence  string   `json:"cadence,omitempty" lw:"cadence,private"`
	Snoozed  string   `json:"snoozed,omitempty" lw:"snoozed,private"`
	Topics   []string `json:"topics,omitempty" lw:"topics,ref=topic,idx=topic,alias=topic"`
	Notes    string   `json:"notes,omitempty" lw:"notes,text,idx=tokens,private"`
	Going    []string `json:"going,omitempty" lw:"going"`   // in a team space: "YYYY-MM-DD name", who plans to go to which session
	Spaces   []string `json:"spaces,omitempty" lw:"spaces"` // team spaces it is shared in (Tx.Share)
}

// Event is a dated gathering, possibly recurring.
type Event struct {
	Meta
	Title        string     `json:"title" lw:"title,idx=tokens"`
	Start        string     `json:"start,omitempty" lw:"start,idx=date"` // RFC 3339 local time without offset, or YYYY-MM-DD when all day
	End          string     `json:"end,omitempty" lw:"end"`
	TZ           string     `json:"tz,omitempty" lw:"tz"` // IANA zone; empty for floating or all-day
	AllDay       bool       `json:"allDay,omitempty" lw:"allday"`
	RRule        string     `json:"rrule,omitempty" lw:"rrule"`
	RDates       []string   `json:"rdates,omitempty" lw:"rdates"`
	ExDates      []string   `json:"exdates,omitempty" lw:"exdates"`
	Series       string     `json:"series,omitempty" lw:"series,ref=event"`   // an override's series
	RecurrenceID string     `json:"recurrenceId,omitempty" lw:"recurrenceid"` // the occurrence it overrides
	Range        string     `json:"range,omitempty" lw:"range"`               // THISANDFUTURE: the override also changes every later occurrence
	Status       string     `json:"status,omitempty" lw:"status"`             // CONFIRMED, TENTATIVE, CANCELLED
	Location     string     `json:"location,omitempty" lw:"location,idx=tokens"`
	URL          string     `json:"url,omitempty" lw:"url"`
	Organizer    string     `json:"organizer,omitempty" lw:"organizer,private"`
	Attendees    []Attendee `json:"attendees,omitempty" lw:"attendees,alias=attendee,private"`
	Community    string     `json:"community,omitempty" lw:"community,ref=community"`
	Topics       []string   `json:"topics,omitempty" lw:"topics,ref=topic,idx=topic,alias=topic"`
	Notes        string     `json:"notes,omitempty" lw:"notes,text,idx=tokens,private"`
	UIDs         []string   `json:"uids,omitempty" lw:"uids,idx=uid,alias=uid,private"`
	NoCommunity  bool       `json:"noCommunity,omitempty" lw:"nocommunity,private"` // the person said this series is not a community: stop proposing it
	Spaces       []string   `json:"spaces,omitempty" lw:"spaces"`                   // team spaces it is shared in (Tx.Share)
}

// Interaction is a touchpoint with people, a community or a source.
type Interaction struct {
	Meta
	Date      string   `json:"date" lw:"date,idx=date"`             // YYYY-MM-DD or RFC 3339
	Type      string   `json:"type,omitempty" lw:"type"`            // conversation, meeting, message, attended, missed, read, listened
	Direction string   `json:"direction,omitempty" lw:"direction"`  // gave, received, mutual
	What      string   `json:"what,omitempty" lw:"what,idx=tokens"` // what was given or received
	People    []string `json:"people,omitempty" lw:"people,ref=person,alias=person"`
	Community string   `json:"community,omitempty" lw:"community,ref=community"`
	Source    string   `json:"source,omitempty" lw:"source,ref=source"`
	Event     string   `json:"event,omitempty" lw:"event,ref=event"`
	Topics    []string `json:"topics,omitempty" lw:"topics,ref=topic,idx=topic,alias=topic"`
	Notes     string   `json:"notes,omitempty" lw:"notes,text,idx=tokens"`
}

// Learning is an entry in the learning log.
type Learning struct {
	Meta
	Date   string   `json:"date" lw:"date,idx=date"`
	What   string   `json:"what" lw:"what,idx=tokens"`
	From   []string `json:"from,omitempty" lw:"from,ref=any"` // people, sources, events, communities
	Used   string   `json:"used,omitempty" lw:"used,idx=tokens"`
	Shared []string `json:"shared,omitempty" lw:"shared,ref=person,private"`
	Topics []string `json:"topics,omitempty" lw:"topics,ref=topic,idx=topic,alias=topic"`
	Notes  string   `json:"notes,omitempty" lw:"notes,text,idx=tokens,private"`
	URL    string   `json:"url,omitempty" lw:"url"`       // the post or page it came from
	Spaces []string `json:"spaces,omitempty" lw:"spaces"` // team spaces it is shared in (Tx.Share)
}

// Goal is a learning goal.
type Goal struct {
	Meta
	Title       string   `json:"title" lw:"title,idx=tokens"`
	Target      string   `json:"target,omitempty" lw:"target"` // date
	Status      string   `json:"status,omitempty" lw:"status"` // active, done, dropped
	Topics      []string `json:"topics,omitempty" lw:"topics,ref=topic,idx=topic,alias=topic"`
	People      []string `json:"people,omitempty" lw:"people,ref=person,alias=person,private"`
	Sources     []string `json:"sources,omitempty" lw:"sources,ref=source,alias=source"`
	Communities []string `json:"communities,omitempty" lw:"communities,ref=community,alias=community"`
	Notes       string   `json:"notes,omitempty" lw:"notes,text,idx=tokens,private"`
	Spaces      []string `json:"spaces,omitempty" lw:"spaces"` // team spaces it is shared in (Tx.Share)
}

// Topic is a subject the network feeds.
type Topic struct {
	Meta
	Name   string   `json:"name" lw:"name,idx=tokens"`
	Notes  string   `json:"notes,omitempty" lw:"notes,text,private"`
	Spaces []string `json:"spaces,omitempty" lw:"spaces"` // team spaces it is shared in (Tx.Share)
}

// NormalizeName folds case, accents and spacing so names compare as people
// read them.
func NormalizeName(s string) string {
	return strings.Join(Tokens(s), " ")
}
