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
}
