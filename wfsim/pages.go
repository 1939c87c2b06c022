package wfsim

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// projectPage stands in for Workfront's project page (/project/ID/overview),
// so that "Open in Workfront" in the demo lands on the project, not a 404.
var projectPage = template.Must(template.New("project").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Name}} – Workfront (simulated)</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:46em;color:#1d1d1f;padding:0 1em}
h1{font-size:1.5em;margin:.2em 0}.tag{color:#555;font-size:.85em}dl{display:grid;grid-template-columns:11em 1fr;gap:.3em 1em}
dt{color:#555}dd{margin:0}</style></head>
<body><p class="tag">Workfront simulator · project</p><h1>{{.Name}}</h1>
<dl><dt>Status</dt><dd>{{.Status}}</dd><dt>Owner</dt><dd>{{.OwnerName}}</dd>
<dt>Planned start</dt><dd>{{.PlannedStart.Format "2006-01-02"}}</dd><dt>Planned completion</dt><dd>{{.PlannedEnd.Format "2006-01-02"}}</dd>
<dt>Percent complete</dt><dd>{{.Percent}} %</dd><dt>ID</dt><dd><code>{{.ID}}</code></dd></dl>
<p>{{.Description}}</p></body></html>
`))

func (s *Sim) handleProjectPage(w http.ResponseWriter, r *http.Request) {
	id, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/project/"), "/")
	if r.Method != http.MethodGet || (rest != "" && rest != "overview") {
		http.NotFound(w, r)
		return
	}
	for _, p := range s.dataset().projects {
		if p.ID == id {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			projectPage.Execute(w, p)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	template.Must(template.New("missing").Parse(`<!doctype html><meta charset="utf-8"><title>Not found</title><p>No project with the ID <code>{{.}}</code> in the Workfront simulator.</p>`)).Execute(w, id)
}

// objectPages are the simulator's stand-ins for the web pages of other
// types, at Workfront's classic links (<path>/view?ID=<ID>), by path.
var objectPages = map[string]string{"task": "TASK", "issue": "OPTASK", "user": "USER", "portfolio": "PORT",
	"program": "PRGM", "document": "DOCU", "template": "TMPL"}

type pageField struct{ Label, Value string }

var objectPage = template.Must(template.New("object").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Name}} – Workfront (simulated)</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:46em;color:#1d1d1f;padding:0 1em}
h1{font-size:1.5em;margin:.2em 0}.tag{color:#555;font-size:.85em}dl{display:grid;grid-template-columns:14em 1fr;gap:.3em 1em}
dt{color:#555}dd{margin:0}</style></head>
<body><p class="tag">Workfront simulator · {{.Type}}</p><h1>{{.Name}}</h1>
<dl>{{range .Fields}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>{{end}}</dl></body></html>
`))

// handleObjectPage shows one object of a type with a web page: its fields.
func (s *Sim) handleObjectPage(w http.ResponseWriter, r *http.Request) {
	path, rest, _ := strings.Cut(strings.Trim(r.URL.Path, "/"), "/")
	t := s.world().byCode[objectPages[path]]
	if r.Method != http.MethodGet || rest != "view" || t == nil {
		http.NotFound(w, r)
		return
	}
	id := r.URL.Query().Get("ID")
	i, ok := t.byID[id]
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		template.Must(template.New("missing").Parse(`<!doctype html><meta charset="utf-8"><title>Not found</title><p>No {{.Type}} with the ID <code>{{.ID}}</code> in the Workfront simulator.</p>`)).
			Execute(w, map[string]string{"Type": strings.ToLower(t.label), "ID": id})
		return
	}
	var fields []pageField
	for _, f := range t.fields {
		if v := f.get(int(i)); v != nil && f.name != "name" {
			text := fmt.Sprint(v)
			if tm, ok := v.(time.Time); ok {
				text = tm.Format("2006-01-02")
			}
			fields = append(fields, pageField{f.label, text})
		}
	}
	name, _ := t.byName["name"].get(int(i)).(string)
	objectPage.Execute(w, map[string]any{"Type": strings.ToLower(t.label), "Name": name, "Fields": fields})
}
