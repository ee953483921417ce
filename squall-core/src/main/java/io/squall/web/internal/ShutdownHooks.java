package io.squall.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an application does when its server begins a graceful shutdown: close open WebSockets with
 * 1001, answer waiting long-polls. Thread-safe; hooks come and go as connections do.
 */
public final class ShutdownHooks {
  private static final Logger log = LoggerFactory.getLogger(ShutdownHooks.class);

  private final Set<Supplier<? extends CompletionStage<?>>> hooks = ConcurrentHashMap.newKeySet();

  /** Adds {@code hook}; the returned action removes it again. */
  public Runnable add(Supplier<? extends CompletionStage<?>> hook) {
    hooks.add(hook);
    return () -> hooks.remove(hook);
  }

  /**
   * Runs every hook once and returns a future of all the stages they returned. A hook that throws
   * or fails is logged; it does not hold up the others.
   */
  public CompletableFuture<Void> run() {
    List<CompletableFuture<?>> running = new ArrayList<>();
    for (Supplier<? extends CompletionStage<?>> h : List.copyOf(hooks)) {
      try {
        CompletionStage<?> stage = h.get();
        if (stage != null) {
          running.add(
              stage
                  .toCompletableFuture()
                  .exceptionally(
                      e -> {
                        log.warn("a shutdown hook failed", e);
                        return null;
                      }));
        }
      } catch (RuntimeException e) {
        log.warn("a shutdown hook failed", e);
      }
    }
    return CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]));
  }

  /** Hooks held now (for tests). */
  public int size() {
    return hooks.size();
  }
}
