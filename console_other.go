//go:build !windows

package main

// attachConsole: elsewhere a program started from a terminal has it.
func attachConsole() {}
