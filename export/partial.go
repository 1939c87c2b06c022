package export

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// partialMark is in the name of the hidden file an export writes before
// it is renamed into place: ".NAME.partial-<digits>".
const partialMark = ".partial-"

// staleAfter is how old a partial file must be before it is taken for one
// a killed export left. A running export also holds its partial file
// (holdPartial), so an XLSX export that writes it only at the end is safe
// however long it runs.
var staleAfter = 5 * time.Minute

// removeStalePartials removes, in dir, the partial files that an export
// killed mid-way (SIGKILL, a power cut) left behind: only files named as
// ours, regular, this user's, older than staleAfter and with no export
// holding their lock. It is best effort: whatever it cannot remove stays.
func removeStalePartials(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !isPartialName(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < staleAfter || !ownedByMe(info) {
			continue
		}
		if path := filepath.Join(dir, e.Name()); partialFree(path) {
			os.Remove(path)
		}
	}
}

// isPartialName: ".NAME.partial-" and the digits os.CreateTemp puts there.
func isPartialName(name string) bool {
	i := strings.LastIndex(name, partialMark)
	if !strings.HasPrefix(name, ".") || i < 1 {
		return false
	}
	digits := name[i+len(partialMark):]
	return digits != "" && strings.Trim(digits, "0123456789") == ""
}
