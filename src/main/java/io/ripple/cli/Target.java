package io.ripple.cli;

import io.ripple.remote.Credentials;

/** Where a command connects and who it is there: resolved from the connection options, validated. */
record Target(String url, Credentials credentials) {
}
