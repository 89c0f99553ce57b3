/**
 * Experiments: a YAML file names machines, processes with their steps (syscalls, touches, forks,
 * trace replays), a sweep and outputs; {@link io.vmlab.app.experiment.ExperimentRunner} expands
 * the sweep into runs, runs them in parallel on fresh kernels and collects the results in sweep
 * order, identical to a sequential run.
 */
package io.vmlab.app.experiment;
