/**
 * Internals of the template engine: the parser, the node tree and the linker that resolves {@code
 * extends}, {@code block} and {@code include}, expression evaluation through JEXL with its sandbox
 * and caches, and the built-in functions. Not exported, except to JEXL for the helper objects it
 * calls; not API.
 *
 * <p>Layer 7, self-contained: may use {@code io.squall.template}, {@code io.squall.escape}, the JDK
 * and JEXL.
 */
package io.squall.template.internal;
