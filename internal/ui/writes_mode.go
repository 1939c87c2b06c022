package ui

import (
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/workfront"
)

// sessionModes are the write modes unlocked until the app quits: a
// production connection opened for changes is not left open for good
// unless the person chose to keep it.
type sessionModes struct {
	mu    sync.Mutex
	modes map[string]edit.Mode // by connection name
}

// of is the connection's mode now: this session's choice, or the saved one.
func (s *sessionModes) of(p store.Profile) edit.Mode {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.modes[p.Name]; ok {
		return m
	}
	return edit.ModeOf(p)
}

func (s *sessionModes) set(name string, m edit.Mode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.modes == nil {
		s.modes = map[string]edit.Mode{}
	}
	s.modes[name] = m
}

func (s *sessionModes) forget(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.modes, name)
}

// guarded says whether opening a connection for changes takes typing its
// domain: production, and any host wfconnect cannot place.
func guarded(host string) bool { return edit.DefaultMode(host) == edit.ReadOnly }

// modeText is the mode beside the environment badge.
func modeText(m edit.Mode) string { return lang.L(m.Label()) }

func modeImportance(m edit.Mode) widget.Importance {
	if m == edit.ReadOnly {
		return widget.MediumImportance
	}
	return widget.WarningImportance
}

// modeChoice is what the write mode dialog decided.
type modeChoice struct {
	Mode edit.Mode
	Keep bool // saved with the connection, not only until the app quits
}

// modeChoiceOf is the dialog's decision, or why it cannot be taken: a
// guarded connection opens only when its domain was typed.
func modeChoiceOf(host string, picked edit.Mode, typed string, keep bool) (modeChoice, error) {
	if picked == edit.ReadOnly || !guarded(host) {
		return modeChoice{Mode: picked, Keep: keep || !guarded(host)}, nil
	}
	if !strings.EqualFold(strings.TrimSpace(typed), trimScheme(host)) {
		return modeChoice{}, fmt.Errorf("%s", fmt.Sprintf(lang.L("Type %s to allow changes."), trimScheme(host)))
	}
	return modeChoice{Mode: picked, Keep: keep}, nil
}

// modeDialog is the open write mode dialog, for tests.
type modeDialog struct {
	Modes   *widget.RadioGroup
	Typed   *widget.Entry
	Keep    *widget.Check
	Problem *widget.Label
	Apply   *widget.Button
}

// showWriteModeDialog asks how the connection may be written; chosen gets
// the decision.
func showWriteModeDialog(win fyne.Window, p store.Profile, now edit.Mode, chosen func(modeChoice)) *modeDialog {
	labels := map[string]edit.Mode{}
	var options []string
	for _, m := range edit.Modes() {
		l := modeExplained(m)
		labels[l] = m
		options = append(options, l)
	}
	radio := widget.NewRadioGroup(options, nil)
	radio.SetSelected(modeExplained(now))
	typed := widget.NewEntry()
	typed.SetPlaceHolder(trimScheme(p.Host))
	keep := widget.NewCheck(lang.L("Keep this mode after the app quits"), nil)
	problem := notice(widget.DangerImportance)
	items := []fyne.CanvasObject{wrapped(lang.L(workfront.LaneLabel(p.Host)) + " · " + trimScheme(p.Host)), radio}
	if guarded(p.Host) {
		items = append(items, wrapped(fmt.Sprintf(lang.L("This may be a production instance. To allow changes, type its domain: %s"), trimScheme(p.Host))), typed, keep)
	}
	items = append(items, problem)
	var d dialog.Dialog
	apply := widget.NewButton(lang.L("Apply"), func() {
		c, err := modeChoiceOf(p.Host, labels[radio.Selected], typed.Text, keep.Checked)
		if err != nil {
			problem.SetText(err.Error())
			problem.Show()
			return
		}
		d.Hide()
		chosen(c)
	})
	apply.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.Hide() })
	content := container.NewVBox(append(items, container.NewHBox(cancel, apply))...)
	d = dialog.NewCustomWithoutButtons(lang.L("Changes to Workfront"), content, win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	return &modeDialog{Modes: radio, Typed: typed, Keep: keep, Problem: problem, Apply: apply}
}

// modeLabel is a mode's choice in the dialog.
func modeLabel(m edit.Mode) string { return modeExplained(m) }

// modeExplained is a mode with what it does, for the dialog's choices.
func modeExplained(m edit.Mode) string {
	switch m {
	case edit.Confirm:
		return lang.L("Confirm: show each change and ask before sending it")
	case edit.Direct:
		return lang.L("Direct: send changes without asking (each is still journaled)")
	}
	return lang.L("Read-only: send no change")
}
