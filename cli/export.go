package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/wfconnect/wfconnect/export"
	"github.com/wfconnect/wfconnect/msg"
)

// The export command: every object a search matches, to a file or to
// standard output, through the export package (which the desktop app's
// Export… dialog uses too).

func (c *command) exportCmd() *cobra.Command {
	var fields []string
	var format, output string
	var concurrency int
	cmd := &cobra.Command{
		Use:   "export NAME OBJ [FILTER...] --fields F,... [--format csv|json|ndjson|xlsx] [-o FILE] [--concurrency N]",
		Short: "Export every object a search matches to CSV, JSON, NDJSON or Excel",
		Long: `Export every object of one type that the filters match (Workfront's own
filter syntax, as in search), with the columns --fields names after ID.
It counts first, then fetches pages of 2000, several at once, and writes them
in order; memory stays flat however many rows there are.

Formats: csv (UTF-8, a header of field names, nested fields as owner:name,
dates in ISO 8601; a file gets a byte order mark so that Excel reads its
Chinese and accented text right), json (one array of the objects as Workfront
sends them), ndjson (one object a line) and xlsx (an Excel workbook with a
header row, numbers as numbers and dates as dates). The format follows -o's
extension unless --format says otherwise, else csv. Without -o, the rows go to
standard output (an xlsx only when it is not a terminal).

A file appears at its path only once it is complete: it is written beside it
and renamed. Ctrl+C, a lost network or a full disk leave nothing there.

If the data changes while the export pages, no row is written twice, rows
added after the last one are fetched, and when Workfront's count at the end
differs from the rows written the export says by how many and exits with 4.`,
		Example: `  wfconnect export acme proj status=CUR --fields name,status,owner:name,plannedCompletionDate -o current.xlsx
  wfconnect export acme task --fields name,project:name,assignedTo:name,workRequired > tasks.csv
  wfconnect export acme hour --fields hours,project:name,owner:name --format ndjson | jq .hours
  wfconnect export acme optask status=NEW --fields name,priority -o issues.json --concurrency 2`,
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: c.completeName,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(fields) == 0 {
				return usagef("export needs --fields: the columns after ID, like --fields name,status,owner:name")
			}
			if concurrency < 1 || concurrency > export.MaxConcurrency {
				return usagef("--concurrency must be between 1 and 10 (pages fetched at once)")
			}
			f, err := exportFormat(format, output)
			if err != nil {
				return err
			}
			s, err := searchOf(args[1], args[2:], fields, nil)
			if err != nil {
				return err
			}
			job := export.Job{ObjCode: s.ObjCode, Filters: s.Filters, Fields: s.Fields, Format: f, Concurrency: concurrency}
			return c.export(cmd.Context(), args[0], job, output)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&fields, "fields", nil, "the columns after ID, separated by commas (owner:name, DE:Budget Code)")
	fl.StringVar(&format, "format", "", "csv, json, ndjson or xlsx (default: -o's extension, else csv)")
	fl.StringVarP(&output, "output", "o", "", "the file to write (default: standard output)")
	fl.IntVar(&concurrency, "concurrency", export.DefaultConcurrency, "pages fetched at once, 1 to 10 (a 429 from Workfront lowers it)")
	return cmd
}

// exportFormat is --format, or else -o's extension, or else CSV.
func exportFormat(format, output string) (export.Format, error) {
	if format != "" {
		f, err := export.ParseFormat(format)
		if err != nil {
			return "", usageError{msg: "--format: " + err.Error()}
		}
		return f, nil
	}
	if f, ok := export.FormatOf(output); ok {
		return f, nil
	}
	return export.CSV, nil
}

func (c *command) export(ctx context.Context, name string, job export.Job, output string) error {
	toStdout := output == "" || output == "-"
	if toStdout && job.Format == export.XLSX && isTerminal(c.env.Stdout) {
		return msg.New("An Excel workbook is not text for a terminal: write it to a file with -o FILE.xlsx, or send standard output to a file or a pipe.")
	}
	client, err := c.client(name)
	if err != nil {
		return err
	}
	var bar *progressLine
	if isTerminal(c.env.Stderr) {
		bar = &progressLine{c: c}
		job.OnProgress = bar.show
	}
	var res export.Result
	if toStdout {
		res, err = export.Run(ctx, client, job, c.env.Stdout)
	} else {
		res, err = export.ToFile(ctx, client, job, output)
	}
	bar.done()
	if err != nil {
		if errors.Is(err, export.ErrCanceled) {
			fmt.Fprintln(c.env.Stderr, c.text(err)) // what was done; the exit then says "interrupted"
		}
		return c.explainObjectError(ctx, name, job.ObjCode, err)
	}
	if res.Repeated > 0 {
		c.say("%d rows came twice while paging, because the data moved; each was written once.", res.Repeated)
	}
	if !toStdout {
		c.say("Exported %d rows to %s.", res.Rows, output)
	}
	warning := res.Warning()
	if warning != nil && !errors.Is(warning, export.ErrDataChanged) {
		// Cells cut for Excel, and nothing else: the export is complete
		// and says so; only data that changed is exit 4.
		fmt.Fprintln(c.env.Stderr, "wfconnect: "+c.text(warning))
		return nil
	}
	return warning
}

// progressLine redraws one line on a terminal's standard error.
type progressLine struct {
	c     *command
	last  time.Time
	drawn bool
}

func (p *progressLine) show(pr export.Progress) {
	if p == nil || time.Since(p.last) < 100*time.Millisecond && pr.Done < pr.Total {
		return
	}
	p.last = time.Now()
	left := "?"
	if pr.Left >= 0 {
		left = pr.Left.Round(time.Second).String()
	}
	tr := p.c.tr
	line := fmt.Sprintf(tr("%d of %d rows, %s rows/s, %s left"), pr.Done, pr.Total, fmt.Sprintf("%.0f", pr.PerSecond), left)
	fmt.Fprintf(p.c.env.Stderr, "\r\x1b[K%s", line)
	p.drawn = true
}

func (p *progressLine) done() {
	if p != nil && p.drawn {
		fmt.Fprint(p.c.env.Stderr, "\r\x1b[K")
	}
}

// isTerminal reports whether w is a terminal (a character device other
// than the null device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return true
}
