// Package auth owns signing in to Workfront, for every kind of connection,
// and keeping the session alive:
//   - the kinds table (kinds.go): what each kind needs and how it renews;
//   - the authorization-code flow of Web and Single Page apps: host
//     normalization (host.go), the authorize URL with state and PKCE, the
//     loopback callback listener and the paste-the-URL fallback (flow.go,
//     limit.go, pages.go), the one exchange of the code (endpoint.go);
//   - the keys and JWTs of Machine to Machine apps (jwt.go) and the
//     addresses, org IDs and scopes of Adobe IMS credentials (ims.go);
//   - the token source (source.go), which hands out a valid token and
//     renews it once at a time, in the process and across processes, never
//     losing a rotated refresh token (renew.go). Each way of renewing has
//     its file: renew_refresh.go, renew_jwt.go, renew_ims.go.
//
// It imports no Fyne and nothing of store: it needs only the small
// TokenStore interface (types.go).
package auth
