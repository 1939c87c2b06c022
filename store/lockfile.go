package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/gofrs/flock"

	"github.com/wfconnect/wfconnect/msg"
)

// ErrUnsafeLockFile: the lock file beside the profiles file is a symbolic
// link, not a regular file, or another user's; wfconnect does not use it.
var ErrUnsafeLockFile = errors.New("unsafe lock file")

// lockFileName is the cross-process lock beside profiles.json.
const lockFileName = ".profiles.lock"

// takeFileLock takes the exclusive lock on path, waiting up to wait. The
// file is opened without following a symbolic link and without blocking
// on a FIFO (lockOpenFlag), and refused unless it is a regular file of
// this user: a lock file planted by someone else could hold the lock
// forever or point the open at another file. created is false when the
// file could not even be made (a read-only disk); the caller then goes on
// without the lock.
func takeFileLock(path string, wait time.Duration) (l *flock.Flock, created bool, err error) {
	if info, lerr := os.Lstat(path); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil, true, unsafeLockFile(path, "symlink")
	}
	l = flock.New(path, flock.SetFlag(lockOpenFlag), flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	ok, err := l.TryLockContext(ctx, 10*time.Millisecond)
	var pathErr *fs.PathError
	switch {
	case err != nil && isSymlinkRefusal(err):
		return nil, true, unsafeLockFile(path, "symlink").Because(err)
	case errors.Is(err, syscall.EISDIR):
		return nil, true, unsafeLockFile(path, "not regular").Because(err)
	case errors.As(err, &pathErr):
		return nil, false, nil
	case err != nil || !ok:
		return nil, true, msg.New("Another wfconnect has been saving connections for 10 seconds; try again in a moment.").Because(err)
	}
	if problem := checkLockFile(l, path); problem != nil {
		l.Close()
		return nil, true, problem
	}
	return l, true, nil
}

// checkLockFile looks at the file the lock holds open (not at the path,
// which could have been swapped since).
func checkLockFile(l *flock.Flock, path string) *msg.Error {
	info, err := l.Stat()
	switch {
	case err != nil:
		return msg.New("Could not check the lock file %s: %v", path, err).WithKind(ErrUnsafeLockFile).Because(err)
	case !info.Mode().IsRegular():
		return unsafeLockFile(path, "not regular")
	}
	if uid, ok := ownerOf(info); ok && checkPermissions && uid != currentUID() {
		return unsafeLockFile(path, "owner")
	}
	return nil
}

// unsafeLockFile says what is wrong with the lock file and what to do.
func unsafeLockFile(path, why string) *msg.Error {
	var m *msg.Error
	switch why {
	case "symlink":
		m = msg.New("The lock file %s is a symbolic link, which wfconnect does not follow (someone may have planted it). Delete it and try again.", path)
	case "owner":
		m = msg.New("The lock file %s belongs to another user, so wfconnect does not use it. Delete it and try again.", path)
	default:
		m = msg.New("The lock file %s is not a regular file, so wfconnect does not use it. Delete it and try again.", path)
	}
	return m.WithKind(ErrUnsafeLockFile)
}

// LockFile takes the cross-process lock on path, as the profiles file's
// is taken (no symbolic link followed, only a regular file of this user);
// nil and no error when the file cannot be made (a read-only disk). The
// caller closes it.
func LockFile(path string, wait time.Duration) (*flock.Flock, error) {
	l, _, err := takeFileLock(path, wait)
	return l, err
}
