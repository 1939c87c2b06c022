package ui

import (
	"bytes"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"github.com/wfconnect/wfconnect/compare"
	"github.com/wfconnect/wfconnect/store"
)

// export asks where to save the comparison and saves it: the CSV has
// every row, the same ones too (a filter is a way of looking, not of
// saving); the JSON is compare --json's, its differences and counts.
func (v *CompareView) export(format string) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if err := v.ExportTo(path, format); err != nil {
			showErrorIn(v.deps.Window, err)
		}
	}, v.deps.Window)
	save.SetFileName(exportName(v.sideA, v.sideB, format))
	save.SetFilter(storage.NewExtensionFileFilter([]string{"." + format}))
	save.Show()
}

// ExportTo writes the comparison to path as CSV or JSON, atomically and
// readable by its owner only.
func (v *CompareView) ExportTo(path, format string) error {
	var buf bytes.Buffer
	write := compare.WriteCSV
	if format == "json" {
		write = compare.WriteJSON
	}
	if err := write(&buf, v.model.all, v.sideA, v.sideB); err != nil {
		return err
	}
	if err := store.WriteFileAtomic(path, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	v.deps.Toast(fmt.Sprintf(lang.L("Saved the comparison to %s"), path))
	return nil
}

// exportName is a file name from the two sides' names.
func exportName(a, b, format string) string {
	clean := strings.NewReplacer("/", "-", "\\", "-", " ", "-", ":", "-")
	return "compare-" + clean.Replace(a) + "-" + clean.Replace(b) + "." + format
}
