package workspace

import (
	"fmt"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
)

// DemoSandboxName is the demo's second instance: a simulated sandbox
// whose custom forms differ from the demo's in known ways, so the admin
// tools' comparison can be tried without two tenants.
const DemoSandboxName = "Demo sandbox (simulated)"

// demoSandbox is the sandbox instance and its connection.
type demoSandbox struct {
	sim     *wfsim.Sim
	profile store.Profile
}

// StartSandboxDemo starts the demo's sandbox (and the demo, if need be)
// and adds its connection: Machine to Machine, so it signs in without a
// browser. Like the demo, it lives only in this process. Calling it again
// returns the connection.
func (w *Workspace) StartSandboxDemo() (store.Profile, error) {
	if _, err := w.StartDemo(); err != nil {
		return store.Profile{}, err
	}
	w.mu.Lock()
	d := w.demo
	if d.sandbox != nil {
		defer w.mu.Unlock()
		return d.sandbox.profile, nil
	}
	w.mu.Unlock()
	sim := wfsim.New(wfsim.Options{AppName: "Workfront Connect", Rotation: true, Sandbox: true})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		return store.Profile{}, fmt.Errorf("starting the simulated sandbox: %w", err)
	}
	p, err := registerMachine(d.vault, sim, DemoSandboxName)
	if err != nil {
		sim.Close()
		return store.Profile{}, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if d.sandbox != nil { // started twice at once: keep the first
		sim.Close()
		return d.sandbox.profile, nil
	}
	d.sandbox = &demoSandbox{sim: sim, profile: p}
	return p, nil
}

// registerMachine makes a demo Machine to Machine connection's key pair,
// registers its public key with the simulator, as an administrator would
// under Public Keys, and keeps its secrets in the demo's memory vault.
func registerMachine(vault store.Vault, sim *wfsim.Sim, name string) (store.Profile, error) {
	key, err := auth.GenerateKey()
	if err != nil {
		return store.Profile{}, err
	}
	pub, err := auth.PublicKeyPEM(key)
	if err != nil {
		return store.Profile{}, err
	}
	if err := sim.RegisterPublicKey(pub); err != nil {
		return store.Profile{}, fmt.Errorf("registering the demo's public key: %w", err)
	}
	p := store.Profile{
		Name: name, Host: sim.URL(), ClientID: sim.JWTClientID(), AppType: string(auth.AppJWT),
		CustomerID: sim.CustomerID(), UserID: sim.SignedInUserID(), APIVersion: store.DefaultAPIVersion, Demo: true, LocalHTTP: true,
	}
	if err := vault.SetLocalHTTP(p.Name, sim.URL()); err != nil {
		return store.Profile{}, err
	}
	if err := vault.SetClientSecret(p.Name, sim.JWTClientSecret()); err != nil {
		return store.Profile{}, err
	}
	if err := vault.SetPrivateKey(p.Name, key); err != nil {
		return store.Profile{}, err
	}
	return p, nil
}

// forgetDemoSandbox removes the demo's sandbox and stops it; the demo
// itself goes on.
func (w *Workspace) forgetDemoSandbox() {
	w.mu.Lock()
	var sb *demoSandbox
	if w.demo != nil {
		sb, w.demo.sandbox = w.demo.sandbox, nil
		delete(w.sources, DemoSandboxName)
	}
	w.mu.Unlock()
	if sb != nil {
		sb.sim.Close()
	}
}
