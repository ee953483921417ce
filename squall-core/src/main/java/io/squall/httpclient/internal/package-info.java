/** Internals of the HTTP client: the response parser, connections and the pool. Not API. */
package io.squall.httpclient.internal;
