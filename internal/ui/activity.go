package ui

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// activityLimit is how many lines the activity log keeps.
const activityLimit = 500

// ActivityLog collects what the app did (requests, status, timing), for the
// Activity window. Lines arrive already redacted by the workspace. It is
// safe for concurrent use.
type ActivityLog struct {
	mu      sync.Mutex
	lines   []string
	changed func()
}

// NewActivityLog makes an empty log.
func NewActivityLog() *ActivityLog { return &ActivityLog{} }

// Append adds a line, stamped with the time.
func (a *ActivityLog) Append(line string) {
	a.mu.Lock()
	a.lines = append(a.lines, time.Now().Format("15:04:05.000")+"  "+line)
	if len(a.lines) > activityLimit {
		a.lines = a.lines[len(a.lines)-activityLimit:]
	}
	changed := a.changed
	a.mu.Unlock()
	if changed != nil {
		changed()
	}
}

// Lines returns a copy of the log.
func (a *ActivityLog) Lines() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.lines...)
}

func (a *ActivityLog) onChange(f func()) {
	a.mu.Lock()
	a.changed = f
	a.mu.Unlock()
}

// ActivityView lists the log, newest last.
type ActivityView struct {
	List    *widget.List
	Content fyne.CanvasObject
	lines   []string
}

// ShowActivity opens the Activity window.
func (u *App) ShowActivity() {
	if u.Opts.Activity == nil {
		return
	}
	v := &ActivityView{lines: u.Opts.Activity.Lines()}
	v.List = widget.NewList(func() int { return len(v.lines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.lines[i]) })
	note := widget.NewLabel(fmt.Sprintf(lang.L("Requests with their status and timing; secrets are never shown. The last %d lines are kept."), activityLimit))
	note.Wrapping = fyne.TextWrapWord
	v.Content = container.NewBorder(note, nil, nil, nil, v.List)
	w := u.App.NewWindow(lang.L("Activity"))
	w.SetContent(v.Content)
	w.Resize(fyne.NewSize(760, 420))
	u.Opts.Activity.onChange(func() {
		u.Opts.Do(func() {
			v.lines = u.Opts.Activity.Lines()
			v.List.Refresh()
			v.List.ScrollToBottom()
		})
	})
	w.SetOnClosed(func() { u.Opts.Activity.onChange(nil) })
	escClosesWindow(w)
	w.Show()
	u.ActivityWindow = w
	u.Activity = v
}
