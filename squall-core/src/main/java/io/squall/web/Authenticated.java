package io.squall.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a logged-in user ({@link RequestHandler#currentUser()} not null) for a verb method, or
 * for every verb method of an annotated class (Tornado's {@code @authenticated}). Without one, GET
 * and HEAD redirect to the {@code loginUrl} setting with {@code ?next=} the request URI; other
 * methods get 403.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Authenticated {}
