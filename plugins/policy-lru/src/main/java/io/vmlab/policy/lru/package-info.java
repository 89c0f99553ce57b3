/** Exact LRU page replacement: every reference moves the page to the head, the victim is the tail. */
package io.vmlab.policy.lru;
