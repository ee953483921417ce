package io.squall.httpclient.internal;

import io.squall.tcp.TlsClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client TLS contexts behind {@code validateCert} and {@code caFile}: the JDK default, one per
 * CA file (read once per file version, cached), and one that trusts anything for {@code
 * validateCert(false)}. Not API.
 */
final class TlsContexts {
  private record CaKey(Path path, long modified, long size) {}

  private static final ConcurrentHashMap<CaKey, SSLContext> BY_CA_FILE = new ConcurrentHashMap<>();
  private static volatile SSLContext trustAll;

  private TlsContexts() {}

  /** The client options for {@code settings}. */
  static TlsClientOptions client(StreamConnector.TlsSettings settings) {
    if (!settings.validateCert()) {
      return TlsClientOptions.of(trustAll()).withVerifyHostname(false);
    }
    if (settings.caFile() == null) {
      return TlsClientOptions.defaults();
    }
    return TlsClientOptions.of(forCaFile(settings.caFile()));
  }

  private static SSLContext forCaFile(Path file) {
    CaKey key;
    try {
      key =
          new CaKey(
              file.toAbsolutePath(), Files.getLastModifiedTime(file).toMillis(), Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CA file " + file, e);
    }
    return BY_CA_FILE.computeIfAbsent(key, k -> load(k.path()));
  }

  /** A context trusting the PEM (or DER) certificates in {@code file}. */
  private static SSLContext load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("no certificates in the CA file " + file);
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CA file " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("bad CA file " + file + ": " + e.getMessage(), e);
    }
  }

  private static SSLContext trustAll() {
    SSLContext ctx = trustAll;
    if (ctx == null) {
      try {
        ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustAnything()}, null);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot make a TLS context", e);
      }
      trustAll = ctx;
    }
    return ctx;
  }

  /** For {@code validateCert(false)}: accepts every certificate, checks no host name. */
  private static final class TrustAnything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
