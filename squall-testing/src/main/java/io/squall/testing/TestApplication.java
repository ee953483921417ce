package io.squall.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link SquallTest} class that makes the application under test (Tornado's
 * {@code get_app}). It takes no arguments and returns an {@code io.squall.web.Application}, or an
 * {@code io.squall.http.HttpServerConnectionDelegate} for plain HTTP tests. It is called before
 * each test, on the test's thread.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TestApplication {}
