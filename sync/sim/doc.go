// Package sim holds the seeded simulation of three devices syncing through a
// shared folder and directly, under late, partial, doubled and reordered
// delivery, interrupted transfers, kill -9 and skewed clocks. It has only
// tests; this file gives the package its documentation.
package sim
