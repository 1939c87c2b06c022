package store

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/wfconnect/wfconnect/msg"
)

// ConfigDir is $WFCONNECT_CONFIG_DIR, else os.UserConfigDir()/wfconnect. It
// is created with mode 0700. On Unix an existing one must belong to the
// current user (else it is refused: another user could plant or change the
// files there), and one that others can write to is made 0700.
func ConfigDir() (string, error) {
	dir := os.Getenv("WFCONNECT_CONFIG_DIR")
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("finding your config directory: %w", err)
		}
		dir = filepath.Join(base, "wfconnect")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating the config directory %s: %w", dir, err)
	}
	if err := secureDir(dir); err != nil {
		return "", err
	}
	return dir, nil
}

// secureDir refuses a config directory owned by another user and makes a
// group- or world-writable one private (0700).
func secureDir(dir string) error {
	if !checkPermissions {
		return nil
	}
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("checking the config directory %s: %w", dir, err)
	}
	uid, ok := ownerOf(info)
	if !ok {
		return nil
	}
	if uid != currentUID() {
		return msg.New("The config directory %s belongs to another user (uid %d), so wfconnect will not keep your connections there. Remove it or make it yours (chown), or set WFCONNECT_CONFIG_DIR to a directory of your own.", dir, uid)
	}
	if perm := info.Mode().Perm(); perm&0o022 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return msg.New("Other users can change the config directory %s (mode %s), and wfconnect could not make it private: %s. Run chmod 700 on it, then try again.", dir, fmt.Sprintf("%04o", perm), describeFileError(err)).Because(err)
		}
	}
	return nil
}
