package io.ripple.remote;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jolokia.client.JolokiaClient;
import org.jolokia.client.JolokiaClientBuilder;
import org.jolokia.client.jdkclient.JdkHttpClient;
import org.jolokia.client.spi.HttpHeader;

/**
 * A jolokia-client-java client whose every request goes through a {@link SigningHttpClient}: the library's own JDK
 * layer ({@link JdkHttpClient}) builds the requests as usual, without user or password, and hands them to the signing
 * client. The builder cannot be given a client of ours, so its configuration is made here: only what
 * {@link JdkHttpClient} reads of it counts (the URL, time-outs, charset, {@code Expect: 100-continue}, headers).
 */
final class SignedJolokiaClient {

    private SignedJolokiaClient() {
    }

    /**
     * @param signing the client that signs and sends the requests (its connections, TLS, proxy and time-outs as built)
     * @param headers sent with every request
     */
    static JolokiaClient create(URI uri, SigningHttpClient signing, int connectMillis, int callMillis,
                                List<HttpHeader> headers) {
        JolokiaClientBuilder.Configuration config = new JolokiaClientBuilder.Configuration(uri, null, null, null,
                new JolokiaClientBuilder.ConnectionConfiguration(connectMillis, callMillis, true, 0),
                new JolokiaClientBuilder.TlsConfiguration(null, null, null, null, null, null),
                new JolokiaClientBuilder.PoolConfiguration(true, 0, 0),
                StandardCharsets.UTF_8, false, headers, null, null);
        return new JolokiaClient(uri, new JdkHttpClient(signing, config));
    }
}
