//go:build !unix

package export

import "io/fs"

// ownedByMe: where files have no Unix owner, a file in a folder the user
// exports to is taken as theirs.
func ownedByMe(fs.FileInfo) bool { return true }

// holdPartial holds nothing more: Windows locks are mandatory (they would
// refuse the export's own writes), and a file a running export has open
// cannot be removed there anyway.
func holdPartial(string) (release func()) { return func() {} }

// partialFree: os.Remove fails on a file a running export has open.
func partialFree(string) bool { return true }
