package store

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
)

// idxProfile indexes social profiles by ProfileKey, so a person arriving
// from LinkedIn, Mastodon, X or Bluesky is found with one lookup.
const idxProfile = "profile"

// ProfileKey is the form a social profile is matched by: the service and
// the account, however it was written. "https://x.com/Ada/",
// "twitter.com/ada" and "@ada" (a twitter profile) all give "twitter:ada";
// "@ada@mastodon.social" and "https://mastodon.social/@ada" give
// "mastodon:ada@mastodon.social"; "www.linkedin.com/in/ada-l" and
// "https://linkedin.com/in/Ada-L/" give "linkedin:ada-l". service is the
// profile's type (Contact.Types[0]), used when the value is a bare handle.
// A profile that names nothing gives "".
func ProfileKey(value, service string) string {
	v := strings.TrimSpace(value)
	service = strings.ToLower(strings.TrimSpace(service))
	if service == "x" {
		service = "twitter"
	}
	if v == "" {
		return ""
	}
	lv := strings.ToLower(v)
	if strings.HasPrefix(lv, "did:") {
		return "bluesky:" + lv
	}
	// @user@host: a fediverse address. user@host too, when the profile
	// says it is Mastodon (an email would say nothing).
	if user, host, ok := fediverse(lv, service == "mastodon"); ok {
		return "mastodon:" + user + "@" + host
	}
	if (service == "bluesky" || service == "bsky") && !strings.Contains(lv, "/") {
		return "bluesky:" + strings.TrimPrefix(lv, "@") // handles are domains
	}
	if u, ok := profileURL(v); ok {
		return urlProfileKey(u)
	}
	handle := strings.TrimPrefix(lv, "@")
	if handle == "" || strings.ContainsAny(handle, " /") {
		if service == "" {
			return ""
		}
		return service + ":" + lv
	}
	switch service {
	case "", "profile", "social":
		return ""
	case "bsky":
		service = "bluesky"
	}
	return service + ":" + handle
}

// fediverse splits "@user@host" (or "user@host" when loose) into its parts.
func fediverse(v string, loose bool) (user, host string, ok bool) {
	rest, at := strings.CutPrefix(v, "@")
	if !at && !loose {
		return "", "", false
	}
	user, host, ok = strings.Cut(rest, "@")
	if !ok || user == "" || !strings.Contains(host, ".") || strings.ContainsAny(user+host, "/ :@") {
		return "", "", false
	}
	return user, host, true
}

// webAddress is a profile URL's parts as matching needs them: the host in
// lower case without a port, the path and the query, both still escaped.
type webAddress struct{ host, path, query string }

// profileURL reads a profile written as a URL, with or without its scheme.
// A plain address (most are) is split by hand: url.Parse was a tenth of an
// import's time, called several times a row.
func profileURL(v string) (webAddress, bool) {
	rest, scheme := v, false
	if i := strings.Index(v, "://"); i >= 0 {
		if lower := strings.ToLower(v[:i]); lower != "https" && lower != "http" {
			return parsedAddress(v)
		}
		rest, scheme = v[i+3:], true
	}
	if !scheme {
		host, _, _ := strings.Cut(v, "/")
		if !strings.Contains(host, ".") || strings.ContainsAny(host, "@ ") {
			return webAddress{}, false
		}
	}
	if !scheme {
		v = "https://" + v
	}
	if strings.ContainsAny(rest, "@\\ \t[%") {
		return parsedAddress(v)
	}
	rest, _, _ = strings.Cut(rest, "#")
	rest, query, _ := strings.Cut(rest, "?")
	host, path, _ := strings.Cut(rest, "/")
	if h, _, ok := strings.Cut(host, ":"); ok {
		host = h
	}
	if host == "" {
		return webAddress{}, false
	}
	return webAddress{strings.ToLower(host), "/" + path, query}, true
}

func urlProfileKey(u webAddress) string {
	host := u.host
	for _, p := range []string{"www.", "mobile.", "m."} {
		host = strings.TrimPrefix(host, p)
	}
	path := u.path
	if strings.Contains(path, "%") {
		if p, err := url.PathUnescape(path); err == nil {
			path = p
		}
	}
	parts := strings.FieldsFunc(strings.ToLower(path), func(r rune) bool { return r == '/' })
	first := func() string {
		if len(parts) == 0 {
			return ""
		}
		return parts[0]
	}
	switch {
	case host == "twitter.com" || host == "x.com":
		if id := queryValue(u.query, "user_id"); id != "" {
			return "twitter:id:" + id // the archive's intent/user links
		}
		if len(parts) >= 3 && parts[0] == "i" && parts[1] == "user" {
			return "twitter:id:" + parts[2]
		}
		if n := strings.TrimPrefix(first(), "@"); n != "" && n != "intent" && n != "home" && n != "i" {
			return "twitter:" + n
		}
	case host == "linkedin.com" || strings.HasSuffix(host, ".linkedin.com"):
		if len(parts) >= 2 && (parts[0] == "in" || parts[0] == "pub") {
			return "linkedin:" + parts[1]
		}
	case host == "bsky.app":
		if len(parts) >= 2 && parts[0] == "profile" {
			return "bluesky:" + parts[1]
		}
	case host == "github.com":
		if n := first(); n != "" {
			return "github:" + n
		}
	}
	// Mastodon and its kin: https://host/@user, or the ActivityPub
	// https://host/users/user.
	if n := first(); strings.HasPrefix(n, "@") && len(n) > 1 {
		if user, other, ok := strings.Cut(n[1:], "@"); ok {
			return "mastodon:" + user + "@" + other // a remote account shown on this server
		}
		return "mastodon:" + n[1:] + "@" + host
	}
	if len(parts) == 2 && parts[0] == "users" {
		return "mastodon:" + parts[1] + "@" + host
	}
	if len(parts) == 0 {
		return "url:" + host
	}
	return "url:" + host + "/" + strings.Join(parts, "/")
}

// ProfileService is the service a profile key belongs to: "twitter",
// "mastodon", "linkedin", "bluesky", "github", "url".
func ProfileService(key string) string {
	s, _, _ := strings.Cut(key, ":")
	return s
}

// profileKeyOf is the match key of a stored profile element.
func profileKeyOf(el string) string {
	var c Contact
	if json.Unmarshal([]byte(el), &c) != nil {
		return ""
	}
	return ProfileKey(c.Value, profileService(c.Types))
}

// profileService is the service among a profile's types, which are stored
// sorted (so "pref" can come first).
func profileService(types []string) string {
	for _, t := range types {
		switch t {
		case "pref", "work", "home", "other", "internet":
		default:
			return t
		}
	}
	return ""
}

// ProfileKeys are the match keys of a person's profiles, without repeats.
func (p *Person) ProfileKeys() []string {
	var out []string
	for _, c := range p.Profiles {
		if k := ProfileKey(c.Value, profileService(c.Types)); k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// parsedAddress is profileURL through url.Parse, for what the hand split
// does not take.
func parsedAddress(v string) (webAddress, bool) {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" {
		return webAddress{}, false
	}
	return webAddress{strings.ToLower(u.Hostname()), u.EscapedPath(), u.RawQuery}, true
}

// queryValue is one value of a raw query, or "".
func queryValue(query, key string) string {
	if query == "" {
		return ""
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return ""
	}
	return q.Get(key)
}
