//go:build race

package cli

// raceDetector: the race detector slows allocation-heavy work (parsing a
// 100 MB file) several times over, so timing limits widen under it; make
// test also runs the interrupt test without it, at the real limit.
const raceDetector = true
