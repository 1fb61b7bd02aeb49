package io.ripple.sample;

import io.ripple.util.JsonMappers;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.UUID;

/**
 * Work a node's start needs later, done on a second thread from the first moment of {@code main}: the platform
 * MBeanServer (the JVM's own MXBeans), Jackson's first use, the random source of boot and cluster ids, SHA-256, the XML
 * parser. The main thread meanwhile sets up logging and reads server.conf, and finds each of these ready (or waits for
 * the one under way, never doing it twice: each is the JVM's own once-only initialisation).
 *
 * <p>Nothing here depends on server.conf or on a JVM-wide setting Ripple makes later ({@code JvmGlobals}): the RMI and
 * HTTP server classes, which read such settings when they are first used, are left to the start itself.
 */
final class StartupWarmUp {

    private StartupWarmUp() {
    }

    /** Starts the warm-up; returns at once. A failure here changes nothing: the start does the same work itself. */
    static void begin() {
        Thread warmUp = new Thread(StartupWarmUp::run, "ripple-startup-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void run() {
        try {
            ManagementFactory.getPlatformMBeanServer();
            JsonMappers.files().writeValueAsBytes(Map.of("warm", UUID.randomUUID().toString()));
            MessageDigest.getInstance("SHA-256").digest(new byte[1]);
            // the JDK's XML parser, which the Jolokia agent's policy file is read with
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new org.xml.sax.InputSource(new java.io.StringReader("<restrict/>")));
        } catch (NoSuchAlgorithmException | java.io.IOException | javax.xml.parsers.ParserConfigurationException
                 | org.xml.sax.SAXException | RuntimeException e) {
            // the start meets the same failure, if it is one, and reports it
        }
    }
}
