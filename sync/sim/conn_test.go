package sim

import (
	"errors"
	stdsync "sync"
)

// pipe is an in-memory frame connection that breaks after a budget of
// frames, as a dropped network connection would.
type pipe struct {
	in, out chan frame
	link    *link
}

type frame struct {
	kind    byte
	payload []byte
}

type link struct {
	mu     stdsync.Mutex
	budget int // frames left before the link breaks; <0 means unlimited
	closed chan struct{}
	once   stdsync.Once
}

var errBroken = errors.New("connection lost")

func newPipe(budget int) (*pipe, *pipe) {
	a, b := make(chan frame, 64), make(chan frame, 64)
	l := &link{budget: budget, closed: make(chan struct{})}
	return &pipe{in: a, out: b, link: l}, &pipe{in: b, out: a, link: l}
}

func (p *pipe) WriteFrame(kind byte, payload []byte) error {
	l := p.link
	l.mu.Lock()
	if l.budget == 0 {
		l.mu.Unlock()
		p.Close()
		return errBroken
	}
	if l.budget > 0 {
		l.budget--
	}
	l.mu.Unlock()
	select {
	case p.out <- frame{kind, append([]byte(nil), payload...)}:
		return nil
	case <-l.closed:
		return errBroken
	}
}

func (p *pipe) ReadFrame() (byte, []byte, error) {
	select {
	case f := <-p.in:
		return f.kind, f.payload, nil
	case <-p.link.closed:
		select { // frames already sent still arrive
		case f := <-p.in:
			return f.kind, f.payload, nil
		default:
			return 0, nil, errBroken
		}
	}
}

func (p *pipe) Close() error {
	p.link.once.Do(func() { close(p.link.closed) })
	return nil
}
