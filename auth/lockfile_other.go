//go:build !unix

package auth

import (
	"io/fs"
	"os"
)

// lockOpenFlag opens a refresh lock file (created when missing).
const lockOpenFlag = os.O_CREATE | os.O_RDWR

func isSymlinkRefusal(error) bool { return false }

// ownedByMe: where files have no Unix owner, the lock file in the user's
// config folder is taken as theirs.
func ownedByMe(fs.FileInfo) bool { return true }
