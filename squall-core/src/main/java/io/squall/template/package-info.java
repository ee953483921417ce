/**
 * Tornado's template language for Java (Tornado's {@code tornado.template}): the same syntax and
 * the same expression language, a sandboxed subset of Python, so Tornado templates run as written.
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
 *       xhtml_escape} unless configured otherwise). {@code null} renders as {@code None}.
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
 * Every template sees Tornado's {@code escape}/{@code xhtml_escape}, {@code url_escape(value,
 * plus=True)}, {@code json_encode}, {@code squeeze}, {@code linkify(text, shorten=False,
 * extra_params='', require_protocol=False, permitted_protocols=...)} and Python's built-in
 * functions; then the loader's {@link io.squall.template.TemplateSettings#namespace() namespace};
 * then the arguments to {@code generate}, which win over both. When rendering from a request
 * handler, the web layer adds {@code handler}, {@code request}, {@code current_user}, {@code
 * locale}, {@code _}, {@code static_url}, {@code xsrf_form_html} and {@code reverse_url}. Any
 * namespace value that is a {@link io.squall.template.KeywordFunction}, {@link
 * io.squall.template.TemplateFunction}, {@code Function}, {@code BiFunction} or {@code Supplier}
 * can be called like a function: {@code {{ _("Sign in") }}}.
 *
 * <h2>Expressions: Python</h2>
 *
 * Expressions are the subset of Python that templates use, with Python's semantics wherever they
 * show in the output: literals, f-strings, arithmetic with true and floor division, {@code %}
 * formatting and {@code str.format}, comparisons (chained), {@code in}, {@code is}, {@code
 * and}/{@code or}/{@code not} with Python's truth, {@code a if c else b}, subscripts and slices,
 * calls with keyword arguments and {@code *args}/{@code **kwargs}, lambdas, comprehensions and
 * generator expressions, Python's builtins and the methods of {@code str}, {@code list} and {@code
 * dict} on Java strings, lists and maps. {@code {{ None }}} prints {@code None}, floats print as
 * Python prints them, lists and dicts in Python's repr. On Java objects, {@code obj.name} reads a
 * map key, record component, getter, public field or no-argument method, and a snake_case name
 * finds the camelCase member. A Java method whose only parameter is {@link
 * io.squall.template.TemplateArgs} receives keyword arguments ({@code locale.format_date(d,
 * full_format=True)}). The full reference, the keyword-argument contract and the differences from
 * Tornado are in {@code docs/templates.md}.
 *
 * <h2>Sandbox</h2>
 *
 * Template authors cannot reach arbitrary classes. Names and attributes starting with {@code _}
 * ({@code __class__}, {@code __globals__}...), {@code eval}, {@code exec}, {@code open}, {@code
 * getattr}, {@code type}, {@code __import__} and {@code import} are rejected when the template
 * compiles. Java members are reachable only on safe JDK types (strings, numbers, {@code java.util}
 * collections and streams, {@code java.time}, {@code java.text}), Squall's own classes and
 * application classes — all of them, or only those of the packages given to {@link
 * io.squall.template.TemplateSettings.Builder#allowPackages}; no constructor or static method can
 * be called. {@code getClass}, reflection, class loaders, threads, processes, files and sockets are
 * out of reach, so an expression cannot get to {@code Runtime.exec} from any object it is given.
 *
 * <h2>Compilation and speed</h2>
 *
 * A {@link io.squall.template.Template} is parsed once; every expression is compiled once, by
 * Squall's own parser, into a tree of evaluator nodes; {@code extends}, {@code block} and {@code
 * include} are resolved at compile time into one tree, with adjacent text merged. Attribute and
 * method sites keep the getter or method handle they resolved for the last receiver class, so
 * rendering does no reflective lookup; a variable followed by attribute names ({@code f.message})
 * is evaluated by a path node of its own. Rendering walks the tree, appending to a single {@code
 * StringBuilder}. {@link io.squall.template.Loader} caches compiled templates (thread-safe; in
 * debug mode it recompiles a template when its file or a file it uses changes).
 *
 * <p>Layer 7, but self-contained: may use only {@code io.squall.escape} and the JDK, so templates
 * render without the web framework; the web layer uses it, not the other way round.
 */
package io.squall.template;
