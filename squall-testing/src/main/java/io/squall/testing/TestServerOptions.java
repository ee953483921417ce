package io.squall.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an optional method of a {@link SquallTest} class that returns the {@code
 * io.squall.http.HttpServerOptions} of the test server (Tornado's {@code get_httpserver_options}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TestServerOptions {}
