package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workspace"
)

// profileAddOptions are what profile add was given, for every kind.
type profileAddOptions struct {
	Name                                            string
	Kind, Domain, ClientID, RedirectURI, TokenAuth  string
	APIVersion, CustomerID, UserID, KeyFile, IMSOrg string
	Scopes, IMSURL                                  string
	SecretStdin, SPA, AllowMissingState, NoPKCE     bool
	// KindGiven is whether --kind was on the command line (its default is web).
	KindGiven bool
	// Given are the flags on the command line, by name, so that a flag of
	// another kind is refused.
	Given map[string]bool
}

func (c *command) profileAddCmd() *cobra.Command {
	var opts profileAddOptions
	cmd := &cobra.Command{
		Use: `add NAME --kind web|spa|jwt|ims --domain D --client-id ID [options]
    web (the default): --redirect-uri URI --client-secret-stdin [--token-auth basic-json|form]
    spa:               --redirect-uri URI                       (--spa stays an alias of --kind spa)
    jwt:               --customer-id C --user-id U --client-secret-stdin [--private-key-file PEM]
    ims:               --ims-org ORG@AdobeOrg --client-secret-stdin [--scopes S] [--ims-url URL]`,
		Short: "Save a Workfront connection",
		Long: `Save a Workfront connection of one of four kinds:
  web  a Web Application: browser consent, client secret
  spa  a Single Page Web Application: browser consent with PKCE, no secret
  jwt  a Machine to Machine Application: a signed JWT, no browser
  ims  an Adobe IMS server-to-server credential: client credentials, no browser
The client secret is read from standard input (--client-secret-stdin), never
from the command line, so it does not show up in ps or shell history. A jwt
connection without --private-key-file gets a new RSA-2048 key pair; its
public key is printed for you to paste into Workfront (Setup > System >
OAuth2 Applications > the app > Public Keys), and wfconnect profile pubkey
prints it again. The private key stays in the system keyring.`,
		Example: `  printf '%s\n' "$SECRET" | wfconnect profile add acme --domain acme --client-id 3f… \
      --redirect-uri http://127.0.0.1:8765/callback --client-secret-stdin
  wfconnect profile add acme-spa --kind spa --domain acme.my.workfront.com --client-id 9a… \
      --redirect-uri http://127.0.0.1:8765/callback
  printf '%s\n' "$SECRET" | wfconnect profile add nightly --kind jwt --domain acme --client-id 5c… \
      --customer-id 61aa… --user-id 62bb… --client-secret-stdin
  printf '%s\n' "$SECRET" | wfconnect profile add acme-ims --kind ims --domain acme.my.workfront.adobe.com \
      --client-id 7d… --ims-org 1234ABCD@AdobeOrg --client-secret-stdin`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: withName("profile add", &opts.Name, func(cmd *cobra.Command) error {
			opts.KindGiven, opts.Given = cmd.Flags().Changed("kind"), givenFlags(cmd.Flags())
			return c.runProfileAdd(cmd.Context(), &opts)
		}),
	}
	bindProfileAddFlags(cmd.Flags(), &opts)
	return cmd
}

// bindProfileAddFlags defines profile add's flags, for every kind, into opts.
func bindProfileAddFlags(f *pflag.FlagSet, opts *profileAddOptions) {
	f.StringVar(&opts.Kind, "kind", string(auth.AppWeb), "the kind of connection: web, spa, jwt or ims")
	f.StringVar(&opts.Domain, "domain", "", "your Workfront domain: acme, acme.my.workfront.com or acme.my.workfront.adobe.com")
	f.StringVar(&opts.ClientID, "client-id", "", "the Client ID from Workfront (Setup > System > OAuth2 Applications) or Adobe's console")
	f.StringVar(&opts.RedirectURI, "redirect-uri", "", "web, spa: the redirect URI registered in Workfront")
	f.BoolVar(&opts.SecretStdin, "client-secret-stdin", false, "web, jwt, ims: read the client secret from standard input")
	f.BoolVar(&opts.SPA, "spa", false, "the same as --kind spa")
	f.StringVar(&opts.TokenAuth, "token-auth", string(auth.TokenAuthBasicJSON), "web: how the token request sends the client secret: basic-json or form")
	f.StringVar(&opts.APIVersion, "api-version", "", "the Workfront API version, like v22.0 (default: the newest the instance offers)")
	f.BoolVar(&opts.AllowMissingState, "allow-missing-state", false, "web, spa: accept callbacks without state (for tenants that send none; less safe)")
	f.BoolVar(&opts.NoPKCE, "no-pkce", false, "web: do not send PKCE (for apps that refuse it)")
	f.StringVar(&opts.CustomerID, "customer-id", "", "jwt: the Customer ID (the JWT's iss)")
	f.StringVar(&opts.UserID, "user-id", "", "jwt: the ID of the user the integration acts as (the JWT's sub)")
	f.StringVar(&opts.KeyFile, "private-key-file", "", "jwt: a PEM RSA private key (PKCS#1 or PKCS#8) to import; default: a new key pair")
	f.StringVar(&opts.IMSOrg, "ims-org", "", "ims: the IMS organization ID, ending in @AdobeOrg")
	f.StringVar(&opts.Scopes, "scopes", "", "ims: the credential's scopes, comma separated (default "+auth.DefaultIMSScopes+")")
	f.StringVar(&opts.IMSURL, "ims-url", "", "ims: the Adobe IMS base URL (default "+auth.DefaultIMSURL+")")
}

