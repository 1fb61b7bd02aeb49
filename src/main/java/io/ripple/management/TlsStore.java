package io.ripple.management;

import io.ripple.config.ConfigException;
import io.ripple.config.SecretFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Locale;

/**
 * A keystore or truststore file (PKCS12 or JKS) and the file holding its password, as server.conf or the command line
 * names them. The password never sits in server.conf: its file is a {@link SecretFile}, and its first line is the
 * password. Every failure is one line naming the file and the setting it came from.
 *
 * @param kind {@code Keystore} or {@code Truststore}, for messages
 * @param file the store
 * @param passwordFile the owner-only file whose first line is the store's password
 * @param setting where the store was named, e.g. {@code [jmx] keystore} or {@code --truststore}
 */
public record TlsStore(String kind, Path file, Path passwordFile, String setting) {

    public static final String KEYSTORE = "Keystore";
    public static final String TRUSTSTORE = "Truststore";

    /** A keystore: this side's private key and certificate. */
    public static TlsStore keystore(Path file, Path passwordFile, String setting) {
        return new TlsStore(KEYSTORE, file, passwordFile, setting);
    }

    /** A truststore: the certificates (or their CA) this side accepts from the other. */
    public static TlsStore truststore(Path file, Path passwordFile, String setting) {
        return new TlsStore(TRUSTSTORE, file, passwordFile, setting);
    }

    /** Reads the store. @throws ManagementException naming the file when it is missing, unsafe, or will not open */
    public KeyStore load() throws ManagementException {
        if (Files.isDirectory(file)) {
            throw new ManagementException(kind + " file " + file + " (" + setting + ") is a folder, not a file. Name the"
                    + " file itself.");
        }
        if (!Files.isRegularFile(file)) {
            throw new ManagementException(kind + " file " + file + " (" + setting + ") does not exist.");
        }
        char[] password = password();
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || mentionsPassword(e)) {
                throw new ManagementException("Cannot open " + kind.toLowerCase(Locale.ROOT) + " " + file + " (" + setting
                        + "): wrong password in " + passwordFile + ".", e);
            }
            throw new ManagementException("Cannot open " + kind.toLowerCase(Locale.ROOT) + " " + file + " (" + setting
                    + "): " + (e instanceof AccessDeniedException ? "permission denied." : "not a PKCS12 or JKS store."), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ManagementException("Cannot open " + kind.toLowerCase(Locale.ROOT) + " " + file + " (" + setting
                    + "): not a PKCS12 or JKS store.", e);
        }
        check(store);
        return store;
    }

    /** The store's password, from the first line of its password file, a {@link SecretFile}. */
    char[] password() throws ManagementException {
        String what = kind + " password file " + passwordFile + " (" + setting + "-password-file)";
        if (passwordFile == null) {
            throw new ManagementException(kind + " " + file + " (" + setting + ") needs a password file.");
        }
        try {
            return SecretFile.firstLine(passwordFile, what).toCharArray();
        } catch (ConfigException e) {
            throw new ManagementException(e.getMessage(), e);
        }
    }

    private void check(KeyStore store) throws ManagementException {
        try {
            boolean anyKey = false;
            boolean anyCertificate = false;
            for (String alias : Collections.list(store.aliases())) {
                anyKey |= store.isKeyEntry(alias);
                anyCertificate |= store.getCertificate(alias) != null;
            }
            if (kind.equals(KEYSTORE) && !anyKey) {
                throw new ManagementException("Keystore " + file + " (" + setting
                        + ") holds no private key: it must hold this side's key and certificate.");
            }
            if (kind.equals(TRUSTSTORE) && !anyCertificate) {
                throw new ManagementException("Truststore " + file + " (" + setting + ") holds no certificate.");
            }
        } catch (KeyStoreException e) {
            throw new ManagementException("Cannot read " + kind.toLowerCase(Locale.ROOT) + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean mentionsPassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("password") || t instanceof UnrecoverableKeyException) {
                return true;
            }
        }
        return false;
    }
}
