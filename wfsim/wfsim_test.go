package wfsim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

const redirect = "https://example.com/cb"

func newServer(t *testing.T, opts Options) (*Sim, *httptest.Server) {
	t.Helper()
	if opts.Projects == 0 {
		opts.Projects = 500
	}
	opts.RedirectURIs = append(opts.RedirectURIs, redirect)
	s := New(opts)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return s, srv
}

// code consents and returns a fresh authorization code.
func code(t *testing.T, srv *httptest.Server, clientID string, extra url.Values) string {
	t.Helper()
	q := url.Values{"client_id": {clientID}, "redirect_uri": {redirect}, "response_type": {"code"}, "state": {"st"}}
	for k, v := range extra {
		q[k] = v
	}
	loc, err := Consent(srv.Client(), srv.URL+"/integrations/oauth2/authorize?"+q.Encode(), true)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(loc)
	if u.Query().Get("state") != "st" || u.Query().Get("domain") != "simcorp" || u.Query().Get("lane") != "my" {
		t.Errorf("callback %s", loc)
	}
	return u.Query().Get("code")
}

func post(t *testing.T, srv *httptest.Server, ctype, auth, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", srv.URL+"/integrations/oauth2/api/v1/token", strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	json.NewDecoder(resp.Body).Decode(&v)
	return resp.StatusCode, v
}

func basic(s *Sim) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(s.WebClientID()+":"+s.WebClientSecret()))
}

// TestSeedDocRequestsVerbatim sends the requests of Workfront's own doc.
func TestSeedDocRequestsVerbatim(t *testing.T) {
	s, srv := newServer(t, Options{Rotation: true})
	c := code(t, srv, s.WebClientID(), nil)
	status, tok := post(t, srv, "application/json", basic(s), fmt.Sprintf(`{"code":%q,"grant_type":"authorization_code","redirect_uri":%q}`, c, redirect))
	if status != 200 || tok["token_type"] != "sessionID" || tok["access_token"] == "" || tok["refresh_token"] == nil || tok["expires_in"] != 0.0 || tok["wid"] == nil {
		t.Fatalf("example 1: %d %v", status, tok)
	}
	// Single use.
	if status, body := post(t, srv, "application/json", basic(s), fmt.Sprintf(`{"code":%q,"grant_type":"authorization_code","redirect_uri":%q}`, c, redirect)); status != 400 || body["error"] != "invalid_grant" {
		t.Errorf("reused code: %d %v", status, body)
	}
	c2 := code(t, srv, s.WebClientID(), nil)
	form := url.Values{"grant_type": {"authorization_code"}, "redirect_uri": {redirect}, "code": {c2}, "client_id": {s.WebClientID()}, "client_secret": {s.WebClientSecret()}}
	status, tok2 := post(t, srv, "application/x-www-form-urlencoded", "", form.Encode())
	if status != 200 || tok2["access_token"] == "" {
		t.Fatalf("example 2: %d %v", status, tok2)
	}
	// Refresh, JSON form: rotation kills the old refresh token.
	rt := tok["refresh_token"].(string)
	status, r1 := post(t, srv, "application/json", basic(s), fmt.Sprintf(`{"grant_type":"refresh_token","refresh_token":%q}`, rt))
	if status != 200 || r1["refresh_token"] == rt {
		t.Fatalf("refresh json: %d %v", status, r1)
	}
	if status, _ := post(t, srv, "application/json", basic(s), fmt.Sprintf(`{"grant_type":"refresh_token","refresh_token":%q}`, rt)); status != 400 {
		t.Errorf("a rotated-away refresh token still works: %d", status)
	}
	// Refresh, form parameters.
	rf := url.Values{"grant_type": {"refresh_token"}, "redirect_uri": {redirect}, "refresh_token": {tok2["refresh_token"].(string)}, "client_id": {s.WebClientID()}, "client_secret": {s.WebClientSecret()}}
	if status, body := post(t, srv, "application/x-www-form-urlencoded", "", rf.Encode()); status != 200 || body["access_token"] == "" {
		t.Errorf("refresh form: %d %v", status, body)
	}
	if n := s.CountGrant("refresh_token"); n != 3 {
		t.Errorf("CountGrant = %d", n)
	}
	for _, r := range s.Requests() {
		if strings.Contains(fmt.Sprint(r), s.WebClientSecret()) {
			t.Error("the request log holds the secret")
		}
	}
}

