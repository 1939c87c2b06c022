package auth

import (
	"context"
	"net"
	"net/http"
	"sync"
)

// connLimit caps the connections a callback listener holds at once, across
// its listeners (127.0.0.1 and ::1), without a cap a stranger can fill: a
// connection over the cap closes the oldest one that is not being answered
// (idle, or still sending its request), so idle connections cost wfconnect
// no more than the cap and never keep the browser's callback waiting.
type connLimit struct {
	mu   sync.Mutex
	max  int
	open []*limitConn // oldest first
}

func newConnLimit(n int) *connLimit { return &connLimit{max: n} }

// held is the number of connections open now.
func (c *connLimit) held() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.open)
}

func (c *connLimit) listener(l net.Listener) net.Listener {
	return &limitListener{Listener: l, lim: c}
}

// add takes a new connection in, making room first. When every connection
// is being answered (a handler returns at once, but for the one real
// callback) the newcomer is the one turned away.
func (c *connLimit) add(lc *limitConn) bool {
	c.mu.Lock()
	var evict *limitConn
	if len(c.open) >= c.max {
		for _, o := range c.open {
			if !o.busy {
				evict = o
				break
			}
		}
		if evict == nil {
			c.mu.Unlock()
			return false
		}
		c.removeLocked(evict)
	}
	c.open = append(c.open, lc)
	c.mu.Unlock()
	if evict != nil {
		evict.Close()
	}
	return true
}

func (c *connLimit) removeLocked(lc *limitConn) {
	for i, o := range c.open {
		if o == lc {
			c.open = append(c.open[:i], c.open[i+1:]...)
			return
		}
	}
}

func (c *connLimit) setBusy(lc *limitConn, busy bool) {
	c.mu.Lock()
	lc.busy = busy
	c.mu.Unlock()
}

type connKey struct{}

// connContext is the server's ConnContext: it lets handle find the
// request's connection.
func (c *connLimit) connContext(ctx context.Context, conn net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, conn)
}

// handle marks a connection busy while its request is answered, so that
// it is never the one closed to make room.
func (c *connLimit) handle(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if lc, ok := r.Context().Value(connKey{}).(*limitConn); ok {
			c.setBusy(lc, true)
			defer c.setBusy(lc, false)
		}
		h.ServeHTTP(w, r)
	})
}

type limitListener struct {
	net.Listener
	lim *connLimit
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		conn, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		lc := &limitConn{Conn: conn, lim: l.lim}
		if l.lim.add(lc) {
			return lc, nil
		}
		conn.Close()
	}
}

type limitConn struct {
	net.Conn
	lim  *connLimit
	busy bool // guarded by lim.mu
	once sync.Once
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.lim.mu.Lock()
		c.lim.removeLocked(c)
		c.lim.mu.Unlock()
	})
	return err
}
