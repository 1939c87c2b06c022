// Package assets holds the files wfconnect embeds: the app icon and, later,
// translations. Nothing here has behaviour.
package assets

import _ "embed"

// IconPNG is the 512 px app icon (source: icon.svg).
//
//go:embed icon.png
var IconPNG []byte
