package io.squall.tcp.internal;

import io.squall.tcp.TlsClientOptions;
import io.squall.tcp.TlsServerOptions;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Makes the client and server {@link SSLEngine}s of the TCP layer from its options. Not API. */
public final class TlsEngines {
  private TlsEngines() {}

  /** A server engine: ALPN selection, client certificates as the options say. */
  public static SSLEngine server(TlsServerOptions options) {
    SSLEngine engine = options.sslContext().createSSLEngine();
    engine.setUseClientMode(false);
    switch (options.clientAuth()) {
      case NEED -> engine.setNeedClientAuth(true);
      case WANT -> engine.setWantClientAuth(true);
      case NONE -> {}
    }
    List<String> ours = options.applicationProtocols();
    if (!ours.isEmpty()) {
      // choose by the server's preference; a client offering none of ours is served without ALPN
      engine.setHandshakeApplicationProtocolSelector(
          (e, offered) -> {
            for (String p : ours) {
              if (offered.contains(p)) {
                return p;
              }
            }
            return "";
          });
    }
    return engine;
  }

  /** A client engine for {@code host}: SNI, endpoint identification and ALPN as configured. */
  public static SSLEngine client(TlsClientOptions options, String host, int port) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    SSLEngine engine = options.sslContext().createSSLEngine(bare, port);
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    if (options.verifyHostname()) {
      params.setEndpointIdentificationAlgorithm("HTTPS");
    }
    String sni = options.serverName() != null ? options.serverName() : bare;
    if (!Connector.isIpLiteral(sni)) {
      params.setServerNames(List.of(new SNIHostName(sni)));
    }
    if (!options.applicationProtocols().isEmpty()) {
      params.setApplicationProtocols(options.applicationProtocols().toArray(String[]::new));
    }
    engine.setSSLParameters(params);
    return engine;
  }
}
