package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// completeName offers the saved connections' names for a command's first
// argument. It reads the profiles file only: no keyring, no network.
func (c *command) completeName(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ws, err := c.env.Open(workspace.Options{})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	list, _ := ws.Profiles() // names the file repeats are still names
	var names []cobra.Completion
	seen := map[string]bool{}
	for _, p := range list {
		if !seen[p.Name] && strings.HasPrefix(strings.ToLower(p.Name), strings.ToLower(toComplete)) {
			seen[p.Name] = true
			names = append(names, cobra.CompletionWithDesc(p.Name, p.Host))
		}
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

// completeStatus offers Workfront's status codes for --status, after the
// ones already typed (it takes a comma-separated list).
func completeStatus(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	typed, last := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		typed, last = toComplete[:i+1], toComplete[i+1:]
	}
	given := map[string]bool{}
	for _, s := range strings.Split(typed, ",") {
		if code, ok := statusCode(strings.TrimSpace(s)); ok {
			given[code] = true
		}
	}
	var out []cobra.Completion
	for _, st := range workfront.Statuses {
		if !given[st.Code] && strings.HasPrefix(st.Code, strings.ToUpper(last)) {
			out = append(out, cobra.CompletionWithDesc(typed+st.Code, st.Name))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// registerCompletions gives the flags with a known set of values their
// completions. cobra keeps these for the life of the process, so Run does
// this only when the shell asks for completions.
func (c *command) registerCompletions(root *cobra.Command) {
	fixed := func(values ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	for path, flags := range map[string]map[string]cobra.CompletionFunc{
		"projects": {"status": completeStatus, "limit": fixed("100", "500", "2000"), "sort": fixed("name", "plannedCompletionDate", "percentComplete", "status")},
		"profile add": {"token-auth": fixed(string(auth.TokenAuthBasicJSON), string(auth.TokenAuthForm)),
			"api-version": fixed("v21.0")},
		"login": {"timeout": fixed("2m", "5m", "10m", "30m")},
	} {
		cmd, _, err := root.Find(strings.Fields(path))
		if err != nil {
			continue
		}
		for name, fn := range flags {
			_ = cmd.RegisterFlagCompletionFunc(name, fn)
		}
	}
}
