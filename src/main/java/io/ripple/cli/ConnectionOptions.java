package io.ripple.cli;

import io.ripple.config.ConfigException;
import io.ripple.config.StanzaFile;
import io.ripple.management.ManagementException;
import io.ripple.management.Tls;
import io.ripple.management.TlsStore;
import io.ripple.node.NodeSettings;
import io.ripple.remote.Credentials;
import io.ripple.config.SecretFile;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The connection options every command shares: an explicit URL with a user and a password file, or a server.conf to
 * take the master's address and credentials from. {@link #resolve()} validates them as a whole.
 */
final class ConnectionOptions {

    @Option(names = "--jmx", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "JMX RMI URL of the server, e.g. service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi")
    String jmx;

    @Option(names = "--jolokia", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Jolokia URL of the server, e.g. http://127.0.0.1:8778/jolokia/")
    String jolokia;

    @Option(names = "--user", paramLabel = "NAME", scope = ScopeType.INHERIT, description = "User to connect as")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File whose first line is the password (readable by its owner only)")
    Path passwordFile;

    @Option(names = "--conf", paramLabel = "server.conf", scope = ScopeType.INHERIT,
            description = "Take the master's address and the credentials-file from a server's server.conf")
    Path conf;

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

    /** The validated target. @throws CliException with exit code 2 when the options are unusable */
    Target resolve() {
        if (password != null) {
            throw CliException.usage("Passwords are never given on the command line: put it in a file readable "
                    + "by you only (chmod 600) and use --password-file FILE.");
        }
        if (jmx != null && jolokia != null) {
            throw CliException.usage("Give either --jmx or --jolokia, not both.");
        }
        if (passwordFile != null && user == null) {
            throw CliException.usage("--password-file needs --user NAME.");
        }
        if (user != null && passwordFile == null) {
            throw CliException.usage("--user needs --password-file FILE (a password is never given on the command line).");
        }
        NodeSettings settings = conf == null ? null : settings(conf);
        String url;
        if (jmx != null) {
            url = checkJmxUrl(jmx);
        } else if (jolokia != null) {
            url = checkJolokiaUrl(jolokia);
        } else if (settings != null) {
            url = masterUrl(settings);
        } else {
            throw CliException.usage("No connection: give --jmx URL, --jolokia URL or --conf server.conf.");
        }
        Credentials credentials;
        if (user != null) {
            credentials = new Credentials(user, readPassword(passwordFile));
        } else if (settings != null && settings.credentialsFile() != null) {
            try {
                credentials = Credentials.load(settings.credentialsFile());
            } catch (ConfigException e) {
                throw CliException.usage(e.getMessage());
            }
        } else {
            credentials = Credentials.NONE;
        }
        return new Target(url, credentials, tls(settings));
    }

    /** The TLS context of the options, else of the server.conf's [cluster] truststore; null for none. */
    private SSLContext tls(NodeSettings settings) {
        if (truststorePasswordFile != null && truststore == null) {
            throw CliException.usage("--truststore-password-file needs --truststore FILE.");
        }
        if (keystorePasswordFile != null && keystore == null) {
            throw CliException.usage("--keystore-password-file needs --keystore FILE.");
        }
        if (truststore != null && truststorePasswordFile == null) {
            throw CliException.usage("--truststore needs --truststore-password-file FILE (a password is never given on the command line).");
        }
        if (keystore != null && keystorePasswordFile == null) {
            throw CliException.usage("--keystore needs --keystore-password-file FILE (a password is never given on the command line).");
        }
        if (keystore != null && truststore == null) {
            throw CliException.usage("--keystore needs --truststore FILE: the certificates of the server to trust.");
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
            throw CliException.usage(e.getMessage());
        }
    }

    static String checkJmxUrl(String url) {
        String hint = "Malformed JMX URL '" + url + "': expected service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi";
        if (!url.startsWith("service:jmx:")) {
            throw CliException.usage(hint + ".");
        }
        try {
            new JMXServiceURL(url);
        } catch (MalformedURLException e) {
            throw CliException.usage(hint + " (" + e.getMessage() + ").");
        }
        return url;
    }

    static String checkJolokiaUrl(String url) {
        String hint = "Malformed Jolokia URL '" + url + "': expected http://HOST:PORT/jolokia/";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw CliException.usage(hint + " (" + e.getMessage() + ").");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw CliException.usage(hint + ".");
        }
        return url;
    }

    private static NodeSettings settings(Path file) {
        try {
            return NodeSettings.from(file, StanzaFile.read(file));
        } catch (ConfigException e) {
            throw CliException.usage("Cannot use " + file + ": " + e.getMessage());
        }
    }

    /** A master's own endpoint (JMX first, else Jolokia); a replica's master-url. */
    static String masterUrl(NodeSettings settings) {
        if (!settings.master()) {
            return settings.masterUrl();
        }
        if (settings.jmx().enabled()) {
            return "service:jmx:rmi:///jndi/rmi://" + connectHost(settings.jmx().host()) + ":" + settings.jmx().port() + "/jmxrmi";
        }
        if (settings.jolokia().enabled()) {
            return (settings.jolokia().ssl() ? "https://" : "http://") + connectHost(settings.jolokia().host()) + ":" + settings.jolokia().port() + "/jolokia/";
        }
        throw CliException.usage(settings.confFile() + " is a master's server.conf without a [jmx] or [jolokia] port: "
                + "there is no address to connect to.");
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
            throw CliException.usage("Cannot read password file " + file + ": it does not exist.");
        }
        try {
            return SecretFile.firstLine(file, "Password file " + file);
        } catch (ConfigException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
