package io.squall.demos.tasks;

import io.squall.web.StreamRequestBody;
import java.util.Set;

/** The fallback of the {@code /api} application: 404 as JSON for any path it does not serve. */
@StreamRequestBody
public final class ApiNotFoundHandler extends ApiHandler {
  @Override
  protected Set<String> methods() {
    return Set.of(request().method());
  }

  @Override
  public void prepare() {
    throw new ApiError(404, "no API resource at " + request().path());
  }
}
