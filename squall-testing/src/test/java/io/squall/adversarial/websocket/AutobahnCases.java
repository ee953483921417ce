package io.squall.adversarial.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The Autobahn TestSuite's cases (sections 1-7, 9, 12, 13), reproduced: each sends what the
 * Autobahn case sends and judges the server's answer as the Autobahn specification does. Sizes of
 * section 9 stop at 4 MiB (the suite goes to 16 MiB; Squall's default message limit is 10 MiB).
 */
final class AutobahnCases {
  private AutobahnCases() {}

  /** How a case ended, in Autobahn's words. */
  enum Result {
    PASS,
    NON_STRICT,
    FAIL
  }

  /** Runs a case on a connected socket. */
  interface Script {
    Result run(RawWebSocket ws) throws IOException;
  }

  /**
   * One case.
   *
   * @param id the Autobahn case number
   * @param expected what the Autobahn specification expects, in short
   * @param offer the permessage-deflate offer (sections 12-13), or null
   */
  record Case(String id, String expected, String offer, Script script) {
    @Override
    public String toString() {
      return id;
    }
  }

  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] repeat(char c, int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  /** Expects the data message echoed, then closes cleanly. */
  static Result echoed(RawWebSocket ws, int opcode, byte[] payload) throws IOException {
    RawWebSocket.Frame f = ws.readMessage();
    if (f == null || f.opcode() != opcode || !Arrays.equals(f.payload(), payload)) {
      return Result.FAIL;
    }
    return Result.PASS;
  }

  /** Expects a Pong with {@code payload}. */
  static Result pong(RawWebSocket ws, byte[] payload) throws IOException {
    RawWebSocket.Frame f = ws.read();
    return f != null && f.opcode() == PONG && Arrays.equals(f.payload(), payload)
        ? Result.PASS
        : Result.FAIL;
  }

  /**
   * Expects the connection failed: a Close with one of {@code codes} (PASS), or the TCP connection
   * dropped without one (NON_STRICT). Data or pongs before it fail the case.
   */
  static Result failed(RawWebSocket ws, int... codes) throws IOException {
    RawWebSocket.Frame f = ws.read();
    if (f == null) {
      return Result.NON_STRICT;
    }
    if (f.opcode() != CLOSE) {
      return Result.FAIL;
    }
    int code = f.closeCode();
    for (int c : codes) {
      if (c == code) {
        return ws.closedByServer() ? Result.PASS : Result.NON_STRICT;
      }
    }
    return Result.FAIL;
  }

  /** Sends a clean close and expects the server's Close with {@code code} back. */
  static Result closes(RawWebSocket ws, int code) throws IOException {
    RawWebSocket.Frame f = ws.read();
    if (f == null || f.opcode() != CLOSE) {
      return Result.FAIL;
    }
    return f.closeCode() == code ? Result.PASS : Result.FAIL;
  }

  static byte[] closePayload(int code, byte[] reason) {
    byte[] p = new byte[2 + reason.length];
    p[0] = (byte) (code >> 8);
    p[1] = (byte) code;
    System.arraycopy(reason, 0, p, 2, reason.length);
    return p;
  }

  static Result and(Result a, Result b) {
    return a == Result.FAIL || b == Result.FAIL
        ? Result.FAIL
        : a == Result.NON_STRICT || b == Result.NON_STRICT ? Result.NON_STRICT : Result.PASS;
  }

  /** Closes normally after a passing case: the server must answer 1000. */
  static Result thenClose(RawWebSocket ws, Result r) throws IOException {
    if (r != Result.PASS) {
      return r;
    }
    ws.send(true, CLOSE, closePayload(1000, new byte[0]));
    return closes(ws, 1000);
  }

  static List<Case> all() {
    List<Case> c = new ArrayList<>();
    // 1 Framing: text and binary of the boundary lengths
    int[] lengths = {0, 125, 126, 127, 128, 65535, 65536};
    for (int i = 0; i < lengths.length; i++) {
      int n = lengths[i];
      c.add(
          new Case(
              "1.1." + (i + 1),
              "text of " + n + " bytes echoed",
              null,
              ws -> {
                ws.send(true, TEXT, repeat('*', n));
                return thenClose(ws, echoed(ws, TEXT, repeat('*', n)));
              }));
      c.add(
          new Case(
              "1.2." + (i + 1),
              "binary of " + n + " bytes echoed",
              null,
              ws -> {
                ws.send(true, BINARY, bytes(n));
                return thenClose(ws, echoed(ws, BINARY, bytes(n)));
              }));
    }
    c.add(
        new Case(
            "1.1.8",
            "text of 65536 bytes in 997-byte writes echoed",
            null,
            ws -> {
              ws.send(true, 0, TEXT, repeat('*', 65536), 997);
              return thenClose(ws, echoed(ws, TEXT, repeat('*', 65536)));
            }));
    // 2 Pings/Pongs
    c.add(
        new Case(
            "2.1",
            "ping without payload: pong",
            null,
            ws -> {
              ws.send(true, PING, new byte[0]);
              return thenClose(ws, pong(ws, new byte[0]));
            }));
    c.add(
        new Case(
            "2.2",
            "ping with text payload: pong echoes it",
            null,
            ws -> {
              ws.send(true, PING, utf8("Hello, world!"));
              return thenClose(ws, pong(ws, utf8("Hello, world!")));
            }));
    c.add(
        new Case(
            "2.3",
            "ping with binary payload: pong echoes it",
            null,
            ws -> {
              ws.send(
                  true,
                  PING,
                  new byte[] {0, (byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc, 0});
              return thenClose(
                  ws,
                  pong(ws, new byte[] {0, (byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc, 0}));
            }));
    c.add(
        new Case(
            "2.4",
            "ping with 125-byte payload: pong",
            null,
            ws -> {
              ws.send(true, PING, repeat('\u00fe', 125));
              return thenClose(ws, pong(ws, repeat('\u00fe', 125)));
            }));
    c.add(
        new Case(
            "2.5",
            "ping with 126-byte payload: fail (1002)",
            null,
            ws -> {
              ws.send(true, PING, repeat('\u00fe', 126));
              return failed(ws, 1002);
            }));
    c.add(
        new Case(
            "2.6",
            "ping with 125-byte payload sent in 1-byte writes: pong",
            null,
            ws -> {
              ws.send(true, 0, PING, repeat('\u00fe', 125), 1);
              return thenClose(ws, pong(ws, repeat('\u00fe', 125)));
            }));
    c.add(
        new Case(
            "2.7",
            "unsolicited pong without payload: nothing",
            null,
            ws -> {
              ws.send(true, PONG, new byte[0]);
              return thenClose(ws, Result.PASS);
            }));
    c.add(
        new Case(
            "2.8",
            "unsolicited pong with payload: nothing",
            null,
            ws -> {
              ws.send(true, PONG, utf8("unsolicited pong payload"));
              return thenClose(ws, Result.PASS);
            }));
    c.add(
        new Case(
            "2.9",
            "unsolicited pong, then ping: pong for the ping",
            null,
            ws -> {
              ws.send(true, PONG, utf8("unsolicited pong payload"));
              ws.send(true, PING, utf8("ping payload"));
              return thenClose(ws, pong(ws, utf8("ping payload")));
            }));
    c.add(
        new Case(
            "2.10",
            "10 pings: 10 pongs (the last one at least)",
            null,
            ws -> {
              for (int i = 0; i < 10; i++) {
                ws.send(true, PING, utf8("payload-" + i));
              }
              Result r = Result.PASS;
              for (int i = 0; i < 10; i++) {
                r = and(r, pong(ws, utf8("payload-" + i)));
              }
              return thenClose(ws, r);
            }));
    c.add(
        new Case(
            "2.11",
            "10 pings in 1-byte writes: 10 pongs",
            null,
            ws -> {
              for (int i = 0; i < 10; i++) {
                ws.send(true, 0, PING, utf8("payload-" + i), 1);
              }
              Result r = Result.PASS;
              for (int i = 0; i < 10; i++) {
                r = and(r, pong(ws, utf8("payload-" + i)));
              }
              return thenClose(ws, r);
            }));
    // 3 Reserved bits
    int[][] rsv = {{1, TEXT}, {2, TEXT}, {3, TEXT}, {4, BINARY}, {5, PING}, {6, CLOSE}, {7, CLOSE}};
    for (int i = 0; i < rsv.length; i++) {
      int bits = rsv[i][0];
      int op = rsv[i][1];
      c.add(
          new Case(
              "3." + (i + 1),
              "RSV=" + bits + " on opcode " + op + ": fail (1002)",
              null,
              ws -> {
                if (bits == 2 || bits == 3) {
                  ws.send(true, TEXT, utf8("Hello, world!"));
                  Result r = echoed(ws, TEXT, utf8("Hello, world!"));
                  ws.send(true, bits, op, utf8("Hello, world!"), 0);
                  ws.send(true, PING, new byte[0]);
                  return and(r, failed(ws, 1002));
                }
                ws.send(
                    true,
                    bits,
                    op,
                    op == CLOSE ? closePayload(1000, new byte[0]) : utf8("Hello"),
                    0);
                return failed(ws, 1002);
              }));
    }
    // 4 Opcodes
    int[] reserved = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15};
    for (int i = 0; i < reserved.length; i++) {
      int op = reserved[i];
      String id = (op < 8 ? "4.1." + (op - 2) : "4.2." + (op - 10));
      c.add(
          new Case(
              id,
              "reserved opcode " + op + ": fail (1002)",
              null,
              ws -> {
                ws.send(true, TEXT, utf8("Hello, world!"));
                Result r = echoed(ws, TEXT, utf8("Hello, world!"));
                ws.send(true, op, bytes(op % 2 == 0 ? 0 : 10));
                ws.send(true, PING, new byte[0]);
                return and(r, failed(ws, 1002));
              }));
    }
    // 5 Fragmentation
    c.add(
        new Case(
            "5.1",
            "fragmented ping: fail (1002)",
            null,
            ws -> {
              ws.send(false, PING, utf8("fragment1"));
              ws.send(true, 0, utf8("fragment2"));
              return failed(ws, 1002);
            }));
    c.add(
        new Case(
            "5.2",
            "fragmented pong: fail (1002)",
            null,
            ws -> {
              ws.send(false, PONG, utf8("fragment1"));
              ws.send(true, 0, utf8("fragment2"));
              return failed(ws, 1002);
            }));
    for (int chop = 0; chop < 2; chop++) {
      int ch = chop;
      c.add(
          new Case(
              chop == 0 ? "5.3" : "5.4",
              "text in 2 fragments" + (chop > 0 ? ", 1-byte writes" : "") + ": echoed",
              null,
              ws -> {
                ws.send(false, 0, TEXT, utf8("fragment1"), ch);
                ws.send(true, 0, 0, utf8("fragment2"), ch);
                return thenClose(ws, echoed(ws, TEXT, utf8("fragment1fragment2")));
              }));
      c.add(
          new Case(
              chop == 0 ? "5.6" : "5.7",
              "text in 2 fragments with a ping between"
                  + (chop > 0 ? ", 1-byte writes" : "")
                  + ": pong, echo",
              null,
              ws -> {
                ws.send(false, 0, TEXT, utf8("fragment1"), ch);
                ws.send(true, 0, PING, utf8("ping"), ch);
                ws.send(true, 0, 0, utf8("fragment2"), ch);
                Result r = pong(ws, utf8("ping"));
                return thenClose(ws, and(r, echoed(ws, TEXT, utf8("fragment1fragment2"))));
              }));
    }
    c.add(
        new Case(
            "5.9",
            "continuation with nothing to continue: fail (1002)",
            null,
            ws -> {
              ws.send(true, 0, utf8("non-continuation payload"));
              ws.send(true, TEXT, utf8("Hello, world!"));
              return failed(ws, 1002);
            }));
    c.add(
        new Case(
            "5.12",
            "non-final continuation first: fail (1002)",
            null,
            ws -> {
              ws.send(false, 0, utf8("non-continuation payload"));
              ws.send(true, TEXT, utf8("Hello, world!"));
              return failed(ws, 1002);
            }));
    c.add(
        new Case(
            "5.15",
            "text fragment, continuation final, then continuation: fail (1002)",
            null,
            ws -> {
              ws.send(false, TEXT, utf8("fragment1"));
              ws.send(true, 0, utf8("fragment2"));
              Result r = echoed(ws, TEXT, utf8("fragment1fragment2"));
              ws.send(false, 0, utf8("fragment3"));
              ws.send(true, TEXT, utf8("fragment4"));
              return and(r, failed(ws, 1002));
            }));
    c.add(
        new Case(
            "5.18",
            "text fragment, then a new text frame: fail (1002)",
            null,
            ws -> {
              ws.send(false, TEXT, utf8("fragment1"));
              ws.send(true, TEXT, utf8("fragment2"));
              return failed(ws, 1002);
            }));
    c.add(
        new Case(
            "5.19",
            "5 text fragments with 2 pings between: 2 pongs, echo",
            null,
            ws -> {
              ws.send(false, TEXT, utf8("fragment1"));
              ws.send(false, 0, utf8("fragment2"));
              ws.send(true, PING, utf8("pongme 1!"));
              ws.send(false, 0, utf8("fragment3"));
              ws.send(false, 0, utf8("fragment4"));
              ws.send(true, PING, utf8("pongme 2!"));
              ws.send(true, 0, utf8("fragment5"));
              Result r = and(pong(ws, utf8("pongme 1!")), pong(ws, utf8("pongme 2!")));
              return thenClose(
                  ws,
                  and(r, echoed(ws, TEXT, utf8("fragment1fragment2fragment3fragment4fragment5"))));
            }));
    // 6 UTF-8
    String[] valid = {
      "",
      "Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!",
      "\u03ba\u1f79\u03c3\u03bc\u03b5",
      "\u0080",
      "\u07ff",
      "\u0800",
      "\uffff",
      "\ud800\udc00",
      "\udbff\udfff",
      "\ufeff",
      "\ufffd"
    };
    for (int i = 0; i < valid.length; i++) {
      String v = valid[i];
      c.add(
          new Case(
              "6.2." + (i + 1),
              "valid UTF-8 " + HexFormat.of().formatHex(utf8(v)) + ": echoed",
              null,
              ws -> {
                ws.send(true, TEXT, utf8(v));
                return thenClose(ws, echoed(ws, TEXT, utf8(v)));
              }));
      c.add(
          new Case(
              "6.6." + (i + 1),
              "valid UTF-8 in 1-byte fragments: echoed",
              null,
              ws -> {
                byte[] b = utf8(v);
                if (b.length == 0) {
                  ws.send(true, TEXT, b);
                }
                for (int k = 0; k < b.length; k++) {
                  ws.send(k == b.length - 1, k == 0 ? TEXT : 0, new byte[] {b[k]});
                }
                return thenClose(ws, echoed(ws, TEXT, b));
              }));
    }
    String[] invalid = {
      "cebae1bdb9cf83cebcceb5eda080656469746564",
      "80",
      "bf",
      "c0af",
      "e080af",
      "f08080af",
      "c1bf",
      "e09fbf",
      "f08fbfbf",
      "eda080",
      "edadbf",
      "edb080",
      "edbfbf",
      "eda080edb080",
      "f4908080",
      "fe",
      "ff",
      "fefeffff",
      "c0",
      "e282",
      "f0908d",
      "cebae1bdb9cf83cebcceb5f4908080656469746564"
    };
    for (int i = 0; i < invalid.length; i++) {
      byte[] b = HexFormat.of().parseHex(invalid[i].replace(" ", ""));
      c.add(
          new Case(
              "6.8." + (i + 1),
              "invalid UTF-8 " + invalid[i] + ": fail (1007)",
              null,
              ws -> {
                ws.send(true, TEXT, b);
                return failed(ws, 1007);
              }));
      c.add(
          new Case(
              "6.4." + (i + 1),
              "invalid UTF-8 split over fragments: fail (1007)",
              null,
              ws -> {
                int half = b.length / 2;
                ws.send(false, TEXT, Arrays.copyOfRange(b, 0, half));
                ws.send(true, 0, Arrays.copyOfRange(b, half, b.length));
                return failed(ws, 1007);
              }));
    }
    // 7 Close handling
    c.add(
        new Case(
            "7.1.1",
            "text, then close: echo, then close 1000",
            null,
            ws -> {
              ws.send(true, TEXT, utf8("Hello World!"));
              return thenClose(ws, echoed(ws, TEXT, utf8("Hello World!")));
            }));
    c.add(
        new Case(
            "7.1.2",
            "close twice: one close back, then TCP close",
            null,
            ws -> {
              ws.send(true, CLOSE, closePayload(1000, new byte[0]));
              ws.send(true, CLOSE, closePayload(1000, new byte[0]));
              Result r = closes(ws, 1000);
              return r == Result.PASS && ws.closedByServer() ? Result.PASS : Result.FAIL;
            }));
    c.add(
        new Case(
            "7.1.3",
            "close, then ping: no pong",
            null,
            ws -> {
              ws.send(true, CLOSE, closePayload(1000, new byte[0]));
              ws.send(true, PING, utf8("Hello World!"));
              Result r = closes(ws, 1000);
              return r == Result.PASS && ws.closedByServer() ? Result.PASS : Result.FAIL;
            }));
    c.add(
        new Case(
            "7.1.4",
            "close, then text: no echo",
            null,
            ws -> {
              ws.send(true, CLOSE, closePayload(1000, new byte[0]));
              ws.send(true, TEXT, utf8("Hello World!"));
              Result r = closes(ws, 1000);
              return r == Result.PASS && ws.closedByServer() ? Result.PASS : Result.FAIL;
            }));
    c.add(
        new Case(
            "7.1.5",
            "text fragment, close, continuation: close 1000, no echo",
            null,
            ws -> {
              ws.send(false, TEXT, utf8("fragment1"));
              ws.send(true, CLOSE, closePayload(1000, new byte[0]));
              ws.send(true, 0, utf8("fragment2"));
              return closes(ws, 1000);
            }));
    c.add(
        new Case(
            "7.3.1",
            "close without payload: close back",
            null,
            ws -> {
              ws.send(true, CLOSE, new byte[0]);
              RawWebSocket.Frame f = ws.read();
              return f != null
                      && f.opcode() == CLOSE
                      && (f.payload().length == 0 || f.closeCode() == 1000)
                  ? Result.PASS
                  : Result.FAIL;
            }));
    c.add(
        new Case(
            "7.3.2",
            "close with 1-byte payload: fail (1002)",
            null,
            ws -> {
              ws.send(true, CLOSE, new byte[] {0x03});
              return failed(ws, 1002);
            }));
    c.add(
        new Case(
            "7.3.3",
            "close 1000: close 1000 back",
            null,
            ws -> {
              ws.send(true, CLOSE, closePayload(1000, new byte[0]));
              return closes(ws, 1000);
            }));
    c.add(
        new Case(
            "7.3.4",
            "close 1000 with reason: close 1000 back",
            null,
            ws -> {
              ws.send(true, CLOSE, closePayload(1000, utf8("Hello World!")));
              return closes(ws, 1000);
            }));
    c.add(
        new Case(
            "7.3.5",
            "close 1000 with 123-byte reason: close 1000 back",
            null,
            ws -> {
              ws.send(true, CLOSE, closePayload(1000, repeat('*', 123)));
              return closes(ws, 1000);
            }));
    c.add(
        new Case(
            "7.3.6",
            "close with 124-byte reason (126-byte payload): fail (1002)",
            null,
            ws -> {
              ws.send(true, CLOSE, closePayload(1000, repeat('*', 124)));
              return failed(ws, 1002);
            }));
    c.add(
        new Case(
            "7.5.1",
            "close reason with invalid UTF-8: fail (1007)",
            null,
            ws -> {
              ws.send(
                  true,
                  CLOSE,
                  closePayload(
                      1000, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080656469746564")));
              return failed(ws, 1007);
            }));
    int[] validCodes = {
      1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999
    };
    for (int i = 0; i < validCodes.length; i++) {
      int code = validCodes[i];
      c.add(
          new Case(
              "7.7." + (i + 1),
              "close " + code + ": close back (1000 or " + code + ")",
              null,
              ws -> {
                ws.send(true, CLOSE, closePayload(code, new byte[0]));
                RawWebSocket.Frame f = ws.read();
                return f != null
                        && f.opcode() == CLOSE
                        && (f.closeCode() == code || f.closeCode() == 1000)
                    ? Result.PASS
                    : Result.FAIL;
              }));
    }
    int[] invalidCodes = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999, 5000, 65535};
    for (int i = 0; i < invalidCodes.length; i++) {
      int code = invalidCodes[i];
      c.add(
          new Case(
              (code >= 5000 ? "7.13." : "7.9.") + (i + 1),
              "close " + code + ": fail (1002)",
              null,
              ws -> {
                ws.send(true, CLOSE, closePayload(code, new byte[0]));
                return failed(ws, 1002);
              }));
    }
    // 9 Limits/performance: large messages, whole and fragmented
    int[] sizes = {64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024};
    for (int i = 0; i < sizes.length; i++) {
      int n = sizes[i];
      c.add(
          new Case(
              "9.1." + (i + 1),
              "text of " + n + " bytes echoed",
              null,
              ws -> {
                ws.send(true, TEXT, repeat('*', n));
                return thenClose(ws, echoed(ws, TEXT, repeat('*', n)));
              }));
      c.add(
          new Case(
              "9.2." + (i + 1),
              "binary of " + n + " bytes echoed",
              null,
              ws -> {
                ws.send(true, BINARY, bytes(n));
                return thenClose(ws, echoed(ws, BINARY, bytes(n)));
              }));
    }
    int[] fragments = {64, 256, 1024, 4096, 16384, 65536};
    for (int i = 0; i < fragments.length; i++) {
      int frag = fragments[i];
      c.add(
          new Case(
              "9.3." + (i + 1),
              "1 MiB text in " + frag + "-byte fragments echoed",
              null,
              ws -> {
                ws.sendMessage(TEXT, repeat('*', 1 << 20), frag);
                return thenClose(ws, echoed(ws, TEXT, repeat('*', 1 << 20)));
              }));
      c.add(
          new Case(
              "9.4." + (i + 1),
              "1 MiB binary in " + frag + "-byte fragments echoed",
              null,
              ws -> {
                ws.sendMessage(BINARY, bytes(1 << 20), frag);
                return thenClose(ws, echoed(ws, BINARY, bytes(1 << 20)));
              }));
    }
    // 12 permessage-deflate: messages of each size echoed (compressed both ways)
    int[] dsizes = {16, 64, 256, 1024, 4096, 8192, 16384, 32768, 65536, 131072};
    for (int i = 0; i < dsizes.length; i++) {
      int n = dsizes[i];
      c.add(
          new Case(
              "12.1." + (i + 1),
              "deflate: 10 text messages of " + n + " bytes echoed",
              "permessage-deflate",
              ws -> {
                Result r = ws.deflate() ? Result.PASS : Result.FAIL;
                for (int k = 0; k < 10; k++) {
                  byte[] m = utf8(("message " + k + " ").repeat(n / 10 + 1).substring(0, n));
                  ws.sendMessage(TEXT, m, 0);
                  r = and(r, echoed(ws, TEXT, m));
                }
                return thenClose(ws, r);
              }));
      c.add(
          new Case(
              "12.2." + (i + 1),
              "deflate: 10 binary messages of " + n + " bytes echoed",
              "permessage-deflate",
              ws -> {
                Result r = ws.deflate() ? Result.PASS : Result.FAIL;
                for (int k = 0; k < 10; k++) {
                  byte[] m = bytes(n);
                  m[0] = (byte) k;
                  ws.sendMessage(BINARY, m, 0);
                  r = and(r, echoed(ws, BINARY, m));
                }
                return thenClose(ws, r);
              }));
      c.add(
          new Case(
              "12.5." + (i + 1),
              "deflate: 10 binary messages of " + n + " bytes in 256-byte fragments",
              "permessage-deflate",
              ws -> {
                Result r = ws.deflate() ? Result.PASS : Result.FAIL;
                for (int k = 0; k < 10; k++) {
                  byte[] m = bytes(n);
                  m[n - 1] = (byte) k;
                  ws.sendMessage(BINARY, m, 256);
                  r = and(r, echoed(ws, BINARY, m));
                }
                return thenClose(ws, r);
              }));
    }
    // 13 permessage-deflate offers and the parameters agreed
    String[] offers = {
      "permessage-deflate",
      "permessage-deflate; client_no_context_takeover",
      "permessage-deflate; server_no_context_takeover",
      "permessage-deflate; client_max_window_bits",
      "permessage-deflate; server_max_window_bits=15",
      "permessage-deflate; client_no_context_takeover; server_no_context_takeover",
      "permessage-deflate; server_max_window_bits=9, permessage-deflate",
    };
    for (int i = 0; i < offers.length; i++) {
      String offer = offers[i];
      c.add(
          new Case(
              "13." + (i + 1) + ".1",
              "offer `" + offer + "`: accepted, 20 messages echoed",
              offer,
              ws -> {
                Result r = ws.deflate() ? Result.PASS : Result.FAIL;
                for (int k = 0; k < 20; k++) {
                  byte[] m = utf8(("Hello " + k + " ").repeat(1 + k * 10));
                  ws.sendMessage(TEXT, m, 0);
                  r = and(r, echoed(ws, TEXT, m));
                }
                return thenClose(ws, r);
              }));
    }
    return c;
  }
}
