package io.squall.iostream.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * An {@link SSLEngine} over a non-blocking {@link SocketChannel}: the ciphertext buffers in both
 * directions, the decrypted bytes not yet taken, and the non-blocking handshake, read, write and
 * close steps. Delegated tasks of the engine (certificate checks, key exchange) run inline on the
 * calling (loop) thread. Not API; loop thread only.
 */
public final class TlsTransport {
  private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

  /** What a handshake step needs next. */
  public enum Step {
    /** The socket must become readable. */
    READ,
    /** The socket must become writable (ciphertext is waiting). */
    WRITE,
    /** The handshake is complete and its last bytes went out. */
    DONE
  }

  private final SocketChannel channel;
  private final SSLEngine engine;
  private ByteBuffer netIn; // write mode: ciphertext read from the socket, not yet unwrapped
  private ByteBuffer netOut; // read mode: ciphertext wrapped, not yet written to the socket
  private ByteBuffer appIn; // read mode: plaintext unwrapped, not yet taken by read()
  private boolean moreInput; // a whole record may sit in netIn (the last unwrap did not underflow)
  private boolean inboundClosed;

  /** A transport for {@code engine} (client or server mode already set) over {@code channel}. */
  public TlsTransport(SocketChannel channel, SSLEngine engine) {
    this.channel = channel;
    this.engine = engine;
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(packet);
    this.netOut = ByteBuffer.allocate(packet).flip();
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
  }

  /** The engine. */
  public SSLEngine engine() {
    return engine;
  }

  /** The socket. */
  public SocketChannel channel() {
    return channel;
  }

  // ------------------------------------------------------------------ handshake

  /**
   * Advances the handshake as far as the socket allows.
   *
   * @throws SSLException when the peer's messages are refused (a bad certificate, a protocol
   *     mismatch, bytes that are not TLS); {@link EOFException} when the peer closed mid-handshake
   */
  public Step handshake() throws IOException {
    while (true) {
      if (netOut.hasRemaining() && !flush()) {
        return Step.WRITE;
      }
      HandshakeStatus hs = engine.getHandshakeStatus();
      switch (hs) {
        case NEED_TASK -> runTasks();
        case NEED_WRAP -> {
          SSLEngineResult r = wrap(NOTHING, 0, 1);
          if (r.getStatus() == SSLEngineResult.Status.CLOSED && !netOut.hasRemaining()) {
            throw new SSLException("TLS engine closed during the handshake");
          }
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          if (!unwrapOnce()) {
            int n = readSocket();
            if (n < 0) {
              throw new EOFException("connection closed by peer during the TLS handshake");
            }
            if (n == 0) {
              return Step.READ;
            }
          }
        }
        case FINISHED, NOT_HANDSHAKING -> {
          if (netOut.hasRemaining()) {
            continue; // flushed at the top of the loop
          }
          return Step.DONE;
        }
      }
    }
  }

