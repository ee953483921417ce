package io.squall.websocket.internal;

/** Which end of a connection this code plays. It decides the masking rules. */
public enum Role {
  /** Sends unmasked frames and requires masked ones. */
  SERVER,
  /** Sends masked frames and requires unmasked ones. */
  CLIENT;

  /** Whether frames this role sends carry a mask. */
  public boolean masksOutgoing() {
    return this == CLIENT;
  }
}
