package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wfconnect/wfconnect/assets"
	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/cli"
	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/workfront"
)

// usedKeys collects every string the UI passes to lang.L: literals in the
// code, and the strings it looks up through variables.
func usedKeys(t *testing.T) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	var files []string
	for _, pattern := range []string{"*.go", "../../auth/*.go", "../../store/*.go", "../../workspace/*.go", "../../workfront/*.go", "../../export/*.go", "../../cli/*.go", "../../journal/*.go", "../../edit/*.go", "../../query/*.go", "../../palette/*.go", "../../compare/*.go", "../../usage/*.go"} {
		more, _ := filepath.Glob(pattern)
		files = append(files, more...)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			// lang.L("…") in the UI; msg.New("…") for the messages the
			// lower layers hand to people; c.say("…"), c.tr("…") and
			// tr("…") for the command line's own words.
			if fn, ok := call.Fun.(*ast.Ident); ok && fn.Name == "tr" {
				if lit, ok := call.Args[0].(*ast.BasicLit); ok {
					s, _ := strconv.Unquote(lit.Value)
					keys[s] = true
				}
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok || !(id.Name == "lang" && sel.Sel.Name == "L" || id.Name == "msg" && sel.Sel.Name == "New" || id.Name == "c" && (sel.Sel.Name == "say" || sel.Sel.Name == "tr")) {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok {
				s, _ := strconv.Unquote(lit.Value)
				keys[s] = true
			}
			return true
		})
	}
	for _, s := range []string{authBasic, authForm} {
		keys[s] = true
	}
	for _, list := range [][]string{formatLabels, aggLabels} { // chosen by index, translated in a loop
		for _, s := range list {
			keys[s] = true
		}
	}
	for _, r := range reportPresets {
		keys[r.label] = true
	}
	for _, s := range []string{"on", "off", "accepted", "refused", "held", "none"} { // the CLI's words chosen in code
		keys[s] = true
	}
	for _, s := range storageNames {
		keys[s] = true
	}
	for _, c := range []string{"Name", "Status", "Owner", "Planned completion", "% complete"} { // the Projects columns
		keys[c] = true
	}
	for _, s := range workfront.Statuses() {
		keys[s.Name] = true
	}
	for _, k := range auth.Kinds() {
		keys[k.Label], keys[k.Register] = true, true
	}
	for _, s := range workfront.LaneLabels() {
		keys[s] = true
	}
	for _, s := range fyneWords() {
		keys[s] = true
	}
	for _, s := range edit.Words() { // write modes and row statuses, shown through lang.L
		keys[s] = true
	}
	for _, s := range workfront.SavedFilterProblems() { // why a saved filter cannot be read, shown through lang.L
		keys[s] = true
	}
	for _, s := range query.KeptReasons() { // why a text-mode line is kept as written, shown through lang.L
		keys[s] = true
	}
	for _, s := range cli.HelpTexts() { // the command line's help, translated in a walk over its tree
		keys[s] = true
	}
	return keys
}

var verbs = regexp.MustCompile(`%[sqdv]`)

func TestTranslationsComplete(t *testing.T) {
	used := usedKeys(t)
	if len(used) < 150 {
		t.Fatalf("found only %d keys in the code: the scan is broken", len(used))
	}
	files := map[string]map[string]string{}
	for _, l := range []string{"en", "sv", "zh-Hans", "zh-Hant"} {
		raw, err := assets.Translations.ReadFile("translations/" + l + ".json")
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		files[l] = m
	}
	for l, m := range files {
		for k := range used {
			if strings.TrimSpace(m[k]) == "" {
				t.Errorf("%s: no translation for %q", l, k)
			}
		}
		for k, v := range m {
			// Fyne's translations are go-i18n message files, where these
			// keys describe a message instead of being one: a file with one
			// of them fails to load whole, and the app falls back to English.
			switch strings.ToLower(k) {
			case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other":
				t.Errorf("%s: the key %q is reserved in go-i18n files; it would make the whole file fail to load", l, k)
			}
			if _, ok := files["en"][k]; !ok {
				t.Errorf("%s: key %q is not in en.json", l, k)
			}
			if len(verbs.FindAllString(v, -1)) != len(verbs.FindAllString(k, -1)) {
				t.Errorf("%s: %q changes the %%-verbs of %q", l, v, k)
			}
		}
	}
	for k := range files["en"] {
		if !used[k] {
			t.Errorf("en.json has %q, which the code no longer uses", k)
		}
	}
	if _, err := os.Stat("../../assets/translations/en.json"); err != nil {
		t.Error(err)
	}
}

// TestNoVisibleLiteralBypassesTranslations: a string literal handed to
// something that shows text (a label, a button, a menu, a dialog, SetText,
// a placeholder) must go through lang.L. Symbols without letters ("●",
// "—") are fine.
func TestNoVisibleLiteralBypassesTranslations(t *testing.T) {
	shows := map[string]bool{
		"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true,
		"NewCheck": true, "NewHyperlink": true, "NewMenu": true, "NewMenuItem": true,
		"NewTabItem": true, "NewTabItemWithIcon": true, "NewAccordionItem": true, "NewRadioGroup": true,
		"SetText": true, "SetPlaceHolder": true, "NewWindow": true, "SetTitle": true,
		"ShowConfirm": true, "NewConfirm": true, "ShowCustom": true, "NewCustom": true,
		"NewCustomWithoutButtons": true, "ShowInformation": true, "NewInformation": true,
	}
	letters := regexp.MustCompile(`\pL`)
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !shows[sel.Sel.Name] {
				return true
			}
			checked++
			for _, arg := range call.Args {
				lit, ok := arg.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				s, _ := strconv.Unquote(lit.Value)
				if letters.MatchString(s) {
					t.Errorf("%s: %s(%s) shows a literal without lang.L", fset.Position(lit.Pos()), sel.Sel.Name, lit.Value)
				}
			}
			return true
		})
	}
	if checked < 50 {
		t.Fatalf("only %d calls checked: the scan is broken", checked)
	}
}
