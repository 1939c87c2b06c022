package compare

import "io"

func WriteCSV(w io.Writer, nodes []Node, nameA, nameB string) error  { return nil }
func WriteJSON(w io.Writer, nodes []Node, nameA, nameB string) error { return nil }
