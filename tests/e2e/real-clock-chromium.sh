#!/bin/sh
# Debian's Chromium with the real clock. tests/run.ts runs one end-to-end test with the server's
# clock moved (libfaketime preloaded into every process); Chromium does not start with the library
# loaded (crashpad's clock_gettime fails), and a browser's clock is the phone's, not the server's.
unset LD_PRELOAD FAKETIME FAKETIME_DONT_FAKE_MONOTONIC FAKETIME_SHARED
exec "${HP_REAL_CHROMIUM:-/usr/bin/chromium}" "$@"
