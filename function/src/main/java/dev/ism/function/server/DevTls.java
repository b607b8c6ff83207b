package dev.ism.function.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HTTPS for the local run only (never on Lambda, where API Gateway terminates TLS): a self-signed
 * certificate for {@code localhost} and {@code 127.0.0.1}, made on first start by the JDK's own
 * {@code keytool} and kept in a directory (the repository's git-ignored {@code .tls/}) where a
 * kubeconfig can trust it: {@code server.p12} (key and certificate, for the server) and
 * {@code server.crt} (the certificate in PEM, for clients). Both are DEV ONLY.
 */
public final class DevTls {

    public static final String KEYSTORE = "server.p12";
    public static final String CERTIFICATE = "server.crt";
    /** The keystore's password: dev only, like the keystore itself. */
    static final String PASSWORD = "ism-dev-only";

    private DevTls() {
    }

    /** Makes the certificate in {@code dir} unless it is there, then the Micronaut settings serving HTTPS on {@code port}. */
    public static Map<String, Object> serverProperties(Path dir, int port) {
        ensure(dir);
        return Map.of(
                "micronaut.server.ssl.enabled", true,
                "micronaut.server.ssl.port", port,
                "micronaut.server.ssl.build-self-signed", false,
                "micronaut.server.ssl.key-store.path", "file:" + dir.resolve(KEYSTORE).toAbsolutePath(),
                "micronaut.server.ssl.key-store.password", PASSWORD,
                "micronaut.server.ssl.key-store.type", "PKCS12");
    }

    /** The keystore and the PEM certificate in {@code dir}, made by keytool when either is missing. */
    public static synchronized void ensure(Path dir) {
        Path keystore = dir.resolve(KEYSTORE);
        Path certificate = dir.resolve(CERTIFICATE);
        if (Files.isRegularFile(keystore) && Files.isRegularFile(certificate)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path work = Files.createTempDirectory(dir, ".new-");
            Path newKeystore = work.resolve(KEYSTORE);
            keytool(List.of("-genkeypair", "-alias", "ism", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-validity", "825", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", newKeystore.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
            Path newCertificate = work.resolve(CERTIFICATE);
            keytool(List.of("-exportcert", "-rfc", "-alias", "ism", "-keystore", newKeystore.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-file", newCertificate.toString()));
            Files.move(newKeystore, keystore, StandardCopyOption.REPLACE_EXISTING);
            Files.move(newCertificate, certificate, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the dev TLS certificate in " + dir, e);
        }
    }

    private static void keytool(List<String> args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>();
        command.add(keytool.toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args.get(0) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
