// Package store owns what wfconnect keeps on the machine:
//   - the profiles file (profiles.go): JSON, written atomically (files.go),
//     mode 0600, never holding a secret, in a config directory of the
//     user's own (configdir.go);
//   - the secrets (secrets.go): client secrets, Machine to Machine private
//     keys and token sets, one keyring account each (Vault), in the OS
//     keyring with every call bounded by a timeout (NewKeyring), or, as an
//     explicit choice, in this process's memory (NewMemory).
//
// There is no plaintext fallback.
package store
