/**
 * Internals of the HTTP layer: the incremental HTTP/1.1 request parser and the helpers of body
 * parsing. Not exported; not API.
 */
package io.squall.http.internal;
