package workfront

import "strings"

// minuteFields are the fields Workfront stores in minutes although people
// read them in hours: a task's Planned Hours (workRequired) of 1320 is 22
// hours in Workfront's own pages. Workfront's API field reference lists
// workRequired and actualWorkRequired as minutes; the durations' names say
// so themselves. Metadata carries no unit, so the list is ours.
var minuteFields = map[string]bool{
	"workRequired": true, "actualWorkRequired": true,
	"durationMinutes": true, "actualDurationMinutes": true, "plannedDurationMinutes": true,
	"projectedDurationMinutes": true, "remainingDurationMinutes": true,
}

// InMinutes reports whether a field path ("workRequired",
// "project:workRequired") ends in a field Workfront stores in minutes.
func InMinutes(path string) bool {
	if i := strings.LastIndexByte(path, ':'); i >= 0 && !strings.HasPrefix(path, "DE:") {
		path = path[i+1:]
	}
	return minuteFields[path]
}
