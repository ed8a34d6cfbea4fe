/**
 * Who is calling and what they may do: bearer tokens the application issues itself, roles on endpoints,
 * the first administrator, and the audit record of every request.
 */
package org.communityhub.api.security;
