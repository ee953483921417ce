package io.squall.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A GET or HEAD for a path without a trailing slash is redirected (301) to the path with it; other
 * methods get 404 (Tornado's {@code @addslash}). Route the pattern with {@code /?}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AddSlash {}
