//go:build !unix

package workspace

// cacheModesApply: without Unix modes (Windows), the cache folder inherits
// the user profile's ACL.
const cacheModesApply = false
