package space

import (
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"learnwork/internal/racebuild"
	"learnwork/store"
)

// freePorts are n ports free on 127.0.0.1 now.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// retry runs fn until the cluster (electing a leader) takes it.
func retry(t testing.TB, what string, fn func() error) {
	t.Helper()
	deadline := time.Now().Add(racebuild.Scale(30 * time.Second))
	for {
		err := fn()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %v", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A space on a 3-node cluster, its stream kept on all three: one node is
// killed while a member publishes; nothing is lost and every member
// converges, whichever node it talks to.
func TestClusterNodeLoss(t *testing.T) {
	ports := freePorts(t, 6)
	var nodes []*Server
	var urls []string
	for i := range 3 {
		urls = append(urls, fmt.Sprintf("nats://127.0.0.1:%d", ports[i]))
	}
	for i := range 3 {
		var routes []string
		for j := range 3 {
			if j != i {
				routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", ports[3+j]))
			}
		}
		srv, err := Serve(ServerOptions{Listen: fmt.Sprintf("127.0.0.1:%d", ports[i]), Dir: t.TempDir(), Name: fmt.Sprint("node", i),
			Cluster: fmt.Sprintf("127.0.0.1:%d", ports[3+i]), Routes: routes})
		if err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, srv)
	}
	defer func() {
		for _, n := range nodes {
			if n != nil {
				n.Close()
			}
		}
	}()
	// Each member knows every node (and picks one at random).
	ada, bob, cy := newMember(t, "Ada"), newMember(t, "Bob"), newMember(t, "Cy")
	for _, m := range []*member{ada, bob, cy} {
		m.eng.Replicas = 3
	}
	var sp Space
	retry(t, "create on the cluster", func() (err error) {
		sp, err = ada.eng.Create(bg, "Cluster team", strings.Join(urls, ","), "")
		return err
	})
	for _, m := range []*member{bob, cy} {
		var inv Invitation
		retry(t, "invite", func() (err error) { inv, err = ada.eng.Invite(bg, sp.ID); return err })
		retry(t, m.name+" joins", func() error { _, err := m.eng.Join(bg, inv, ""); return err })
	}

	var ids []string
	publish := func(n int) {
		for range n {
			id := ada.put(t, &store.Learning{Meta: store.Meta{Kind: store.KindLearning}, Date: "2026-12-01", What: fmt.Sprintf("learning %d", len(ids))})
			ada.update(t, func(tx *store.Tx) error { return tx.Share(store.KindLearning, id, sp.ID) })
			ids = append(ids, id)
			retry(t, "Ada publishes", func() error { _, err := ada.eng.Sync(bg, sp.ID); return err })
		}
	}
	publish(20)
	bob.sync(t, sp.ID)
	// Kill the node Bob talks to, mid-stream.
	r := bob.eng.run(sp.ID)
	r.mu.Lock()
	at := r.nc.ConnectedUrl()
	r.mu.Unlock()
	killed := slices.Index(urls, at)
	if killed < 0 {
		t.Fatalf("Bob talks to %s, not a node of the cluster", at)
	}
	nodes[killed].Close()
	nodes[killed] = nil
	publish(20)
	for _, m := range []*member{bob, cy, ada} {
		retry(t, m.name+" syncs", func() error { _, err := m.eng.Sync(bg, sp.ID); return err })
	}
	for _, m := range []*member{bob, cy} {
		for _, id := range ids {
			if _, ok := m.learning(id); !ok {
				t.Fatalf("%s lacks a learning published around the node's loss", m.name)
			}
		}
		if got, want := m.st.Vector()[ada.st.SpaceDevice(sp.ID)], ada.st.Vector()[ada.st.SpaceDevice(sp.ID)]; got != want {
			t.Fatalf("%s holds Ada's space log up to %d of %d", m.name, got, want)
		}
	}
}
