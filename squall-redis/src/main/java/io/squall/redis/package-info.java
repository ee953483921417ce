/**
 * Scale-out for Squall applications: {@link io.squall.redis.PubSub} fans messages out across
 * instances through Redis publish/subscribe, delivering them on the subscriber's {@link
 * io.squall.ioloop.IOLoop}. Depends on squall-core's event loop and on Lettuce.
 */
package io.squall.redis;
