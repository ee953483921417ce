package com.example;

import io.squall.websocket.WebSocketHandler;

/** {@code /echo}: a WebSocket that sends every text message back. */
public class EchoSocket extends WebSocketHandler {
  @Override
  public void onMessage(String message) {
    writeMessage("You said: " + message);
  }
}
