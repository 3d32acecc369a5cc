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
	if u := profileURL(v); u != nil {
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

// profileURL reads a profile written as a URL, with or without its scheme.
func profileURL(v string) *url.URL {
	if !strings.Contains(v, "://") {
		host, _, _ := strings.Cut(v, "/")
		if !strings.Contains(host, ".") || strings.ContainsAny(host, "@ ") {
			return nil
		}
		v = "https://" + v
	}
	u, err := url.Parse(v)
	if err != nil || u.Host == "" {
		return nil
	}
	return u
}

func urlProfileKey(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	for _, p := range []string{"www.", "mobile.", "m."} {
		host = strings.TrimPrefix(host, p)
	}
	parts := strings.FieldsFunc(strings.ToLower(u.Path), func(r rune) bool { return r == '/' })
	first := func() string {
		if len(parts) == 0 {
			return ""
		}
		return parts[0]
	}
	switch {
	case host == "twitter.com" || host == "x.com":
		if id := u.Query().Get("user_id"); id != "" {
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
			slug, err := url.PathUnescape(parts[1])
			if err != nil {
				slug = parts[1]
			}
			return "linkedin:" + slug
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
	path := strings.Join(parts, "/")
	if path == "" {
		return "url:" + host
	}
	return "url:" + host + "/" + path
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
