package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/query"
	"github.com/wfconnect/wfconnect/workfront"
)

// Workfront's text mode on the command line: --text-mode reads a
// report's text-mode filter (a file, or - for standard input) and ANDs
// it with the FILTER arguments; --print-text-mode prints a search's
// filters as text mode and asks Workfront nothing.

// textModeFilters reads the text-mode lines of path ("-": standard input).
func (c *command) textModeFilters(path string) ([]workfront.Filter, error) {
	var r io.Reader = c.env.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, usageError{msg: c.text(msg.New("Could not read the text-mode file %s: %v", path, err).Because(err))}
		}
		defer f.Close()
		r = f
	}
	if r == nil {
		return nil, usagef("--text-mode -: nothing on standard input")
	}
	data, err := io.ReadAll(io.LimitReader(r, 64<<10+1))
	if err != nil {
		return nil, fmt.Errorf("reading the text mode: %w", err)
	}
	p, err := query.Parse(string(data))
	if err != nil {
		return nil, usageError{msg: c.text(err)}
	}
	for _, k := range p.Kept {
		c.say("Line %d kept as written (%s): %s", k.N, c.tr(k.Why), k.Text)
	}
	return p.Filters, nil
}

// withTextMode adds a --text-mode file's filters to a search's.
func (c *command) withTextMode(s *workfront.Search, path string) error {
	if path == "" {
		return nil
	}
	fs, err := c.textModeFilters(path)
	if err != nil {
		return err
	}
	s.Filters = append(s.Filters, fs...)
	return nil
}

// printTextMode prints filters as text mode, one per line.
func (c *command) printTextMode(fs []workfront.Filter) error {
	if len(fs) == 0 {
		return nil
	}
	_, err := fmt.Fprintln(c.env.Stdout, msg.CleanData(query.Format(fs)))
	return err
}
