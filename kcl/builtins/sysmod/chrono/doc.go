// Package chrono formats and parses dates with strftime-style format
// strings the way the Rust chrono crate does, which is what KCL's `datetime`
// system module is built on: the same specifiers (%Y %m %d %H %M %S %b %a
// %j %U %W %G %V %e %k %l %p %z %:z %.f %s %+ %c ...), the same padding
// modifiers (%-d %_d %0e) and the same rules for which parsed fields make a
// complete date, time or date-time.
//
// It depends only on the standard library and must not import os, net or
// syscall.
package chrono
