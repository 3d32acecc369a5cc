// Package space shares part of a person's network with a team over NATS
// JetStream: one stream per space, one subject per member device, each
// message a batch of the changes the device wrote under its space device
// (store.SpaceDeviceOf), signed with the device key and age-encrypted to
// the space key of the current epoch, so the server stores ciphertext only.
//
// Membership is a log too: control events on the space's members subject
// (create, invite, join, remove, leave), folded in stream order, which
// JetStream makes the same for every member. Removing a member starts a new
// epoch whose key is wrapped only to the members who remain.
package space

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"slices"

	"github.com/fxamacker/cbor/v2"

	"learnwork/store"
	"learnwork/sync/identity"
)

// Member is one device in a space.
type Member struct {
	Name   string            `cbor:"1,keyasint" json:"name"`
	Pub    ed25519.PublicKey `cbor:"2,keyasint" json:"pub"`
	Age    string            `cbor:"3,keyasint" json:"age"`
	Joined int64             `cbor:"4,keyasint" json:"joined"` // Unix seconds
}

// ID is the member device's ID (as device pairing shows it).
func (m Member) ID() string { return identity.IDOf(m.Pub) }

// Device is the member's dot device in space.
func (m Member) Device(space string) store.DeviceID { return store.SpaceDeviceOf(m.Pub, space) }

// Event types on the members subject.
const (
	evCreate = "create"
	evInvite = "invite"
	evJoin   = "join"
	evRemove = "remove"
	evLeave  = "leave"
	evRotate = "rotate"
)

// event is one membership change. Which fields it carries depends on Type.
type event struct {
	Type      string            `cbor:"1,keyasint"`
	Name      string            `cbor:"2,keyasint,omitempty"` // create: the space's name
	Member    *Member           `cbor:"3,keyasint,omitempty"` // create, join
	Invite    string            `cbor:"4,keyasint,omitempty"` // invite, join: the invitation's ID
	InviteKey ed25519.PublicKey `cbor:"5,keyasint,omitempty"` // invite: checks the joiner knew the secret
	InviteSig []byte            `cbor:"6,keyasint,omitempty"` // join: Member signed with the invitation's key
	Removed   ed25519.PublicKey `cbor:"7,keyasint,omitempty"` // remove
	From      uint64            `cbor:"8,keyasint,omitempty"` // remove, rotate: the epoch it ends
	Wrapped   []byte            `cbor:"9,keyasint,omitempty"` // remove, rotate: the new key, to the members who remain
}

func (e event) encode() []byte { b, _ := cbor.Marshal(e); return b }

func joinSigned(space string, m Member) []byte {
	b, _ := cbor.Marshal(m)
	return append([]byte("learnwork space join v1\x00"+space+"\x00"), b...)
}

// invite is an invitation announced on the members subject.
type invite struct {
	Key   ed25519.PublicKey `json:"key"`
	Epoch uint64            `json:"epoch"`
	Used  bool              `json:"used,omitempty"`
}

// State is a space's membership as folded from its control events.
type State struct {
	Name    string            `json:"name"`
	Epoch   uint64            `json:"epoch"`
	Members []Member          `json:"members"`
	Invites map[string]invite `json:"invites,omitempty"`
	// Rotate: a member left; the next member to sync starts a new epoch.
	Rotate bool `json:"rotate,omitempty"`
	// Gone: this device was removed from the space, or left it.
	Gone bool `json:"gone,omitempty"`
}

// ErrNotMember is a message or event from a device that is not (or no
// longer) a member: it is ignored.
var ErrNotMember = errors.New("not a member of the space")

func (s *State) member(pub ed25519.PublicKey) int {
	return slices.IndexFunc(s.Members, func(m Member) bool { return bytes.Equal(m.Pub, pub) })
}

// IsMember reports whether the device is a member now.
func (s *State) IsMember(pub ed25519.PublicKey) bool { return s.member(pub) >= 0 }

// fold applies one control event signed by sender. A rejected event
// changes nothing; every member rejects it alike, since the fold sees the
// same events in the same order. rotated reports a new epoch.
func (s *State) fold(space string, ev event, sender ed25519.PublicKey, self ed25519.PublicKey) (rotated bool, err error) {
	switch ev.Type {
	case evCreate:
		if len(s.Members) > 0 || s.Epoch > 0 || ev.Member == nil || !bytes.Equal(ev.Member.Pub, sender) {
			return false, fmt.Errorf("create: %w", ErrNotMember)
		}
		s.Name, s.Epoch, s.Members = ev.Name, 1, []Member{*ev.Member}
	case evInvite:
		if !s.IsMember(sender) || len(ev.InviteKey) != ed25519.PublicKeySize || ev.Invite == "" {
			return false, fmt.Errorf("invite: %w", ErrNotMember)
		}
		if s.Invites == nil {
			s.Invites = map[string]invite{}
		}
		if _, ok := s.Invites[ev.Invite]; !ok {
			s.Invites[ev.Invite] = invite{Key: ev.InviteKey, Epoch: s.Epoch}
		}
	case evJoin:
		inv, ok := s.Invites[ev.Invite]
		switch {
		case ev.Member == nil || !bytes.Equal(ev.Member.Pub, sender):
			return false, fmt.Errorf("join: %w", ErrNotMember)
		case !ok || inv.Used:
			return false, errors.New("join: the invitation was used already or never made")
		case inv.Epoch != s.Epoch:
			return false, errors.New("join: the invitation was made before a member was removed")
		case !identity.Verify(inv.Key, joinSigned(space, *ev.Member), ev.InviteSig):
			return false, errors.New("join: the invitation's secret does not match")
		}
		inv.Used = true
		s.Invites[ev.Invite] = inv
		if !s.IsMember(sender) {
			s.Members = append(s.Members, *ev.Member)
		}
	case evRemove, evLeave, evRotate:
		if !s.IsMember(sender) {
			return false, fmt.Errorf("%s: %w", ev.Type, ErrNotMember)
		}
		gone := ev.Removed
		if ev.Type == evLeave {
			gone = sender
		}
		if ev.Type != evRotate {
			i := s.member(gone)
			if i < 0 {
				return false, fmt.Errorf("%s: %w", ev.Type, ErrNotMember)
			}
			if ev.Type == evRemove && ev.From != s.Epoch {
				return false, errors.New("remove: another member changed the key first")
			}
			s.Members = slices.Delete(s.Members, i, i+1)
			if bytes.Equal(gone, self) {
				s.Gone = true
			}
		}
		if ev.Type == evLeave {
			// The leaver keeps the current key: whoever syncs next starts
			// a new one.
			s.Rotate = true
			return false, nil
		}
		if ev.From != s.Epoch {
			return false, errors.New("rotate: another member changed the key first")
		}
		s.Epoch++
		s.Rotate = false // invitations made for the old key are void (see evJoin)
		return true, nil
	default:
		return false, fmt.Errorf("unknown event %q", ev.Type)
	}
	return false, nil
}
