package cli

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/auth"
	"github.com/wfconnect/wfconnect/workfront"
	"github.com/wfconnect/wfconnect/workspace"
)

// completeName offers the saved connections' names for a command's first
// argument. It reads the profiles file only: no keyring, no network.
func (c *command) completeName(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) == 1 && objectCommands[cmd.Name()] {
		return c.completeObjectType(args[0], toComplete)
	}
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

// objectCommands take an object type after the connection's name.
var objectCommands = map[string]bool{"search": true, "count": true, "get": true, "metadata": true}

// completeObjectType offers the instance's object types, from the metadata
// cache only: completion never waits for the network.
func (c *command) completeObjectType(name, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	ws, err := c.env.Open(workspace.Options{})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	types, _ := ws.CachedObjectTypes(name)
	if len(types) == 0 {
		types = commonTypes
	}
	var out []cobra.Completion
	for _, t := range types {
		if code := strings.ToLower(t.ObjCode); strings.HasPrefix(code, strings.ToLower(toComplete)) {
			out = append(out, cobra.CompletionWithDesc(code, t.Label))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// commonTypes are offered before the instance's metadata is cached.
var commonTypes = []workfront.ObjectType{
	{ObjCode: "PROJ", Label: "Project"}, {ObjCode: "TASK", Label: "Task"}, {ObjCode: "OPTASK", Label: "Issue"},
	{ObjCode: "USER", Label: "User"}, {ObjCode: "PORT", Label: "Portfolio"}, {ObjCode: "PRGM", Label: "Program"},
	{ObjCode: "DOCU", Label: "Document"}, {ObjCode: "HOUR", Label: "Hour"}, {ObjCode: "TMPL", Label: "Template"},
}

// completeFields offers the fields of the command's object type (its
// second argument), from the metadata cache, after the ones already typed.
func (c *command) completeFields(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) < 2 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ws, err := c.env.Open(workspace.Options{})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	meta, ok := ws.CachedTypeMetadata(args[0], args[1])
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	typed, last := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		typed, last = toComplete[:i+1], toComplete[i+1:]
	}
	var out []cobra.Completion
	offer := func(name, label string) {
		if strings.HasPrefix(strings.ToLower(name), strings.ToLower(last)) {
			out = append(out, cobra.CompletionWithDesc(typed+name, label))
		}
	}
	for _, f := range meta.Fields {
		offer(f.Name, f.Label)
	}
	for _, r := range meta.References {
		offer(r.Name, r.Label)
	}
	for _, r := range meta.Collections {
		offer(r.Name, r.Label)
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
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
		if code, ok := statusCode(strings.TrimSpace(s), workfront.Statuses()); ok {
			given[code] = true
		}
	}
	var out []cobra.Completion
	for _, st := range workfront.Statuses() {
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
			"api-version": fixed(knownVersionNames()...), "kind": fixed(kindNames()...),
			"ims-url": fixed(auth.DefaultIMSURL), "scopes": fixed(auth.DefaultIMSScopes)},
		"login":  {"timeout": fixed("2m", "5m", "10m", "30m")},
		"search": {"fields": c.completeFields, "sort": c.completeFields, "limit": fixed("100", "500", "2000")},
		"get":    {"fields": c.completeFields},
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

// kindNames are --kind's values, from the kinds table.
func kindNames() []string {
	var out []string
	for _, k := range auth.Kinds() {
		out = append(out, string(k.Kind))
	}
	return out
}

// knownVersionNames are the supported API versions, newest first.
func knownVersionNames() []string {
	var out []string
	for _, v := range workfront.KnownVersions() {
		if workfront.AdviseVersion(v.Name, time.Now()) == workfront.VersionSupported {
			out = append(out, v.Name)
		}
	}
	return out
}