// givenFlags are the names of the flags on the command line.
func givenFlags(f *pflag.FlagSet) map[string]bool {
	given := map[string]bool{}
	f.Visit(func(flag *pflag.Flag) { given[flag.Name] = true })
	return given
}

func (c *command) runProfileAdd(_ context.Context, opts *profileAddOptions) error {
	kind, err := opts.chosenKind()
	if err != nil {
		return err
	}
	spec := kind.Spec()
	if err := refuseOtherKindsFlags(opts.Given, spec); err != nil {
		return err
	}
	d := opts.draft(kind)
	if err := c.readSecrets(opts, spec, &d); err != nil {
		return err
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	p, err := ws.Save(d, "")
	if err != nil {
		return err
	}
	c.say("Saved %q (%s). Next: wfconnect login %s", p.Name, p.Host, quoteArg(p.Name))
	if !spec.NeedsKey {
		return nil
	}
	pub, err := ws.PublicKey(p.Name)
	if err != nil {
		return err
	}
	c.say("Paste this public key into Workfront: Setup > System > OAuth2 Applications > the app > Public Keys (wfconnect profile pubkey %s prints it again).", quoteArg(p.Name))
	fmt.Fprint(c.env.Stdout, pub)
	return nil
}

// chosenKind is the kind --kind or --spa names. --spa beside --kind is
// refused whatever --kind says: one flag chooses the kind.
func (opts *profileAddOptions) chosenKind() (auth.Kind, error) {
	kind, ok := auth.ParseKind(opts.Kind)
	if !ok {
		return "", usagef("--kind must be web, spa, jwt or ims, not %q", opts.Kind)
	}
	if !opts.SPA {
		return kind, nil
	}
	if opts.KindGiven {
		return "", usagef("--spa is the same as --kind spa: give one of them, not both")
	}
	return auth.AppSPA, nil
}

func (opts *profileAddOptions) draft(kind auth.Kind) workspace.Draft {
	return workspace.Draft{
		Name: opts.Name, Domain: opts.Domain, ClientID: opts.ClientID, RedirectURI: opts.RedirectURI,
		AppType: string(kind), TokenAuth: opts.TokenAuth, APIVersion: opts.APIVersion,
		AllowMissingState: opts.AllowMissingState, NoPKCE: opts.NoPKCE,
		CustomerID: opts.CustomerID, UserID: opts.UserID, IMSOrg: opts.IMSOrg, Scopes: opts.Scopes, IMSURL: opts.IMSURL,
	}
}

// readSecrets puts the client secret (from stdin) and the private key (from
// --private-key-file, or a new one) into the draft, as the kind needs.
func (c *command) readSecrets(opts *profileAddOptions, spec auth.KindSpec, d *workspace.Draft) error {
	if spec.NeedsSecret && !opts.SecretStdin {
		// A kind that needs a secret and a browser is the Web Application,
		// whose secretless sibling is the PKCE app.
		if spec.BrowserStep {
			return usagef("a Web Application needs its client secret: pipe it in with --client-secret-stdin (it is never taken from the command line), or use --spa for a PKCE app")
		}
		return usagef("a %s connection needs its client secret: pipe it in with --client-secret-stdin (it is never taken from the command line)", spec.Kind)
	}
	if opts.SecretStdin {
		secret, err := readLine(c.env.Stdin)
		if err != nil {
			return fmt.Errorf("--client-secret-stdin: reading the client secret from standard input: %w", err)
		}
		d.ClientSecret = &secret
	}
	if !spec.NeedsKey {
		return nil
	}
	if opts.KeyFile == "" {
		d.GenerateKey = true
		return nil
	}
	raw, err := readKeyFile(opts.KeyFile)
	if err != nil {
		return err
	}
	d.PrivateKey = &raw
	return nil
}

// maxKeyFile bounds a private key file: a PEM RSA key is a few KB.
const maxKeyFile = 64 << 10

// readKeyFile reads a PEM private key file; its content never goes to argv,
// a log or a message.
func readKeyFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("--private-key-file: %w", err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return "", fmt.Errorf("--private-key-file: %w", err)
	}
	if len(raw) > maxKeyFile {
		return "", msg.New("%s is larger than 64 KB, so it is not a PEM private key.", path)
	}
	return string(raw), nil
}

// readLine reads the client secret: one line of standard input.
func readLine(r io.Reader) (string, error) {
	if r == nil {
		return "", errors.New("no standard input")
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		if errors.Is(err, io.EOF) {
			return "", errors.New("standard input was empty")
		}
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
