/**
 * Internals of the HTTP layer: the incremental HTTP/1.1 request parser and its tables ({@code
 * Http1RequestParser}, {@code KnownHeaders}); the server connection and the parts it delegates to
 * (reading requests, the body's limit and decoding, framing responses, batching output, deadlines);
 * character classes and tokens ({@code HttpChars}) and header-value parsing ({@code HeaderValues})
 * shared with the web and WebSocket layers; body parsing (forms, multipart, gzip); and {@code
 * HttpAccess}, the accessor for what the exported HTTP types do not offer as API. Not exported; not
 * API.
 *
 * <p>Layer 5: may use {@code io.squall.http} and the layers below it; the web and WebSocket layers
 * (layer 7) use it, nothing below does.
 */
package io.squall.http.internal;
