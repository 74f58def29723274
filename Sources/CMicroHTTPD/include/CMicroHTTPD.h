#pragma once
// The libmicrohttpd shim: fixed-argument wrappers for the variadic C API
// (MHD_start_daemon, MHD_get_daemon_info), which Swift cannot call.
#include <stddef.h>
#include <microhttpd.h>

/// Everything geohub sets when it starts a daemon, in one plain struct so Swift can
/// fill it without touching varargs.
typedef struct geohub_mhd_settings {
    /// A socket that is already bound and listening (MHD_OPTION_LISTEN_SOCKET).
    int listen_fd;
    /// Worker threads polling connections (MHD_OPTION_THREAD_POOL_SIZE); 1 = no pool.
    unsigned int thread_pool_size;
    /// Concurrent connections accepted in total (MHD_OPTION_CONNECTION_LIMIT).
    unsigned int connection_limit;
    /// Concurrent connections accepted from one IP address (MHD_OPTION_PER_IP_CONNECTION_LIMIT).
    unsigned int per_ip_connection_limit;
    /// Seconds of inactivity after which a connection is closed (MHD_OPTION_CONNECTION_TIMEOUT).
    unsigned int connection_timeout_seconds;
    /// Memory per connection, which bounds the request line and headers (MHD_OPTION_CONNECTION_MEMORY_LIMIT).
    size_t connection_memory_limit;
} geohub_mhd_settings;

/// Starts a daemon with an internal polling thread (epoll where available), a thread
/// pool, inter-thread communication (needed by MHD_quiesce_daemon) and the settings.
///
/// Wraps the variadic `MHD_start_daemon`; returns NULL when MHD refuses the settings.
struct MHD_Daemon *geohub_mhd_start(const geohub_mhd_settings *settings,
                                    MHD_AccessHandlerCallback handler, void *handler_cls,
                                    MHD_RequestCompletedCallback completed, void *completed_cls);

/// The number of open connections, or -1 when MHD cannot say.
///
/// Wraps the variadic `MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS)`.
long geohub_mhd_current_connections(struct MHD_Daemon *daemon);
