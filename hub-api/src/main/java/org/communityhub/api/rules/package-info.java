/** Rule packages over HTTP: HUB administrators upload DRL, read versions, try a draft and activate it. */
package org.communityhub.api.rules;
