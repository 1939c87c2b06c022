//go:build !unix

package export

import (
	"io/fs"
	"os"
)

// partialOpenFlag opens a partial file for its lock; removeStalePartials
// has seen a regular file there.
const partialOpenFlag = os.O_RDONLY

// ownedByMe: where files have no Unix owner, a file in a folder the user
// exports to is taken as theirs.
func ownedByMe(fs.FileInfo) bool { return true }
