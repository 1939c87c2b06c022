// Package query owns Explore's queries outside the UI: Workfront's
// report text mode (parsed into filter parameters and formatted back),
// the filters as the UI's rows (plain rows, OR groups, EXISTS filters,
// parameters kept as written), and the files that keep the saved
// queries, the history of queries run and the open tabs, per connection.
package query
