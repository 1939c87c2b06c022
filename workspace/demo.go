package workspace

import (
	"fmt"
	"net"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/store"
	"github.com/wfconnect/wfconnect/wfsim"
)

// DemoName is the name of the demo connection.
const DemoName = "Demo (simulated Workfront)"

// DemoMachineName is the demo's Machine to Machine (JWT) connection.
const DemoMachineName = "Demo machine (JWT)"

// IsDemoName says whether a name is one of the demo's connections, which
// live only in this process.
func IsDemoName(name string) bool {
	return name == DemoName || name == DemoMachineName || name == DemoSandboxName
}

// demo is the simulator-backed workspace for people without a tenant. It
// lives only in this process: its profile is never written to the profiles
// file and its secrets stay in memory, so it cannot be confused with, or
// outlive, a real connection.
type demo struct {
	sim     *wfsim.Sim
	profile store.Profile
	// machine is the Machine to Machine connection, once asked for.
	machine *store.Profile
	// sandbox is a second simulated instance to compare with, once asked for.
	sandbox *demoSandbox
	vault   store.Vault
}

// StartDemo starts the built-in Workfront simulator on 127.0.0.1 with its
// 50,000 sample projects and adds the demo connection. Calling it again
// returns the running demo.
func (w *Workspace) StartDemo() (store.Profile, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.demo != nil {
		return w.demo.profile, nil
	}
	port, err := freeLoopbackPort()
	if err != nil {
		return store.Profile{}, err
	}
	redirect := fmt.Sprintf("http://127.0.0.1:%d/callback", port)
	sim := wfsim.New(wfsim.Options{RedirectURIs: []string{redirect}, AppName: "Workfront Connect", Rotation: true})
	if err := sim.Start("127.0.0.1:0"); err != nil {
		return store.Profile{}, fmt.Errorf("starting the simulated Workfront: %w", err)
	}
	d := &demo{
		sim: sim,
		profile: store.Profile{
			Name: DemoName, Host: sim.URL(), ClientID: sim.WebClientID(), RedirectURI: redirect,
			AppType: string(auth.AppWeb), TokenAuth: string(auth.TokenAuthBasicJSON),
			APIVersion: store.DefaultAPIVersion, Demo: true, LocalHTTP: true,
		},
		vault: store.Vault{Secrets: store.NewMemory()},
	}
	// The simulator was started here: its address is allowed in memory,
	// never through the profiles file.
	if err := d.vault.SetLocalHTTP(DemoName, sim.URL()); err != nil {
		sim.Close()
		return store.Profile{}, err
	}
	if err := d.vault.SetClientSecret(DemoName, sim.WebClientSecret()); err != nil {
		sim.Close()
		return store.Profile{}, err
	}
	w.demo = d
	return d.profile, nil
}

// StopDemo removes the demo connection and stops the simulator.
func (w *Workspace) StopDemo() {
	w.mu.Lock()
	d := w.demo
	w.demo = nil
	delete(w.sources, DemoName)
	delete(w.sources, DemoMachineName)
	delete(w.sources, DemoSandboxName)
	w.mu.Unlock()
	if d != nil {
		d.sim.Close()
		if d.sandbox != nil {
			d.sandbox.sim.Close()
		}
	}
}

// forgetDemoMachine removes the demo's Machine to Machine connection; the
// demo itself goes on.
func (w *Workspace) forgetDemoMachine() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.demo != nil {
		w.demo.machine = nil
		delete(w.sources, DemoMachineName)
	}
}

func (w *Workspace) demoProfile(name string) (store.Profile, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.demo == nil:
	case name == DemoName:
		return w.demo.profile, true
	case name == DemoMachineName && w.demo.machine != nil:
		return *w.demo.machine, true
	case name == DemoSandboxName && w.demo.sandbox != nil:
		return w.demo.sandbox.profile, true
	}
	return store.Profile{}, false
}

// StartMachineDemo adds the demo's Machine to Machine connection (starting
// the demo if need be): a key pair made here, its public key pasted into
// the simulated Workfront as an administrator would, and no browser to
// sign in. Like the demo, it lives only in this process. Calling it again
// returns the connection.
func (w *Workspace) StartMachineDemo() (store.Profile, error) {
	if _, err := w.StartDemo(); err != nil {
		return store.Profile{}, err
	}
	w.mu.Lock()
	d := w.demo
	if d.machine != nil {
		defer w.mu.Unlock()
		return *d.machine, nil
	}
	w.mu.Unlock()
	p, err := registerMachine(d.vault, d.sim, DemoMachineName)
	if err != nil {
		return store.Profile{}, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if d.machine == nil {
		d.machine = &p
	}
	return *d.machine, nil
}

// vaultFor is where a profile's secrets live: memory for the demo, the
// configured store for everything else.
func (w *Workspace) vaultFor(name string) store.Vault {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.demo != nil && IsDemoName(name) {
		return w.demo.vault
	}
	return w.vault
}

func freeLoopbackPort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port for the demo's callback: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// DemoMachineApp is what a person types to add a Machine to Machine
// connection to the running demo: its host, client ID, client secret,
// Customer ID and a User ID (the simulated administrator). ok is false when
// the demo is not running.
func (w *Workspace) DemoMachineApp() (host, clientID, secret, customerID, userID string, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.demo == nil {
		return "", "", "", "", "", false
	}
	s := w.demo.sim
	return s.URL(), s.JWTClientID(), s.JWTClientSecret(), s.CustomerID(), s.SignedInUserID(), true
}

// RegisterWithDemo pastes a Machine to Machine profile's public key into
// the running demo's simulated Workfront, as an administrator would under
// Public Keys, so the demo shows the JWT kind end to end. It refuses a
// profile whose host is not the demo's.
func (w *Workspace) RegisterWithDemo(name string) error {
	pub, err := w.PublicKey(name)
	if err != nil {
		return err
	}
	p, err := w.Profile(name)
	if err != nil {
		return err
	}
	w.mu.Lock()
	d := w.demo
	w.mu.Unlock()
	if d == nil || p.Host != d.sim.URL() {
		return fmt.Errorf("%s is not a connection to the running demo", name)
	}
	return d.sim.RegisterPublicKey(pub)
}
