package org.communityhub.engine.registry;

import java.util.List;
import java.util.Map;
import org.communityhub.engine.registry.MergeParticipant.MergeObstacle;
import org.communityhub.engine.support.HubException;

/** The merge cannot be confirmed now: something is in the way, or it no longer matches what was shown. */
public class MergeRefused extends HubException {

  private final List<MergeObstacle> obstacles;

  private MergeRefused(String message, List<MergeObstacle> obstacles) {
    super(Kind.CONFLICT, message);
    this.obstacles = List.copyOf(obstacles);
  }

  static MergeRefused blocked(List<MergeObstacle> obstacles) {
    return new MergeRefused("The two records cannot be merged yet: resolve each obstacle first", obstacles);
  }

  static MergeRefused alreadyConfirmed() {
    return new MergeRefused("This merge was already confirmed", List.of());
  }

  static MergeRefused outdated() {
    return new MergeRefused("A record changed since this merge was proposed; propose it again and check it",
        List.of());
  }

  @Override
  public Map<String, Object> properties() {
    return obstacles.isEmpty() ? Map.of() : Map.of("obstacles", obstacles);
  }
}
