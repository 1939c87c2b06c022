package edit

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
)

// Request is one write exactly as it will be sent, for people to read
// before they confirm: Workfront's PUT, which the client tunnels as a POST
// with method=PUT and updates in the body. It holds no token.
type Request struct {
	URL     string // the object's address, or the type's for several
	Updates string // the updates JSON
	Atomic  bool
}

// Requests are the requests sending the plan makes, one per batch.
func Requests(host, apiVersion string, plan Plan, atomic bool) []Request {
	base := strings.TrimRight(host, "/") + "/attask/api/" + apiVersion + "/" + strings.ToLower(plan.ObjCode)
	todo := plan.indexes(WillChange)
	var out []Request
	for start := 0; start < len(todo); start += BatchSize {
		batch := todo[start:min(start+BatchSize, len(todo))]
		if len(batch) == 1 && !atomic {
			p := plan.Rows[batch[0]]
			u := p.Updates()
			delete(u, "ID")
			out = append(out, Request{URL: base + "/" + url.PathEscape(p.ID), Updates: jsonText(u)})
			continue
		}
		updates := make([]map[string]any, len(batch))
		for k, i := range batch {
			updates[k] = plan.Rows[i].Updates()
		}
		out = append(out, Request{URL: base, Updates: jsonText(updates), Atomic: atomic})
	}
	return out
}

func jsonText(v any) string {
	b, _ := json.Marshal(v) // maps of JSON values always marshal
	return string(b)
}

// Text is the request for reading: "PUT <url>" and the updates.
func (r Request) Text() string {
	line := "PUT " + r.URL
	if r.Atomic {
		line += "?atomic=true"
	}
	return line + "\nupdates=" + r.Updates
}

// Curl is the request as a curl command; authArgs are the sign-in's
// header arguments, already quoted (e.g. -H "sessionID: $(wfconnect token acme)").
func (r Request) Curl(authArgs string) string {
	parts := []string{"curl -sS -X POST", msg.ShellQuote(r.URL), authArgs,
		"--data-urlencode method=PUT", "--data-urlencode " + msg.ShellQuote("updates="+r.Updates)}
	if r.Atomic {
		parts = append(parts, "--data-urlencode atomic=true")
	}
	return strings.Join(parts, " ")
}
