/** Swap space: slots, swap counts, the swap cache, and swap-out/swap-in. */
package io.vmlab.kernel.swap;
