/** The template replacement policy: most recently used (mru), one small class. */
package io.vmlab.policy.template;
