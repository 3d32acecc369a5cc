package space

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"

	"learnwork/store"
)

// org is an organisation's NATS server in operator mode: accounts and
// users are JWTs signed offline, as `nsc` makes them, and a member gets a
// credentials file.
type org struct {
	url     string
	account nkeys.KeyPair
}

func newOrg(t *testing.T) *org {
	t.Helper()
	operator, _ := nkeys.CreateOperator()
	opub, _ := operator.PublicKey()
	sys, _ := nkeys.CreateAccount()
	spub, _ := sys.PublicKey()
	account, _ := nkeys.CreateAccount()
	apub, _ := account.PublicKey()

	oc := jwt.NewOperatorClaims(opub)
	oc.SystemAccount = spub
	sc := jwt.NewAccountClaims(spub)
	sjwt, err := sc.Encode(operator)
	if err != nil {
		t.Fatal(err)
	}
	ac := jwt.NewAccountClaims(apub)
	ac.Limits.JetStreamLimits = jwt.JetStreamLimits{MemoryStorage: -1, DiskStorage: -1, Streams: -1, Consumer: -1}
	ajwt, err := ac.Encode(operator)
	if err != nil {
		t.Fatal(err)
	}
	resolver := &server.MemAccResolver{}
	if err := resolver.Store(spub, sjwt); err != nil {
		t.Fatal(err)
	}
	if err := resolver.Store(apub, ajwt); err != nil {
		t.Fatal(err)
	}
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, JetStream: true, StoreDir: t.TempDir(),
		MaxPayload: maxPayload, NoSigs: true, NoLog: true, TrustedOperators: []*jwt.OperatorClaims{oc},
		AccountResolver: resolver, SystemAccount: spub})
	if err != nil {
		t.Fatal(err)
	}
	s.Start()
	t.Cleanup(s.Shutdown)
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("the organisation's server did not start")
	}
	return &org{url: s.ClientURL(), account: account}
}

// creds writes a credentials file for a user of the organisation's
// account: unlimited with no space named, else limited to that space's
// subjects and its stream's JetStream API, as README tells an
// administrator to set them.
func (o *org) creds(t *testing.T, space string) string {
	t.Helper()
	user, _ := nkeys.CreateUser()
	upub, _ := user.PublicKey()
	uc := jwt.NewUserClaims(upub)
	if space != "" {
		uc.Pub.Allow.Add(SubjectsFor(space)...)
		uc.Sub.Allow.Add("_INBOX.>", subjectAll(space))
	}
	ujwt, err := uc.Encode(o.account)
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := user.Seed()
	b, err := jwt.FormatUserConfig(ujwt, seed)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "member.creds")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A member whose credentials name one space syncs it, and can neither
// read nor write another space on the same server.
func TestSpaceCredentialsLimitedToTheirSpace(t *testing.T) {
	o := newOrg(t)
	admin := o.creds(t, "")
	ada, bob := newMember(t, "Ada's laptop"), newMember(t, "Bob's laptop")
	team, err := ada.eng.Create(bg, "L&D team", o.url, admin)
	if err != nil {
		t.Fatalf("create with an administrator's credentials: %v", err)
	}
	other, err := ada.eng.Create(bg, "Leadership", o.url, admin)
	if err != nil {
		t.Fatal(err)
	}
	lid := ada.put(t, &store.Learning{Meta: store.Meta{Kind: store.KindLearning}, Date: "2026-12-01", What: "spaced practice works"})
	ada.update(t, func(tx *store.Tx) error { return tx.Share(store.KindLearning, lid, team.ID) })
	ada.sync(t, team.ID)

	inv, err := ada.eng.Invite(bg, team.ID)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := ParseInvitation(inv.File())
	if err != nil {
		t.Fatal(err)
	}
	bobCreds := o.creds(t, team.ID)
	if _, err := bob.eng.Join(bg, parsed, bobCreds); err != nil {
		t.Fatalf("Bob joins with credentials limited to the space: %v", err)
	}
	bob.sync(t, team.ID)
	if l, ok := bob.learning(lid); !ok || l.What != "spaced practice works" {
		t.Fatalf("Bob's copy of the shared learning: %+v", l)
	}
	bob.update(t, func(tx *store.Tx) error { return tx.Set(store.KindLearning, lid, "used", "in the induction") })
	bob.sync(t, team.ID)
	ada.sync(t, team.ID)
	if l, _ := ada.learning(lid); l.Used != "in the induction" {
		t.Fatalf("Ada after Bob's edit: %+v", l)
	}

	// With the same credentials, the other space's stream is closed.
	nc, err := nats.Connect(o.url, nats.UserCredentials(bobCreds), nats.ErrorHandler(func(*nats.Conn, *nats.Subscription, error) {}))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	if _, err := js.Stream(short(t), StreamName(other.ID)); err == nil {
		t.Error("Bob's credentials read the other space's stream")
	}
	if _, err := js.Publish(short(t), subjectMembers(other.ID), []byte("x")); err == nil {
		t.Error("Bob's credentials publish into the other space")
	}
	if _, err := js.Stream(short(t), StreamName(team.ID)); err != nil {
		t.Errorf("Bob's credentials on his own space's stream: %v", err)
	}
}

// short bounds a call the server may leave unanswered (a permission
// refused is silence to the caller).
func short(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(bg, 2*time.Second)
	t.Cleanup(cancel)
	return ctx
}
