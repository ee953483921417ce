/**
 * The whole-server load harness: small servers, one per peer, that answer {@code GET /hello} with
 * {@code Hello, world} ({@code text/plain}) and {@code GET /json} with {@code {"message":"Hello,
 * World!"}} on keep-alive connections. {@code squall-bench/load/run.sh} starts each in its own JVM
 * and drives it with {@code wrk}.
 *
 * <p>Every main takes {@code PORT [LOOPS]}: the port on the loopback address and the number of
 * event loops (default 1). Every server serializes the JSON body per request and sends a {@code
 * Date} header, as TechEmpower's plaintext and JSON tests ask.
 */
package io.squall.bench.load;
