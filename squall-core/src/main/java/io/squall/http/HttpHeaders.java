package io.squall.http;

import io.squall.http.internal.HttpAccess;
import io.squall.http.internal.HttpChars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * HTTP header fields: a multi-map from case-insensitive names to values that keeps insertion order
 * and repeated fields (Tornado's {@code HTTPHeaders}).
 *
 * <p>Names are compared ignoring ASCII case, but each field keeps the spelling it was added with,
 * so output looks like the input. Repeated fields (several {@code Set-Cookie} lines, for example)
 * stay separate: {@link #get} gives the first value, {@link #getAll} all of them and {@link
 * #getJoined} joins them with {@code ","} as Tornado's {@code headers[name]} does.
 *
 * <p>{@link #add} and {@link #set} refuse a name that is not an RFC 9110 token and a value holding
 * a character that cannot appear in a field value: CR, LF, NUL, any other control character except
 * HTAB, DEL, or a char above U+00FF (header bytes are ISO-8859-1; a larger char could be truncated
 * to CR or LF on output). This guards against response splitting. Values are stored as given; the
 * parser trims the optional whitespace around received values.
 *
 * <p>Lookups do not allocate. Instances are not thread-safe. The instance returned by {@link
 * #empty()} is read-only.
 */
public final class HttpHeaders implements Iterable<Map.Entry<String, String>> {
  private static final HttpHeaders EMPTY = new HttpHeaders(0, true);

  static {
    HttpAccess.install(HttpHeaders::append);
  }

  private String[] names;
  private String[] values;
  private int[] hashes;
  private int size;
  private final boolean readOnly;

  /** Creates an empty, mutable header map. */
  public HttpHeaders() {
    this(16, false);
  }

  /** Creates a mutable copy of {@code other}, with the same fields in the same order. */
  public HttpHeaders(HttpHeaders other) {
    this(Math.max(other.size, 4), false);
    System.arraycopy(other.names, 0, names, 0, other.size);
    System.arraycopy(other.values, 0, values, 0, other.size);
    System.arraycopy(other.hashes, 0, hashes, 0, other.size);
    size = other.size;
  }

  private HttpHeaders(int capacity, boolean readOnly) {
    names = new String[capacity];
    values = new String[capacity];
    hashes = new int[capacity];
    this.readOnly = readOnly;
  }

  /**
   * A shared, read-only empty instance; its mutators throw {@link UnsupportedOperationException}.
   */
  public static HttpHeaders empty() {
    return EMPTY;
  }

  /**
   * Creates headers from alternating names and values, e.g. {@code of("Content-Type", "text/plain",
   * "Set-Cookie", "a=1")}.
   *
   * @throws IllegalArgumentException if the count is odd or a name or value is invalid
   */
  public static HttpHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("of() needs name/value pairs, got an odd count");
    }
    HttpHeaders h = new HttpHeaders(Math.max(namesAndValues.length / 2, 4), false);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return h;
  }

  /**
   * Appends a field, keeping any existing fields with the same name.
   *
   * @return this
   * @throws IllegalArgumentException if the name is not a token or the value holds a forbidden char
   */
  public HttpHeaders add(String name, String value) {
    checkWritable();
    checkName(name);
    checkValue(name, value);
    append(name, value);
    return this;
  }

  /**
   * Replaces every field named {@code name} with one field holding {@code value}. The new field
   * takes the place of the first existing one (or goes last if there was none).
   *
   * @return this
   * @throws IllegalArgumentException if the name is not a token or the value holds a forbidden char
   */
  public HttpHeaders set(String name, String value) {
    checkWritable();
    checkName(name);
    checkValue(name, value);
    int h = hash(name);
    int first = -1;
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (matches(r, name, h)) {
        if (first >= 0) {
          continue; // drop later duplicates
        }
        first = w;
        names[w] = name;
        values[w] = value;
        hashes[w] = h;
      } else if (w != r) {
        names[w] = names[r];
        values[w] = values[r];
        hashes[w] = hashes[r];
      }
      w++;
    }
    Arrays.fill(names, w, size, null);
    Arrays.fill(values, w, size, null);
    size = w;
    if (first < 0) {
      append(name, value);
    }
    return this;
  }

  /**
   * Removes every field named {@code name}.
   *
   * @return whether any field was removed
   */
  public boolean remove(String name) {
    checkWritable();
    int h = hash(name);
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (matches(r, name, h)) {
        continue;
      }
      if (w != r) {
        names[w] = names[r];
        values[w] = values[r];
        hashes[w] = hashes[r];
      }
      w++;
    }
    boolean removed = w != size;
    Arrays.fill(names, w, size, null);
    Arrays.fill(values, w, size, null);
    size = w;
    return removed;
  }

  /** Removes all fields. */
  public void clear() {
    checkWritable();
    Arrays.fill(names, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  /** Whether a field named {@code name} (any case) is present. */
  public boolean contains(String name) {
    return indexOf(name, 0) >= 0;
  }

  /** The value of the first field named {@code name}, or null. */
  public String get(String name) {
    int i = indexOf(name, 0);
    return i < 0 ? null : values[i];
  }

  /** The value of the first field named {@code name}, or {@code defaultValue}. */
  public String get(String name, String defaultValue) {
    int i = indexOf(name, 0);
    return i < 0 ? defaultValue : values[i];
  }

  /** All values of fields named {@code name}, in order; an empty list if there is none. */
  public List<String> getAll(String name) {
    int h = hash(name);
    List<String> out = null;
    for (int i = 0; i < size; i++) {
      if (matches(i, name, h)) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(values[i]);
      }
    }
    return out == null ? List.of() : Collections.unmodifiableList(out);
  }

  /** All values of fields named {@code name} (Tornado's {@code get_list}); as {@link #getAll}. */
  public List<String> getList(String name) {
    return getAll(name);
  }

  /** A mutable copy with the same fields in the same order (Tornado's {@code copy}). */
  public HttpHeaders copy() {
    return new HttpHeaders(this);
  }

  /**
   * Parses a block of header lines (Tornado's {@code HTTPHeaders.parse}): lines end in CRLF or LF,
   * an empty line ends nothing early (it is skipped), and a line starting with a space or tab
   * continues the previous field's value (obsolete line folding, joined with one space as RFC 9112
   * allows).
   *
   * @throws HttpInputException (400) for a line without a colon, a continuation before any field,
   *     or a name or value that {@link #add} refuses
   */
  public static HttpHeaders parse(String text) {
    HttpHeaders h = new HttpHeaders();
    int start = 0;
    while (true) {
      int lf = text.indexOf('\n', start);
      if (lf < 0) {
        h.parseLine(text.substring(start));
        return h;
      }
      h.parseLine(text.substring(start, lf + 1));
      start = lf + 1;
    }
  }

  /**
   * Adds the field of one header line (Tornado's {@code parse_line}), with or without its CRLF or
   * LF; an empty line is ignored. Optional whitespace around the value is trimmed; a line starting
   * with a space or tab continues the last field added.
   *
   * @throws HttpInputException (400) as {@link #parse}
   */
  public void parseLine(String line) {
    checkWritable();
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n') {
      end--;
      if (end > 0 && line.charAt(end - 1) == '\r') {
        end--;
      }
    }
    if (end == 0) {
      return;
    }
    String l = line.substring(0, end);
    try {
      char first = l.charAt(0);
      if (first == ' ' || first == '\t') {
        if (size == 0) {
          throw new HttpInputException("first header line cannot start with whitespace");
        }
        String part = " " + trimOws(l);
        checkValue(names[size - 1], part);
        values[size - 1] = values[size - 1] + part;
        return;
      }
      int colon = l.indexOf(':');
      if (colon < 0) {
        throw new HttpInputException("no colon in header line");
      }
      add(l.substring(0, colon), trimOws(l.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new HttpInputException(400, "invalid header name or value", e);
    }
  }

  private static String trimOws(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
      a++;
    }
    while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
      b--;
    }
    return s.substring(a, b);
  }

  /**
   * The values of all fields named {@code name} joined with {@code ","} (Tornado's {@code
   * headers[name]}), or null if there is none. A single field's value is returned as is.
   */
  public String getJoined(String name) {
    int h = hash(name);
    int first = -1;
    StringBuilder sb = null;
    for (int i = 0; i < size; i++) {
      if (matches(i, name, h)) {
        if (first < 0) {
          first = i;
        } else {
          if (sb == null) {
            sb = new StringBuilder(values[first]);
          }
          sb.append(',').append(values[i]);
        }
      }
    }
    return first < 0 ? null : sb == null ? values[first] : sb.toString();
  }

  /**
   * Whether any field named {@code name} holds {@code token} as one of its comma-separated
   * elements, compared ignoring ASCII case, e.g. {@code containsToken("Connection", "close")}.
   */
  public boolean containsToken(String name, String token) {
    int h = hash(name);
    for (int i = 0; i < size; i++) {
      if (matches(i, name, h) && listContains(values[i], token)) {
        return true;
      }
    }
    return false;
  }

  private static boolean listContains(String list, String token) {
    int n = list.length();
    int i = 0;
    while (i <= n) {
      int comma = list.indexOf(',', i);
      int end = comma < 0 ? n : comma;
      int s = i;
      int e = end;
      while (s < e && HttpChars.isOws(list.charAt(s))) {
        s++;
      }
      while (e > s && HttpChars.isOws(list.charAt(e - 1))) {
        e--;
      }
      if (e - s == token.length() && regionEqualsIgnoreCase(list, s, token)) {
        return true;
      }
      if (comma < 0) {
        break;
      }
      i = comma + 1;
    }
    return false;
  }

  /**
   * The distinct field names in order of first appearance, each spelled as it was first added.
   * Allocates a new list.
   */
  public List<String> names() {
    List<String> out = new ArrayList<>(size);
    outer:
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < i; j++) {
        if (hashes[j] == hashes[i] && equalsIgnoreCaseAscii(names[j], names[i])) {
          continue outer;
        }
      }
      out.add(names[i]);
    }
    return out;
  }

  /** The number of fields (field lines), counting repeated names separately. */
  public int size() {
    return size;
  }

  /** Whether there are no fields. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The name of field {@code index} (0-based, insertion order), as it was added. */
  public String name(int index) {
    Objects.checkIndex(index, size);
    return names[index];
  }

  /** The value of field {@code index} (0-based, insertion order). */
  public String value(int index) {
    Objects.checkIndex(index, size);
    return values[index];
  }

  /** Calls {@code action} with each (name, value) pair in order, without allocating. */
  public void forEachField(BiConsumer<? super String, ? super String> action) {
    for (int i = 0; i < size; i++) {
      action.accept(names[i], values[i]);
    }
  }

  /** Iterates over the (name, value) pairs in insertion order. */
  @Override
  public Iterator<Map.Entry<String, String>> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public Map.Entry<String, String> next() {
        if (next >= size) {
          throw new NoSuchElementException();
        }
        int i = next++;
        return Map.entry(names[i], values[i]);
      }
    };
  }

  /** One {@code Name: value} line per field, each ending in {@code "\n"} (as Tornado prints). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < size; i++) {
      sb.append(names[i]).append(": ").append(values[i]).append('\n');
    }
    return sb.toString();
  }

  // ---- internals ----

  private void append(String name, String value) {
    if (readOnly) {
      throw new UnsupportedOperationException("read-only headers");
    }
    if (size == names.length) {
      int cap = Math.max(8, size * 2);
      names = Arrays.copyOf(names, cap);
      values = Arrays.copyOf(values, cap);
      hashes = Arrays.copyOf(hashes, cap);
    }
    names[size] = name;
    values[size] = value;
    hashes[size] = hash(name);
    size++;
  }

  private int indexOf(String name, int from) {
    int h = hash(name);
    for (int i = from; i < size; i++) {
      if (matches(i, name, h)) {
        return i;
      }
    }
    return -1;
  }

  private boolean matches(int i, String name, int h) {
    return hashes[i] == h && equalsIgnoreCaseAscii(names[i], name);
  }

  private void checkWritable() {
    if (readOnly) {
      throw new UnsupportedOperationException("read-only headers");
    }
  }

  private static int hash(String name) {
    int h = 0;
    for (int i = 0, n = name.length(); i < n; i++) {
      h = 31 * h + HttpChars.toLowerAscii(name.charAt(i));
    }
    return h;
  }

  private static boolean equalsIgnoreCaseAscii(String a, String b) {
    return a.length() == b.length() && regionEqualsIgnoreCase(a, 0, b);
  }

  private static boolean regionEqualsIgnoreCase(String s, int offset, String token) {
    for (int i = 0, n = token.length(); i < n; i++) {
      char x = s.charAt(offset + i);
      char y = token.charAt(i);
      if (x != y && HttpChars.toLowerAscii(x) != HttpChars.toLowerAscii(y)) {
        return false;
      }
    }
    return true;
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "header name");
    if (!HttpChars.isToken(name)) {
      throw new IllegalArgumentException(
          "Invalid header name (must be a non-empty RFC 9110 token): " + printable(name));
    }
  }

  private static void checkValue(String name, String value) {
    Objects.requireNonNull(value, "header value");
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (!HttpChars.isFieldValueChar(c)) {
        String what =
            switch (c) {
              case '\r' -> "CR";
              case '\n' -> "LF";
              case 0 -> "NUL";
              default -> c > 0xFF ? "a char above U+00FF" : "a control character";
            };
        throw new IllegalArgumentException(
            "Invalid value for header " + name + ": contains " + what + " at index " + i);
      }
    }
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
