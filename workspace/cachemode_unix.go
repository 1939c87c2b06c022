//go:build unix

package workspace

// cacheModesApply: Unix modes protect the cache folders.
const cacheModesApply = true
