package org.communityhub.engine.registry;

import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.support.HubException;

/** Work was sent to a record that was merged into another: the answer names the record to use. */
public class ClientWasMerged extends HubException {

  private final UUID survivor;

  ClientWasMerged(UUID client, UUID survivor) {
    super(Kind.CONFLICT, "Client " + client + " was merged into client " + survivor + "; use that record");
    this.survivor = survivor;
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("mergedInto", survivor);
  }
}
