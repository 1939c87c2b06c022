package query

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
)

// Queries shared as a file: a colleague imports them on their own
// connection, so the type and field names carry over, not the connection.

// shareFormat marks the file as wfconnect's.
const shareFormat = 1

type shared struct {
	Format  int     `json:"wfconnectQueries"`
	Queries []Query `json:"queries"`
}

// Limits on an imported file.
const (
	maxImportBytes   = 1 << 20
	maxImportQueries = 1000
)

// Export is queries as a JSON file, without their connection or IDs.
func Export(qs []Query) ([]byte, error) {
	out := shared{Format: shareFormat, Queries: make([]Query, len(qs))}
	for i, q := range qs {
		q.ID, q.Connection = "", ""
		out.Queries[i] = q
	}
	return json.MarshalIndent(out, "", " ")
}

// Import reads a file Export wrote; anything else is refused in words.
func Import(data []byte) ([]Query, error) {
	if len(data) > maxImportBytes {
		return nil, msg.New("The file is too large for a file of queries (at most 1 MB).")
	}
	var in shared
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&in); err != nil || in.Format == 0 {
		return nil, msg.New("This is not a file of wfconnect queries (Export… in Saved queries writes one).")
	}
	if in.Format > shareFormat {
		return nil, msg.New("This file of queries was written by a newer wfconnect; update wfconnect to import it.")
	}
	if len(in.Queries) > maxImportQueries {
		return nil, msg.New("The file holds %d queries; at most 1000 are imported at once.", len(in.Queries))
	}
	out := make([]Query, 0, len(in.Queries))
	for _, q := range in.Queries {
		q.ID, q.Connection = "", ""
		q.Name, q.Folder = clean(q.Name), clean(q.Folder)
		q.ObjCode = strings.ToUpper(clean(q.ObjCode))
		if q.Name == "" || q.ObjCode == "" {
			return nil, msg.New("A query in the file has no name or no object type; nothing was imported.")
		}
		out = append(out, q)
	}
	return out, nil
}
