package io.ripple.cli;

import io.ripple.remote.Credentials;

/**
 * Who a command logs in as: a person's own account ({@code --user}, or {@code RIPPLE_USER}), or the cluster account of
 * a server.conf's credentials-file, which is the servers' own. The tool tells a server when it uses the cluster account,
 * so that the server's audit line says so.
 *
 * @param clusterAccount true when the credentials are the cluster account's, taken from {@code --conf}
 */
record Login(Credentials credentials, boolean clusterAccount) {

    /** Environment variable: the user of a person's login, when no {@code --user} is given. */
    static final String USER_ENV = "RIPPLE_USER";
    /** Environment variable: the password file of a person's login, when no {@code --password-file} is given. */
    static final String PASSWORD_FILE_ENV = "RIPPLE_PASSWORD_FILE";

    /** No credentials: for an anonymous channel. */
    static final Login ANONYMOUS = new Login(Credentials.NONE, false);

    static Login person(Credentials credentials) {
        return new Login(credentials, false);
    }

    static Login clusterAccount(Credentials credentials) {
        return new Login(credentials, true);
    }
}
