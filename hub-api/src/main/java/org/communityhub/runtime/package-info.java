/** The embedded runtime: the PostgreSQL and Zeebe broker processes the application starts, stops and takes over after a crash. */
package org.communityhub.runtime;