func TestPKCE(t *testing.T) {
	s, srv := newServer(t, Options{})
	verifier := strings.Repeat("v", 50)
	sum := sha256.Sum256([]byte(verifier))
	challenge := base64.RawURLEncoding.EncodeToString(sum[:])
	// The SPA app must send a challenge.
	resp, _ := srv.Client().Get(srv.URL + "/integrations/oauth2/authorize?client_id=" + s.SPAClientID() + "&redirect_uri=" + url.QueryEscape(redirect) + "&response_type=code")
	if resp.StatusCode != 400 {
		t.Errorf("no challenge: %d", resp.StatusCode)
	}
	resp.Body.Close()
	c := code(t, srv, s.SPAClientID(), url.Values{"code_challenge": {challenge}, "code_challenge_method": {"S256"}})
	bad := url.Values{"grant_type": {"authorization_code"}, "client_id": {s.SPAClientID()}, "redirect_uri": {redirect}, "code": {c}, "code_verifier": {"wrong" + verifier}}
	if status, _ := post(t, srv, "application/x-www-form-urlencoded", "", bad.Encode()); status != 400 {
		t.Errorf("wrong verifier: %d", status)
	}
	c = code(t, srv, s.SPAClientID(), url.Values{"code_challenge": {challenge}, "code_challenge_method": {"S256"}})
	good := url.Values{"grant_type": {"authorization_code"}, "client_id": {s.SPAClientID()}, "redirect_uri": {redirect}, "code": {c}, "code_verifier": {verifier}}
	status, tok := post(t, srv, "application/x-www-form-urlencoded", "", good.Encode())
	if status != 200 {
		t.Fatalf("pkce: %d %v", status, tok)
	}
	rf := url.Values{"grant_type": {"refresh_token"}, "client_id": {s.SPAClientID()}, "redirect_uri": {redirect}, "refresh_token": {tok["refresh_token"].(string)}}
	if status, _ := post(t, srv, "application/x-www-form-urlencoded", "", rf.Encode()); status != 200 {
		t.Errorf("pkce refresh: %d", status)
	}
}

func TestCodeRules(t *testing.T) {
	s, srv := newServer(t, Options{})
	c := code(t, srv, s.WebClientID(), nil)
	s.Advance(2*time.Minute + time.Second) // codes live 2 minutes
	if status, body := post(t, srv, "application/json", basic(s), fmt.Sprintf(`{"code":%q,"grant_type":"authorization_code","redirect_uri":%q}`, c, redirect)); status != 400 || !strings.Contains(body["message"].(string), "expired") {
		t.Errorf("expired: %d %v", status, body)
	}
	s.SetLatency(0)
	s2, srv2 := newServer(t, Options{})
	c = code(t, srv2, s2.WebClientID(), nil)
	if status, _ := post(t, srv2, "application/json", basic(s2), fmt.Sprintf(`{"code":%q,"grant_type":"authorization_code","redirect_uri":"https://example.com/other"}`, c)); status != 400 {
		t.Errorf("redirect mismatch: %d", status)
	}
	if status, body := post(t, srv2, "application/json", "Basic "+base64.StdEncoding.EncodeToString([]byte(s2.WebClientID()+":nope")), `{"grant_type":"refresh_token","refresh_token":"x"}`); status != 401 || body["error"] != "invalid_client" {
		t.Errorf("bad secret: %d %v", status, body)
	}
	resp, _ := srv2.Client().Get(srv2.URL + "/integrations/oauth2/authorize?client_id=" + s2.WebClientID() + "&redirect_uri=https://evil.example/cb&response_type=code")
	if resp.StatusCode != 400 || resp.Header.Get("Location") != "" {
		t.Errorf("unregistered redirect: %d", resp.StatusCode)
	}
	resp.Body.Close()
	loc, err := Consent(srv2.Client(), srv2.URL+"/integrations/oauth2/authorize?client_id="+s2.WebClientID()+"&redirect_uri="+url.QueryEscape(redirect)+"&response_type=code", false)
	if err != nil || !strings.Contains(loc, "error=access_denied") || strings.Contains(loc, "state=") {
		t.Errorf("deny: %s %v", loc, err)
	}
}

