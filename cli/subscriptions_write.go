package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/workfront"
)

func (c *command) deleteSubscriptions(ctx context.Context, name string, client *workfront.Client, ids []string, f subscriptionFlags) error {
	if err := c.subscriptionWrite(name, len(ids), f.yes); err != nil {
		return err
	}
	var errs []error
	for _, id := range ids {
		if err := client.DeleteSubscription(ctx, id); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", id, err))
			continue
		}
		c.say("Deleted %s.", msg.Clean(id))
	}
	return errors.Join(errs...)
}

// copySubscriptions shows the plan of a copy to another connection, then,
// unless only that was asked, creates what the other does not have.
func (c *command) copySubscriptions(ctx context.Context, name string, client *workfront.Client, ids []string, f subscriptionFlags) error {
	ws, err := c.workspace()
	if err != nil {
		return err
	}
	target, err := ws.Client(f.to)
	if err != nil {
		return err
	}
	var selected []workfront.Subscription
	for _, id := range ids {
		s, err := client.Subscription(ctx, id)
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		selected = append(selected, s)
	}
	there, err := target.Subscriptions(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", f.to, err)
	}
	steps := workfront.PlanSubscriptionCopy(selected, there)
	creates := 0
	for _, st := range steps {
		what := c.tr("already there, not sent")
		if st.Action == "create" {
			what, creates = c.tr("to create"), creates+1
		}
		fmt.Fprintf(c.env.Stdout, "%s %s -> %s: %s\n", msg.Clean(st.Sub.ObjCode), msg.Clean(st.Sub.EventType), msg.Clean(st.Sub.URL), what)
		if st.Sub.ObjID != "" {
			fmt.Fprintf(c.env.Stdout, "  "+c.tr("It watches one object (%s), whose ID is rarely the same in another environment.")+"\n", msg.Clean(st.Sub.ObjID))
		}
	}
	if f.dryRun || creates == 0 {
		c.say("Nothing was sent.")
		return nil
	}
	if err := c.subscriptionWrite(f.to, creates, f.yes); err != nil {
		return err
	}
	return c.sendCopies(ctx, target, steps)
}

func (c *command) sendCopies(ctx context.Context, target *workfront.Client, steps []workfront.SubscriptionCopyStep) error {
	var errs []error
	for _, st := range steps {
		if st.Action != "create" {
			continue
		}
		id, err := target.CreateSubscription(ctx, st.Sub)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s -> %s: %w", st.Sub.ObjCode, st.Sub.EventType, st.Sub.URL, err))
			continue
		}
		c.say("Created %s.", msg.Clean(id))
	}
	return errors.Join(errs...)
}
