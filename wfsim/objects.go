package wfsim

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
)

// The simulated instance as object types: each with its fields, references
// and collections, served by one generic search/count/get/report/metadata
// path (query.go, write.go, report.go, metadata.go). The rows are generated
// from fixed seeds (objects_rows.go, customforms.go); projects keep their
// typed representation (data.go), which their objType reads.

type fieldKind int

const (
	kString fieldKind = iota
	kInt
	kDouble
	kDate
	kBool
	kStrings // a list of strings (CTGY's objTypes): written, never filtered, sorted or grouped on
)

// kindNames are metadata's fieldType; "string[]" for a list is a guess.
var kindNames = map[fieldKind]string{kString: "string", kInt: "int", kDouble: "double", kDate: "dateTime", kBool: "boolean", kStrings: "string[]"}

// enumValue is one of an enum field's possible values; value is a string or an int.
type enumValue struct {
	value any
	label string
}

type enumDef struct {
	typ    string
	values []enumValue
}

type fieldDef struct {
	name, label string
	kind        fieldKind
	enum        *enumDef
	custom      bool            // a custom field ("DE:…")
	get         func(i int) any // nil, string, int, float64, time.Time, bool or []string
	// readOnly: an update refuses it (metadata flag READ_ONLY): Workfront
	// keeps or computes it, or the simulator does not simulate changing it.
	readOnly bool
	// onForm says whether row i carries a custom form with this custom
	// field, so that an update may set it; nil: every row does.
	onForm func(i int) bool
	// over holds the values written since the rows were generated, by
	// row (edit.go); get reads them first. Replaced whole on each write.
	over atomic.Pointer[map[int32]any]
}

type refDef struct {
	name, label, objCode, idField string
}

type colDef struct {
	name, label, objCode string
	rows                 func(i int) []int32 // rows of the target type
}

// objType is one object type of the simulated instance.
type objType struct {
	code, name, label string
	paths             []string // lower-case names usable in the API path
	n                 int
	fields            []*fieldDef // plain fields, then custom ones
	byName            map[string]*fieldDef
	refs              []*refDef
	refByName         map[string]*refDef
	cols              []*colDef
	colByName         map[string]*colDef
	byID              map[string]int32
	w                 *world
	mu                sync.Mutex
	sorted            map[string][]int32 // sort spec -> row order
	base              *objType           // in an older version's view: the newest's type (versions.go)
}

func (t *objType) id(i int) string { return t.byName["ID"].get(i).(string) }

func (t *objType) field(f *fieldDef) {
	if t.byName == nil {
		t.byName = map[string]*fieldDef{}
	}
	t.fields = append(t.fields, f)
	t.byName[f.name] = f
}

func (t *objType) ref(name, label, objCode, idField string) {
	if t.refByName == nil {
		t.refByName = map[string]*refDef{}
	}
	r := &refDef{name, label, objCode, idField}
	t.refs = append(t.refs, r)
	t.refByName[name] = r
}

func (t *objType) col(name, label, objCode string, rows func(i int) []int32) {
	if t.colByName == nil {
		t.colByName = map[string]*colDef{}
	}
	c := &colDef{name, label, objCode, rows}
	t.cols = append(t.cols, c)
	t.colByName[name] = c
}

func (t *objType) customFields() []*fieldDef {
	var out []*fieldDef
	for _, f := range t.fields {
		if f.custom {
			out = append(out, f)
		}
	}
	return out
}

// world is the whole simulated instance.
type world struct {
	d      *dataset // the projects it was built from
	types  []*objType
	byCode map[string]*objType
	byPath map[string]*objType // lower-case objCode or API name
	// formFields: by objCode, the custom fields on its forms (customforms.go)
	formFields map[string]map[string]*fieldDef
	viewsMu    sync.Mutex
	views      map[string]*world // by APIModel: the older versions' views (versions.go)
}

func (w *world) add(t *objType) {
	t.w = w
	w.types = append(w.types, t)
	w.byCode[t.code] = t
	w.byPath[strings.ToLower(t.code)] = t
	w.byPath[strings.ToLower(t.name)] = t
	for _, p := range t.paths {
		w.byPath[p] = t
	}
}

// rec is one row of a small generated table.
type rec map[string]any

// table is a generated object type's rows in ID order.
func tableType(code, name, label string, rows []rec) *objType {
	return &objType{code: code, name: name, label: label, n: len(rows)}
}

func plain(t *objType, rows []rec, name, label string, kind fieldKind, enum *enumDef) {
	t.field(&fieldDef{name: name, label: label, kind: kind, enum: enum, get: func(i int) any { return rows[i][name] }})
}

func genID(base, i int) string { return fmt.Sprintf("%08x%024x", base+i, uint64(i)*2654435761) }

var (
	projectStatusEnum = &enumDef{"com.attask.common.constants.ProjectStatusEnum", []enumValue{
		{"CUR", "Current"}, {"PLN", "Planning"}, {"CPL", "Complete"}, {"DED", "Dead"}, {"ONH", "On Hold"},
		{"REQ", "Requested"}, {"APR", "Approved"}, {"REJ", "Rejected"}, {"IDA", "Idea"}}}
	conditionEnum  = &enumDef{"com.attask.common.constants.ConditionEnum", []enumValue{{"ON", "On Target"}, {"AR", "At Risk"}, {"IT", "In Trouble"}}}
	workStatusEnum = &enumDef{"com.attask.common.constants.TaskStatusEnum", []enumValue{{"NEW", "New"}, {"INP", "In Progress"}, {"CPL", "Complete"}}}
	priorityEnum   = &enumDef{"com.attask.common.constants.PriorityEnum", []enumValue{{0, "None"}, {1, "Low"}, {2, "Normal"}, {3, "High"}, {4, "Urgent"}}}
	riskEnum       = &enumDef{"DE:Risk", []enumValue{{"Low", "Low"}, {"Medium", "Medium"}, {"High", "High"}}}
)

func (s *Sim) world() *world {
	s.worldMu.Lock()
	defer s.worldMu.Unlock()
	return s.worldLocked()
}

// worldLocked is world for callers that hold worldMu (writes do, so that
// a rebuild cannot lose a value written meanwhile): a new dataset gets a
// new world, with every value written so far put back (edit.go).
func (s *Sim) worldLocked() *world {
	d := s.dataset()
	if s.wrld == nil || s.wrld.d != d {
		s.wrld = buildWorld(d)
		s.reapplyLocked(s.wrld)
	}
	return s.wrld
}

// Counts returns how many objects of each type the simulated instance
// holds, by objCode ("PROJ", "TASK", "OPTASK", "USER", "PORT", "PRGM",
// "HOUR", "DOCU", "TMPL"; the custom forms "CTGY" 3, "CTGYPA" 4, "PARAM" 4
// and "POPT" 3; 0 for "NOTE", "ASSGN", "TEAMOB", "GROUP", "CMPY", "ROLE"):
// what an unfiltered count answers.
func (s *Sim) Counts() map[string]int {
	out := map[string]int{}
	for _, t := range s.world().types {
		out[t.code] = t.n
	}
	return out
}

// SignedInUserID is the ID of the person who consents on the simulator's
// page: what GET /session answers as userID, a USER object.
func (s *Sim) SignedInUserID() string {
	id, _ := s.simUser()
	return id
}

// SignedInUserEmail is that person's emailAddr.
func (s *Sim) SignedInUserEmail() string { return simUserEmail }
