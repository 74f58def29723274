#include "CMicroHTTPD.h"

struct MHD_Daemon *geohub_mhd_start(const geohub_mhd_settings *settings) {
    if (settings == NULL || settings->handler == NULL) return NULL;
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC;
    if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES) flags |= MHD_USE_EPOLL;
    else flags |= MHD_USE_POLL;
    struct MHD_OptionItem options[12];
    size_t n = 0;
    options[n++] = (struct MHD_OptionItem){MHD_OPTION_LISTEN_SOCKET, settings->listen_fd, NULL};
    options[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT, (intptr_t)settings->connection_limit, NULL};
    options[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT,
                                           (intptr_t)settings->connection_timeout_seconds, NULL};
    options[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                                           (intptr_t)settings->connection_memory_limit, NULL};
    options[n++] = (struct MHD_OptionItem){MHD_OPTION_STRICT_FOR_CLIENT, settings->strict_for_client, NULL};
    // Options taking two pointers: the function (cast to intptr_t) and its closure.
    if (settings->completed != NULL)
        options[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)settings->completed,
                                               settings->context};
    if (settings->notify_connection != NULL)
        options[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)settings->notify_connection,
                                               settings->context};
    if (settings->unescape != NULL)
        options[n++] = (struct MHD_OptionItem){MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)settings->unescape,
                                               settings->context};
    if (settings->thread_pool_size > 1)
        options[n++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)settings->thread_pool_size, NULL};
    options[n] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
    // Port 0: MHD binds nothing itself, the listen socket is given.
    return MHD_start_daemon(flags, 0, settings->accept_policy, settings->context,
                            settings->handler, settings->context,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

long geohub_mhd_current_connections(struct MHD_Daemon *daemon) {
    if (daemon == NULL) return -1;
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info == NULL ? -1 : (long)info->num_connections;
}

const struct sockaddr *geohub_mhd_client_address(struct MHD_Connection *connection) {
    if (connection == NULL) return NULL;
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}
