package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS ((DWORD)-1).
const attachParentProcess = ^uintptr(0)

// attachConsole lets a command print in the Command Prompt or PowerShell
// that ran it. The exe is a GUI program, so that starting it from the
// Start menu opens no console window; Windows then gives it no console
// either, and without this a command would print nothing. Output already
// going to a file or a pipe is left as it is.
func attachConsole() {
	unset := func(std uint32) bool {
		h, err := windows.GetStdHandle(std)
		return err != nil || h == 0 || h == windows.InvalidHandle
	}
	out, errOut, in := unset(windows.STD_OUTPUT_HANDLE), unset(windows.STD_ERROR_HANDLE), unset(windows.STD_INPUT_HANDLE)
	if !out && !errOut && !in {
		return
	}
	if r, _, _ := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole").Call(attachParentProcess); r == 0 {
		return // not started from a console
	}
	if con, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		if out {
			os.Stdout = con
		}
		if errOut {
			os.Stderr = con
		}
	}
	if in {
		if con, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
			os.Stdin = con
		}
	}
}
