/**
 * Tornado's template language for Java (Tornado's {@code tornado.template}): the same syntax, so a
 * Tornado user can read and port templates, with expressions in a sandboxed subset of <a
 * href="https://commons.apache.org/proper/commons-jexl/">Apache Commons JEXL</a> instead of Python.
 *
 * <pre>{@code
 * Loader loader = new Loader(Path.of("templates"));
 * String html = loader.load("index.html").generate(Map.of("user", user, "items", items));
 * }</pre>
 *
 * <h2>Syntax</h2>
 *
 * <ul>
 *   <li>{@code {{ expression }}} — output, passed through the autoescape function ({@code
 *       xhtml_escape} unless configured otherwise). {@code null} renders as an empty string.
 *   <li>{@code {% raw expression %}} — output without escaping.
 *   <li>{@code {# comment #}} and {@code {% comment anything %}} — left out of the output.
 *   <li><code>&#123;&#123;!</code>, <code>&#123;%!</code> and <code>&#123;#!</code> — the literal
 *       <code>&#123;&#123;</code>, <code>&#123;%</code> and <code>&#123;#</code>.
 *   <li>{@code {% if cond %}}...{@code {% elif cond %}}...{@code {% else %}}...{@code {% end %}}.
 *   <li>{@code {% for x in items %}}...{@code {% end %}}, also {@code {% for k, v in d.items() %}}
 *       and Python's {@code {% else %}} (rendered when the loop did not {@code break}); {@code {%
 *       break %}} and {@code {% continue %}}; {@code {% while cond %}}...{@code {% end %}}.
 *   <li>{@code {% set x = expression %}} (also {@code +=}, {@code -=}, {@code *=}, {@code /=},
 *       {@code %=}).
 *   <li>{@code {% try %}}...{@code {% except %}}...{@code {% else %}}...{@code {% finally
 *       %}}...{@code {% end %}}; {@code except} is bare and catches every error.
 *   <li>{@code {% extends "base.html" %}} with {@code {% block name %}}...{@code {% end %}}: the
 *       most derived template's version of each block renders, at any depth; text outside blocks of
 *       an extending template is ignored.
 *   <li>{@code {% include "part.html" %}} — inlines another template, which shares the includer's
 *       variables. Include and extends cycles are errors.
 *   <li>{@code {% apply function %}}...{@code {% end %}} — passes the rendered body through a
 *       function, e.g. {@code linkify}.
 *   <li>{@code {% module Name(args, key=value) %}} — renders a {@link io.squall.template.UIModule}
 *       (see {@link io.squall.template.UIModules}); its output is not escaped.
 *   <li>{@code {% autoescape name %}} / {@code {% autoescape None %}} — the escape function for the
 *       whole file (wherever the tag appears, as in Tornado). Blocks escape like the file that
 *       defines them; included files use their own setting.
 *   <li>{@code {% whitespace all|single|oneline %}} — how the rest of the file's literal text is
 *       compressed; see {@link io.squall.template.WhitespaceMode}. The default is {@code single}
 *       for {@code .html} and {@code .js} files, {@code all} otherwise.
 * </ul>
 *
 * <h2>Namespace</h2>
 *
 * Every template sees {@code escape}/{@code xhtml_escape}, {@code url_escape(s[, plus])}, {@code
 * json_encode}, {@code squeeze}, {@code linkify(text[, shorten[, extra_params[, require_protocol[,
 * permitted_protocols]]]])}, {@code len}, {@code range} and the constants {@code None}, {@code
 * True} and {@code False}; then the loader's {@link io.squall.template.TemplateSettings#namespace()
 * namespace}; then the arguments to {@code generate}, which win over both. When rendering from a
 * request handler, the web layer adds {@code handler}, {@code request}, {@code current_user},
 * {@code locale}, {@code _}, {@code static_url}, {@code xsrf_form_html} and {@code reverse_url}.
 * Any namespace value that is a {@link io.squall.template.TemplateFunction}, {@code Function},
 * {@code BiFunction} or {@code Supplier} can be called like a function: {@code {{ _("Sign in") }}}.
 *
 * <h2>Expressions: JEXL, not Python</h2>
 *
 * Expressions support variables, property access ({@code user.name} reads a getter, a public field,
 * a record component or a map key), method calls, indexing ({@code items[0]}, {@code d["key"]}),
 * arithmetic, comparison, {@code and}/{@code or}/{@code not}, the ternary {@code c ? a : b}, string
 * concatenation with {@code +}, and list ({@code [1, 2]}) and map ({@code {"a": 1}}) literals.
 * Differences from Python that a Tornado user will meet:
 *
 * <ul>
 *   <li>Python's {@code a if c else b} is written {@code c ? a : b}.
 *   <li>Membership: {@code x in items} is written {@code x =~ items} (for a collection or map) or
 *       {@code items.contains(x)}; with a string on the right, {@code =~} is a regular expression
 *       match, so use {@code s.contains(part)} for substrings. {@code is None} is {@code == None}.
 *   <li>Truth follows Python ({@code if items} is false for an empty list, {@code name or
 *       "anonymous"} gives the first truthy operand), but numbers follow Java: {@code 7 / 2} is
 *       {@code 3}; write {@code 7 / 2.0} for {@code 3.5}.
 *   <li>Undefined names and properties are errors, as in Python; reading a property of {@code null}
 *       is an error too — use {@code user?.name} or {@code value ?? "default"}.
 *   <li>No comprehensions, slices, negative indexes, {@code %} formatting, keyword arguments
 *       (except in {@code module} calls), lambdas or {@code import}. Methods use their Java names,
 *       though {@code d.items()}, {@code d.keys()}, {@code d.get(k, default)}, {@code s.upper()},
 *       {@code s.lower()}, {@code s.startswith(p)} and {@code s.endswith(p)} are understood.
 *   <li>{@code {% for x in a_map %}} loops over the keys, as in Python; a string loops over its
 *       characters.
 *   <li>{@code None} renders as an empty string, where Tornado prints {@code None}.
 * </ul>
 *
 * <h2>Sandbox</h2>
 *
 * Template authors cannot reach arbitrary classes. Expressions cannot create objects, assign (other
 * than through {@code set}), define functions or load classes by name; they can call public methods
 * only on safe JDK types (strings, numbers, {@code java.util} collections and streams, {@code
 * java.time}, {@code java.text}), Squall's own classes and application classes — all of them, or
 * only those of the packages given to {@link
 * io.squall.template.TemplateSettings.Builder#allowPackages}. {@code getClass}, reflection, class
 * loaders, threads, processes, files and sockets are out of reach, so an expression cannot get to
 * {@code Runtime.exec} from any object it is given. On the module path, packages of model classes
 * must be exported (or, for records that are not public, opened) to {@code io.squall.core} and
 * {@code org.apache.commons.jexl3}.
 *
 * <h2>Compilation and speed</h2>
 *
 * A {@link io.squall.template.Template} is parsed once; every expression is compiled once by JEXL
 * and kept in its node; {@code extends}, {@code block} and {@code include} are resolved at compile
 * time into one tree, with adjacent text merged. Rendering walks that tree, appending to a single
 * {@code StringBuilder}. {@link io.squall.template.Loader} caches compiled templates (thread-safe;
 * in debug mode it recompiles a template when its file or a file it uses changes).
 *
 * <p>Layer 7, but self-contained: may use only {@code io.squall.escape}, the JDK and JEXL, so
 * templates render without the web framework; the web layer uses it, not the other way round.
 */
package io.squall.template;
