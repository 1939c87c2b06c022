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

// TestWhoAmIBothCurrentAPIShapes: the simulator answers /session's
// currentAPI as a string or, like Adobe's OpenAPI description, a number;
// the newest version and the list come through either way.
func TestWhoAmIBothCurrentAPIShapes(t *testing.T) {
	for _, number := range []bool{false, true} {
		e := newEnv(t, 10, Options{})
		e.sim.SetSessionCurrentAPIShape(number)
		id, err := e.client.WhoAmI(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if id.CurrentAPI != "v22.0" || len(id.APIVersions) != 3 || id.APIVersions[2] != "v22.0" {
			t.Errorf("currentAPI as a number %v: %+v", number, id)
		}
	}
}
