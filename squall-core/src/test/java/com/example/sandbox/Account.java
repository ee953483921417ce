package com.example.sandbox;

/** An application class outside Squall's packages, for the template sandbox tests. */
public class Account {
  /** The owner's name. */
  public String getOwner() {
    return "ann";
  }

  /** Something a template should not be able to reach when the package is not allowed. */
  public Runtime getRuntime() {
    return Runtime.getRuntime();
  }
}
