package io.squall.adversarial.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.squall.template.Template;
import io.squall.template.TemplateException;

/**
 * Jazzer target for the template parser: any source either compiles or raises a {@link
 * TemplateException} (a syntax error naming its line); nothing else escapes.
 */
class TemplateFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse(String source) {
    if (source == null) {
      return; // Jazzer may pass null; a null source is a programming error, not input
    }
    try {
      new Template(source);
    } catch (TemplateException expected) {
      // the documented error
    }
  }
}
