package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.ConfigStoreMXBean;
import io.ripple.management.ClusterClaim;
import io.ripple.management.EndpointTls;
import io.ripple.management.JolokiaEndpoint;
import io.ripple.management.JolokiaSettings;
import io.ripple.management.MBeanRegistry;
import io.ripple.management.PublishedObjects;
import io.ripple.management.Tls;
import io.ripple.management.TestCertificates;
import io.ripple.management.TlsStore;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica's reads of its master's published files past Jolokia's JSON, against a real agent in this JVM: raw bytes
 * when signed (plain HTTP) or with the cluster account over HTTPS, and Jolokia's {@code readObject} from an agent that
 * does not serve them, or for a caller they do not serve.
 */
class JolokiaRawReadsTest {

    private static final String HOST = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SHA = "ab".repeat(32);
    private static final ClusterClaim MASTER = new ClusterClaim("master", "c-1");
    private static final ClusterClaim REPLICA = new ClusterClaim("replica-1", "c-1");

    @TempDir
    Path dir;

    private final MBeanRegistry beans = new MBeanRegistry(ManagementFactory.getPlatformMBeanServer());
    private final Counting objects = new Counting();
    private final AtomicInteger jolokiaReads = new AtomicInteger();
    private JolokiaEndpoint jolokia;
    private RemoteServer remote;

    /** A published file of 1 MB, and how often it was read. */
    private static final class Counting implements PublishedObjects {
        final byte[] content = new byte[1_000_000];
        final AtomicInteger reads = new AtomicInteger();

        Counting() {
            new Random(7).nextBytes(content);
        }

        @Override
        public long size(String sha256) {
            if (!SHA.equals(sha256)) {
                throw new IllegalArgumentException("No published file has SHA-256 " + sha256);
            }
            return content.length;
        }

        @Override
        public byte[] read(String sha256, long offset, int length) {
            reads.incrementAndGet();
            return Arrays.copyOfRange(content, (int) offset, (int) offset + length);
        }
    }

    @BeforeEach
    void registerConfigStore() {
        // ConfigStore's readObject of the same file, as a master answers it through Jolokia
        ConfigStoreMXBean store = (ConfigStoreMXBean) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigStoreMXBean.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("readObject") || !SHA.equals(args[0])) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    jolokiaReads.incrementAndGet();
                    int offset = (int) (long) (Long) args[1];
                    return java.util.Base64.getEncoder().encodeToString(Arrays.copyOfRange(objects.content, offset,
                            Math.min(objects.content.length, offset + (Integer) args[2])));
                });
        beans.register(ConfigStoreMXBean.OBJECT_NAME, store, ConfigStoreMXBean.class);
    }

    @AfterEach
    void stop() {
        if (remote != null) {
            remote.close();
        }
        if (jolokia != null) {
            jolokia.close();
        }
        beans.close();
    }

    private void startMaster(EndpointTls tls, boolean servesObjects) throws Exception {
        Path passwords = Files.writeString(dir.resolve("jmxremote.password"), "ripple ripple-secret\nadmin admin-secret\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Path access = Files.writeString(dir.resolve("jmxremote.access"), "ripple readwrite\nadmin readwrite\n");
        jolokia = JolokiaEndpoint.bind(new JolokiaSettings(HOST, 0, passwords, access, null, null, tls));
        jolokia.answerProofs("master", () -> MASTER);
        if (servesObjects) {
            jolokia.serveObjects("ripple", objects);
        }
        jolokia.serve();
    }

    /** The master's replica: proves the master, then signs (plain HTTP) or logs in over HTTPS. */
    private RemoteServer replica(SSLContext tls) {
        remote = new RemoteConnector(new io.ripple.remote.Credentials("ripple", "ripple-secret"), TIMEOUT, TIMEOUT, tls)
                .claiming(() -> REPLICA).proving(url -> Peer.master("master")).open(jolokia.url());
        return remote;
    }

    @Test
    void aSignedReplicaReadsRawBytes() throws Exception {
        startMaster(null, true);

        byte[] read = replica(null).readObject(SHA, 1000, 262_144);

        assertThat(read).isEqualTo(Arrays.copyOfRange(objects.content, 1000, 1000 + 262_144));
        assertThat(objects.reads).as("reads served past Jolokia").hasValue(1);
        assertThat(replica(null).readObject(SHA, 999_990, 100)).as("the end of the file").hasSize(10);
    }

    @Test
    void overHttpsTheClusterAccountReadsRawBytes() throws Exception {
        TestCertificates.Party node = TestCertificates.create(dir.resolve("tls"), "node");
        startMaster(new EndpointTls(TlsStore.keystore(node.keystore(), node.passwordFile(), "[jolokia] keystore"), null, false), true);
        SSLContext trusting = Tls.context(null, TlsStore.truststore(node.truststore(), node.passwordFile(), "[jolokia] truststore"));

        byte[] read = replica(trusting).readObject(SHA, 0, 4096);

        assertThat(read).isEqualTo(Arrays.copyOf(objects.content, 4096));
        assertThat(objects.reads).as("reads served past Jolokia").hasValue(1);
    }

    @Test
    void overHttpsAPersonsLoginIsReadThroughJolokia() throws Exception {
        TestCertificates.Party node = TestCertificates.create(dir.resolve("tls"), "node");
        startMaster(new EndpointTls(TlsStore.keystore(node.keystore(), node.passwordFile(), "[jolokia] keystore"), null, false), true);
        SSLContext trusting = Tls.context(null, TlsStore.truststore(node.truststore(), node.passwordFile(), "[jolokia] truststore"));
        remote = new RemoteConnector(new io.ripple.remote.Credentials("admin", "admin-secret"), TIMEOUT, TIMEOUT, trusting)
                .claiming(() -> REPLICA).open(jolokia.url());

        // refused past Jolokia (403: not the cluster account); Jolokia's readObject, which admin may call, answers
        assertThat(remote.readObject(SHA, 8, 16)).isEqualTo(Arrays.copyOfRange(objects.content, 8, 24));
        assertThat(remote.readObject(SHA, 0, 4)).isEqualTo(Arrays.copyOf(objects.content, 4));
        assertThat(objects.reads).as("reads served past Jolokia").hasValue(0);
        assertThat(jolokiaReads).hasValue(2);
    }

    @Test
    void anAgentThatServesNoRawReadsIsReadThroughJolokia() throws Exception {
        startMaster(null, false);

        RemoteServer master = replica(null);

        assertThat(master.readObject(SHA, 8, 16)).isEqualTo(Arrays.copyOfRange(objects.content, 8, 24));
        assertThat(master.readObject(SHA, 0, 4)).isEqualTo(Arrays.copyOf(objects.content, 4));
        assertThat(objects.reads).as("reads served past Jolokia").hasValue(0);
        assertThat(jolokiaReads).hasValue(2);
    }

    @Test
    void aReadTheRawPathTakesNotGoesThroughJolokiaWhichAnswersForIt() throws Exception {
        startMaster(null, true);

        // not a SHA-256: not asked past Jolokia, whose readObject answers as it always did (here: refuses)
        RemoteServer master = replica(null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> master.readObject("base64:cc33", 8, 16))
                .isInstanceOf(RemoteException.class).hasMessageContaining("readObject");
        assertThat(master.readObject(SHA, 0, 10)).as("the next read is raw").hasSize(10);
        assertThat(objects.reads).hasValue(1);
        assertThat(jolokiaReads).hasValue(0);
    }
}
