package io.squall.adversarial.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.squall.http.BodyArguments;
import io.squall.http.HttpFile;
import io.squall.http.HttpInputException;
import io.squall.http.MultipartLimits;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jazzer targets for the form body parsers ({@code MultipartParser}, {@code UrlEncoded}). Per
 * input: the only failure is an {@link HttpInputException} (400, or 413 past the part limit) that
 * leaves the maps empty; no more parts than the limit; what was parsed, written out again, parses
 * to the same arguments and files.
 */
class FormFuzzTest {
  static final MultipartLimits LIMITS = new MultipartLimits(8, 512);

  @FuzzTest(maxDuration = "30s")
  void multipart(byte[] body) {
    Map<String, List<String>> args = new LinkedHashMap<>();
    Map<String, List<HttpFile>> files = new LinkedHashMap<>();
    try {
      BodyArguments.parseBodyArguments(
          "multipart/form-data; boundary=B", body, args, files, LIMITS);
    } catch (HttpInputException e) {
      assertThat(e.status()).isIn(400, 413);
      assertThat(args).isEmpty();
      assertThat(files).isEmpty();
      return;
    }
    int parts =
        args.values().stream().mapToInt(List::size).sum()
            + files.values().stream().mapToInt(List::size).sum();
    assertThat(parts).isLessThanOrEqualTo(LIMITS.maxParts());
    if (!writable(args, files)) {
      return;
    }
    Map<String, List<String>> args2 = new LinkedHashMap<>();
    Map<String, List<HttpFile>> files2 = new LinkedHashMap<>();
    BodyArguments.parseBodyArguments(
        "multipart/form-data; boundary=B", write(args, files), args2, files2, LIMITS);
    assertThat(args2).isEqualTo(args);
    assertThat(files2).isEqualTo(files);
  }

  @FuzzTest(maxDuration = "30s")
  void urlencoded(byte[] body) {
    Map<String, List<String>> args = new LinkedHashMap<>();
    try {
      BodyArguments.parseBodyArguments(
          "application/x-www-form-urlencoded", body, args, new LinkedHashMap<>());
    } catch (HttpInputException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(args).isEmpty();
      return;
    }
    StringBuilder again = new StringBuilder();
    args.forEach(
        (name, values) -> {
          for (String v : values) {
            again.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=');
            again.append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
          }
        });
    Map<String, List<String>> args2 = new LinkedHashMap<>();
    BodyArguments.parseBodyArguments(
        "application/x-www-form-urlencoded",
        again.toString().getBytes(StandardCharsets.US_ASCII),
        args2,
        new LinkedHashMap<>());
    assertThat(args2).isEqualTo(args);
  }

  /** Whether every name, file name and type can be written back without escaping. */
  private static boolean writable(Map<String, List<String>> args, Map<String, List<HttpFile>> f) {
    for (String n : args.keySet()) {
      if (!plain(n)) {
        return false;
      }
    }
    for (Map.Entry<String, List<HttpFile>> e : f.entrySet()) {
      if (!plain(e.getKey())) {
        return false;
      }
      for (HttpFile file : e.getValue()) {
        if (!plain(file.filename()) || !plain(file.contentType())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean plain(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c != '"' && c != '\\' && c != ';' && c != 0x7f)
        && s.strip().equals(s);
  }

  private static byte[] write(Map<String, List<String>> args, Map<String, List<HttpFile>> files) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    args.forEach(
        (name, values) -> {
          for (String v : values) {
            o.writeBytes(
                ("--B\r\nContent-Disposition: form-data; name=\""
                        + name
                        + "\"\r\n\r\n"
                        + v
                        + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
          }
        });
    files.forEach(
        (name, list) -> {
          for (HttpFile f : list) {
            o.writeBytes(
                ("--B\r\nContent-Disposition: form-data; name=\""
                        + name
                        + "\"; filename=\""
                        + f.filename()
                        + "\"\r\nContent-Type: "
                        + f.contentType()
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            o.writeBytes(f.body());
            o.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
        });
    o.writeBytes("--B--\r\n".getBytes(StandardCharsets.US_ASCII));
    return o.toByteArray();
  }
}
