package io.squall.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Streams the request body to {@link RequestHandler#dataReceived} piece by piece instead of
 * buffering it (Tornado's {@code @stream_request_body}). {@code prepare()} runs when the headers
 * arrive, the verb method after the last piece. Memory stays flat for a body of any allowed size; a
 * handler may raise the limit with {@link RequestHandler#setMaxBodySize} in {@code prepare}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StreamRequestBody {}
