#pragma once
// The libmicrohttpd shim: fixed-argument wrappers for the variadic C API
// (MHD_start_daemon, MHD_get_daemon_info), which Swift cannot call.
#include <microhttpd.h>
