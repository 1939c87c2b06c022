package workfront

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/wfsim"
)

// Workfront's own response samples (testdata/workfront-api, from the
// official JS client's fixtures/) replayed through the client over real
// HTTP: wfsim's raw-answer knob sends each file's bytes as the next API
// answer, so these tests check the client against Workfront's shapes
// rather than against our simulator's idea of them.

func replay(t *testing.T, e *env, file string, status int) { replayN(t, e, file, status, 1) }

// replayN sends the sample n times: an authentication error is answered
// once more after the client renews its session.
func replayN(t *testing.T, e *env, file string, status, n int) {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "workfront-api", file))
	if err != nil {
		t.Fatal(err)
	}
	e.sim.SetAPIAnswers(wfsim.Answer{Status: status, ContentType: "application/json", Body: string(body)}, n)
}

// TestRealMetadataReferenceTargets: fixtures/metadata.json names a
// reference's and a collection's target in typeObjCode only.
func TestRealMetadataReferenceTargets(t *testing.T) {
	e := newEnv(t, 10, Options{})
	replay(t, e, "metadata.json", 200)
	m, err := e.client.TypeMetadata(context.Background(), "role")
	if err != nil {
		t.Fatal(err)
	}
	targets := map[string]string{}
	for _, r := range append(m.References, m.Collections...) {
		targets[r.Name] = r.ObjCode
	}
	want := map[string]string{"customer": "CUST", "enteredBy": "USER", "layoutTemplate": "LYTMPL", "userRoles": "USRROL"}
	for name, code := range want {
		if targets[name] != code {
			t.Errorf("%s leads to %q, want %q (all: %v)", name, targets[name], code, targets)
		}
	}
	if m.ObjCode != "ROLE" || m.Label != "Job Role" || len(m.Fields) != 12 {
		t.Errorf("type %s %q with %d fields", m.ObjCode, m.Label, len(m.Fields))
	}
	for _, f := range m.Fields {
		if f.Name == "defaultInterface" && (len(f.Values) != 4 || f.Values[1].Value != "1" || f.Values[1].Label != "Project Management Home") {
			t.Errorf("enum values %+v", f.Values)
		}
	}
}

// TestRealReportCounts: fixtures/report.json counts each group in
// dcount_ID and names it in the group's own field.
func TestRealReportCounts(t *testing.T) {
	e := newEnv(t, 10, Options{})
	replay(t, e, "report.json", 200)
	rep, err := e.client.Report(context.Background(), ReportQuery{ObjCode: "task", GroupBy: "status"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, g := range rep.Groups {
		got[g.Value] = g.Count
	}
	want := map[string]int{"CPL": 1, "CPL:A": 4, "INP": 22, "INP:A": 2, "NEW": 117, "NEW:A": 1}
	if len(got) != len(want) {
		t.Fatalf("groups %v", got)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("group %s counts %d, want %d", k, got[k], n)
		}
	}
}

// TestRealSessionVersions: /session's currentAPI as the old sample's
// string and as the OpenAPI description's number; the versions list
// survives either.
func TestRealSessionVersions(t *testing.T) {
	login, err := os.ReadFile(filepath.Join("testdata", "workfront-api", "login.json"))
	if err != nil {
		t.Fatal(err)
	}
	asNumber := strings.Replace(string(login), `"currentAPI": "v6.0"`, `"currentAPI": 6.0`, 1)
	if asNumber == string(login) {
		t.Fatal("the sample changed: no currentAPI string to replace")
	}
	for _, body := range []string{string(login), asNumber} {
		e := newEnv(t, 10, Options{})
		e.sim.SetAPIAnswers(wfsim.Answer{ContentType: "application/json", Body: body}, 1)
		// The sample's user is not the simulator's, so the name lookup that
		// follows finds nobody; what /session said is kept all the same.
		id, err := e.client.WhoAmI(context.Background())
		if err != nil && !strings.Contains(err.Error(), "Could not find User") {
			t.Fatal(err)
		}
		if id.UserID != "5461d7620000029e306908fbf1a469fe" || id.CurrentAPI != "v6.0" ||
			strings.Join(id.APIVersions, ",") != "v1.0,v2.0,v3.0,v4.0,v5.0,v6.0" {
			t.Errorf("identity from %.60s…: %+v", body, id)
		}
	}
}

// TestRealCountAndBulkGet: fixtures/count.json and get_multiple.json.
func TestRealCountAndBulkGet(t *testing.T) {
	e := newEnv(t, 10, Options{})
	replay(t, e, "count.json", 200)
	if n, err := e.client.Count(context.Background(), "proj", nil); err != nil || n != 147 {
		t.Errorf("count %d, %v", n, err)
	}
	replay(t, e, "get_multiple.json", 200)
	rows, err := e.client.Search(context.Background(), Search{ObjCode: "proj"})
	if err != nil || len(rows) != 2 || rows[0].Text("status") != "CUR" {
		t.Fatalf("rows %v, %v", rows, err)
	}
	if d, ok := rows[0].Time("plannedCompletionDate"); !ok || d.Format("2006-01-02 15:04 -0700") != "2017-03-24 17:00 +0400" {
		t.Errorf("date %v %v", d, ok)
	}
}

// TestRealErrorBodies: the samples' errors, with title null and code 0,
// reach people as Workfront's message.
func TestRealErrorBodies(t *testing.T) {
	e := newEnv(t, 10, Options{})
	for _, c := range []struct {
		file, class, text string
		status            int
	}{
		{"removeFailure.json", "com.attask.common.ProjectStatusViolationException", "Unable to complete operation for a project of status Complete", 422},
		{"exception.json", "com.attask.common.AuthenticationException", "That username/password combination wasn't quite right.", 403},
	} {
		replayN(t, e, c.file, c.status, 2)
		_, err := e.client.Get(context.Background(), "proj", "0123", nil)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Class != c.class || !strings.Contains(apiErr.Message, c.text) {
			t.Errorf("%s: %v", c.file, err)
		}
	}
}
