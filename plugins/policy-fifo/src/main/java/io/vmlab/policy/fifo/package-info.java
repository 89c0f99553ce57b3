/** FIFO page replacement: the victim is the page that became resident first. */
package io.vmlab.policy.fifo;
