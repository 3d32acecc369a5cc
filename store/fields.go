package store

// The field names code outside the store reads and writes by name (Record
// Scalar and Elements, Tx Set/Add/Remove, Referrer.Field). They are the
// names in every device's log, so they never change; a test checks each
// is a field of the schema.
const (
	FieldName         = "name"
	FieldTitle        = "title"
	FieldWhat         = "what"
	FieldDate         = "date"
	FieldType         = "type"
	FieldDirection    = "direction"
	FieldTopics       = "topics"
	FieldPeople       = "people"
	FieldFrom         = "from"
	FieldUIDs         = "uids"
	FieldSnoozed      = "snoozed"
	FieldSchedule     = "schedule"     // community → its series event
	FieldSince        = "since"        // community: member since
	FieldCommunity    = "community"    // event → community
	FieldNoCommunity  = "nocommunity"  // event: not proposed as a community
	FieldSeries       = "series"       // override event → its series
	FieldAttendees    = "attendees"    // event → people, as JSON Attendee elements
	FieldStart        = "start"        // event
	FieldTZ           = "tz"           // event
	FieldRecurrenceID = "recurrenceid" // override event
)

// The indexes Reader.Find and Reader.Shared look values up in.
const (
	IndexEmail   = idxEmail   // normalised email address
	IndexProfile = idxProfile // social profile, as ProfileKey gives it
	IndexPhone   = idxPhone   // last nine digits
	IndexUID     = idxUID     // import source UIDs
	IndexName    = idxName    // normalised name
	IndexTopic   = idxTopic   // topic ID → what names it
)
