package io.ripple.cli;

/**
 * Which server a command is about, and so where {@code --conf} sends it: {@code cluster …} commands and {@code check}
 * go to the cluster's master (a replica's master-url), {@code server …} commands to the server the file describes.
 */
enum Scope {
    /** The cluster restart and its status: the master. */
    CLUSTER,
    /** One server's own state and operations: the server the connection or the file names. */
    SERVER
}
