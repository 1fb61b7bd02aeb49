package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores behind TLS: what opens, and the one-line refusal of what does not. */
class TlsTest {

    @TempDir
    static Path dir;
    static TestCertificates.Party node;

    @BeforeAll
    static void stores() throws Exception {
        node = TestCertificates.create(dir, "node");
    }

    static TlsStore keystore(Path file, Path password) {
        return TlsStore.keystore(file, password, "[jmx] keystore");
    }

    @Test
    void aKeystoreAndTruststoreMakeAContext() throws Exception {
        SSLContext context = Tls.context(keystore(node.keystore(), node.passwordFile()),
                TlsStore.truststore(node.truststore(), node.passwordFile(), "[jmx] truststore"));
        assertThat(context.getProtocol()).isEqualTo("TLS");
        assertThat(context.getSocketFactory()).isNotNull();
    }

    @Test
    void aKeystoreSettingThatNamesAFolderSaysSo() {
        assertThatThrownBy(() -> Tls.context(keystore(dir, node.passwordFile()), null))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Keystore file " + dir + " ([jmx] keystore) is a folder, not a file. Name the file itself.");
    }

    @Test
    void aMissingKeystoreIsNamed() {
        Path missing = dir.resolve("nowhere.p12");
        assertThatThrownBy(() -> Tls.context(keystore(missing, node.passwordFile()), null))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Keystore file " + missing + " ([jmx] keystore) does not exist.");
    }

    @Test
    void aWrongPasswordIsNamed() throws Exception {
        Path wrong = TestFiles.ownerOnly(Files.writeString(dir.resolve("wrong.pass"), "not-the-password\n"));
        assertThatThrownBy(() -> Tls.context(keystore(node.keystore(), wrong), null))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Cannot open keystore " + node.keystore() + " ([jmx] keystore): wrong password in " + wrong + ".");
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        Path open = Files.writeString(dir.resolve("open.pass"), "x\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Tls.context(keystore(node.keystore(), open), null))
                .isInstanceOf(ManagementException.class)
                .hasMessage("Keystore password file " + open + " ([jmx] keystore-password-file) must be readable by its owner "
                        + "only (chmod 600 " + open + "). Its mode 644 gives group or others access to it.");
    }

    @Test
    void anEmptyOrMissingPasswordFileIsRefused() throws Exception {
        Path empty = TestFiles.ownerOnly(Files.writeString(dir.resolve("empty.pass"), ""));
        assertThatThrownBy(() -> Tls.context(keystore(node.keystore(), empty), null))
                .hasMessage("Keystore password file " + empty + " ([jmx] keystore-password-file) is empty: its first line "
                        + "must be the password.");
        Path missing = dir.resolve("missing.pass");
        assertThatThrownBy(() -> Tls.context(keystore(node.keystore(), missing), null))
                .hasMessage("Keystore password file " + missing + " ([jmx] keystore-password-file) does not exist.");
    }

    @Test
    void aFileThatIsNoStoreIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("server.conf"), "[server]\nname = a\n");
        assertThatThrownBy(() -> Tls.context(keystore(text, node.passwordFile()), null))
                .hasMessage("Cannot open keystore " + text + " ([jmx] keystore): not a PKCS12 or JKS store.");
    }

    @Test
    void aTruststoreIsNoKeystore() {
        assertThatThrownBy(() -> Tls.context(keystore(node.truststore(), node.passwordFile()), null))
                .hasMessage("Keystore " + node.truststore() + " ([jmx] keystore) holds no private key: it must hold this "
                        + "side's key and certificate.");
    }
}
