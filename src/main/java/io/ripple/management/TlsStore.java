package io.ripple.management;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A keystore or truststore file (PKCS12 or JKS) and the file holding its password, as server.conf or the command line
 * names them. The password never sits in server.conf: its file must be readable by its owner only, and its first line
 * is the password. Every failure is one line naming the file and the setting it came from.
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

    /** The store's password, from the first line of its owner-only password file. */
    char[] password() throws ManagementException {
        String what = kind + " password file " + passwordFile + " (" + setting + "-password-file)";
        if (passwordFile == null) {
            throw new ManagementException(kind + " " + file + " (" + setting + ") needs a password file.");
        }
        try {
            if (Files.getFileAttributeView(passwordFile, PosixFileAttributeView.class) != null) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(passwordFile);
                if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new ManagementException(what + " must be readable by its owner only (chmod 600 " + passwordFile + ").");
                }
            }
            List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new ManagementException(what + " is empty: its first line must be the password.");
            }
            return lines.get(0).toCharArray();
        } catch (NoSuchFileException e) {
            throw new ManagementException(what + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new ManagementException(what + " cannot be read: permission denied.", e);
        } catch (IOException e) {
            throw new ManagementException(what + " cannot be read: " + e.getMessage(), e);
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
