package fetch

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"time"
)

// Reason is why a fetch failed, as a person would want to know it.
type Reason uint8

const (
	Offline     Reason = iota + 1 // no network, no such site, connection refused
	NotFound                      // 404, 410
	NotAFeed                      // an answer, but not what was asked for (a web page for a feed)
	TLS                           // the site's certificate could not be checked
	TooBig                        // larger than the limit
	Busy                          // 429, 503: try again at RetryAt (zero: later)
	Slow                          // no full answer within the time allowed
	Denied                        // 401, 403: needs a login
	ServerError                   // the site failed (5xx)
	Refused                       // any other answer that is not a document
	Unsupported                   // not an http(s) address, a redirect loop or elsewhere
)

// Sentinels for errors.Is: errors.Is(err, fetch.ErrBusy) holds for any
// *Error with that reason.
var (
	ErrOffline     = errors.New("offline or unreachable")
	ErrNotFound    = errors.New("not found")
	ErrNotAFeed    = errors.New("not a feed")
	ErrTLS         = errors.New("certificate not trusted")
	ErrTooBig      = errors.New("too big")
	ErrBusy        = errors.New("site busy")
	ErrSlow        = errors.New("too slow")
	ErrDenied      = errors.New("access denied")
	ErrServerError = errors.New("server error")
	ErrRefused     = errors.New("refused")
	ErrUnsupported = errors.New("unsupported address")
)

var sentinels = map[Reason]error{
	Offline: ErrOffline, NotFound: ErrNotFound, NotAFeed: ErrNotAFeed, TLS: ErrTLS, TooBig: ErrTooBig,
	Busy: ErrBusy, Slow: ErrSlow, Denied: ErrDenied, ServerError: ErrServerError, Refused: ErrRefused, Unsupported: ErrUnsupported,
}

// Error is a failed fetch.
type Error struct {
	Reason  Reason
	URL     string
	Status  int       // the HTTP status, when there was one
	RetryAt time.Time // Busy: when the site said to come back
	Limit   int64     // TooBig: the limit
	Err     error     // the cause underneath, if any
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("fetch %s: %v", e.URL, sentinels[e.Reason])
	if e.Status != 0 {
		msg += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrBusy) and the like work.
func (e *Error) Is(target error) bool { return sentinels[e.Reason] == target }

// NotFeed is the error for an answer that is not the document asked for.
func NotFeed(url string, err error) *Error { return &Error{Reason: NotAFeed, URL: url, Err: err} }

// Words says what went wrong for the person who follows the feed, in
// their time zone; now decides whether a retry time needs its day.
func (e *Error) Words(now time.Time) string {
	switch e.Reason {
	case Offline:
		if errors.Is(e.Err, errProxyDown) {
			return "could not reach the proxy your network settings name, so nothing was fetched: check the connection, or ask whoever looks after your network"
		}
		return "could not reach the site: you may be offline, or the address is wrong"
	case NotFound:
		return "nothing is at this address any more: check it on the website"
	case NotAFeed:
		return "this address is not a feed (it may be a web page); find its feed again"
	case TLS:
		return "the site's security certificate could not be checked, so nothing was fetched"
	case TooBig:
		return fmt.Sprintf("the answer is larger than %d MB, so it was not read", max(e.Limit>>20, 1))
	case Busy:
		if e.RetryAt.IsZero() {
			return "the site is busy: trying again later"
		}
		return "the site is busy: trying again " + when(e.RetryAt.In(now.Location()), now)
	case Slow:
		return "the site took too long to answer: trying again later"
	case Denied:
		return "the site wants a login for this address"
	case ServerError:
		return "the site had a problem on its side: trying again later"
	case Unsupported:
		if errors.Is(e.Err, errRedirectLoop) || errors.Is(e.Err, errTooManyHops) {
			return "the site sends the request round in circles"
		}
		return "this is not a web address Learnwork can fetch (it needs http or https)"
	}
	return "the site did not give the document"
}

// Words is err in words for people: a fetch failure's Words, else the
// error's own text.
func Words(err error, now time.Time) string {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Words(now)
	}
	return err.Error()
}

func when(t, now time.Time) string {
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	if y1 == y2 && m1 == m2 && d1 == d2 {
		return "at " + t.Format("15:04")
	}
	return t.Format("on Mon 2 Jan at 15:04")
}

// errProxyDown: the proxy the system's settings chose (and any after it)
// could not be connected, which a person fixes elsewhere than the site.
var errProxyDown = errors.New("could not connect to the proxy")

// classify names a transport failure.
func classify(u string, err error) *Error {
	e := &Error{URL: u, Err: err}
	var (
		unknown  x509.UnknownAuthorityError
		invalid  x509.CertificateInvalidError
		hostname x509.HostnameError
		verify   *tls.CertificateVerificationError
		header   tls.RecordHeaderError
		nerr     net.Error
	)
	switch {
	case errors.Is(err, errRedirectLoop), errors.Is(err, errTooManyHops), errors.Is(err, errRedirectScheme):
		e.Reason = Unsupported
	case errors.As(err, &unknown), errors.As(err, &invalid), errors.As(err, &hostname), errors.As(err, &verify), errors.As(err, &header):
		e.Reason = TLS
	case errors.As(err, &nerr) && nerr.Timeout():
		e.Reason = Slow
	default:
		e.Reason = Offline
	}
	return e
}

// Explain is err for the person who asked: a fetch failure reads as its
// Words (errors.Is still finds the reason), anything else as it is.
func Explain(err error, now time.Time) error {
	var fe *Error
	if !errors.As(err, &fe) {
		return err
	}
	return explained{words: fe.URL + ": " + fe.Words(now), err: err}
}

type explained struct {
	words string
	err   error
}

func (e explained) Error() string { return e.words }
func (e explained) Unwrap() error { return e.err }
