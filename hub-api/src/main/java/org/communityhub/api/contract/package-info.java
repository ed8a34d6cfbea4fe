/** HTTP for payers and their contracts (HUB administrators) and for approving outcomes before they are billed. */
package org.communityhub.api.contract;
