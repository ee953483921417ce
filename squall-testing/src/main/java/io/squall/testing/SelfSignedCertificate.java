package io.squall.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made at test time with the running JDK's {@code keytool} (an EC P-256
 * key, valid for two days), for TLS tests: the server's {@link #serverContext()}, a client's {@link
 * #clientContext()} that trusts it, and PEM files ({@link #certificatePem()}, {@link
 * #privateKeyPem()}) for {@code curl --cacert} or a server that loads PEM.
 *
 * <pre>{@code
 * SelfSignedCertificate cert = SelfSignedCertificate.create(tempDir, "localhost", "dns:localhost");
 * app.listen(0, cert.serverContext());
 * }</pre>
 */
public final class SelfSignedCertificate {
  private static final char[] PASSWORD = "squall-test".toCharArray();

  private final Path keyStoreFile;
  private final Path certificatePem;
  private final Path privateKeyPem;
  private final KeyStore keyStore;

  private SelfSignedCertificate(Path keyStoreFile, Path certificatePem, Path privateKeyPem)
      throws IOException, GeneralSecurityException {
    this.keyStoreFile = keyStoreFile;
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
    this.keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStoreFile)) {
      keyStore.load(in, PASSWORD);
    }
    PrivateKey key = (PrivateKey) keyStore.getKey("server", PASSWORD);
    Files.writeString(privateKeyPem, pem("PRIVATE KEY", key.getEncoded()));
  }

  /**
   * Makes a certificate in {@code dir} for the common name {@code cn} with the given subject
   * alternative names ({@code dns:localhost}, {@code ip:127.0.0.1}); a client checking host names
   * accepts it only for those names.
   */
  public static SelfSignedCertificate create(Path dir, String cn, String... subjectAltNames) {
    try {
      Files.createDirectories(dir);
      Path store = Files.createTempFile(dir, "cert-", ".p12");
      Files.delete(store); // keytool wants to create it
      String base = store.getFileName().toString().replace(".p12", "");
      Path certPem = dir.resolve(base + ".crt.pem");
      Path keyPem = dir.resolve(base + ".key.pem");
      List<String> gen =
          new ArrayList<>(
              List.of(
                  "-genkeypair",
                  "-alias",
                  "server",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-validity",
                  "2",
                  "-dname",
                  "CN=" + cn,
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  new String(PASSWORD),
                  "-keypass",
                  new String(PASSWORD)));
      if (subjectAltNames.length > 0) {
        gen.add("-ext");
        gen.add("SAN=" + String.join(",", subjectAltNames));
      }
      keytool(gen);
      keytool(
          List.of(
              "-exportcert",
              "-rfc",
              "-alias",
              "server",
              "-keystore",
              store.toString(),
              "-storepass",
              new String(PASSWORD),
              "-file",
              certPem.toString()));
      return new SelfSignedCertificate(store, certPem, keyPem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the generated key store", e);
    }
  }

  private static void keytool(List<String> args) throws IOException {
    Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd = new ArrayList<>();
    cmd.add(tool.toString());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish: " + cmd);
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "keytool failed (" + p.exitValue() + "): " + new String(out, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running keytool", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  /** The PKCS#12 key store holding the key and certificate (alias {@code server}). */
  public Path keyStoreFile() {
    return keyStoreFile;
  }

  /** The certificate as a PEM file (for {@code curl --cacert} or a CA file option). */
  public Path certificatePem() {
    return certificatePem;
  }

  /** The private key as an unencrypted PKCS#8 PEM file. */
  public Path privateKeyPem() {
    return privateKeyPem;
  }

  /** The certificate. */
  public X509Certificate certificate() {
    try {
      return (X509Certificate) keyStore.getCertificate("server");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key store (password {@link #password()}). */
  public KeyStore keyStore() {
    return keyStore;
  }

  /** The key store's and the key's password. */
  public char[] password() {
    return PASSWORD.clone();
  }

  /** A TLS context that serves this certificate. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS context for clients that trusts this certificate (and nothing else). */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("server", certificate());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
