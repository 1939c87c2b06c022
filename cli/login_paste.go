package cli

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/wfconnect/wfconnect/workspace"
)

// The paste fallback of login: the person pastes the address the browser
// landed on, for a redirect wfconnect cannot listen on, --no-browser, or a
// browser that did not open.

var errStdinEnded = errors.New("Standard input ended before an address was pasted, so the sign-in was canceled.")

// maxPastedLine is far more than any address Workfront sends a browser to.
const maxPastedLine = 64 << 10

// askForPaste explains the paste path and reads pasted addresses in the
// background; ended runs when stdin ends with no address accepted.
func (c *command) askForPaste(flow workspace.Flow, ended func()) {
	c.say("Then paste the whole address the browser lands on (it holds ?code=…) and press Enter.")
	c.say("The code is valid for 2 minutes.")
	go func() {
		if !c.readPasted(flow) {
			ended()
		}
	}()
}

// readPasted feeds pasted lines to the flow until one is accepted; false
// means stdin ended first.
func (c *command) readPasted(flow workspace.Flow) bool {
	if c.env.Stdin == nil {
		return false
	}
	rd := bufio.NewReaderSize(c.env.Stdin, maxPastedLine)
	for {
		raw, tooLong, err := rd.ReadLine()
		if tooLong {
			for tooLong && err == nil {
				_, tooLong, err = rd.ReadLine()
			}
			c.say("That line is longer than %d KB, so it is not the address.", maxPastedLine>>10)
			c.say("Paste the address again, or press Ctrl+C to cancel.")
			continue
		}
		if err != nil {
			return false
		}
		line := strings.TrimSpace(string(raw))
		if line == "" {
			continue
		}
		if err := flow.SubmitPasted(line); err != nil {
			fmt.Fprintln(c.env.Stderr, c.text(err))
			c.say("Paste the address again, or press Ctrl+C to cancel.")
			continue
		}
		return true
	}
}
