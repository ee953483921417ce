package io.squall.tcp;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server key manager that picks the certificate by the name the client asked for with SNI: one
 * key manager per host name (exact, or {@code *.example.com} for one label under it), and a default
 * for clients that send no name or an unknown one. Put it in the server's {@link
 * javax.net.ssl.SSLContext}:
 *
 * <pre>{@code
 * SniKeyManager km = SniKeyManager.of(
 *     Map.of("a.example", SniKeyManager.fromKeyStore(storeA, pw),
 *            "b.example", SniKeyManager.fromKeyStore(storeB, pw)),
 *     SniKeyManager.fromKeyStore(storeA, pw));
 * SSLContext ctx = SSLContext.getInstance("TLS");
 * ctx.init(new KeyManager[] {km}, null, null);
 * }</pre>
 */
public final class SniKeyManager extends X509ExtendedKeyManager {
  private final Map<String, Integer> byName = new HashMap<>();
  private final List<X509ExtendedKeyManager> managers = new ArrayList<>();

  private SniKeyManager(
      Map<String, X509ExtendedKeyManager> named, X509ExtendedKeyManager fallback) {
    managers.add(Objects.requireNonNull(fallback, "fallback"));
    for (Map.Entry<String, X509ExtendedKeyManager> e : named.entrySet()) {
      managers.add(Objects.requireNonNull(e.getValue(), "key manager"));
      byName.put(e.getKey().toLowerCase(Locale.ROOT), managers.size() - 1);
    }
  }

  /** A key manager choosing from {@code named} by SNI name, else {@code fallback}. */
  public static SniKeyManager of(
      Map<String, X509ExtendedKeyManager> named, X509ExtendedKeyManager fallback) {
    return new SniKeyManager(named, fallback);
  }

  /**
   * The JDK's key manager for {@code store} (a private key entry protected by {@code password}).
   */
  public static X509ExtendedKeyManager fromKeyStore(KeyStore store, char[] password)
      throws java.security.GeneralSecurityException {
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, password);
    for (KeyManager km : f.getKeyManagers()) {
      if (km instanceof X509ExtendedKeyManager x) {
        return x;
      }
    }
    throw new java.security.KeyStoreException("no X.509 key manager for the key store");
  }

  private int pick(SSLEngine engine) {
    SSLSession s = engine == null ? null : engine.getHandshakeSession();
    if (!(s instanceof ExtendedSSLSession ext)) {
      return 0;
    }
    for (SNIServerName n : ext.getRequestedServerNames()) {
      if (n instanceof SNIHostName h) {
        String name = h.getAsciiName().toLowerCase(Locale.ROOT);
        Integer i = byName.get(name);
        if (i == null) {
          int dot = name.indexOf('.');
          i = dot > 0 ? byName.get("*" + name.substring(dot)) : null;
        }
        return i == null ? 0 : i;
      }
    }
    return 0;
  }

  private static String tag(int index, String alias) {
    return alias == null ? null : index + ":" + alias;
  }

  private X509ExtendedKeyManager managerOf(String alias) {
    int colon = alias == null ? -1 : alias.indexOf(':');
    if (colon < 0) {
      return null;
    }
    try {
      int i = Integer.parseInt(alias.substring(0, colon));
      return i >= 0 && i < managers.size() ? managers.get(i) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    int i = pick(engine);
    return tag(i, managers.get(i).chooseEngineServerAlias(keyType, issuers, engine));
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return tag(0, managers.get(0).chooseServerAlias(keyType, issuers, socket));
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < managers.size(); i++) {
      String[] a = managers.get(i).getServerAliases(keyType, issuers);
      if (a != null) {
        for (String s : a) {
          all.add(tag(i, s));
        }
      }
    }
    return all.isEmpty() ? null : all.toArray(String[]::new);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    X509ExtendedKeyManager m = managerOf(alias);
    return m == null ? null : m.getCertificateChain(alias.substring(alias.indexOf(':') + 1));
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    X509ExtendedKeyManager m = managerOf(alias);
    return m == null ? null : m.getPrivateKey(alias.substring(alias.indexOf(':') + 1));
  }
}