func apiGet(t *testing.T, srv *httptest.Server, sid, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	if sid != "" {
		req.Header.Set("sessionID", sid)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func newSession(t *testing.T, s *Sim, srv *httptest.Server) string {
	c := code(t, srv, s.WebClientID(), nil)
	_, tok := post(t, srv, "application/json", basic(s), fmt.Sprintf(`{"code":%q,"grant_type":"authorization_code","redirect_uri":%q}`, c, redirect))
	return tok["access_token"].(string)
}

func TestAPI(t *testing.T) {
	s, srv := newServer(t, Options{Projects: 3000})
	if code, body := apiGet(t, srv, "", "/attask/api/v21.0/proj/search"); code != 401 || !strings.Contains(body, "com.attask.common.AuthenticationException") || !strings.Contains(body, "You are not currently logged in.") {
		t.Errorf("no session: %d %s", code, body)
	}
	sid := newSession(t, s, srv)
	code, body := apiGet(t, srv, sid, "/attask/api/v21.0/PROJECT/search?fields=status,owner:name,plannedCompletionDate&$$LIMIT=3")
	var page struct {
		Data []map[string]any `json:"data"`
	}
	if code != 200 || json.Unmarshal([]byte(body), &page) != nil || len(page.Data) != 3 {
		t.Fatalf("search: %d %s", code, body)
	}
	row := page.Data[0]
	owner, _ := row["owner"].(map[string]any)
	date, _ := row["plannedCompletionDate"].(string)
	if row["objCode"] != "PROJ" || owner["name"] == nil || len(date) != len("2017-03-24T17:00:00:000+0400") || date[19] != ':' {
		t.Errorf("row %v", row)
	}
	if code, body := apiGet(t, srv, sid, "/attask/api/v21.0/proj/search?$$LIMIT=2001"); code != 422 || !strings.Contains(body, "2000") {
		t.Errorf("limit: %d %s", code, body)
	}
	count := func(q string) int {
		_, body := apiGet(t, srv, sid, "/attask/api/v21.0/proj/count?"+q)
		var v struct{ Data struct{ Count int } }
		json.Unmarshal([]byte(body), &v)
		return v.Data.Count
	}
	all := count("")
	cur := count("status=CUR")
	two := count("status=CUR&status=PLN&status_Mod=in")
	twoComma := count("status=CUR,PLN&status_Mod=in")
	if all != 3000 || cur == 0 || two <= cur || two != twoComma {
		t.Errorf("counts all %d cur %d cur+pln %d comma %d", all, cur, two, twoComma)
	}
	if ci, cs := count("name=website&name_Mod=cicontains"), count("name=website&name_Mod=contains"); ci == 0 || cs != 0 {
		t.Errorf("cicontains %d, contains %d", ci, cs)
	}
	if code, _ := apiGet(t, srv, sid, "/attask/api/v21.0/proj/search?name=x&name_Mod=bogus"); code != 422 {
		t.Errorf("bad mod: %d", code)
	}
	s.SetCountShape(false)
	_, body = apiGet(t, srv, sid, "/attask/api/v21.0/proj/count")
	if body != `{"count":3000}` {
		t.Errorf("bare count %s", body)
	}
	// POST with method=GET.
	req, _ := http.NewRequest("POST", srv.URL+"/attask/api/v21.0/proj/search", strings.NewReader("method=GET&status=CUR&$$LIMIT=1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("sessionID", sid)
	resp, _ := srv.Client().Do(req)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"ID"`) {
		t.Errorf("POST: %d %s", resp.StatusCode, b)
	}
	sortedPagesAndFailures(t, s, srv, sid)
}

// sortedPagesAndFailures: pages sorted desc by name join up; an injected
// 429 carries Retry-After; an expired session is refused.
func sortedPagesAndFailures(t *testing.T, s *Sim, srv *httptest.Server, sid string) {
	var page struct {
		Data []map[string]any `json:"data"`
	}
	// Sorting: desc by name, ID tiebreak, pages that join up.
	var names []string
	for first := 0; first < 40; first += 20 {
		_, body := apiGet(t, srv, sid, fmt.Sprintf("/attask/api/v21.0/proj/search?name_1_Sort=desc&ID_2_Sort=asc&$$FIRST=%d&$$LIMIT=20", first))
		json.Unmarshal([]byte(body), &page)
		for _, r := range page.Data {
			names = append(names, strings.ToLower(r["name"].(string)))
		}
	}
	for i := 1; i < len(names); i++ {
		if names[i] > names[i-1] {
			t.Fatalf("not sorted desc at %d: %q > %q", i, names[i], names[i-1])
		}
	}
	// Failure injection.
	s.SetAPIFailures(429, 1, "2")
	req, _ := http.NewRequest("GET", srv.URL+"/attask/api/v21.0/proj/count", nil)
	req.Header.Set("sessionID", sid)
	resp, _ := srv.Client().Do(req)
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" {
		t.Errorf("429: %d %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// Expiry and sliding sessions.
	s.ExpireAccessTokens()
	if code, _ := apiGet(t, srv, sid, "/attask/api/v21.0/proj/count"); code != 401 {
		t.Errorf("expired session: %d", code)
	}
}

func TestDeterministicData(t *testing.T) {
	a, b := newDataset(1000), newDataset(1000)
	for i := range a.projects {
		if a.projects[i] != b.projects[i] {
			t.Fatalf("row %d differs", i)
		}
	}
	seen := map[string]bool{}
	for _, p := range a.projects {
		seen[p.Status] = true
		if p.ID <= "" || p.Name == "" || p.OwnerName == "" {
			t.Fatalf("incomplete %+v", p)
		}
	}
	if len(seen) != 9 {
		t.Errorf("statuses %v", seen)
	}
	start := time.Now()
	newDataset(50000)
	// A bound for something pathological (quadratic, say), not a
	// benchmark: about 0.2 s alone, it took 3.3 s once beside make test's
	// other packages under the race detector.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("50,000 projects took %s", d)
	}
}

func TestConsentPageLanguage(t *testing.T) {
	s, srv := newServer(t, Options{})
	for accept, want := range map[string]string{"": "Allow", "sv-SE,sv;q=0.9": "Tillåt", "zh-CN": "允许", "zh-TW,zh;q=0.8": "允許"} {
		req, _ := http.NewRequest("GET", srv.URL+"/integrations/oauth2/authorize?client_id="+s.WebClientID()+"&redirect_uri="+url.QueryEscape(redirect)+"&response_type=code", nil)
		req.Header.Set("Accept-Language", accept)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), `id="allow" class="allow">`+want+`</button>`) {
			t.Errorf("Accept-Language %q: no %q button", accept, want)
		}
	}
}

// TestWebAppPKCE: a web app that sent a challenge must prove the verifier
// (JSON and form bodies alike); the knobs simulate a tenant that refuses a
// web app's code_verifier and one that returns no state.
func TestWebAppPKCE(t *testing.T) {
	s, srv := newServer(t, Options{})
	verifier := strings.Repeat("w", 50)
	sum := sha256.Sum256([]byte(verifier))
	pkce := url.Values{"code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"}}
	exchange := func(c, v string) (int, map[string]any) {
		return post(t, srv, "application/json", basic(s), fmt.Sprintf(`{"code":%q,"grant_type":"authorization_code","redirect_uri":%q,"code_verifier":%q}`, c, redirect, v))
	}
	if status, body := exchange(code(t, srv, s.WebClientID(), pkce), ""); status != 400 || !strings.Contains(body["message"].(string), "code_verifier") {
		t.Errorf("no verifier: %d %v", status, body)
	}
	if status, _ := exchange(code(t, srv, s.WebClientID(), pkce), "x"+verifier); status != 400 {
		t.Errorf("wrong verifier: %d", status)
	}
	if status, body := exchange(code(t, srv, s.WebClientID(), pkce), verifier); status != 200 {
		t.Errorf("right verifier: %d %v", status, body)
	}
	s.SetRefuseCodeVerifier(true)
	if status, body := exchange(code(t, srv, s.WebClientID(), pkce), verifier); status != 400 || body["error"] != "invalid_request" || !strings.Contains(body["error_description"].(string), "code_verifier") {
		t.Errorf("refusing tenant: %d %v", status, body)
	}
	if status, _ := exchange(code(t, srv, s.WebClientID(), nil), ""); status != 200 {
		t.Errorf("refusing tenant, no PKCE: %d", status)
	}
	s.SetOmitState(true)
	q := url.Values{"client_id": {s.WebClientID()}, "redirect_uri": {redirect}, "response_type": {"code"}, "state": {"st"}}
	loc, err := Consent(srv.Client(), srv.URL+"/integrations/oauth2/authorize?"+q.Encode(), true)
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := url.Parse(loc); u.Query().Has("state") || u.Query().Get("code") == "" {
		t.Errorf("omit state: %s", loc)
	}
}

// consentForm fetches the consent page and returns its hidden fields.
func consentForm(t *testing.T, srv *httptest.Server, clientID string) url.Values {
	t.Helper()
	q := url.Values{"client_id": {clientID}, "redirect_uri": {redirect}, "response_type": {"code"}, "state": {"st"}}
	resp, err := srv.Client().Get(srv.URL + "/integrations/oauth2/authorize?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	form := url.Values{"decision": {"allow"}}
	for _, m := range hiddenInput.FindAllSubmatch(page, -1) {
		form.Set(htmlUnescape(string(m[1])), htmlUnescape(string(m[2])))
	}
	if form.Get("form_token") == "" {
		t.Fatalf("the consent form has no token:\n%s", page)
	}
	return form
}

// TestConsentRefusesCrossSitePosts: another site cannot post Allow on the
// person's behalf: a foreign Origin, Sec-Fetch-Site cross-site, a missing,
// forged, borrowed or expired form token are all refused; the real form
// works.
func TestConsentRefusesCrossSitePosts(t *testing.T) {
	s, srv := newServer(t, Options{})
	c := *srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	submit := func(form url.Values, headers map[string]string) int {
		req, _ := http.NewRequest("POST", srv.URL+"/integrations/oauth2/consent", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	form := consentForm(t, srv, s.WebClientID())
	for name, h := range map[string]map[string]string{
		"foreign origin": {"Origin": "https://evil.example"},
		"null origin":    {"Origin": "null"},
		"cross-site":     {"Sec-Fetch-Site": "cross-site"},
	} {
		if code := submit(form, h); code != http.StatusForbidden {
			t.Errorf("%s: %d", name, code)
		}
	}
	without := url.Values{}
	for k, v := range form {
		without[k] = v
	}
	without.Del("form_token")
	if code := submit(without, nil); code != http.StatusForbidden {
		t.Errorf("no token: %d", code)
	}
	without.Set("form_token", "9999999999.00")
	if code := submit(without, nil); code != http.StatusForbidden {
		t.Errorf("forged token: %d", code)
	}
	borrowed := url.Values{}
	for k, v := range form {
		borrowed[k] = v
	}
	borrowed.Set("state", "attacker") // a token is bound to what it grants
	if code := submit(borrowed, nil); code != http.StatusForbidden {
		t.Errorf("borrowed token: %d", code)
	}
	if code := submit(form, map[string]string{"Origin": srv.URL, "Sec-Fetch-Site": "same-origin"}); code != http.StatusFound {
		t.Errorf("same origin: %d", code)
	}
	s.Advance(formTokenTTL + time.Second) // the page was left open too long
	if code := submit(form, nil); code != http.StatusForbidden {
		t.Errorf("expired token: %d", code)
	}
}

// TestUnexchangedCodesArePurged: codes nobody exchanged are dropped once
// their time is up, so the simulator's memory stays bounded.
func TestUnexchangedCodesArePurged(t *testing.T) {
	s, srv := newServer(t, Options{})
	for i := 0; i < 50; i++ {
		code(t, srv, s.WebClientID(), nil)
	}
	s.Advance(2*time.Minute + time.Second) // codes live 2 minutes
	code(t, srv, s.WebClientID(), nil)
	s.mu.Lock()
	n := len(s.codes)
	s.mu.Unlock()
	if n != 1 {
		t.Errorf("%d codes held; want only the fresh one", n)
	}
}

// TestProjectPage: "Open in Workfront" in the demo opens the simulator's
// page for the project (it was a bare 404).
func TestProjectPage(t *testing.T) {
	s := New(Options{Projects: 20})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := s.dataset().projects[7]
	resp, err := http.Get(s.URL() + "/project/" + p.ID + "/overview")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<h1>"+template.HTMLEscapeString(p.Name)+"</h1>") {
		t.Errorf("project page: %d\n%s", resp.StatusCode, body)
	}
	resp, err = http.Get(s.URL() + "/project/nosuch/overview")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("a missing project answered %d", resp.StatusCode)
	}
}

// TestSessionAndUser: GET /session names the signed-in user and the API
// versions; GET /user/<ID> gives the name and email; both need a session.
func TestSessionAndUser(t *testing.T) {
	s, srv := newServer(t, Options{Projects: 10})
	sid := newSession(t, s, srv)
	get := func(path, session string) (int, map[string]any) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if session != "" {
			req.Header.Set("sessionID", session)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}
	if code, _ := get("/attask/api/v21.0/session", ""); code != 401 {
		t.Errorf("session without a sessionID: %d", code)
	}
	code, body := get("/attask/api/v21.0/session", sid)
	data, _ := body["data"].(map[string]any)
	userID, _ := data["userID"].(string)
	if code != 200 || userID == "" || data["versionInformation"] == nil {
		t.Fatalf("session: %d %v", code, body)
	}
	code, body = get("/attask/api/v21.0/user/"+userID+"?fields=name,emailAddr", sid)
	data, _ = body["data"].(map[string]any)
	if code != 200 || data["name"] == "" || data["emailAddr"] != simUserEmail {
		t.Errorf("user: %d %v", code, body)
	}
	if code, _ := get("/attask/api/v21.0/user/nosuch", sid); code != 404 {
		t.Errorf("an unknown user: %d", code)
	}
}

// TestSessionCurrentAPIShape: currentAPI is "v22.0" by default and the
// number 22.0 with SetSessionCurrentAPIShape(true).
func TestSessionCurrentAPIShape(t *testing.T) {
	s, srv := newServer(t, Options{Projects: 10})
	sid := newSession(t, s, srv)
	for _, number := range []bool{false, true, false} {
		s.SetSessionCurrentAPIShape(number)
		code, body := apiGet(t, srv, sid, "/attask/api/v21.0/session")
		want := `"currentAPI":"v22.0"`
		if number {
			want = `"currentAPI":22.0`
		}
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("number %v: %d %s", number, code, body)
		}
	}
}

// The other types' classic links (task/view?ID=…) show the object too.
func TestObjectPages(t *testing.T) {
	s := New(Options{Projects: 20})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for path, code := range objectPages {
		typ := s.world().byCode[code]
		id := typ.id(0)
		name, _ := typ.byName["name"].get(0).(string)
		resp, err := http.Get(s.URL() + "/" + path + "/view?ID=" + id)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), "<h1>"+template.HTMLEscapeString(name)+"</h1>") {
			t.Errorf("%s page: %d\n%s", path, resp.StatusCode, body)
		}
		resp, err = http.Get(s.URL() + "/" + path + "/view?ID=nosuch")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 404 {
			t.Errorf("a missing %s answered %d", path, resp.StatusCode)
		}
	}
}
