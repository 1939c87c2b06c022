package export

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/wfconnect/wfconnect/msg"
)

// ToFile exports to path, through WriteFile: the file appears whole or
// not at all. A CSV file starts with a UTF-8 BOM, so that Excel reads its
// Chinese and accented text right.
func ToFile(ctx context.Context, src Source, job Job, path string) (Result, error) {
	if job.Format == "" {
		if f, ok := FormatOf(path); ok {
			job.Format = f
		}
	}
	if job.Format == "" || job.Format == CSV {
		job.BOM = true
	}
	if err := job.check(); err != nil {
		return Result{Path: path}, err
	}
	res := Result{Path: path}
	err := WriteFile(path, func(w io.Writer) error {
		var err error
		res, err = Run(ctx, src, job, w)
		res.Path = path
		return err
	})
	return res, err
}

// WriteFile writes path with write, the way an export does. The bytes go
// to a hidden file beside it (".NAME.partial-…"), which is synced and
// renamed to path only when write succeeded; a failure removes it and
// leaves path as it was, and one left by a killed process is removed by
// the next write to that folder (removeStalePartials). A new file is 0600
// whatever the umask (it holds the organization's data); a replaced one
// keeps its mode. A symbolic link, a folder or a device at path is
// refused. The errors are for people.
func WriteFile(path string, write func(w io.Writer) error) error {
	mode, err := targetMode(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	removeStalePartials(dir, time.Now())
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+partialMark+"*")
	if err != nil {
		return fileError(path, err)
	}
	// Held while write runs: removeStalePartials leaves it alone.
	release := holdPartial(tmp.Name())
	done := false
	defer func() {
		release()
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	err = write(bw)
	if err == nil {
		err = writeError(bw.Flush())
	}
	if err == nil {
		err = writeError(tmp.Chmod(mode)) // on the open file: no name to swap
	}
	if err == nil {
		err = writeError(tmp.Sync())
	}
	if err == nil {
		err = writeError(tmp.Close())
	}
	if err == nil {
		release()
		err = writeError(os.Rename(tmp.Name(), path))
	}
	var we *writeErr
	if errors.As(err, &we) {
		return fileError(path, we.err)
	}
	if err != nil {
		return msg.New("%v Nothing was written at %s.", err, path).Because(err)
	}
	done = true
	if d, err := os.Open(dir); err == nil { // the rename itself, on disk
		d.Sync()
		d.Close()
	}
	return nil
}

// targetMode is the mode the export's file gets: 0600 for a new file, the
// old file's own for a replaced one (never looser than it was). A symbolic
// link (the export would replace the link, not write where it points,
// which is not what its owner meant), a folder, a pipe or a device is
// refused.
func targetMode(path string) (os.FileMode, error) {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return 0o600, nil
	case err != nil:
		return 0, fileError(path, err)
	case info.Mode()&os.ModeSymlink != 0:
		return 0, msg.New("%s is a symbolic link; wfconnect does not export through one. Choose the file it points to, or another name.", path)
	case info.IsDir():
		return 0, msg.New("%s is a folder: name the file to export to.", path)
	case !info.Mode().IsRegular():
		return 0, msg.New("%s is not a regular file (a pipe or a device?): choose another name.", path)
	}
	return info.Mode().Perm(), nil
}

// fileError says what went wrong with the file, for people.
func fileError(path string, err error) error {
	var m *msg.Error
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return msg.New("The disk is full, so the export could not be written; nothing was written at %s.", path).Because(err)
	case errors.Is(err, os.ErrPermission):
		return msg.New("You may not write to %s: choose another place.", path).Because(err)
	case errors.Is(err, syscall.EROFS):
		return msg.New("%s is on a read-only disk: choose another place.", path).Because(err)
	case errors.Is(err, os.ErrNotExist):
		return msg.New("The folder of %s does not exist.", path).Because(err)
	case errors.As(err, &m):
		return msg.New("%v Nothing was written at %s.", err, path).Because(err)
	}
	return msg.New("Could not write the export to %s: %v", path, err).Because(err)
}
