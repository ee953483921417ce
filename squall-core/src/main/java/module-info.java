/**
 * Squall core: Tornado's model of a web framework and asynchronous networking library for Java.
 *
 * <p>Layers, lowest first: {@code escape}, {@code ioloop}, {@code iostream}, {@code tcp}, {@code
 * http}, {@code httpclient}, {@code web}/{@code websocket}/{@code template}/{@code locale}. A layer
 * uses only the layers below it. Packages named {@code ...internal} are not exported and are not
 * API.
 */
module io.squall.core {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive org.slf4j;
  requires jdk.unsupported; // sun.misc.Signal for SIGTERM/SIGINT handling

  exports io.squall.escape;
  exports io.squall.ioloop;
  exports io.squall.iostream;
  exports io.squall.tcp;
  exports io.squall.http;
  exports io.squall.httpclient;
  exports io.squall.web;
  exports io.squall.websocket;
  exports io.squall.template;
  exports io.squall.locale;
}
