package auth

import (
	"net"
	"sync"
)

// connLimit caps the connections a callback listener holds at once, across
// its listeners (127.0.0.1 and ::1): a connection over the cap waits in the
// kernel's queue until one closes, so a flood of idle connections costs
// wfconnect no more than the cap.
type connLimit struct{ slots chan struct{} }

func newConnLimit(n int) *connLimit { return &connLimit{slots: make(chan struct{}, n)} }

// held is the number of connections open now.
func (c *connLimit) held() int { return len(c.slots) }

func (c *connLimit) listener(l net.Listener) net.Listener {
	return &limitListener{Listener: l, slots: c.slots, done: make(chan struct{})}
}

type limitListener struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, slots: l.slots}, nil
}

func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

type limitConn struct {
	net.Conn
	slots chan struct{}
	once  sync.Once
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { <-c.slots })
	return err
}