  /**
   * After a failed handshake or on close: tells the peer (a pending alert, or close_notify) with
   * one non-blocking write, best effort.
   */
  public void closeOutboundQuietly() {
    try {
      engine.closeOutbound();
      for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
        if (netOut.hasRemaining() && !flush()) {
          return;
        }
        SSLEngineResult r = wrap(NOTHING, 0, 1);
        if (r.bytesProduced() == 0) {
          break;
        }
      }
      flush();
    } catch (IOException | RuntimeException e) {
      // the peer is gone or the engine already failed; closing goes on
    }
  }

  // ------------------------------------------------------------------ application data

  /**
   * Reads plaintext into {@code dst}.
   *
   * @return the number of bytes put into {@code dst}; 0 if none can be had until the socket is
   *     readable again; -1 once the peer closed (close_notify or end of stream)
   */
  public int read(ByteBuffer dst) throws IOException {
    if (appIn.hasRemaining()) {
      return take(dst);
    }
    if (inboundClosed) {
      return -1;
    }
    while (true) {
      if (moreInput && netIn.position() > 0) {
        int n = unwrapInto(dst);
        if (n != 0) {
          return n;
        }
        if (inboundClosed) {
          return -1;
        }
        if (moreInput) {
          continue; // a record without application data (a session ticket, a key update)
        }
      }
      int r = readSocket();
      if (r < 0) {
        inboundClosed = true;
        try {
          engine.closeInbound(); // complains when the peer skipped close_notify; a close anyway
        } catch (SSLException e) {
          // truncation: treated as the peer closing, as plain sockets do
        }
        return -1;
      }
      if (r == 0) {
        return 0;
      }
    }
  }

  /** Unwraps one record; returns the plaintext bytes delivered to {@code dst}. */
  private int unwrapInto(ByteBuffer dst) throws IOException {
    boolean direct = dst.remaining() >= engine.getSession().getApplicationBufferSize();
    ByteBuffer out;
    if (direct) {
      out = dst;
    } else {
      appIn.clear();
      out = appIn;
    }
    int before = out.position();
    SSLEngineResult r;
    netIn.flip();
    try {
      r = engine.unwrap(netIn, out);
    } finally {
      netIn.compact();
      if (!direct) {
        appIn.flip();
      }
    }
    afterResult(r);
    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
      answerPostHandshake();
    }
    switch (r.getStatus()) {
      case BUFFER_UNDERFLOW -> {
        moreInput = false;
        growNetIn();
        return 0;
      }
      case BUFFER_OVERFLOW -> {
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2).flip();
        return 0;
      }
      case CLOSED -> {
        inboundClosed = true;
        moreInput = false;
        break;
      }
      case OK ->
          // an unwrap that took nothing makes no progress: wait for the socket instead of spinning
          moreInput = netIn.position() > 0 && (r.bytesConsumed() > 0 || r.bytesProduced() > 0);
    }
    int produced = out.position() - before;
    if (direct) {
      return produced;
    }
    return appIn.hasRemaining() ? take(dst) : 0;
  }

  private int take(ByteBuffer dst) {
    int n = Math.min(dst.remaining(), appIn.remaining());
    int limit = appIn.limit();
    appIn.limit(appIn.position() + n);
    dst.put(appIn);
    appIn.limit(limit);
    return n;
  }

  /**
   * Whether plaintext, or ciphertext that may hold a whole record, waits inside the transport: the
   * socket will not say so, so the caller must read again without waiting for it.
   */
  public boolean hasBufferedInput() {
    return appIn.hasRemaining() || (moreInput && netIn.position() > 0);
  }

  /**
   * Encrypts and sends plaintext from {@code srcs[offset..offset+length)}, one record at a time,
   * while the socket takes the ciphertext.
   *
   * @return the plaintext bytes taken (their ciphertext may still wait in the transport; see {@link
   *     #hasPendingOutput})
   */
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (netOut.hasRemaining() && !flush()) {
      return 0;
    }
    long taken = 0;
    while (remaining(srcs, offset, length)) {
      SSLEngineResult r = wrap(srcs, offset, length);
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        throw new SSLException("TLS connection is closed for writing");
      }
      taken += r.bytesConsumed();
      if (!flush() || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
        break; // the socket is full, or the engine waits for the peer (a renegotiation)
      }
    }
    return taken;
  }

  /** A post-handshake message (a key update) wants an answer: wraps it, sends what goes. */
  private void answerPostHandshake() throws IOException {
    for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
      wrap(NOTHING, 0, 1);
    }
    flush();
  }

  private static boolean remaining(ByteBuffer[] srcs, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (srcs[i].hasRemaining()) {
        return true;
      }
    }
    return false;
  }

  /** Whether ciphertext waits for the socket. */
  public boolean hasPendingOutput() {
    return netOut.hasRemaining();
  }

  /** Writes waiting ciphertext; returns whether none is left. */
  public boolean flush() throws IOException {
    while (netOut.hasRemaining()) {
      if (channel.write(netOut) == 0) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ engine plumbing

  private SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length) throws IOException {
    while (true) {
      netOut.compact();
      SSLEngineResult r;
      try {
        r = engine.wrap(srcs, offset, length, netOut);
      } finally {
        netOut.flip();
      }
      afterResult(r);
      if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
        return r;
      }
      ByteBuffer bigger =
          ByteBuffer.allocate(netOut.remaining() + engine.getSession().getPacketBufferSize());
      bigger.put(netOut).flip();
      netOut = bigger;
    }
  }

  /** One unwrap during the handshake; false if more ciphertext is needed from the socket. */
  private boolean unwrapOnce() throws IOException {
    if (netIn.position() == 0) {
      return false;
    }
    appIn.compact();
    SSLEngineResult r;
    netIn.flip();
    try {
      r = engine.unwrap(netIn, appIn);
    } finally {
      netIn.compact();
      appIn.flip();
    }
    afterResult(r);
    switch (r.getStatus()) {
      case BUFFER_UNDERFLOW -> {
        growNetIn();
        return false;
      }
      case BUFFER_OVERFLOW -> {
        ByteBuffer bigger =
            ByteBuffer.allocate(appIn.remaining() + engine.getSession().getApplicationBufferSize());
        bigger.put(appIn).flip();
        appIn = bigger;
        return true;
      }
      case CLOSED -> throw new SSLException("peer closed the connection during the TLS handshake");
      default -> {
        moreInput = netIn.position() > 0;
        return true;
      }
    }
  }

  private void afterResult(SSLEngineResult r) {
    if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
      runTasks();
    }
  }

  /** Runs the engine's delegated tasks inline (on the loop thread). */
  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  private void growNetIn() {
    int packet = engine.getSession().getPacketBufferSize();
    if (netIn.capacity() < packet) {
      ByteBuffer bigger = ByteBuffer.allocate(packet);
      netIn.flip();
      bigger.put(netIn);
      netIn = bigger;
    }
  }

  private int readSocket() throws IOException {
    if (!netIn.hasRemaining()) {
      growNetIn();
      if (!netIn.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
        netIn.flip();
        bigger.put(netIn);
        netIn = bigger;
      }
    }
    int n = channel.read(netIn);
    if (n > 0) {
      moreInput = true;
    }
    return n;
  }
}
