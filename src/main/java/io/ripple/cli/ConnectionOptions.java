package io.ripple.cli;

import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import io.ripple.management.ManagementException;
import io.ripple.management.Tls;
import io.ripple.management.TlsStore;
import io.ripple.node.NodeSettings;
import io.ripple.remote.Credentials;
import io.ripple.config.SecretFile;
import io.ripple.util.MessageId;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The connection options every command shares: an explicit URL with a user and a password file, or a server.conf to
 * take the addresses and the cluster account from. {@link #resolve(Scope, String)} validates them as a whole.
 *
 * <p>With {@code --conf}, {@code server …} commands go to the server the file describes (its own [jmx], else [jolokia]
 * endpoint) and cluster commands to its master (a replica's master-url). The file's credentials-file is the cluster
 * account, the servers' own: read-only commands may use it, a command that changes state only with
 * {@code --as-cluster-account}; a person logs in with {@code --user} and {@code --password-file} (or the environment
 * variables {@value Login#USER_ENV} and {@value Login#PASSWORD_FILE_ENV}).
 */
final class ConnectionOptions {

    @Option(names = "--jmx", paramLabel = "HOST:PORT|URL", scope = ScopeType.INHERIT,
            description = "JMX RMI address of the server: HOST:PORT, [IPv6]:PORT or a service URL (examples below)")
    String jmx;

    @Option(names = "--jolokia", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Jolokia URL of the server (example below)")
    String jolokia;

    @Option(names = "--user", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "User to connect as (default: the environment variable " + Login.USER_ENV + ")")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File whose first line is the password (readable by its owner only; default: the environment"
                    + " variable " + Login.PASSWORD_FILE_ENV + ")")
    Path passwordFile;

    @Option(names = "--conf", paramLabel = "server.conf", scope = ScopeType.INHERIT,
            description = "Take the addresses from a server's server.conf: server commands go to that server, cluster"
                    + " commands to its master; read-only commands log in with its credentials-file (the cluster account)")
    Path conf;

    @Option(names = "--as-cluster-account", scope = ScopeType.INHERIT,
            description = "Act as the cluster account of --conf (its credentials-file) for a command that changes state;"
                    + " the servers' audit lines then say so")
    boolean asClusterAccount;

    /** The environment the person's login may come from; the process's own unless a test sets another. */
    Map<String, String> environment = System.getenv();

    @Option(names = "--password", hidden = true, scope = ScopeType.INHERIT)
    String password;

    @Option(names = "--truststore", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Certificates to trust (PKCS12 or JKS): JMX then speaks TLS, and https:// Jolokia URLs trust them")
    Path truststore;

    @Option(names = "--truststore-password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File whose first line is the truststore's password (readable by its owner only)")
    Path truststorePasswordFile;

    @Option(names = "--keystore", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Key and certificate to present to a server that asks for client certificates (client-auth)")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File whose first line is the keystore's password (readable by its owner only)")
    Path keystorePasswordFile;

    /**
     * The connection options as given, to repeat in a command line to paste ({@link FollowUp}): paths of password files,
     * never a password. A login taken from the environment is not repeated: the environment still holds it.
     */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        add(args, "--jmx", jmx);
        add(args, "--jolokia", jolokia);
        add(args, "--conf", conf);
        add(args, "--user", user);
        add(args, "--password-file", passwordFile);
        if (asClusterAccount) {
            args.add("--as-cluster-account");
        }
        add(args, "--truststore", truststore);
        add(args, "--truststore-password-file", truststorePasswordFile);
        add(args, "--keystore", keystore);
        add(args, "--keystore-password-file", keystorePasswordFile);
        return args;
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }

    /** The target of a read-only cluster command. @throws CliException with exit code 2 when the options are unusable */
    Target resolve() {
        return resolve(Scope.CLUSTER, null);
    }

    /**
     * The validated target of a command.
     *
     * @param scope which server the command is about
     * @param stateChange the command's name ({@code server restart}) when it changes state, else null
     * @throws CliException with exit code 2 when the options are unusable
     */
    Target resolve(Scope scope, String stateChange) {
        if (password != null) {
            throw CliException.usage(MessageId.CLI_PASSWORD_ON_COMMAND_LINE, "Passwords are never given on the command line: put it in a file readable "
                    + "by you only (chmod 600) and use --password-file FILE.");
        }
        if (jmx != null && jolokia != null) {
            throw CliException.usage(MessageId.CLI_CONFLICTING_OPTIONS, "Give either --jmx or --jolokia, not both.");
        }
        if (passwordFile != null && user == null) {
            throw CliException.usage(MessageId.CLI_INCOMPLETE_LOGIN, "--password-file needs --user NAME.");
        }
        if (user != null && passwordFile == null) {
            throw CliException.usage(MessageId.CLI_INCOMPLETE_LOGIN, "--user needs --password-file FILE (a password is never given on the command line).");
        }
        NodeSettings settings = conf == null ? null : settings(conf);
        String url;
        if (jmx != null) {
            url = checkJmxUrl(jmx);
        } else if (jolokia != null) {
            url = checkJolokiaUrl(jolokia);
        } else if (settings != null) {
            url = scope == Scope.SERVER ? ownUrl(settings) : masterUrl(settings);
        } else {
            throw CliException.usage(MessageId.CLI_NO_CONNECTION, "No connection: give --jmx URL, --jolokia URL or --conf server.conf.");
        }
        Login login = login(settings, stateChange);
        return new Target(url, login.credentials(), tls(settings), login.clusterAccount());
    }

    /** A person's login (options, else environment), else the cluster account of --conf where it may be used. */
    private Login login(NodeSettings settings, String stateChange) {
        if (asClusterAccount) {
            if (settings == null) {
                throw CliException.usage(MessageId.CLI_NO_CLUSTER_ACCOUNT, "--as-cluster-account takes the cluster account from a server.conf: give --conf server.conf.");
            }
            if (user != null) {
                throw CliException.usage(MessageId.CLI_CONFLICTING_OPTIONS, "Give either --user (your own account) or --as-cluster-account, not both.");
            }
            if (settings.credentialsFile() == null) {
                throw CliException.usage(MessageId.CLI_NO_CLUSTER_ACCOUNT, conf + " has no [cluster] credentials-file: there is no cluster account to act as.");
            }
            return Login.clusterAccount(clusterCredentials(settings));
        }
        if (user != null) {
            return Login.person(new Credentials(user, readPassword(passwordFile)));
        }
        String envUser = blankToNull(environment.get(Login.USER_ENV));
        String envPasswordFile = blankToNull(environment.get(Login.PASSWORD_FILE_ENV));
        if (envUser != null && envPasswordFile == null) {
            throw CliException.usage(MessageId.CLI_INCOMPLETE_LOGIN, Login.USER_ENV + " needs " + Login.PASSWORD_FILE_ENV + " (a file whose first line is the password).");
        }
        if (envUser == null && envPasswordFile != null) {
            throw CliException.usage(MessageId.CLI_INCOMPLETE_LOGIN, Login.PASSWORD_FILE_ENV + " needs " + Login.USER_ENV + " (the user to log in as).");
        }
        if (envUser != null) {
            return Login.person(new Credentials(envUser, readPassword(Path.of(envPasswordFile))));
        }
        if (settings == null || settings.credentialsFile() == null) {
            return Login.ANONYMOUS;
        }
        if (stateChange != null) {
            throw CliException.usage(MessageId.CLI_LOGIN_NEEDED, "'" + stateChange + "' changes state: log in as yourself with --user NAME"
                    + " --password-file FILE (or " + Login.USER_ENV + " and " + Login.PASSWORD_FILE_ENV + "), or add"
                    + " --as-cluster-account to act as the cluster account of " + conf + ".");
        }
        return Login.clusterAccount(clusterCredentials(settings));
    }

    private static Credentials clusterCredentials(NodeSettings settings) {
        try {
            return Credentials.load(settings.credentialsFile());
        } catch (ConfigException e) {
            throw CliException.usage(MessageId.CLI_UNUSABLE_FILE, e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The TLS context of the options, else of the server.conf's [cluster] truststore; null for none. */
    private SSLContext tls(NodeSettings settings) {
        if (truststorePasswordFile != null && truststore == null) {
            throw CliException.usage(MessageId.CLI_INCOMPLETE_TLS, "--truststore-password-file needs --truststore FILE.");
        }
        if (keystorePasswordFile != null && keystore == null) {
            throw CliException.usage(MessageId.CLI_INCOMPLETE_TLS, "--keystore-password-file needs --keystore FILE.");
        }
        if (truststore != null && truststorePasswordFile == null) {
            throw CliException.usage(MessageId.CLI_INCOMPLETE_TLS, "--truststore needs --truststore-password-file FILE (a password is never given on the command line).");
        }
        if (keystore != null && keystorePasswordFile == null) {
            throw CliException.usage(MessageId.CLI_INCOMPLETE_TLS, "--keystore needs --keystore-password-file FILE (a password is never given on the command line).");
        }
        if (keystore != null && truststore == null) {
            throw CliException.usage(MessageId.CLI_INCOMPLETE_TLS, "--keystore needs --truststore FILE: the certificates of the server to trust.");
        }
        TlsStore trust = null;
        TlsStore key = null;
        if (truststore != null) {
            trust = TlsStore.truststore(truststore, truststorePasswordFile, "--truststore");
            key = keystore == null ? null : TlsStore.keystore(keystore, keystorePasswordFile, "--keystore");
        } else if (settings != null && settings.outgoingTls() != null) {
            trust = settings.outgoingTls().truststore();
            key = settings.outgoingTls().keystore();
        }
        if (trust == null) {
            return null;
        }
        try {
            return Tls.context(key, trust);
        } catch (ManagementException e) {
            throw CliException.usage(MessageId.CLI_UNUSABLE_FILE, e.getMessage());
        }
    }

    static String checkJmxUrl(String url) {
        return JmxAddress.toUrl(url);
    }

    static String checkJolokiaUrl(String url) {
        String hint = "Malformed Jolokia URL '" + url + "': expected http://HOST:PORT/jolokia/";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw CliException.usage(MessageId.CLI_BAD_ADDRESS, hint + " (" + e.getMessage() + ").");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw CliException.usage(MessageId.CLI_BAD_ADDRESS, hint + ".");
        }
        JmxAddress.checkPort(uri.getPort() == -1 ? null : String.valueOf(uri.getPort()), hint);
        return url;
    }

    private static NodeSettings settings(Path file) {
        try {
            return NodeSettings.from(file, StanzaFile.read(file));
        } catch (ConfigException e) {
            throw CliException.usage(MessageId.CLI_UNUSABLE_FILE, "Cannot use " + file + ": " + e.getMessage());
        }
    }

    /** A master's own endpoint (JMX first, else Jolokia); a replica's master-url. */
    static String masterUrl(NodeSettings settings) {
        return settings.master() ? ownUrl(settings) : settings.masterUrl();
    }

    /** The server's own endpoint, JMX first, else Jolokia. */
    static String ownUrl(NodeSettings settings) {
        if (settings.jmx().enabled()) {
            return "service:jmx:rmi:///jndi/rmi://" + connectHost(settings.jmx().host()) + ":" + settings.jmx().port() + "/jmxrmi";
        }
        if (settings.jolokia().enabled()) {
            return (settings.jolokia().ssl() ? "https://" : "http://") + connectHost(settings.jolokia().host()) + ":" + settings.jolokia().port() + "/jolokia/";
        }
        throw CliException.usage(MessageId.CLI_CONF_WITHOUT_ADDRESS, settings.confFile() + " has no [jmx] or [jolokia] port: there is no address to connect"
                + " to " + settings.name() + (settings.master() ? "" : "; give --jmx or --jolokia") + ".");
    }

    /** A listen address as an address to connect to: the wildcard becomes loopback, IPv6 gets brackets. */
    private static String connectHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("*") || host.isEmpty()) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The first line of {@code --password-file}, a {@link SecretFile}. */
    static String readPassword(Path file) {
        if (!Files.exists(file)) {
            throw CliException.usage(MessageId.CLI_UNUSABLE_FILE, "Cannot read password file " + file + ": it does not exist.");
        }
        try {
            return SecretFile.firstLine(file, "Password file " + file);
        } catch (ConfigException e) {
            throw CliException.usage(MessageId.CLI_UNUSABLE_FILE, e.getMessage());
        }
    }
}
