package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/edit"
	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

// subscriptionFlags are the subscriptions command's options.
type subscriptionFlags struct {
	to                string
	dryRun, yes, json bool
	showTokens        bool
}

func (c *command) subscriptionsCmd() *cobra.Command {
	var f subscriptionFlags
	cmd := &cobra.Command{
		Use:   "subscriptions NAME [list|get ID|delete ID...|copy ID... --to NAME2 [--dry-run]] [--json]",
		Short: "List, read, delete or copy a connection's event subscriptions",
		Long: `Workfront's event subscriptions send a message to a URL when objects of a
type are created, changed or deleted; they exist only in the API and are
bound to one environment. list (the default) shows them, get shows one,
delete deletes some, and copy creates them on another connection unless it
has them already (the plan is shown first; --dry-run stops there). Deletes
and copies are writes: a read-only connection refuses them, and a confirm
connection asks (or needs --yes). Only Workfront administrators may manage
event subscriptions. Auth tokens are shown masked unless --show-auth-tokens.`,
		Example: `  wfconnect subscriptions acme
  wfconnect subscriptions acme copy 7f3c0000-0000-4000-8000-000000000001 --to acme-sandbox --dry-run`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			action, ids := "list", []string(nil)
			if len(args) > 1 {
				action, ids = args[1], args[2:]
			}
			return c.runSubscriptions(cmd.Context(), args[0], action, ids, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.to, "to", "", "copy: the connection to copy the subscriptions to")
	fl.BoolVar(&f.dryRun, "dry-run", false, "copy: show the plan, send nothing")
	fl.BoolVar(&f.yes, "yes", false, "send without asking")
	fl.BoolVar(&f.json, "json", false, "print JSON")
	fl.BoolVar(&f.showTokens, "show-auth-tokens", false, "show the auth tokens whole")
	return cmd
}

func (c *command) runSubscriptions(ctx context.Context, name, action string, ids []string, f subscriptionFlags) error {
	switch {
	case action == "list" && len(ids) > 0:
		return usagef("list takes no IDs")
	case action == "get" && len(ids) != 1:
		return usagef("get takes one subscription ID")
	case (action == "delete" || action == "copy") && len(ids) == 0:
		return usagef("%s takes the IDs of the subscriptions", action)
	case action == "copy" && f.to == "":
		return usagef("copy needs --to, the connection to copy to")
	case action != "list" && action != "get" && action != "delete" && action != "copy":
		return usagef("unknown action %q: list, get, delete or copy", action)
	}
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	client, err := ws.Client(name)
	if err != nil {
		return err
	}
	switch action {
	case "get":
		s, err := client.Subscription(ctx, ids[0])
		if err != nil {
			return err
		}
		return c.printSubscriptions([]workfront.Subscription{s}, f)
	case "delete":
		return c.deleteSubscriptions(ctx, name, client, ids, f)
	case "copy":
		return c.copySubscriptions(ctx, name, client, ids, f)
	}
	subs, err := client.Subscriptions(ctx)
	if err != nil {
		return err
	}
	return c.printSubscriptions(subs, f)
}

// printSubscriptions prints a table, or JSON; tokens masked unless asked.
func (c *command) printSubscriptions(subs []workfront.Subscription, f subscriptionFlags) error {
	if !f.showTokens {
		for i := range subs {
			subs[i].AuthToken = workfront.MaskToken(subs[i].AuthToken)
		}
	}
	if f.json {
		enc := json.NewEncoder(c.env.Stdout)
		enc.SetIndent("", "  ")
		if subs == nil {
			subs = []workfront.Subscription{}
		}
		return enc.Encode(subs)
	}
	if len(subs) == 0 {
		c.say("No event subscriptions.")
		return nil
	}
	w := tabwriter.NewWriter(c.env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ID\t"+c.tr("OBJECT")+"\t"+c.tr("EVENT")+"\t"+c.tr("FILTERS")+"\t"+c.tr("URL")+"\t"+c.tr("AUTH TOKEN"))
	for _, s := range subs {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", msg.Clean(s.ID), msg.Clean(s.ObjCode), msg.Clean(s.EventType),
			msg.Clean(filterSummary(s)), msg.Clean(s.URL), msg.Clean(s.AuthToken))
	}
	return w.Flush()
}

// filterSummary is a subscription's filters on one line.
func filterSummary(s workfront.Subscription) string {
	if len(s.Filters) == 0 {
		return "-"
	}
	parts := make([]string, len(s.Filters))
	for i, f := range s.Filters {
		parts[i] = strings.TrimSpace(f.FieldName + " " + f.Comparison + " " + f.FieldValue)
		if f.State == "oldState" {
			parts[i] += " (old)"
		}
	}
	connector := s.FilterConnector
	if connector == "" {
		connector = "AND"
	}
	return strings.Join(parts, " "+connector+" ")
}

// subscriptionWrite checks a connection's write mode before a write and
// asks, as update does.
func (c *command) subscriptionWrite(name string, n int, yes bool) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	mode, err := ws.WriteMode(name)
	if err != nil {
		return err
	}
	if err := edit.CheckWritable(name, mode); err != nil {
		return err
	}
	return c.confirm(&writeTarget{name: name, mode: mode}, n, yes)
}
