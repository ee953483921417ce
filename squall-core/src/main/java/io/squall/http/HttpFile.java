package io.squall.http;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file uploaded in a {@code multipart/form-data} body (Tornado's {@code HTTPFile}).
 *
 * @param filename the file name the client sent (decoded from {@code filename*} when present);
 *     untrusted: never use it as a path
 * @param contentType the part's {@code Content-Type}, {@code application/octet-stream} if absent
 * @param body the file's bytes; the array is shared, not copied
 */
public record HttpFile(String filename, String contentType, byte[] body) {
  /** Checks the components are non-null. */
  public HttpFile {
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** Equal when file name, content type and body bytes are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof HttpFile f
        && filename.equals(f.filename)
        && contentType.equals(f.contentType)
        && Arrays.equals(body, f.body);
  }

  /** Hash of file name, content type and body bytes. */
  @Override
  public int hashCode() {
    return Objects.hash(filename, contentType, Arrays.hashCode(body));
  }

  /** Name, type and size; not the bytes. */
  @Override
  public String toString() {
    return "HttpFile[filename="
        + filename
        + ", contentType="
        + contentType
        + ", "
        + body.length
        + " bytes]";
  }
}
