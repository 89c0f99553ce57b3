/**
 * A ps/top-like table of simulated processes, with procps-ng's own formatting rules for TIME+,
 * TIME, memory columns and %MEM, and the times coming from the run's cost model.
 */
package io.vmlab.app.report.proc;
