package store

import "sync"

// Secrets keeps secret strings by account name. Implementations: NewKeyring
// (the OS keyring) and NewMemory (this session only). There is no plaintext
// file.
type Secrets interface {
	// Get returns found=false and no error when nothing is stored.
	Get(account string) (value string, found bool, err error)
	Set(account, value string) error
	// Delete of an account that holds nothing is not an error.
	Delete(account string) error
	// Where names the storage for people.
	Where() string
}

// MemoryWhere is what NewMemory's Where says.
const MemoryWhere = "memory (this session only; forgotten when the app quits)"

type memorySecrets struct {
	mu sync.Mutex
	m  map[string]string
}

// NewMemory keeps secrets in this process only. It is an explicit choice a
// person makes, and Where says so.
func NewMemory() Secrets { return &memorySecrets{m: map[string]string{}} }

func (m *memorySecrets) Where() string { return MemoryWhere }

func (m *memorySecrets) Get(account string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[account]
	return v, ok, nil
}

func (m *memorySecrets) Set(account, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[account] = value
	return nil
}

func (m *memorySecrets) Delete(account string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.m, account)
	return nil
}

// Secret kinds: a profile's secrets are filed under "<profile>/<kind>".
const (
	KindClientSecret = "client-secret"
	KindTokens       = "tokens"
)

// Kinds lists every kind of secret a profile can have; Forget deletes them all.
var Kinds = []string{KindClientSecret, KindTokens}

// Account is the keyring account of one secret of a profile.
func Account(profile, kind string) string { return profile + "/" + kind }

// Vault files a profile's secrets in Secrets, one entry per kind:
// "<profile>/client-secret" and "<profile>/tokens". It has the method set of
// auth.TokenStore (LoadTokens, SaveTokens, DeleteTokens, Where).
type Vault struct{ Secrets }

// ClientSecret returns the profile's client secret.
func (v Vault) ClientSecret(profile string) (string, bool, error) {
	return v.Secrets.Get(Account(profile, KindClientSecret))
}

// SetClientSecret stores the profile's client secret.
func (v Vault) SetClientSecret(profile, secret string) error {
	return v.Secrets.Set(Account(profile, KindClientSecret), secret)
}

// LoadTokens returns the profile's token blob (found=false: none stored).
func (v Vault) LoadTokens(profile string) ([]byte, bool, error) {
	s, found, err := v.Secrets.Get(Account(profile, KindTokens))
	if err != nil || !found {
		return nil, false, err
	}
	return []byte(s), true, nil
}

// SaveTokens stores the profile's token blob.
func (v Vault) SaveTokens(profile string, blob []byte) error {
	return v.Secrets.Set(Account(profile, KindTokens), string(blob))
}

// DeleteTokens forgets the profile's tokens; none stored is not an error.
func (v Vault) DeleteTokens(profile string) error {
	return v.Secrets.Delete(Account(profile, KindTokens))
}

// Forget deletes every secret of the profile. Secrets that are not there are
// no error. It tries every kind and returns the first error.
func (v Vault) Forget(profile string) error {
	var first error
	for _, kind := range Kinds {
		if err := v.Secrets.Delete(Account(profile, kind)); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Where names the storage for people.
func (v Vault) Where() string { return v.Secrets.Where() }
