package io.squall.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class whose tests run against a real Squall server (Tornado's {@code
 * AsyncHTTPTestCase}). The class declares the application with a method annotated {@link
 * TestApplication}; before each test the extension serves it on an unused port on a loop of its
 * own, and test methods take a {@link SquallClient} parameter to {@code fetch} from it:
 *
 * <pre>{@code
 * @SquallTest
 * class HelloTest {
 *   @TestApplication
 *   Application app() {
 *     return Application.builder().route("/", HelloHandler::new).build();
 *   }
 *
 *   @Test
 *   void saysHello(SquallClient client) {
 *     assertThat(client.fetch("/").text()).isEqualTo("Hello, world");
 *   }
 * }
 * }</pre>
 *
 * <p>After each test the server and its loop are stopped and every connection closed.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SquallExtension.class)
public @interface SquallTest {}
