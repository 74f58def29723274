#pragma once
// The libmicrohttpd shim: fixed-argument wrappers for the variadic C API
// (MHD_start_daemon, MHD_get_daemon_info, MHD_get_connection_info), which Swift
// cannot call.
#include <stddef.h>
#include <microhttpd.h>

/// The unescape callback of MHD_OPTION_UNESCAPE_CALLBACK: decodes `s` in place and
/// returns the decoded length.
typedef size_t (*geohub_mhd_unescape_callback)(void *cls, struct MHD_Connection *connection, char *s);

/// Everything geohub sets when it starts a daemon, in one plain struct so Swift can
/// fill it without touching varargs. Every callback receives `context`.
typedef struct geohub_mhd_settings {
    /// A socket that is already bound and listening (MHD_OPTION_LISTEN_SOCKET).
    int listen_fd;
    /// Worker threads polling connections (MHD_OPTION_THREAD_POOL_SIZE); 1 = no pool.
    unsigned int thread_pool_size;
    /// Concurrent connections accepted in total (MHD_OPTION_CONNECTION_LIMIT).
    unsigned int connection_limit;
    /// Seconds of inactivity after which a connection is closed (MHD_OPTION_CONNECTION_TIMEOUT).
    unsigned int connection_timeout_seconds;
    /// Memory per connection, which bounds the request line and headers (MHD_OPTION_CONNECTION_MEMORY_LIMIT).
    size_t connection_memory_limit;
    /// 1: reject HTTP/1.1 without Host and other sloppy requests (MHD_OPTION_STRICT_FOR_CLIENT).
    int strict_for_client;
    void *context;
    /// Called when a request's headers are in (the access handler).
    MHD_AccessHandlerCallback handler;
    /// Called when a request is done (MHD_OPTION_NOTIFY_COMPLETED).
    MHD_RequestCompletedCallback completed;
    /// Called before a connection is accepted; MHD_NO refuses it (the apc argument).
    MHD_AcceptPolicyCallback accept_policy;
    /// Called when a connection starts and closes (MHD_OPTION_NOTIFY_CONNECTION).
    MHD_NotifyConnectionCallback notify_connection;
    /// Decodes %-escapes in the path and query (MHD_OPTION_UNESCAPE_CALLBACK).
    geohub_mhd_unescape_callback unescape;
} geohub_mhd_settings;

/// Starts a daemon with an internal polling thread (epoll where available), a thread
/// pool, inter-thread communication (needed by MHD_quiesce_daemon) and the settings.
///
/// Wraps the variadic `MHD_start_daemon`; returns NULL when MHD refuses the settings.
struct MHD_Daemon *geohub_mhd_start(const geohub_mhd_settings *settings);

/// The number of open connections, or -1 when MHD cannot say.
///
/// Wraps the variadic `MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS)`.
long geohub_mhd_current_connections(struct MHD_Daemon *daemon);

/// The client's address of a connection: the socket address and its length in
/// `*length`, or NULL when MHD cannot say.
///
/// Wraps the variadic `MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS)`.
const struct sockaddr *geohub_mhd_client_address(struct MHD_Connection *connection);
