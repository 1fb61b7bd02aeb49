package io.ripple.management;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Key and trust stores made with the JDK's keytool, as the recipe in docs/SECURITY.md makes them. */
public final class TestCertificates {

    /** One party's keystore, a truststore holding only its certificate, and the (owner-only) file of their password. */
    public record Party(Path keystore, Path truststore, Path passwordFile) {
    }

    private static final long KEYTOOL_SECONDS = 60;

    private TestCertificates() {
    }

    /**
     * Makes {@code dir/NAME.p12} (an EC key and a self-signed certificate for 127.0.0.1 and localhost),
     * {@code dir/NAME-trust.p12} (that certificate only) and {@code dir/NAME.pass} (their password, mode 600).
     */
    public static Party create(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String password = name + "-store-secret";
        Path passwordFile = dir.resolve(name + ".pass");
        Files.writeString(passwordFile, password + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Path keystore = dir.resolve(name + ".p12");
        Path certificate = dir.resolve(name + ".cer");
        Path truststore = dir.resolve(name + "-trust.p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-alias", name, "-keystore", keystore.toString(), "-storepass", password,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", password);
        return new Party(keystore, truststore, passwordFile);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.add("-J-XX:TieredStopAtLevel=1"); // a short-lived JVM: C1 only starts it sooner (24 runs in the build)
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not end within " + KEYTOOL_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + new String(output));
        }
    }
}
