package org.communityhub.engine.definition;

import org.communityhub.engine.support.HubException;

/** Two administrators published the same pathway at the same moment; one of them is asked to look again. */
class PublishedConcurrently extends HubException {

  PublishedConcurrently(String code) {
    super(Kind.CONFLICT, "Another version of " + code + " was published at the same time; check the versions"
        + " and upload again");
  }
}
