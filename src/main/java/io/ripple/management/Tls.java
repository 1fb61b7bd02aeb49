package io.ripple.management;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link SSLContext}s of Ripple's endpoints and outgoing calls, once, from {@link TlsStore}s: built aside and
 * validated at start, so that a wrong password is a start-up error and never a failure of the first call.
 */
public final class Tls {

    private static final Logger LOG = LoggerFactory.getLogger(Tls.class);
    private static final String PROTOCOL = "TLS";
    private static final AtomicReference<SSLContext> RMI_DEFAULT = new AtomicReference<>();

    private Tls() {
    }

    /**
     * A context with the key of {@code keystore} (null: none, a client that presents no certificate) and trusting
     * {@code truststore} (null: the JVM's default trust, {@code cacerts} or {@code javax.net.ssl.trustStore}).
     *
     * @throws ManagementException naming the file that is missing, unsafe or will not open
     */
    public static SSLContext context(TlsStore keystore, TlsStore truststore) throws ManagementException {
        KeyManager[] keys = keystore == null ? null : keyManagers(keystore);
        TrustManager[] trust = truststore == null ? null : trustManagers(truststore);
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ManagementException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(TlsStore keystore) throws ManagementException {
        KeyStore store = keystore.load();
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, keystore.password());
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new ManagementException("Cannot use the key in keystore " + keystore.file() + " (" + keystore.setting()
                    + "): its key password must be the keystore's password.", e);
        }
    }

    private static TrustManager[] trustManagers(TlsStore truststore) throws ManagementException {
        KeyStore store = truststore.load();
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new ManagementException("Cannot use truststore " + truststore.file() + " (" + truststore.setting()
                    + "): " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code context} the JVM's default, for the JMX connector stubs; called before the first JMX connection over
     * TLS, so that a server whose TLS peers are all reached over https:// Jolokia never changes it. A TLS JMX connector
     * hands its clients the JDK's {@code SslRMIClientSocketFactory} inside its stubs, and that factory uses the default
     * context: there is no other way to give it a truststore. The first context wins; the JDK caches the default
     * factory at its first use.
     */
    public static void useForRmiStubs(SSLContext context) {
        if (RMI_DEFAULT.compareAndSet(null, context)) {
            JvmGlobals.setDefaultSslContext(context, "the JDK's SslRMIClientSocketFactory, which a TLS JMX connector puts"
                    + " in its stubs, uses no other. Every TLS connection of this JVM that names no SSLContext of its own"
                    + " (HttpsURLConnection, HttpClient, RMI) now trusts Ripple's truststore and presents Ripple's key."
                    + " Peers reached over https:// Jolokia need no such change.");
        } else if (RMI_DEFAULT.get() != context) {
            LOG.debug("Default SSLContext already set; JMX over TLS keeps the first one");
        }
    }
}
