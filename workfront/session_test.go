package workfront

import (
	"context"
	"testing"
)

// TestWhoAmI against the simulator over HTTP: the signed-in user's name and
// email, and the versions the instance offers.
func TestWhoAmI(t *testing.T) {
	c := newEnv(t, 10, Options{}).client
	id, err := c.WhoAmI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if id.UserID == "" || id.Name == "" || id.Email != "ada.lovelace@simcorp.example" || id.CurrentAPI != "v22.0" || len(id.APIVersions) != 3 {
		t.Errorf("identity %+v", id)
	}
}
