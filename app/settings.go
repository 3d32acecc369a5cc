package app

import (
	"encoding/json"
	"fmt"
	"strconv"

	"learnwork/store"
)

// Local settings: this device's choices, kept in its store and never
// synced. Every key is here, named area.what (a per-device key adds
// /<device ID>), each read and written through a typed accessor below.
// Two more are their packages' own: sync/direct's, where each device was
// last reached (direct.addr/<device ID>), which only its runner reads and
// writes; and sync/space's record of each team space (space.state/<space
// ID>: its server, membership, how far its stream was read and this
// device's space log published), which only its engine reads and writes.
const (
	keySubscription = "ics.subscription"     // the .ics file kept current ("" off)
	keyDismissed    = "duplicates.dismissed" // JSON list of pairs said to be two people
	keyCSVColumns   = "import.csvcolumns/"   // + a CSV layout (network.Layout): JSON column → field
	keyHeldBack     = "imports.heldback"     // JSON list of cards imports held back (HeldBack)
	keyReminders    = "nurture.reminders"    // "off" silences desktop notifications
	keyDigestHour   = "nurture.hour"         // hour of the daily digest
	keyMissedN      = "nurture.missed"       // sessions missed before a nudge
	keyNotified     = "nurture.notified"     // the day the last digest went out
	settingFolder   = "sync.folder"          // the shared folder
	settingLast     = "sync.last"            // JSON LastSync of the latest folder sync
	settingHow      = "sync.how/"            // + device ID: "folder" or "network", how it last synced
	// SettingDirectServe is "on" while the window serves direct sync.
	SettingDirectServe = "direct.serve"
	// SettingDirectListen is the listen address (DefaultDirectListen if unset).
	SettingDirectListen = "direct.listen"
)

// renamedSettings are keys written by earlier versions under other names.
var renamedSettings = map[string]string{
	"duplicates/dismissed": keyDismissed,
	"sync/folder":          settingFolder,
	"sync/last":            settingLast,
}

// migrateSettings moves settings an earlier version wrote to today's keys
// (once: the old key is cleared). A key already set under its new name
// keeps its value.
func migrateSettings(s *store.Store) error {
	for old, key := range renamedSettings {
		v := s.Setting(old)
		if v == "" {
			continue
		}
		if s.Setting(key) == "" {
			if err := s.SetSetting(key, v); err != nil {
				return fmt.Errorf("move setting %s: %w", old, err)
			}
		}
		if err := s.SetSetting(old, ""); err != nil {
			return fmt.Errorf("move setting %s: %w", old, err)
		}
	}
	return nil
}

// settings reads and writes the local settings with their types.
type settings struct{ s *store.Store }

func (st settings) subscription() string { return st.s.Setting(keySubscription) }

func (st settings) setSubscription(path string) error { return st.s.SetSetting(keySubscription, path) }

// dismissed is the set of pairs (pairKey) said to be two people.
func (st settings) dismissed() map[string]bool {
	var keys []string
	_ = json.Unmarshal([]byte(st.s.Setting(keyDismissed)), &keys)
	out := map[string]bool{}
	for _, k := range keys {
		out[k] = true
	}
	return out
}

func (st settings) setDismissed(keys []string) error {
	v, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	return st.s.SetSetting(keyDismissed, string(v))
}

// NurtureSettings are this device's reminder settings (local, not synced).
type NurtureSettings struct {
	Reminders bool `json:"reminders"` // desktop notifications while the app runs
	Hour      int  `json:"hour"`      // the hour (0–23) of the daily digest
	MissedN   int  `json:"missedN"`   // "you were missed" after this many sessions in a row
}

// nurture reads the reminder settings (defaults: on, 9 o'clock, 3).
func (st settings) nurture() NurtureSettings {
	n := NurtureSettings{Reminders: st.s.Setting(keyReminders) != "off", Hour: 9, MissedN: 3}
	if h, err := strconv.Atoi(st.s.Setting(keyDigestHour)); err == nil {
		n.Hour = h
	}
	if m, err := strconv.Atoi(st.s.Setting(keyMissedN)); err == nil {
		n.MissedN = m
	}
	return n
}

func (st settings) setNurture(n NurtureSettings) error {
	if n.Hour < 0 || n.Hour > 23 {
		return fmt.Errorf("the digest hour must be 0 to 23, not %d", n.Hour)
	}
	if n.MissedN < 1 || n.MissedN > 52 {
		return fmt.Errorf("missed sessions before a nudge must be 1 to 52, not %d", n.MissedN)
	}
	on := "on"
	if !n.Reminders {
		on = "off"
	}
	for k, v := range map[string]string{keyReminders: on, keyDigestHour: strconv.Itoa(n.Hour), keyMissedN: strconv.Itoa(n.MissedN)} {
		if err := st.s.SetSetting(k, v); err != nil {
			return err
		}
	}
	return nil
}

// notified is the day (YYYY-MM-DD) the last digest notification went out.
func (st settings) notified() string { return st.s.Setting(keyNotified) }

func (st settings) setNotified(day string) error { return st.s.SetSetting(keyNotified, day) }

// csvColumns is the column mapping made for a CSV layout (nil: none).
func (st settings) csvColumns(layout string) map[string]string {
	var columns map[string]string
	_ = json.Unmarshal([]byte(st.s.Setting(keyCSVColumns+layout)), &columns)
	return columns
}

func (st settings) setCSVColumns(layout string, columns map[string]string) error {
	v, _ := json.Marshal(columns)
	return st.s.SetSetting(keyCSVColumns+layout, string(v))
}
