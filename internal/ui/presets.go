package ui

import "fyne.io/fyne/v2/lang"

// The two tabs that show the browser: Explore, which lets people choose
// any type, and Projects, its preset on Workfront's projects.

// PageSize is how many rows one page of a browser shows.
const PageSize = 100

// browserPreset is what a tab fixes of the browser. Explore fixes
// nothing; Projects fixes the type, adds the status filter and starts on
// its own columns. Everything else (filter rows, columns, details, the
// Back trail, Export…, Report…) is the same in both.
type browserPreset struct {
	objCode      string            // the one type shown; "" lets people choose
	columns      []string          // the first columns, until people choose theirs
	statuses     bool              // a project status filter beside the search
	titles       map[string]string // the preset's own words for its columns
	prefsKey     string            // where the chosen columns are remembered
	searchHint   string
	notConnected string
}

func explorePreset() browserPreset {
	return browserPreset{
		prefsKey:     "explore",
		searchHint:   lang.L("Search by name…"),
		notConnected: lang.L("Not connected. Connect to explore this connection's objects."),
	}
}

func projectsPreset() browserPreset {
	return browserPreset{
		objCode:  "PROJ",
		columns:  []string{"name", "status", "owner:name", "plannedCompletionDate", "percentComplete"},
		statuses: true,
		titles: map[string]string{"name": lang.L("Name"), "status": lang.L("Status"), "owner:name": lang.L("Owner"),
			"plannedCompletionDate": lang.L("Planned completion"), "percentComplete": lang.L("% complete")},
		prefsKey:     "projects",
		searchHint:   lang.L("Search projects by name…"),
		notConnected: lang.L("Not connected. Connect to browse this connection's projects."),
	}
}
