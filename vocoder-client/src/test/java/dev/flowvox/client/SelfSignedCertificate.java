// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made with the JDK's keytool and written as
 * PEM files (certificate chain, PKCS#8 key) as the server reads them.
 *
 * @param certificate the certificate PEM
 * @param key the private key PEM
 */
public record SelfSignedCertificate(Path certificate, Path key) {

    private static final String PASSWORD = "test-only";

    /**
     * @param dir where the key store and the PEM files go
     * @return the certificate and key files
     * @throws IOException if keytool fails
     * @throws InterruptedException if interrupted while keytool runs
     * @throws GeneralSecurityException if the key store cannot be read
     */
    public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("localhost.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool exited with " + process.exitValue() + ": " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Path certificate = dir.resolve("localhost.crt");
        Path key = dir.resolve("localhost.key");
        Files.writeString(certificate, pem("CERTIFICATE", keys.getCertificate("localhost").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", keys.getKey("localhost", PASSWORD.toCharArray()).getEncoded()));
        return new SelfSignedCertificate(certificate, key);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
