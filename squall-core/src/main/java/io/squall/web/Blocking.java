package io.squall.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a handler's {@code prepare} and verb methods on a virtual thread instead of the loop, so
 * they may block (JDBC, files, sleeping). On a class it applies to every method; on a method, to
 * that method.
 *
 * <p>Output calls made from the virtual thread ({@code flush}, {@code finish}, {@code redirect},
 * {@code sendError}) hop to the loop and wait there, so the handler needs no locks. Reading the
 * request is safe from any thread.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Blocking {}
