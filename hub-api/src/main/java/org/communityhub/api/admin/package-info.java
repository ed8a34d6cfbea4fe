/** HUB administration over HTTP: agencies, staff and the audit log. HUB administrators only. */
package org.communityhub.api.admin;
