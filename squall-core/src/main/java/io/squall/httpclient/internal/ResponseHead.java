package io.squall.httpclient.internal;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpVersion;

/**
 * A parsed response head.
 *
 * @param version the protocol version ({@code HTTP/1.x} above 1.1 is taken as 1.1)
 * @param versionText the version as sent, e.g. {@code HTTP/1.1}
 * @param status the status code
 * @param reason the reason phrase, possibly empty
 * @param headers the header fields
 * @param framing how the body is delimited
 * @param contentLength the body length for {@link ResponseFraming#CONTENT_LENGTH}, else -1
 * @param keepAlive whether the server lets the connection carry another request afterwards
 */
public record ResponseHead(
    HttpVersion version,
    String versionText,
    int status,
    String reason,
    HttpHeaders headers,
    ResponseFraming framing,
    long contentLength,
    boolean keepAlive) {}
