package journal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/gofrs/flock"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
)

// lockWait is how long an append waits for another process's.
const lockWait = 10 * time.Second

// append writes buf (whole lines) at the journal's end in one write and
// syncs it, under the cross-process lock. A last line left torn by a crash
// is ended first, and marked as torn (tornMarker), in the same write.
func (j *Journal) append(buf []byte) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.secureDir(true); err != nil {
		return err
	}
	unlock, err := j.lock()
	if err != nil {
		return err
	}
	defer unlock()
	f, info, err := j.openFile(appendFlag)
	if err != nil {
		return err
	}
	defer f.Close()
	if size := info.Size(); size > 0 {
		var last [1]byte
		if _, err := f.ReadAt(last[:], size-1); err != nil {
			return j.writeError(err)
		}
		if last[0] != '\n' {
			buf = append([]byte("\n"+tornMarker+"\n"), buf...)
		}
	}
	if _, err := f.Write(buf); err != nil {
		return j.writeError(err)
	}
	if err := f.Sync(); err != nil {
		return j.writeError(err)
	}
	if info.Size() == 0 { // a new file: its name, on disk too
		if d, err := os.Open(j.dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return nil
}

func (j *Journal) writeError(err error) error {
	return msg.New("Could not record the change in the journal %s: %v", j.path, err).Because(err)
}

// secureDir checks the journal folder (making it when create is set): a
// symbolic link or another user's folder is refused, one others may read
// is made 0700.
func (j *Journal) secureDir(create bool) error {
	if create {
		if err := os.MkdirAll(j.dir, 0o700); err != nil {
			return msg.New("Could not make the journal folder %s: %v", j.dir, err).Because(err)
		}
	}
	info, err := os.Lstat(j.dir)
	switch {
	case err != nil:
		return err // the folder is missing (reads see an empty journal)
	case info.Mode()&fs.ModeSymlink != 0:
		return msg.New("The journal folder %s is a symbolic link, which wfconnect does not follow (someone may have planted it). Move it away and try again.", j.dir).WithKind(ErrUnsafe)
	case !info.IsDir():
		return msg.New("The journal folder %s is not a folder. Move it away and try again.", j.dir).WithKind(ErrUnsafe)
	case !store.OwnedByMe(info):
		return msg.New("The journal folder %s belongs to another user, so wfconnect does not keep its journal there. Remove it or make it yours (chown), then try again.", j.dir).WithKind(ErrUnsafe)
	}
	if perm := info.Mode().Perm(); unixModes && perm&0o077 != 0 {
		if err := os.Chmod(j.dir, 0o700); err != nil {
			return msg.New("Other users can open the journal folder %s (mode %s), and wfconnect could not make it private: %v. Run chmod 700 on it, then try again.", j.dir, fmt.Sprintf("%04o", perm), err).Because(err)
		}
	}
	return nil
}

// openFile opens the journal with flag after the checks: no symbolic link
// (looked at first where O_NOFOLLOW is missing, refused by the kernel
// elsewhere), no FIFO or device (the open does not block on one, and the
// file opened is then checked, not the path), none of another user's. A
// file others may read is made 0600.
func (j *Journal) openFile(flag int) (*os.File, fs.FileInfo, error) {
	if err := checkPath(j.path); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(j.path, flag, 0o600)
	if err != nil {
		if isRefusal(err) {
			return nil, nil, unsafeFile(j.path, "symlink").Because(err)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
		if info, lerr := os.Lstat(j.path); lerr == nil && !info.Mode().IsRegular() {
			return nil, nil, unsafeFile(j.path, "not regular").Because(err)
		}
		return nil, nil, msg.New("Could not open the journal %s: %v", j.path, err).Because(err)
	}
	info, err := checkOpened(f, j.path)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if perm := info.Mode().Perm(); unixModes && perm&0o077 != 0 && flag&os.O_RDWR != 0 {
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, nil, j.writeError(err)
		}
	}
	return f, info, nil
}

// checkPath refuses a symbolic link at path (where the open cannot).
func checkPath(path string) error {
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return unsafeFile(path, "symlink")
	}
	return nil
}

// checkOpened checks the file that was opened: a regular file of this user.
func checkOpened(f *os.File, path string) (fs.FileInfo, error) {
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, msg.New("Could not check the journal %s: %v", path, err).Because(err)
	case !info.Mode().IsRegular():
		return nil, unsafeFile(path, "not regular")
	case !store.OwnedByMe(info):
		return nil, unsafeFile(path, "owner")
	}
	return info, nil
}

// unsafeFile says what is wrong with a journal file (or its lock file).
func unsafeFile(path, why string) *msg.Error {
	var m *msg.Error
	switch why {
	case "symlink":
		m = msg.New("The journal file %s is a symbolic link, which wfconnect does not follow (someone may have planted it). Move it away and try again.", path)
	case "owner":
		m = msg.New("The journal file %s belongs to another user, so wfconnect does not use it (its before-values could be forged). Move it away and try again.", path)
	default:
		m = msg.New("The journal file %s is not a regular file (a pipe, a device or a folder?), so wfconnect does not use it. Move it away and try again.", path)
	}
	return m.WithKind(ErrUnsafe)
}

// lock takes the cross-process lock beside the journal, so that a torn
// line is ended once and two processes' appends never cross.
func (j *Journal) lock() (unlock func(), err error) {
	if err := checkPath(j.lockPath); err != nil {
		return nil, err
	}
	l := flock.New(j.lockPath, flock.SetFlag(lockFlag), flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	ok, err := l.TryLockContext(ctx, 5*time.Millisecond)
	switch {
	case err != nil && isRefusal(err):
		return nil, unsafeFile(j.lockPath, "symlink").Because(err)
	case errors.Is(err, context.DeadlineExceeded) || err == nil && !ok:
		return nil, msg.New("Another wfconnect has been writing the journal %s for 10 seconds; try again in a moment.", j.path)
	case err != nil:
		return nil, msg.New("Could not lock the journal %s: %v", j.path, err).Because(err)
	}
	info, err := l.Stat()
	switch {
	case err != nil:
		l.Close()
		return nil, msg.New("Could not check the journal %s: %v", j.lockPath, err).Because(err)
	case !info.Mode().IsRegular():
		l.Close()
		return nil, unsafeFile(j.lockPath, "not regular")
	case !store.OwnedByMe(info):
		l.Close()
		return nil, unsafeFile(j.lockPath, "owner")
	}
	return func() { l.Close() }, nil
}
