package workfront

import "context"

type SubscriptionFilter struct {
	FieldName  string `json:"fieldName"`
	FieldValue string `json:"fieldValue"`
	Comparison string `json:"comparison,omitempty"`
	State      string `json:"state,omitempty"`
}
type Subscription struct {
	ID, CustomerID, ObjID, ObjCode, EventType, URL, AuthToken string
	Filters                                                   []SubscriptionFilter
	FilterConnector                                           string
}
type SubscriptionCopyStep struct {
	Sub    Subscription
	Action string
	Note   string
}

func (c *Client) Subscriptions(ctx context.Context) ([]Subscription, error)          { return nil, nil }
func (c *Client) CreateSubscription(ctx context.Context, s Subscription) (string, error) { return "", nil }
func (c *Client) DeleteSubscription(ctx context.Context, id string) error              { return nil }
func PlanSubscriptionCopy(selected, target []Subscription) []SubscriptionCopyStep {
	var out []SubscriptionCopyStep
	for _, s := range selected {
		s.ID = ""
		a := "create"
		for _, t := range target {
			if SameSubscription(s, t) {
				a = "exists"
			}
		}
		out = append(out, SubscriptionCopyStep{Sub: s, Action: a})
	}
	return out
}
func MaskToken(s string) string {
	if s == "" {
		return ""
	}
	return "••••" + s[len(s)-4:]
}

var ErrSubscriptionExists = errorString("Workfront already has this event subscription")
var ErrSubscriptionNotFound = errorString("not found")

type errorString string

func (e errorString) Error() string           { return string(e) }
func SameSubscription(a, b Subscription) bool { return a.URL == b.URL && a.ObjCode == b.ObjCode && a.EventType == b.EventType }
