/** Compiles, versions and activates the HUB's DRL rule packages, and holds the facts every package shares. */
package org.communityhub.rules;
