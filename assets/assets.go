// Package assets holds the files wfconnect embeds: the app icon and, later,
// translations. Nothing here has behaviour.
package assets

import _ "embed"

// IconPNG is the 512 px app icon (source: icon.svg).
//
//go:embed icon.png
var IconPNG []byte

// CallbackPage is the page the loopback listener answers the browser with
// (an html/template: Lang, OK, Title, Message).
//
//go:embed callback.html
var CallbackPage string
