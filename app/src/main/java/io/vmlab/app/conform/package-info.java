/**
 * The conformance runner: replays cases recorded on real Linux kernels (conformance/cases) on
 * the simulated kernel of the matching machine, and compares every recorded value.
 */
package io.vmlab.app.conform;
