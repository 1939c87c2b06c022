package wfsim

import (
	"errors"
	"net"
	"net/http"
	"strings"
)

// ErrNotLoopback refuses a listen address off the loopback interface
// without Options.Public: the simulator hands out throwaway secrets and
// signs anyone in.
var ErrNotLoopback = errors.New("the simulator listens on loopback only unless it is made public")

// IsLoopbackAddr reports whether a listen address (host:port) binds the
// loopback interface only: a loopback IP or localhost. An empty host binds
// every interface.
func IsLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	return isLoopbackHost(host)
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostAllowed reports whether a request's Host header names this
// simulator: a loopback name with the port the request came in on. A page elsewhere whose DNS
// name is rebound to 127.0.0.1 reaches it under that other name, and is
// refused. A public simulator answers any name.
func (s *Sim) hostAllowed(r *http.Request) bool {
	if s.opts.Public {
		return true
	}
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = r.Host, ""
	}
	if !isLoopbackHost(host) {
		return false
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return true // not served over a connection (a test calling the handler)
	}
	// The port the request came in on: the simulator's own, or that of a
	// test's server in front of its handler.
	_, own, _ := net.SplitHostPort(local.String())
	return port == own
}

// refuseHost answers a request under another name, as a server that does
// not host that name would.
func refuseHost(w http.ResponseWriter) {
	htmlError(w, http.StatusMisdirectedRequest, "Misdirected request", "This simulator answers only under its own loopback address.")
}
