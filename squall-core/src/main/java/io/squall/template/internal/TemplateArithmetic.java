package io.squall.template.internal;

import java.math.MathContext;
import org.apache.commons.jexl3.JexlArithmetic;

/**
 * JEXL's strict arithmetic with Python's truth test, so {@code not items}, {@code items and
 * items[0]} and {@code name or "anonymous"} behave as a Tornado template author expects.
 *
 * <p>Only non-operator methods are overridden: overriding an operator method (such as {@code not})
 * makes JEXL look for operator overloads by reflection on every evaluation.
 */
final class TemplateArithmetic extends JexlArithmetic {
  TemplateArithmetic() {
    super(true);
  }

  private TemplateArithmetic(boolean strict, MathContext context, int scale) {
    super(strict, context, scale);
  }

  @Override
  protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
    return new TemplateArithmetic(strict, context, scale);
  }

  @Override
  public boolean toBoolean(Object value) {
    return Truth.test(value);
  }

  @Override
  protected boolean toBoolean(boolean strict, Object value) {
    return Truth.test(value);
  }

  @Override
  public boolean testPredicate(Object value) {
    return Truth.test(value);
  }
}
