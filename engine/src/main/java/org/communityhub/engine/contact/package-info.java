/** Contacts with clients (visits, calls, attempts): the evidence of outreach and the monthly-contact rule. */
package org.communityhub.engine.contact;
