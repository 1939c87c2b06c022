// Package assets holds the files wfconnect embeds: the app icon, the
// callback page and the translations. Nothing here has behaviour.
package assets

import "embed"

// IconPNG is the 512 px app icon (source: icon.svg).
//
//go:embed icon.png
var IconPNG []byte

// CallbackPage is the page the loopback listener answers the browser with
// (an html/template: Lang, OK, Title, Message).
//
//go:embed callback.html
var CallbackPage string

// Translations holds the UI's strings in en, sv, zh-Hans and zh-Hant, for
// fyne's lang package; the English text is the key.
//
//go:embed translations/*.json
var Translations embed.FS

// CallbackText holds the callback page's words per language (en, sv,
// zh-Hans, zh-Hant), chosen from the browser's Accept-Language.
//
//go:embed callback_text.json
var CallbackText []byte
