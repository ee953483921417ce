package io.squall.demos.upload;

import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.http.HttpFile;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.StreamRequestBody;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * File uploads two ways: a {@code multipart/form-data} form ({@code POST /upload}, buffered and
 * parsed), and a raw body streamed piece by piece ({@code PUT /upload/raw/NAME}, memory stays flat
 * whatever the size). Both answer with sizes and SHA-256 digests as JSON.
 */
public final class UploadDemo {
  private UploadDemo() {}

  static String sha256(byte[] data) {
    MessageDigest md = newDigest();
    return HexFormat.of().formatHex(md.digest(data));
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The page ({@code GET}) and the multipart form target ({@code POST}). */
  public static final class FormHandler extends RequestHandler {
    /** The upload page ({@code templates/upload/index.html}). */
    public void get() {
      render("upload/index.html");
    }

    /** Describes every uploaded file. */
    public void post() {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map.Entry<String, List<HttpFile>> e : request().files().entrySet()) {
        for (HttpFile f : e.getValue()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("field", e.getKey());
          m.put("filename", f.filename());
          m.put("size", f.body().length);
          m.put("sha256", sha256(f.body()));
          out.add(m);
        }
      }
      write(out);
    }
  }

  /**
   * The largest raw upload: far above the server's default body limit (100 MiB), which is right for
   * buffered bodies but not for one streamed through a digest.
   */
  public static final long RAW_LIMIT = 64L << 30;

  /** Streams a raw body into a digest without keeping it. */
  @StreamRequestBody
  public static final class RawHandler extends RequestHandler {
    private final MessageDigest digest = newDigest();
    private long size;

    /** Raises this request's body limit, as a Tornado streaming handler does in prepare. */
    public void prepare() {
      setMaxBodySize(RAW_LIMIT);
    }

    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      size += chunk.remaining();
      digest.update(chunk);
      return null;
    }

    /** Answers once the whole body went through the digest. */
    public void put(String name) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("size", size);
      m.put("sha256", HexFormat.of().formatHex(digest.digest()));
      write(m);
    }
  }

  /** The application; the hub mounts it at {@code /upload}. */
  public static Application app() {
    return Application.builder()
        .route("/?", FormHandler::new)
        .route("/raw/([^/]+)", RawHandler::new)
        .settings(DemoLayout.settings().build())
        .build();
  }

  /** What {@link #main} serves: {@link #app()} mounted at {@code /upload}, as in the hub. */
  public static Application standalone() {
    return Application.builder().mount("/upload", app()).build();
  }

  /** Serves the demo alone at {@code /upload/}. */
  public static void main(String[] args) {
    int port = DemoArgs.listen(standalone(), args).port();
    System.out.println("Serving http://localhost:" + port + "/upload/");
    IOLoop.current().start();
  }
}
