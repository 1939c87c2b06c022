package export

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"

	"github.com/wfconnect/wfconnect/msg"
)

// ToFile exports to path. The rows go to a hidden file beside it
// (".NAME.partial-…"), which is synced and renamed to path only when the
// export is complete; a cancel, a lost network or a full disk removes it
// and leaves path as it was. A CSV file starts with a UTF-8 BOM, so that
// Excel reads its Chinese and accented text right.
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
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return Result{Path: path}, msg.New("%s is a folder: name the file to export to.", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return Result{Path: path}, fileError(path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	res, err := Run(ctx, src, job, bw)
	res.Path = path
	if err == nil {
		err = writeError(bw.Flush())
	}
	if err == nil {
		err = writeError(tmp.Sync())
	}
	if err == nil {
		err = writeError(tmp.Close())
	}
	if err == nil {
		err = writeError(os.Chmod(tmp.Name(), 0o644))
	}
	if err == nil {
		err = writeError(os.Rename(tmp.Name(), path))
	}
	var we *writeErr
	if errors.As(err, &we) {
		return res, fileError(path, we.err)
	}
	if err != nil {
		return res, msg.New("%v Nothing was written at %s.", err, path).Because(err)
	}
	done = true
	if d, err := os.Open(dir); err == nil { // the rename itself, on disk
		d.Sync()
		d.Close()
	}
	return res, nil
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
