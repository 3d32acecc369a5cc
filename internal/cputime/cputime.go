// Package cputime reads the CPU time this process has used, for
// benchmarks on a machine shared with other work, where wall time says
// more about the neighbours than about the work.
package cputime
