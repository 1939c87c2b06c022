package store

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// describeFileError says in words what the operating system refused.
func describeFileError(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case syscall.ENOSPC, syscall.EDQUOT:
			return "the disk is full"
		case syscall.EROFS:
			return "the disk is read-only"
		case syscall.EACCES, syscall.EPERM:
			return "permission denied (the config directory is not writable)"
		case syscall.EISDIR:
			return "it is a directory, not a file"
		case syscall.ENOTDIR:
			return "a part of the path is a file, not a directory"
		case syscall.EIO:
			return "the disk reported an input/output error"
		}
	}
	return err.Error()
}

// WriteFileAtomic writes data so that readers see the old or the new file,
// never a part, even if the process is killed.
func WriteFileAtomic(path string, data []byte, mode os.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
