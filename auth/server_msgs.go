package auth

import (
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// tokenServer is the server a token request went to, named in every
// message about its answer: Workfront's token endpoint (code, refresh, JWT
// exchange) or Adobe IMS at its base URL (ims is then set).
type tokenServer struct{ ims string }

// serverOf is the server cfg's token requests go to.
func serverOf(cfg Config) tokenServer {
	if cfg.AppType.Spec().Renew != RenewClientCredentials {
		return tokenServer{}
	}
	base, err := NormalizeIMSURL(cfg.IMSURL)
	if err != nil {
		base = cfg.IMSURL
	}
	return tokenServer{ims: base}
}

// authTimeout bounds every token request, its answer's body included, when
// the HTTP client sets no timeout of its own; tests shorten it.
var authTimeout = 30 * time.Second

func (s tokenServer) webPage(status string) *msg.Error {
	if s.ims != "" {
		return msg.New("Adobe IMS at %s answered %s with a web page instead of tokens (a proxy or an outage?).", s.ims, status)
	}
	return msg.New("Workfront's token endpoint answered %s with a web page instead of tokens (a proxy or an outage?).", status)
}

func (s tokenServer) answered(status string) *msg.Error {
	if s.ims != "" {
		return msg.New("Adobe IMS at %s answered %s.", s.ims, status)
	}
	return msg.New("Workfront's token endpoint answered %s.", status)
}

func (s tokenServer) answeredSaying(status int, said string) *msg.Error {
	if s.ims != "" {
		return msg.New("Adobe IMS at %s answered %d: %s", s.ims, status, said)
	}
	return msg.New("Workfront's token endpoint answered %d: %s", status, said)
}

func (s tokenServer) unreachable(reason string) *msg.Error {
	if s.ims != "" {
		return msg.New("Could not reach Adobe IMS at %s: %s", s.ims, reason)
	}
	return msg.New("Could not reach Workfront's token endpoint: %s", reason)
}

func (s tokenServer) cutOff(status string) *msg.Error {
	if s.ims != "" {
		return msg.New("The answer of Adobe IMS at %s was cut off before it ended (%s). Try again.", s.ims, status)
	}
	return msg.New("Workfront's token answer was cut off before it ended (%s). Try again.", status)
}

func (s tokenServer) tooLarge(status string) *msg.Error {
	if s.ims != "" {
		return msg.New("Adobe IMS at %s answered %s with more than 1 MB, which cannot be a token response (a proxy or an outage?).", s.ims, status)
	}
	return msg.New("Workfront's token endpoint answered %s with more than 1 MB, which cannot be a token response (a proxy or an outage?).", status)
}

func (s tokenServer) noAccessToken(status string) *msg.Error {
	if s.ims != "" {
		return msg.New("Adobe IMS at %s answered %s but sent no access_token.", s.ims, status)
	}
	return msg.New("Workfront's token endpoint answered %s but sent no access_token.", status)
}

func (s tokenServer) notTokens(status, ctype string) *msg.Error {
	if s.ims != "" {
		return msg.New("Adobe IMS at %s answered %s with something other than tokens (%s).", s.ims, status, ctype)
	}
	return msg.New("Workfront's token endpoint answered %s with something other than tokens (%s).", status, ctype)
}

func (s tokenServer) unknownType(typ string) *msg.Error {
	if s.ims != "" {
		return msg.New("Adobe IMS at %s sent a token of type %q, which wfconnect cannot use (it knows Bearer). Tell the administrator of your Adobe organization.", s.ims, typ)
	}
	return msg.New("Workfront's token endpoint sent a token of type %q, which wfconnect cannot use (it knows sessionID and Bearer). Tell your Workfront administrator.", typ)
}

func (s tokenServer) accessControl() *msg.Error {
	if s.ims != "" {
		return msg.New("Adobe IMS at %s sent an access token containing control characters (a line break, for example), which wfconnect refuses to send. Try again; if it happens again, something between you and Adobe (a proxy) may be changing its answers.", s.ims)
	}
	return msg.New("Workfront's token endpoint sent an access token containing control characters (a line break, for example), which wfconnect refuses to send. Try again; if it happens again, something between you and Workfront (a proxy) may be changing its answers.")
}

func (s tokenServer) refreshControl() *msg.Error {
	return msg.New("Workfront's token endpoint sent a refresh token containing control characters (a line break, for example), which wfconnect refuses to keep. Try again; if it happens again, something between you and Workfront (a proxy) may be changing its answers.")
}
