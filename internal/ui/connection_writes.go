package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wfconnect/wfconnect/edit"
)

// buildWrites makes the write mode's row: the mode beside the environment
// badge, and the button that changes it.
func (c *ConnectionPanel) buildWrites() fyne.CanvasObject {
	c.Writes = bold("")
	c.WritesButton = widget.NewButton(lang.L("Change…"), func() {
		if c.deps.OnChangeWrites != nil {
			c.deps.OnChangeWrites()
		}
	})
	c.WritesButton.Importance = widget.LowImportance
	if c.deps.WriteMode != nil {
		c.ShowWriteMode(c.deps.WriteMode())
	}
	return container.NewHBox(c.Writes, c.WritesButton)
}

// ShowWriteMode shows the connection's write mode.
func (c *ConnectionPanel) ShowWriteMode(m edit.Mode) {
	c.Writes.SetText(modeText(m))
	c.Writes.Importance = modeImportance(m)
	c.Writes.Refresh()
}
