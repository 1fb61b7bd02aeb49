package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.management.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --conf: the master's address and the credentials from a server.conf. */
class ConnectionOptionsTest {

    @TempDir
    Path temp;

    /** A server.conf; each endpoint of {@code endpoints} gets a password file and an access file, as it must. */
    private Path conf(String cluster, String endpoints) throws IOException {
        Path credentials = temp.resolve("cluster.credentials");
        Files.writeString(credentials, "user = admin\npassword = admin-secret\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path conf = temp.resolve("server.conf");
        Files.writeString(conf, "[server]\nname = s1\n[cluster]\ncredentials-file = cluster.credentials\n" + cluster
                + "\n" + endpoints.replace("port = ", "password-file = jmxremote.password\naccess-file = jmxremote.access\nport = "));
        return conf;
    }

    private static Target resolve(Path conf) {
        ConnectionOptions options = new ConnectionOptions();
        options.conf = conf;
        return options.resolve();
    }

    @Test
    void aMastersConfGivesItsJmxEndpointAndCredentials() throws IOException {
        Target t = resolve(conf("is-master = yes", "[jmx]\nport = 9010\n[jolokia]\nport = 8778\n"));
        assertThat(t.url()).isEqualTo("service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi");
        assertThat(t.credentials().user()).isEqualTo("admin");
        assertThat(t.credentials().password()).isEqualTo("admin-secret");
    }

    @Test
    void aMasterWithoutJmxGivesItsJolokiaEndpoint() throws IOException {
        Target t = resolve(conf("is-master = yes", "[jolokia]\nhost = 0.0.0.0\nport = 8778\n"));
        assertThat(t.url()).isEqualTo("http://127.0.0.1:8778/jolokia/");
    }

    @Test
    void aReplicasConfGivesItsMasterUrl() throws IOException {
        Target t = resolve(conf("is-master = no\nmaster-name = m\nmaster-url = http://10.0.0.1:8778/jolokia/", ""));
        assertThat(t.url()).isEqualTo("http://10.0.0.1:8778/jolokia/");
    }

    @Test
    void aMasterWithoutEndpointsIsBadUsage() throws IOException {
        Path conf = conf("is-master = yes", "");
        assertThatThrownBy(() -> resolve(conf)).isInstanceOf(CliException.class)
                .hasMessageContaining("no address").extracting(e -> ((CliException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void anExplicitUserOverridesTheCredentialsFile() throws IOException {
        Path password = temp.resolve("pw");
        Files.writeString(password, "monitor-secret\nignored second line\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        ConnectionOptions options = new ConnectionOptions();
        options.conf = conf("is-master = yes", "[jmx]\nport = 9010\n");
        options.user = "monitor";
        options.passwordFile = password;
        Target t = options.resolve();
        assertThat(t.credentials().user()).isEqualTo("monitor");
        assertThat(t.credentials().password()).isEqualTo("monitor-secret");
    }

    @Test
    void aMasterWithHttpsJolokiaGivesAnHttpsUrl() throws IOException {
        Target t = resolve(conf("is-master = yes", "[jolokia]\nport = 8778\nssl = yes\nkeystore = k.p12\n"
                + "keystore-password-file = k.pass\n"));
        assertThat(t.url()).isEqualTo("https://127.0.0.1:8778/jolokia/");
        assertThat(t.tls()).as("no [cluster] truststore: the JVM's default trust").isNull();
    }

    @Test
    void aConfWithAClusterTruststoreGivesATlsContext() throws Exception {
        TestCertificates.Party node = TestCertificates.create(temp.resolve("tls"), "node");
        Target t = resolve(conf("is-master = yes\ntruststore = " + node.truststore() + "\ntruststore-password-file = "
                + node.passwordFile(), "[jmx]\nport = 9010\n"));
        assertThat(t.tls()).isNotNull();
    }

    @Test
    void aTruststoreOptionGivesATlsContextAndAWrongPasswordIsBadUsage() throws Exception {
        TestCertificates.Party node = TestCertificates.create(temp.resolve("tls"), "node");
        ConnectionOptions options = new ConnectionOptions();
        options.jmx = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi";
        options.truststore = node.truststore();
        options.truststorePasswordFile = node.passwordFile();
        assertThat(options.resolve().tls()).isNotNull();

        Path wrong = Files.writeString(temp.resolve("wrong.pass"), "nope\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        options.truststorePasswordFile = wrong;
        assertThatThrownBy(options::resolve).isInstanceOf(CliException.class)
                .hasMessage("Cannot open truststore " + node.truststore() + " (--truststore): wrong password in " + wrong + ".")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void storeOptionsComeWithTheirPasswordFiles() {
        ConnectionOptions options = new ConnectionOptions();
        options.jmx = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi";
        options.truststore = temp.resolve("trust.p12");
        assertThatThrownBy(options::resolve).isInstanceOf(CliException.class)
                .hasMessage("--truststore needs --truststore-password-file FILE (a password is never given on the command line).");
        options.truststore = null;
        options.keystore = temp.resolve("key.p12");
        options.keystorePasswordFile = temp.resolve("key.pass");
        assertThatThrownBy(options::resolve).isInstanceOf(CliException.class)
                .hasMessage("--keystore needs --truststore FILE: the certificates of the server to trust.");
    }

    private static final String REPLICA = "is-master = no\nmaster-name = m\nmaster-url = http://10.0.0.1:8778/jolokia/";
    private static final String REPLICA_ENDPOINTS = "[jmx]\nport = 9011\n[jolokia]\nport = 8779\n";

    private ConnectionOptions options(Path conf) {
        ConnectionOptions options = new ConnectionOptions();
        options.conf = conf;
        options.environment = java.util.Map.of();
        return options;
    }

    private Path personPassword() throws IOException {
        Path password = temp.resolve("person.password");
        Files.writeString(password, "person-secret\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        return password;
    }

    @Test
    void aReplicasConfSendsServerCommandsToItsOwnEndpointAndClusterCommandsToItsMaster() throws IOException {
        Path conf = conf(REPLICA, REPLICA_ENDPOINTS);
        assertThat(options(conf).resolve(Scope.SERVER, null).url()).isEqualTo("service:jmx:rmi:///jndi/rmi://127.0.0.1:9011/jmxrmi");
        assertThat(options(conf).resolve(Scope.CLUSTER, null).url()).isEqualTo("http://10.0.0.1:8778/jolokia/");
    }

    @Test
    void aReplicaWithoutEndpointsHasNoAddressForServerCommands() throws IOException {
        Path conf = conf(REPLICA, "");
        assertThatThrownBy(() -> options(conf).resolve(Scope.SERVER, null)).isInstanceOf(CliException.class)
                .hasMessage(conf + " has no [jmx] or [jolokia] port: there is no address to connect to s1; give --jmx or --jolokia.");
    }

    @Test
    void readOnlyCommandsMayUseTheClusterAccountAndSaySo() throws IOException {
        Target t = options(conf(REPLICA, REPLICA_ENDPOINTS)).resolve(Scope.SERVER, null);
        assertThat(t.credentials().user()).isEqualTo("admin");
        assertThat(t.clusterAccount()).isTrue();
    }

    @Test
    void aStateChangeWithTheClusterAccountIsRefusedNamingTheFix() throws IOException {
        Path conf = conf(REPLICA, REPLICA_ENDPOINTS);
        assertThatThrownBy(() -> options(conf).resolve(Scope.SERVER, "server restart")).isInstanceOf(CliException.class)
                .hasMessage("'server restart' changes state: log in as yourself with --user NAME --password-file FILE (or"
                        + " RIPPLE_USER and RIPPLE_PASSWORD_FILE), or add --as-cluster-account to act as the cluster account of "
                        + conf + ".")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void asClusterAccountAllowsTheStateChange() throws IOException {
        ConnectionOptions options = options(conf(REPLICA, REPLICA_ENDPOINTS));
        options.asClusterAccount = true;
        Target t = options.resolve(Scope.SERVER, "server restart");
        assertThat(t.credentials().user()).isEqualTo("admin");
        assertThat(t.clusterAccount()).isTrue();
    }

    @Test
    void aPersonsLoginFromTheOptionsOrTheEnvironmentIsNotTheClusterAccount() throws IOException {
        Path password = personPassword();
        ConnectionOptions byOptions = options(conf(REPLICA, REPLICA_ENDPOINTS));
        byOptions.user = "alice";
        byOptions.passwordFile = password;
        ConnectionOptions byEnvironment = options(conf(REPLICA, REPLICA_ENDPOINTS));
        byEnvironment.environment = java.util.Map.of("RIPPLE_USER", "bob", "RIPPLE_PASSWORD_FILE", password.toString());
        for (ConnectionOptions options : java.util.List.of(byOptions, byEnvironment)) {
            Target t = options.resolve(Scope.SERVER, "server restart");
            assertThat(t.clusterAccount()).isFalse();
            assertThat(t.credentials().password()).isEqualTo("person-secret");
        }
        assertThat(byOptions.resolve(Scope.SERVER, null).credentials().user()).isEqualTo("alice");
        assertThat(byEnvironment.resolve(Scope.SERVER, null).credentials().user()).isEqualTo("bob");
    }

    @Test
    void halfALoginInTheEnvironmentIsBadUsage() throws IOException {
        ConnectionOptions options = options(conf(REPLICA, REPLICA_ENDPOINTS));
        options.environment = java.util.Map.of("RIPPLE_USER", "bob");
        assertThatThrownBy(() -> options.resolve(Scope.SERVER, null)).isInstanceOf(CliException.class)
                .hasMessage("RIPPLE_USER needs RIPPLE_PASSWORD_FILE (a file whose first line is the password).");
        options.environment = java.util.Map.of("RIPPLE_PASSWORD_FILE", personPassword().toString());
        assertThatThrownBy(() -> options.resolve(Scope.SERVER, null)).isInstanceOf(CliException.class)
                .hasMessage("RIPPLE_PASSWORD_FILE needs RIPPLE_USER (the user to log in as).");
    }

    @Test
    void asClusterAccountNeedsAConfAndExcludesUser() throws IOException {
        ConnectionOptions noConf = options(null);
        noConf.jmx = "127.0.0.1:9010";
        noConf.asClusterAccount = true;
        assertThatThrownBy(() -> noConf.resolve(Scope.SERVER, "server restart")).isInstanceOf(CliException.class)
                .hasMessage("--as-cluster-account takes the cluster account from a server.conf: give --conf server.conf.");
        ConnectionOptions withUser = options(conf(REPLICA, REPLICA_ENDPOINTS));
        withUser.asClusterAccount = true;
        withUser.user = "alice";
        withUser.passwordFile = personPassword();
        assertThatThrownBy(() -> withUser.resolve(Scope.SERVER, "server restart")).isInstanceOf(CliException.class)
                .hasMessage("Give either --user (your own account) or --as-cluster-account, not both.");
    }

    @Test
    void anExplicitUrlWithoutCredentialsIsAnonymousForAnyCommand() {
        ConnectionOptions options = options(null);
        options.jmx = "127.0.0.1:9010";
        Target t = options.resolve(Scope.SERVER, "server restart");
        assertThat(t.url()).isEqualTo("service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi");
        assertThat(t.credentials().user()).isNull();
        assertThat(t.clusterAccount()).isFalse();
    }
}
