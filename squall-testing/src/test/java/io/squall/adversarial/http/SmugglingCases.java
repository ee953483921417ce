package io.squall.adversarial.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request-smuggling inputs by name: the classic CL.TE / TE.CL / TE.TE shapes and the published
 * cases of Netty, Jetty and Tornado (the advisory is in the name). Squall must refuse every one;
 * the differential test also feeds them to Netty and h11.
 */
public final class SmugglingCases {
  private SmugglingCases() {}

  private static final Map<String, String> ALL_MUTABLE = new LinkedHashMap<>();

  /** Name to raw request bytes (ISO-8859-1). */
  public static final Map<String, String> ALL = Collections.unmodifiableMap(ALL_MUTABLE);

  static {
    String get = "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n";
    ALL_MUTABLE.put(
        "CL.TE",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG"
            + get);
    ALL_MUTABLE.put(
        "TE.CL",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "8\r\nSMUGGLED\r\n0\r\n\r\n");
    ALL_MUTABLE.put(
        "TE.TE-obfuscated",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-encoding: x\r\n\r\n"
            + "0\r\n\r\n"
            + get);
    ALL_MUTABLE.put(
        "CL.CL",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nContent-Length: 32\r\n\r\n" + get);
    ALL_MUTABLE.put(
        "CL-list-conflict", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0, 32\r\n\r\n" + get);
    ALL_MUTABLE.put(
        "CL-obs-fold", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n 32\r\n\r\n" + get);
    ALL_MUTABLE.put(
        "TE-obs-fold",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n" + get);
    ALL_MUTABLE.put(
        "fold-hides-TE",
        "POST / HTTP/1.1\r\nHost: h\r\nX: y\r\n Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
            + "0\r\n\r\n"
            + get);
    ALL_MUTABLE.put(
        "TE-bare-CR-in-name-line",
        "POST / HTTP/1.1\r\nHost: h\r\nX: y\rTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get);
    ALL_MUTABLE.put("header-bare-CR-before-LF", "GET / HTTP/1.1\r\nHost: h\r\nX: y\r\r\n\r\n");
    ALL_MUTABLE.put(
        "chunk-size-bare-LF-smuggle",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\nxx\r\n0\r\n\r\n" + get);
    ALL_MUTABLE.put(
        "chunk-ext-bare-LF",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2;\nxx\r\n47\r\n0\r\n\r\n"
            + get);
    ALL_MUTABLE.put(
        "chunk-data-LF-only",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxx\n0\r\n\r\n" + get);
    ALL_MUTABLE.put(
        "chunk-size-overflow",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "10000000000000002\r\nxx\r\n0\r\n\r\n");
    // Netty CVE-2019-16869: whitespace between header name and colon
    ALL_MUTABLE.put(
        "netty-CVE-2019-16869-space-before-colon",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n"
            + "0\r\n\r\n"
            + get);
    // Netty CVE-2019-20444: a header line without a colon
    ALL_MUTABLE.put(
        "netty-CVE-2019-20444-no-colon",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"
            + get);
    // Netty CVE-2019-20445: Content-Length with chunked, or two Content-Lengths
    ALL_MUTABLE.put(
        "netty-CVE-2019-20445-cl-and-chunked",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "0\r\n\r\n"
            + get);
    ALL_MUTABLE.put(
        "netty-CVE-2019-20445-two-cl",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!" + get);
    // Netty CVE-2020-7238: whitespace before Transfer-Encoding's name or value (vertical tab)
    ALL_MUTABLE.put(
        "netty-CVE-2020-7238-leading-space-name",
        "POST / HTTP/1.1\r\nHost: h\r\n Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
            + "0\r\n\r\n"
            + get);
    ALL_MUTABLE.put(
        "netty-CVE-2020-7238-vtab-value",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \u000bchunked\r\nContent-Length: 5\r\n\r\n"
            + "0\r\n\r\n"
            + get);
    // Netty CVE-2021-43797: control characters in header names
    ALL_MUTABLE.put(
        "netty-CVE-2021-43797-ctl-in-name",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding\u0001: chunked\r\nContent-Length: 5\r\n\r\n"
            + "0\r\n\r\n"
            + get);
    // Netty GHSA-fghv-69vj-qj49 (CVE-2025-58056): a bare LF ends a chunk extension
    ALL_MUTABLE.put(
        "netty-CVE-2025-58056-chunk-ext-lf",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;a\nx\r\n0\r\n\r\n"
            + get);
    // Netty CVE-2025-67735 style: CR/LF injected in the request target
    ALL_MUTABLE.put("netty-request-target-crlf", "GET /a\rX: y HTTP/1.1\r\nHost: h\r\n\r\n");
    // Jetty CVE-2017-7656: an HTTP/0.9 request line
    ALL_MUTABLE.put("jetty-CVE-2017-7656-http09", "GET /\r\n\r\n" + get);
    // Jetty CVE-2017-7657: chunk size integer overflow
    ALL_MUTABLE.put(
        "jetty-CVE-2017-7657-chunk-overflow",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "100000000000000000000000000000001\r\nx\r\n0\r\n\r\n"
            + get);
    // Jetty CVE-2017-7658: two Content-Lengths, or Content-Length with chunked
    ALL_MUTABLE.put(
        "jetty-CVE-2017-7658-double-cl",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nContent-Length: 35\r\n\r\n" + get);
    ALL_MUTABLE.put(
        "jetty-CVE-2017-7658-cl-te",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 35\r\n\r\n"
            + "0\r\n\r\n"
            + get);
    // Jetty CVE-2023-40167: '+' before the Content-Length digits
    ALL_MUTABLE.put(
        "jetty-CVE-2023-40167-plus-cl",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +35\r\n\r\n" + get);
    // Jetty GHSA-hmr7-m48g-48f6 (CVE-2023-26048-adjacent) / RFC 9112 7.1.1: quoted chunk ext
    ALL_MUTABLE.put(
        "jetty-chunk-ext-quoted-crlf",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "1;a=\"\r\nx\"\r\nx\r\n0\r\n\r\n"
            + get);
    // Tornado GHSA-753j-mpmx-qq6g: chunked twice
    ALL_MUTABLE.put(
        "tornado-GHSA-753j-mpmx-qq6g-chunked-twice",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "0\r\n\r\n"
            + get);
    ALL_MUTABLE.put(
        "tornado-GHSA-753j-mpmx-qq6g-chunked-list",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n" + get);
    // Tornado GHSA-7cx3-6m66-7c5m style: chunked in HTTP/1.0
    ALL_MUTABLE.put(
        "http10-chunked", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get);
    ALL_MUTABLE.put("nul-in-value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\u0000b\r\n\r\n");
    ALL_MUTABLE.put("empty-header-name", "GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n");
    ALL_MUTABLE.put("first-header-indented", "GET / HTTP/1.1\r\n Host: h\r\n\r\n");
  }
}
